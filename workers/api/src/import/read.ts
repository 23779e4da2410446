/**
 * Reading an uploaded results file into a table of trimmed strings (header row first).
 *
 * Libraries, and why:
 * - CSV: papaparse (MIT, the most used CSV parser for JavaScript, pure JS, no Node APIs). It handles quoted
 *   fields with commas and line breaks, CRLF, and guesses the delimiter (comma, tab, semicolon) for files saved
 *   from Excel in other locales or as "Unicode text". An unclosed quote refuses the file: it would silently
 *   swallow every following row into one cell.
 * - XLSX: read-excel-file (MIT, maintained, pure JS; reads the first sheet with shared strings, rich text, inline
 *   strings, cached formula results, booleans and dates from number formats). Its `/universal` entry takes an
 *   ArrayBuffer. Not the npm `xlsx@0.18.5` (SheetJS), whose last npm release has a known prototype-pollution
 *   advisory on read. Two things are done around it, with fflate (the unzip library it is built on):
 *   - Zip-bomb guard: the archive's directory is read first (sizes only, nothing inflated) and a file whose XML
 *     parts would unpack to more than MAX_XLSX_UNPACKED_BYTES is refused before anything is inflated.
 *   - workerd has no Web Worker, and fflate's asynchronous unzip (which read-excel-file uses) inflates any entry
 *     over 512 KB in a Worker, so a real-sized sheet fails with "Worker is not defined". The XML parts are
 *     therefore inflated here with unzipSync and handed to read-excel-file as an uncompressed ("stored") ZIP,
 *     which it only has to slice.
 *   Cells that hold a formula error (#DIV/0!, #N/A…) are marked as text first (keepFormulaErrors), so they are
 *   reported as invalid numbers instead of being read as blank ("unknown").
 *   Numbers come through read-excel-file's parseNumber hook as the text written in the file, then numberCellText.
 *   The row limit is checked on the table read (the file is refused whole, never half-read).
 * - Encodings: WHATWG TextDecoder. workerd implements "windows-874" (labels "tis-620" and "iso-8859-11" map to
 *   it too), so no extra package is needed. Detection: UTF-8 BOM → UTF-8; UTF-16 BOM → UTF-16 (Excel's
 *   "Unicode text"); otherwise strict UTF-8, and when that fails, strict Windows-874.
 */
import { unzipSync, zipSync } from "fflate";
import Papa from "papaparse";
import { readSheet } from "read-excel-file/universal";
import { IMPORT_LIMITS, ImportFileError, type ImportFileInput } from "./types";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Content types that mean "some text table". Browsers on Windows send application/vnd.ms-excel for .csv. */
const TEXT_TYPES = new Set([
  "text/csv",
  "application/csv",
  "text/comma-separated-values",
  "text/plain",
  "text/tab-separated-values",
  "application/vnd.ms-excel",
]);
/** Content types that say nothing: decide by file name, then by content. */
const GENERIC_TYPES = new Set(["", "application/octet-stream", "binary/octet-stream", "application/x-unknown"]);

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** OLE2 compound file: the old binary .xls (and .doc). */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

type Kind = "xlsx" | "csv";

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function extensionOf(fileName: string | null): string {
  const m = /\.([A-Za-z0-9]+)\s*$/.exec(fileName ?? "");
  return m?.[1]?.toLowerCase() ?? "";
}

function unsupported(what: string): ImportFileError {
  return new ImportFileError(
    "unsupported-type",
    `ไม่รองรับไฟล์ชนิดนี้ (${what}) โปรดบันทึกเป็น .xlsx หรือ .csv`,
    `This kind of file (${what}) is not supported: please save it as .xlsx or .csv`,
  );
}

function notXlsx(): ImportFileError {
  return new ImportFileError(
    "unreadable-file",
    "เปิดไฟล์ .xlsx นี้ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่ไฟล์ Excel (.xlsx) จริง",
    "This .xlsx file cannot be opened: it may be damaged or not really an Excel (.xlsx) file",
  );
}

