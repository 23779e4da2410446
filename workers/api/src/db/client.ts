import { Kysely } from "kysely";
import { D1Dialect } from "kysely-d1";
import type { Database } from "./schema";

export type DB = Kysely<Database>;

/** A typed Kysely client over the D1 binding. Cheap to create: one per request. */
export function createDb(d1: D1Database): DB {
  return new Kysely<Database>({ dialect: new D1Dialect({ database: d1 }) });
}
