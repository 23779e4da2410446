/**
 * The first sheet of an .xlsx file as rows of cell texts, synchronously.
 *
 * Built from the same two parts read-excel-file uses inside: fflate (unzip) and saxen (SAX XML parser), both
 * pure JavaScript, maintained, and running in workerd. read-excel-file itself works in workerd too, but only
 * through a Promise API, and the import's interface (readTable / parseImportFile) is synchronous.
 *
 * What is read: the workbook's first sheet (via _rels/.rels → workbook → its relationships), shared strings
 * (including rich-text runs, without phonetic rPh text), inline strings, formula results (cached values), booleans,
 * error values (#DIV/0! …) and numbers. Styles are not read, so a date arrives as its serial number, which the
 * score parser then refuses like any other wrong value. Element and attribute prefixes are ignored ("x:c" = "c"),
 * as some generators write prefixed SpreadsheetML. Custom XML entities are never expanded (saxen decodes only the
 * predefined and numeric ones), so entity-expansion bombs do nothing.
 */
import { type UnzipFileInfo, unzipSync } from "fflate";
import { decode, Parser } from "saxen";

/** The file is not a readable .xlsx (not a ZIP, no workbook, broken XML). */
export class XlsxFormatError extends Error {
  override readonly name = "XlsxFormatError";
}

/** A part of the file unpacks to more than the limit (a "zip bomb", or a sheet far too big to import). */
export class XlsxTooLargeError extends Error {
  override readonly name = "XlsxTooLargeError";
}

/** More than `maxRows` non-blank rows: reading stopped early (the caller refuses the file). */
export class XlsxRowLimitError extends Error {
  override readonly name = "XlsxRowLimitError";
}

export interface XlsxReadOptions {
  /** Non-blank rows (header included) after which reading stops with XlsxRowLimitError. */
  maxNonBlankRows: number;
  /** Largest unpacked size of one XML part, in bytes. */
  maxPartBytes: number;
  /** Turns a number cell into text (see read.ts: exact two-decimal values). */
  numberText: (n: number) => string;
  /** Final clean-up of every cell text (trimming). */
  clean: (text: string) => string;
}

const CHUNK = 1 << 20;
/** Excel's last column is XFD = 16384. */
const MAX_COLUMNS = 16384;

function localName(name: string): string {
  const i = name.indexOf(":");
  return i === -1 ? name : name.slice(i + 1);
}

/** An attribute by local name: "id" finds r:id (or any prefix). Unprefixed names are looked up directly. */
function attr(attrs: Record<string, string>, name: string): string | undefined {
  const direct = attrs[name];
  if (direct !== undefined) return direct;
  for (const k in attrs) if (localName(k) === name) return attrs[k];
  return undefined;
}

interface XmlHandlers {
  open?: (name: string, attrs: () => Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

/** SAX-parse an XML part, decoding and feeding it in chunks so that a big sheet never becomes one huge string. */
function parseXml(bytes: Uint8Array, h: XmlHandlers): void {
  const parser = new Parser();
  parser.on("error", (e) => {
    throw new XlsxFormatError(`Broken XML: ${e.message}`);
  });
  if (h.open) {
    const open = h.open;
    parser.on("openTag", (name, getAttrs) => open(localName(name), getAttrs));
  }
  if (h.close) {
    const close = h.close;
    parser.on("closeTag", (name) => close(localName(name)));
  }
  if (h.text) {
    const text = h.text;
    parser.on("text", (t, dec) => text(dec(t)));
    parser.on("cdata", (t) => text(t));
  }
  const decoder = new TextDecoder("utf-8");
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    parser.write(decoder.decode(bytes.subarray(offset, offset + CHUNK), { stream: true }));
  }
  parser.write(decoder.decode());
  const error = parser.end();
  if (error) throw new XlsxFormatError(`Broken XML: ${error.message}`);
}

function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i === -1 ? "" : path.slice(0, i + 1);
}

