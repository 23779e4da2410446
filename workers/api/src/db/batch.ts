import type { Compilable } from "kysely";

/**
 * Runs Kysely queries as one D1 batch: D1 executes a batch as a single transaction, so either every
 * statement applies or none does. (D1 has no interactive transactions.)
 */
export async function runBatch(d1: D1Database, queries: Compilable[]): Promise<D1Result[]> {
  if (queries.length === 0) return [];
  return d1.batch(
    queries.map((q) => {
      const { sql, parameters } = q.compile();
      return d1.prepare(sql).bind(...parameters);
    }),
  );
}
