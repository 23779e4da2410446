import type { Health } from "@prongsai/contracts";
import { sql } from "kysely";
import type { DB } from "../db/client";

export async function checkHealth(db: DB): Promise<Health> {
  const migrations = await sql<{ n: number }>`SELECT count(*) AS n FROM d1_migrations`.execute(db);
  const tenants = await db
    .selectFrom("tenants")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return {
    status: "ok",
    service: "prongsai-api",
    database: { ok: true, migrations: Number(migrations.rows[0]?.n ?? 0), tenants: Number(tenants?.n ?? 0) },
    time: new Date().toISOString(),
  };
}