/** A relationship target relative to the folder of the part that owns it ("/xl/x.xml" is absolute). */
function resolvePath(baseDir: string, target: string): string {
  const t = decode(target).replace(/\\/g, "/");
  const full = t.startsWith("/") ? t.slice(1) : baseDir + t;
  const out: string[] = [];
  for (const part of full.split("/")) {
    if (part === "..") out.pop();
    else if (part !== "." && part !== "") out.push(part);
  }
  return out.join("/");
}

interface Relationship {
  type: string;
  target: string;
}

function readRelationships(bytes: Uint8Array | undefined): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  if (!bytes) return rels;
  parseXml(bytes, {
    open(name, attrs) {
      if (name !== "Relationship") return;
      const a = attrs();
      const id = attr(a, "Id");
      const target = attr(a, "Target");
      if (id && target) rels.set(id, { type: attr(a, "Type") ?? "", target });
    },
  });
  return rels;
}

function findByType(rels: Map<string, Relationship>, suffix: string): Relationship | undefined {
  for (const r of rels.values()) if (r.type.endsWith(suffix)) return r;
  return undefined;
}

/** Shared strings: the text of each <si>, concatenating rich-text runs and leaving out phonetic (rPh) text. */
function readSharedStrings(bytes: Uint8Array | undefined): string[] {
  const strings: string[] = [];
  if (!bytes) return strings;
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  parseXml(bytes, {
    open(name) {
      if (name === "si") current = [];
      else if (name === "rPh") phonetic++;
      else if (name === "t") inText = phonetic === 0;
    },
    close(name) {
      if (name === "t") inText = false;
      else if (name === "rPh") phonetic--;
      else if (name === "si") {
        strings.push(current ? current.join("") : "");
        current = null;
      }
    },
    text(t) {
      if (inText && current) current.push(t);
    },
  });
  return strings;
}

