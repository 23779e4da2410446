/**
 * Shapes shared by the results import: what reading and parsing a file produce (read.ts, parse.ts) and what
 * the rest of the import (derive, compare, commit) consumes. Scores are integer hundredths ("centi", as in
 * packages/ita): 58.08 points = 5808.
 *
 * Issue codes (stable; the UI and tests rely on them). Row numbers are as the spreadsheet shows them (header = 1).
 *
 * File-level: readTable (and so parseImportFile) rejects with an ImportFileError:
 * - file-too-large     more than IMPORT_LIMITS.maxBytes (checked before anything is read), or an .xlsx whose XML
 *                      parts would unpack to more than read.ts's MAX_XLSX_UNPACKED_BYTES (checked before unpacking)
 * - too-many-rows      more than IMPORT_LIMITS.maxRows non-blank data rows (the whole file is refused)
 * - empty-file         no bytes, no rows, or only a header row
 * - unsupported-type   not CSV/TSV text nor XLSX (e.g. an old binary .xls, a PDF)
 * - unreadable-file    claims to be XLSX but cannot be opened, text that is neither UTF-8 nor Windows-874,
 *                      or a CSV with an unclosed quote (which would swallow the rest of the file)
 *
 * Header errors (the header row, normally 1):
 * - missing-column     a required column (agency_code, fiscal_year) is absent
 * - empty-file         (parseRows only, for a table without any non-blank row; readTable rejects instead)
 * - duplicate-column   two headers name the same column ("agency_code" and "รหัสหน่วยงาน" count as the same)
 * Row errors:
 * - missing-agency-code, invalid-agency-code, missing-fiscal-year, unknown-year (outside 2562–2570 / 2019–2027,
 *   or no framework loaded for that year), invalid-number, out-of-range, too-many-decimals,
 *   invalid-item-value (OIT item not yes/no), unknown-item-column (item not in that year's catalogue),
 *   invalid-agency-type, invalid-size, invalid-rating, duplicate-row (same agency and year earlier in the file)
 * Warnings (the file is still accepted):
 * - unknown-column     a header that is neither a known column nor an item code: the column is ignored
 * - unnamed-column     a column without a header that holds values: ignored
 * - no-eit-parts       EIT part scores in a year whose framework has no EIT parts (before 2566): ignored
 */

export interface ImportIssue {
  /** Row as the spreadsheet shows it: header = 1, first data row = 2. */
  row: number;
  /** The column's header as written in the file (or its letter, e.g. "F", when it has no header). */
  column: string;
  /** The cell as written (trimmed). */
  value: string;
  code: string;
  /** Thai, for an office worker. */
  message: string;
  messageEn: string;
}

/** Scores in integer hundredths; a missing key = unknown. */
export type ScoreMap<K extends string | number> = Partial<Record<K, number>>;

export type AgencyTypeKey = "pao" | "city" | "town" | "subdistrict" | "sao" | "other";
export type AgencySize = "S" | "M" | "L";

/** One data row without errors, normalised. Blank cells are simply absent (unknown). */
export interface ParsedRow {
  /** Row number as the spreadsheet shows it (header row = 1, first data row = 2). */
  row: number;
  agencyCode: string;
  agency: { nameTh?: string; type?: AgencyTypeKey; size?: AgencySize; district?: string };
  /** Buddhist Era. */
  fiscalYear: number;
  indicators: ScoreMap<1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10>;
  tools: { iit?: number; eit?: number; oit?: number; eitPart1?: number; eitPart2?: number };
  total?: number;
  /** The framework's rating key (AA…F or excellent/good/pass/fail). */
  rating?: string;
  /** Item results; codes normalised: "O12", "i3", "e15". OIT items are 0 or 10000 (= 100.00 points). */
  items: { oit: Record<string, 0 | 10000>; iit: Record<string, number>; eit: Record<string, number> };
}

export interface ParseOutcome {
  /** Rows free of errors, in file order. A row with any error is left out (it is listed in `errors`). */
  rows: ParsedRow[];
  /** Non-blank data rows in the file (with or without errors). */
  rowCount: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

export const IMPORT_LIMITS = { maxBytes: 10 * 1024 * 1024, maxRows: 20_000 };

/** The file as a whole cannot be imported (see the file-level codes above). */
export class ImportFileError extends Error {
  constructor(
    readonly code: string,
    override readonly message: string,
    readonly messageEn: string,
  ) {
    super(message);
    this.name = "ImportFileError";
  }
}

/** What readTable and parseImportFile take: the uploaded bytes and what the client said about them. */
export interface ImportFileInput {
  bytes: Uint8Array;
  contentType: string | null;
  fileName: string | null;
}
