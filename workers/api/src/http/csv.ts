import type { Context } from "hono";
import Papa from "papaparse";

/**
 * A text cell that a spreadsheet must show as text: values starting with = + - @ (or a tab/CR) would be run
 * as formulas by Excel and LibreOffice ("CSV injection"), so they get a leading apostrophe.
 */
export function csvCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
}

/** Rows as CSV for spreadsheets: UTF-8 with a BOM (Excel reads Thai correctly), CRLF, injection-safe text. */
export function csvBody<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const data = rows.map((r) =>
    columns.map((c) => {
      const v = c.value(r);
      if (v === null || v === undefined) return "";
      return typeof v === "number" ? String(v) : csvCell(v);
    }),
  );
  return `\uFEFF${Papa.unparse([columns.map((c) => c.header), ...data], { newline: "\r\n" })}\r\n`;
}

/** A CSV download through the request's context, so middleware headers (x-request-id) stay on it. */
export function csvResponse(c: Context, body: string, fileName: string): Response {
  return c.body(body, 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${fileName}"`,
  });
}