/** Decide CSV or XLSX from the content first (magic bytes), then the declared type and the file name. */
function kindOf(input: ImportFileInput): Kind {
  const { bytes } = input;
  const type = (input.contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const ext = extensionOf(input.fileName);
  if (startsWith(bytes, ZIP_MAGIC)) return "xlsx";
  if (startsWith(bytes, OLE_MAGIC)) return fail(unsupported("Excel 97–2003 .xls"));
  if (type === XLSX_CONTENT_TYPE || ext === "xlsx") return fail(notXlsx());
  if (TEXT_TYPES.has(type) || ["csv", "txt", "tsv"].includes(ext)) return "csv";
  if (GENERIC_TYPES.has(type) && (ext === "" || !input.fileName)) {
    // No type and no useful name: text without NUL bytes is taken as CSV.
    return bytes.subarray(0, 4096).includes(0) && !hasUtf16Bom(bytes) ? fail(unsupported("binary")) : "csv";
  }
  return fail(unsupported(ext ? `.${ext}` : type || "unknown"));
}

function fail(error: ImportFileError): never {
  throw error;
}

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/** Text of a CSV file: see the detection order at the top of this file. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  if (hasUtf16Bom(bytes)) {
    const encoding = bytes[0] === 0xff ? "utf-16le" : "utf-16be";
    return { text: new TextDecoder(encoding).decode(bytes.subarray(2)), encoding };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: Thai offices still save CSV as Windows-874 (TIS-620 plus a few punctuation marks).
  }
  try {
    return {
      text: new TextDecoder("windows-874", { fatal: true, ignoreBOM: false }).decode(bytes),
      encoding: "windows-874",
    };
  } catch {
    throw new ImportFileError(
      "unreadable-file",
      "อ่านตัวอักษรในไฟล์ไม่ได้ ไฟล์ไม่ใช่ UTF-8 หรือ Windows-874 (TIS-620) โปรดบันทึกเป็น CSV UTF-8 หรือ .xlsx",
      "The file's text cannot be read: it is neither UTF-8 nor Windows-874 (TIS-620). Please save it as CSV UTF-8 or .xlsx",
    );
  }
}

/** Trim spaces and zero-width characters (Thai text copied from the web often carries U+200B). */
export function cleanCell(text: string): string {
  return text.replace(/^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/g, "");
}

function parseCsv(bytes: Uint8Array): string[][] {
  const { text } = decodeText(bytes);
  if (text.includes("\u0000")) throw unsupported("binary");
  const result = Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    delimitersToGuess: [",", "\t", ";", "|"],
  });
  const broken = result.errors.find((e) => e.type === "Quotes");
  if (broken) {
    const row = (broken.row ?? 0) + 1;
    throw new ImportFileError(
      "unreadable-file",
      `ไฟล์ CSV มีเครื่องหมายคำพูด (") ที่ไม่ได้ปิด ตั้งแต่แถวที่ ${row} โปรดแก้ไขแล้วนำเข้าใหม่`,
      `The CSV file has an unclosed quote (") from row ${row}: please fix it and import again`,
    );
  }
  return result.data.map((r) => r.map((cell) => cleanCell(cell ?? "")));
}

/**
 * An XLSX number as text. Spreadsheets store binary floats: 88.98 may arrive as 88.98000000000001. A value
 * within 1e-9 of a two-decimal number is written with (at most) two decimals; anything else is written in
 * full (shortest round-trip form, no exponent for tiny values), so that the score parser reports it as having
 * too many decimals.
 */
export function numberCellText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
  const centi = Math.round(n * 100);
  if (Math.abs(n * 100 - centi) < 1e-7 && Number.isSafeInteger(centi)) {
    const abs = Math.abs(centi);
    const sign = centi < 0 ? "-" : "";
    const frac = abs % 100;
    const whole = (abs - frac) / 100;
    if (frac === 0) return `${sign}${whole}`;
    return `${sign}${whole}.${String(frac).padStart(2, "0").replace(/0$/, "")}`;
  }
  const shortest = String(n);
  return /e/i.test(shortest) && Math.abs(n) < 1 ? n.toFixed(20).replace(/0+$/, "") : shortest;
}

/** The parts read-excel-file reads (.xml, .xml.rels); anything else in the archive (images…) is never inflated. */
const XML_PART = /\.(xml|rels)$/i;

/**
 * Largest unpacked size of all the XML parts of an .xlsx together: a guard against "zip bombs". Reading holds the
 * sheet as bytes, as text and as rows at once, so memory use is a few times the unpacked size.
 */
export const MAX_XLSX_UNPACKED_BYTES = 96 * 1024 * 1024;

/** The XML parts of the archive, checked for size and stored again uncompressed (see the top of this file). */
function unpackXlsx(bytes: Uint8Array, maxUnpackedBytes: number): ArrayBuffer {
  let unpacked = 0;
  let files: Record<string, Uint8Array>;
  try {
    // Sizes from the archive's directory only: the filter refuses every entry, so nothing is inflated.
    unzipSync(bytes, {
      filter(file) {
        if (XML_PART.test(file.name)) unpacked += file.originalSize;
        return false;
      },
    });
    if (unpacked > maxUnpackedBytes) throw xlsxTooLarge();
    // fflate never writes past an entry's declared size, so a lying directory cannot make this bigger.
    files = unzipSync(bytes, { filter: (file) => XML_PART.test(file.name) });
    for (const name of Object.keys(files)) {
      if (WORKSHEET_PART.test(name)) files[name] = keepFormulaErrors(files[name] as Uint8Array);
    }
  } catch (e) {
    throw e instanceof ImportFileError ? e : notXlsx();
  }
  const stored = zipSync(files, { level: 0 });
  return stored.byteOffset === 0 && stored.byteLength === stored.buffer.byteLength
    ? (stored.buffer as ArrayBuffer)
    : (stored.slice().buffer as ArrayBuffer);
}

