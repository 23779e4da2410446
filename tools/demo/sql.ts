/**
 * Plain SQLite INSERT statements for D1 (`wrangler d1 execute --local --file`): multi-row VALUES, no
 * transactions (D1 rejects BEGIN/COMMIT in files), every value a literal. Statements stay well under D1's
 * 100 KB statement limit (Thai text is 3 bytes a character in UTF-8).
 */

export type SqlValue = string | number | null;

/** Most rows in one INSERT. */
export const MAX_ROWS_PER_STATEMENT = 200;
/** Most bytes (UTF-8) in one INSERT; D1 allows 100,000. */
export const MAX_BYTES_PER_STATEMENT = 80_000;

/** A SQL literal: strings quoted with single quotes doubled, integers as digits, null as NULL. */
export function sqlLiteral(value: SqlValue): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new RangeError(`sqlLiteral: only integers are written, got ${value}`);
    return String(value);
  }
  if (value.includes("\u0000")) throw new RangeError("sqlLiteral: NUL character in a string");
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * INSERT INTO table (columns) VALUES (…), (…); split into statements of at most MAX_ROWS_PER_STATEMENT rows
 * and MAX_BYTES_PER_STATEMENT bytes.
 */
export function insertStatements(table: string, columns: readonly string[], rows: readonly SqlValue[][]): string[] {
  const head = `INSERT INTO ${table} (${columns.join(", ")}) VALUES\n`;
  const headBytes = Buffer.byteLength(head);
  const statements: string[] = [];
  let tuples: string[] = [];
  let bytes = headBytes;
  const flush = () => {
    if (tuples.length > 0) statements.push(`${head}${tuples.join(",\n")};`);
    tuples = [];
    bytes = headBytes;
  };
  for (const row of rows) {
    if (row.length !== columns.length) {
      throw new RangeError(`insertStatements(${table}): row has ${row.length} values for ${columns.length} columns`);
    }
    const tuple = `(${row.map(sqlLiteral).join(", ")})`;
    const tupleBytes = Buffer.byteLength(tuple) + 2;
    if (
      tuples.length >= MAX_ROWS_PER_STATEMENT ||
      (tuples.length > 0 && bytes + tupleBytes > MAX_BYTES_PER_STATEMENT)
    ) {
      flush();
    }
    tuples.push(tuple);
    bytes += tupleBytes;
  }
  flush();
  return statements;
}
