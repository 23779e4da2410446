import type { Compilable } from "kysely";

/**
 * Runs Kysely queries as one D1 batch: D1 executes a batch as a single transaction, so either every
 * statement applies or none does. (D1 has no interactive transactions.)
 */
export async function runBatch(d1: D1Database, queries: Compilable[]): Promise<D1Result[]> {
  if (queries.length === 0) return [];
  return d1.batch(queries.map((q) => prepared(d1, q)));
}

/** A Kysely query as a D1 prepared statement, to mix with hand-written statements in one batch. */
export function prepared(d1: D1Database, q: Compilable): D1PreparedStatement {
  const { sql, parameters } = q.compile();
  return d1.prepare(sql).bind(...parameters);
}

/**
 * Splits rows into chunks whose JSON stays well under D1's limits (100 KB of SQL text, 2 MB per bound value):
 * bulk statements pass each chunk as one `json_each(?)` parameter instead of hundreds of placeholders.
 */
export function jsonChunks<T>(rows: readonly T[], maxBytes = 400_000): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const row of rows) {
    const s = JSON.stringify(row);
    if (current.length > 0 && size + s.length + 1 > maxBytes) {
      chunks.push(`[${current.join(",")}]`);
      current = [];
      size = 2;
    }
    current.push(s);
    size += s.length + 1;
  }
  if (current.length > 0) chunks.push(`[${current.join(",")}]`);
  return chunks;
}