/** "AB12" → column 28, row 12 (1-based; row null when the reference has none), or null. */
function parseRef(ref: string): { column: number; row: number | null } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d*)$/.exec(ref);
  if (!m?.[1]) return null;
  let column = 0;
  for (const ch of m[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { column, row: m[2] ? Number(m[2]) : null };
}

/**
 * Rows of the first sheet; index i = spreadsheet row i + 1; cells as text ("" when empty). Throws XlsxFormatError,
 * XlsxTooLargeError or XlsxRowLimitError.
 */
export function readFirstSheet(bytes: Uint8Array, options: XlsxReadOptions): string[][] {
  let tooLarge = false;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter(file: UnzipFileInfo) {
        if (!/\.(xml|rels)$/i.test(file.name)) return false;
        if (file.originalSize > options.maxPartBytes) {
          tooLarge = true;
          return false;
        }
        return true;
      },
    });
  } catch (e) {
    throw new XlsxFormatError(`Not a readable ZIP archive: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (tooLarge) throw new XlsxTooLargeError("A part of the workbook unpacks to more than the limit");
  const byLowerName = new Map(Object.keys(files).map((k) => [k.toLowerCase(), k]));
  const file = (path: string): Uint8Array | undefined => {
    const name = files[path] ? path : byLowerName.get(path.toLowerCase());
    const data = name === undefined ? undefined : files[name];
    if (data && data.length > options.maxPartBytes) throw new XlsxTooLargeError(`${path} is too large`);
    return data;
  };

  const rootRels = readRelationships(file("_rels/.rels"));
  const officeDoc = findByType(rootRels, "/officeDocument");
  const workbookPath = officeDoc ? resolvePath("", officeDoc.target) : "xl/workbook.xml";
  const workbook = file(workbookPath);
  if (!workbook) throw new XlsxFormatError("No workbook in the archive");

  let firstSheetRel: string | null = null;
  parseXml(workbook, {
    open(name, attrs) {
      if (name === "sheet" && firstSheetRel === null) firstSheetRel = attr(attrs(), "id") ?? "";
    },
  });
  const wbDir = dirOf(workbookPath);
  const wbRels = readRelationships(file(`${wbDir}_rels/${workbookPath.slice(wbDir.length)}.rels`));
  const sheetRel = firstSheetRel === null ? undefined : wbRels.get(firstSheetRel);
  const sheetPath = sheetRel ? resolvePath(wbDir, sheetRel.target) : `${wbDir}worksheets/sheet1.xml`;
  const sheet = file(sheetPath);
  if (!sheet) throw new XlsxFormatError("The first sheet is missing from the archive");
  const sharedRel = findByType(wbRels, "/sharedStrings");
  const strings = readSharedStrings(
    file(sharedRel ? resolvePath(wbDir, sharedRel.target) : `${wbDir}sharedStrings.xml`),
  );

  return readSheetRows(sheet, strings, options);
}

function readSheetRows(sheet: Uint8Array, strings: readonly string[], options: XlsxReadOptions): string[][] {
  const rows: string[][] = [];
  let nonBlankRows = 0;
  let rowNumber = 0;
  let column = 0;
  // The cell being read.
  let cellType = "n";
  let cellRow = 0;
  let cellColumn = 0;
  let value: string[] = [];
  let inline: string[] = [];
  let inValue = false;
  let inInline = false;
  let inInlineText = false;
  let phonetic = 0;
  let depthInSheetData = false;

  const cellText = (): string => {
    const v = value.join("");
    switch (cellType) {
      case "s": {
        const index = Number(v);
        return Number.isInteger(index) ? (strings[index] ?? "") : "";
      }
      case "inlineStr":
        return inline.join("");
      case "b":
        return v === "1" ? "true" : v === "0" ? "false" : v;
      case "str":
      case "e":
      case "d":
        return v;
      default: {
        if (v.trim() === "") return "";
        const n = Number(v);
        return Number.isNaN(n) ? v : options.numberText(n);
      }
    }
  };

  parseXml(sheet, {
    open(name, attrs) {
      if (name === "sheetData") {
        depthInSheetData = true;
        return;
      }
      if (!depthInSheetData) return;
      switch (name) {
        case "row": {
          const r = Number(attr(attrs(), "r"));
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          column = 0;
          return;
        }
        case "c": {
          const a = attrs();
          cellType = attr(a, "t") ?? "n";
          const ref = attr(a, "r") ?? "";
          const at = ref ? parseRef(ref) : null;
          cellColumn = at?.column ?? column + 1;
          cellRow = at?.row ?? rowNumber;
          if (cellColumn > MAX_COLUMNS) throw new XlsxFormatError(`Cell ${ref} is beyond the last column`);
          value = [];
          inline = [];
          return;
        }
        case "v":
          inValue = true;
          return;
        case "is":
          inInline = true;
          return;
        case "rPh":
          phonetic++;
          return;
        case "t":
          inInlineText = inInline && phonetic === 0;
          return;
      }
    },
    close(name) {
      switch (name) {
        case "sheetData":
          depthInSheetData = false;
          return;
        case "v":
          inValue = false;
          return;
        case "is":
          inInline = false;
          return;
        case "rPh":
          phonetic--;
          return;
        case "t":
          inInlineText = false;
          return;
        case "c": {
          if (!depthInSheetData) return;
          column = cellColumn;
          const text = options.clean(cellText());
          if (text === "" || cellRow < 1) return;
          let row = rows[cellRow - 1];
          if (!row) {
            // A row gets an array only once it has a value, so this counts non-blank rows.
            nonBlankRows++;
            if (nonBlankRows > options.maxNonBlankRows) throw new XlsxRowLimitError("Too many rows");
            row = [];
            rows[cellRow - 1] = row;
          }
          while (row.length < cellColumn - 1) row.push("");
          row[cellColumn - 1] = text;
          return;
        }
      }
    },
    text(t) {
      if (inValue) value.push(t);
      else if (inInlineText) inline.push(t);
    },
  });

  // Rows without any value are holes in the array: make them real (empty) rows.
  for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
  return rows;
}