function xlsxTooLarge(): ImportFileError {
  return new ImportFileError(
    "file-too-large",
    "ข้อมูลในไฟล์ .xlsx นี้มีขนาดใหญ่เกินกว่าจะนำเข้าได้เมื่อแตกไฟล์ออก โปรดแบ่งเป็นหลายไฟล์",
    "This .xlsx file's data is too large to import once unpacked: please split it into several files",
  );
}

/** A number cell as read-excel-file passes it to parseNumber: the text written in the file ("79.40000000000001"). */
function xlsxNumberText(written: string): string {
  if (written.trim() === "") return "";
  const n = Number(written);
  return Number.isNaN(n) ? written : numberCellText(n);
}

/** A cell from read-excel-file (numbers already text, see xlsxNumberText) as trimmed text. */
function xlsxCellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    // A date (a number with a date format): shown as ISO text; it is never a valid score, code or year.
    if (Number.isNaN(value.getTime())) return "Invalid Date";
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  return cleanCell(String(value));
}

/** The first sheet of an .xlsx. Exported with the size limit as a parameter for the zip-bomb test. */
const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;

/**
 * read-excel-file turns a formula-error cell (#DIV/0!, #N/A) into an empty one, which would read as "unknown"
 * and silently keep an old score. Marking those cells as plain strings lets the error text reach the score
 * parser, so the row is reported (`invalid-number`) instead of skipped.
 */
function keepFormulaErrors(xml: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(xml);
  if (!text.includes('t="e"')) return xml;
  return new TextEncoder().encode(text.replace(/(<(?:\w+:)?c\b[^>]*?\s)t="e"/g, '$1t="str"'));
}

export async function readXlsx(bytes: Uint8Array, maxUnpackedBytes = MAX_XLSX_UNPACKED_BYTES): Promise<string[][]> {
  let sheet: unknown[][];
  try {
    // The stored copy is not kept in a variable, so that it can be collected once read-excel-file has unzipped it.
    sheet = await readSheet(unpackXlsx(bytes, maxUnpackedBytes), 1, { parseNumber: xlsxNumberText });
  } catch (e) {
    throw e instanceof ImportFileError ? e : notXlsx();
  }
  return sheet.map((row) => {
    const cells = row.map(xlsxCellText);
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    return cells;
  });
}

function isBlankRow(row: readonly string[]): boolean {
  return row.every((c) => c === "");
}

/**
 * The first sheet (XLSX) or the whole file (CSV) as rows of trimmed strings; index i is spreadsheet row i + 1
 * (blank rows are kept so that row numbers match what the user sees). Throws ImportFileError: file-too-large
 * (checked before reading), unsupported-type, unreadable-file, empty-file (nothing, or only a header),
 * too-many-rows (more than IMPORT_LIMITS.maxRows non-blank data rows: refused whole, never half-read).
 */
export async function readTable(input: ImportFileInput): Promise<string[][]> {
  const { bytes } = input;
  if (bytes.byteLength > IMPORT_LIMITS.maxBytes) {
    const mb = (bytes.byteLength / (1024 * 1024)).toFixed(1);
    const max = IMPORT_LIMITS.maxBytes / (1024 * 1024);
    throw new ImportFileError(
      "file-too-large",
      `ไฟล์มีขนาด ${mb} MB เกินขีดจำกัด ${max} MB โปรดแบ่งเป็นหลายไฟล์`,
      `The file is ${mb} MB, over the ${max} MB limit: please split it into several files`,
    );
  }
  if (bytes.byteLength === 0) throw emptyFile();
  const table = kindOf(input) === "xlsx" ? await readXlsx(bytes) : parseCsv(bytes);

  // The header is the first non-blank row (normally row 1).
  const first = table.findIndex((r) => !isBlankRow(r));
  if (first === -1) throw emptyFile();
  let dataRows = 0;
  for (let i = first + 1; i < table.length; i++) {
    if (!isBlankRow(table[i] as string[])) dataRows++;
  }
  if (dataRows === 0) throw emptyFile();
  if (dataRows > IMPORT_LIMITS.maxRows) throw tooManyRows(dataRows);
  return table;
}

function tooManyRows(count: number): ImportFileError {
  const max = IMPORT_LIMITS.maxRows.toLocaleString("en-US");
  const n = count.toLocaleString("en-US");
  return new ImportFileError(
    "too-many-rows",
    `ไฟล์มีข้อมูล ${n} แถว เกินขีดจำกัด ${max} แถว โปรดแบ่งเป็นหลายไฟล์`,
    `The file has ${n} data rows, over the limit of ${max}: please split it into several files`,
  );
}

function emptyFile(): ImportFileError {
  return new ImportFileError(
    "empty-file",
    "ไฟล์ไม่มีข้อมูล (ว่างเปล่า หรือมีแต่แถวหัวตาราง)",
    "The file has no data (it is empty or has only the header row)",
  );
}
