/**
 * Rows of a results file → normalised ParsedRows, with every problem named by row, column and value in Thai and
 * English. Row-level only: deriving values, comparing with the database and writing are done elsewhere.
 * Numbers, item codes, frameworks and ratings come from packages/ita; nothing here re-implements them.
 * Issue codes are listed in types.ts.
 */
import { AGENCY_TYPES } from "@prongsai/contracts";
import { type Framework, fromThaiDigits, type IndicatorNumber, parseScore, ratingsOf } from "@prongsai/ita";
import {
  columnKeyOf,
  defaultFrameworks,
  headerMatchKey,
  type ItemTool,
  itemColumnOf,
  itemCountsOf,
  oitCodesOf,
  REQUIRED_COLUMNS,
  TEMPLATE_COLUMNS,
  templateLabel,
} from "./columns";
import { readTable } from "./read";
import type { AgencySize, AgencyTypeKey, ImportFileInput, ImportIssue, ParsedRow, ParseOutcome } from "./types";

export interface ParseOptions {
  /** Frameworks by fiscal year; defaults to the built-in ones of packages/ita (e.g. pass a FrameworkRegistry). */
  frameworks?: { get(year: number): Framework | undefined };
}

/** Years recognised in a file (a BE year with a framework outside this range is accepted too). */
const BE_RANGE = { min: 2562, max: 2570 };
const CE_OFFSET = 543;

const SCORE_KEYS = new Set([
  "iit",
  "eit",
  "eit_part1",
  "eit_part2",
  "oit",
  "total",
  ...TEMPLATE_COLUMNS.filter((c) => /^ind\d+$/.test(c.key)).map((c) => c.key),
]);

const AGENCY_CODE = /^[A-Za-z0-9._-]{1,40}$/;

// ---------------------------------------------------------------------------------------------------------
// Value dictionaries (matched with headerMatchKey: case, spaces, dots and Thai digits do not matter)

const AGENCY_TYPE_BY_TEXT = new Map<string, AgencyTypeKey>();
for (const [key, t] of Object.entries(AGENCY_TYPES) as [AgencyTypeKey, (typeof AGENCY_TYPES)[AgencyTypeKey]][]) {
  for (const form of [key, t.th, t.abbr, t.en]) AGENCY_TYPE_BY_TEXT.set(headerMatchKey(form), key);
}
for (const [form, key] of [
  ["tao", "sao"],
  ["Subdistrict Administrative Organization", "sao"],
  ["Tambon Administrative Organization", "sao"],
  ["Provincial Administrative Organization", "pao"],
  ["กรุงเทพมหานคร", "other"],
  ["กทม.", "other"],
  ["เมืองพัทยา", "other"],
  ["อื่นๆ", "other"],
] as const) {
  AGENCY_TYPE_BY_TEXT.set(headerMatchKey(form), key);
}

const SIZE_BY_TEXT = new Map<string, AgencySize>();
for (const [forms, size] of [
  [["s", "small", "เล็ก", "ขนาดเล็ก"], "S"],
  [["m", "medium", "กลาง", "ขนาดกลาง"], "M"],
  [["l", "large", "ใหญ่", "ขนาดใหญ่"], "L"],
] as const) {
  for (const f of forms) SIZE_BY_TEXT.set(headerMatchKey(f), size);
}

/** OIT item answers; numbers go through parseScore: 1 or 100 = yes, 0 = no. */
const OIT_ANSWERS = new Map<string, 0 | 10000>();
for (const f of ["มี", "yes", "y", "true", "✓", "✔", "ผ่าน"]) OIT_ANSWERS.set(headerMatchKey(f), 10000);
for (const f of ["ไม่มี", "no", "n", "false", "✗", "✘", "ไม่ผ่าน"]) OIT_ANSWERS.set(headerMatchKey(f), 0);

const ratingCache = new WeakMap<Framework, Map<string, string>>();
function ratingByText(fw: Framework): Map<string, string> {
  let map = ratingCache.get(fw);
  if (!map) {
    map = new Map();
    for (const r of ratingsOf(fw)) {
      for (const form of [r.key, r.label.th, r.label.en]) map.set(headerMatchKey(form), r.key);
    }
    ratingCache.set(fw, map);
  }
  return map;
}

const oitCodeCache = new WeakMap<Framework, ReadonlySet<string>>();
function oitCodeSet(fw: Framework): ReadonlySet<string> {
  let set = oitCodeCache.get(fw);
  if (!set) {
    set = new Set(oitCodesOf(fw));
    oitCodeCache.set(fw, set);
  }
  return set;
}

function ratingList(fw: Framework): string {
  return ratingsOf(fw)
    .map((r) => (r.label.th === r.key ? r.key : r.label.th))
    .join(", ");
}

// ---------------------------------------------------------------------------------------------------------
// Columns

interface Column {
  index: number;
  /** As written in the file. */
  header: string;
  key: string;
  item: { tool: ItemTool; n: number; code: string } | null;
}

/** Spreadsheet column letter of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function isBlankRow(row: readonly string[] | undefined): boolean {
  return !row || row.every((c) => c.trim() === "");
}

function issue(row: number, column: string, value: string, code: string, message: string, messageEn: string) {
  return { row, column, value, code, message, messageEn } satisfies ImportIssue;
}

/** The ita RangeError of parseScore → our code (parseScore is the one number parser; we only classify). */
function scoreErrorCode(e: unknown): "invalid-number" | "out-of-range" | "too-many-decimals" {
  const text = e instanceof Error ? e.message : "";
  if (text.includes("more than two decimals")) return "too-many-decimals";
  if (text.includes("outside 0")) return "out-of-range";
  return "invalid-number";
}

function scoreIssue(row: number, column: string, value: string, code: string): ImportIssue {
  switch (code) {
    case "out-of-range":
      return issue(
        row,
        column,
        value,
        code,
        `ค่า '${value}' ในคอลัมน์ ${column} ต้องอยู่ระหว่าง 0 ถึง 100`,
        `'${value}' in column ${column} must be between 0 and 100`,
      );
    case "too-many-decimals":
      return issue(
        row,
        column,
        value,
        code,
        `ค่า '${value}' ในคอลัมน์ ${column} มีทศนิยมเกิน 2 ตำแหน่ง`,
        `'${value}' in column ${column} has more than two decimals`,
      );
    default:
      return issue(
        row,
        column,
        value,
        "invalid-number",
        `ค่า '${value}' ในคอลัมน์ ${column} ไม่ใช่ตัวเลข`,
        `'${value}' in column ${column} is not a number`,
      );
  }
}

/** Fiscal year as written → BE year, or an error code. */
function yearOf(
  text: string,
  frameworks: NonNullable<ParseOptions["frameworks"]>,
): { year: number; fw: Framework } | { code: "unknown-year"; noFramework?: number } {
  const m = /^(?:พ\.?\s*ศ\.?|ค\.?\s*ศ\.?|ปีงบประมาณ|ปีงบ|ปี|fy|be|ce)?\s*(\d{4})$/i.exec(fromThaiDigits(text).trim());
  if (!m) return { code: "unknown-year" };
  const n = Number(m[1]);
  let be: number | null = null;
  if ((n >= BE_RANGE.min && n <= BE_RANGE.max) || frameworks.get(n)) be = n;
  else if ((n >= BE_RANGE.min - CE_OFFSET && n <= BE_RANGE.max - CE_OFFSET) || frameworks.get(n + CE_OFFSET)) {
    be = n + CE_OFFSET;
  }
  if (be === null) return { code: "unknown-year" };
  const fw = frameworks.get(be);
  return fw ? { year: be, fw } : { code: "unknown-year", noFramework: be };
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Parse a table (header row first; see readTable) into rows. Never throws for bad content: every problem is an
 * issue. Errors mean the caller refuses the file; `rows` holds only the rows without errors.
 */
export function parseRows(table: string[][], options: ParseOptions = {}): ParseOutcome {
  const frameworks = options.frameworks ?? defaultFrameworks;
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const rows: ParsedRow[] = [];

  const headerIndex = table.findIndex((r) => !isBlankRow(r));
  if (headerIndex === -1) {
    errors.push(issue(1, "", "", "empty-file", "ไฟล์ไม่มีข้อมูล", "The file has no data"));
    return { rows, rowCount: 0, errors, warnings };
  }
  const header = table[headerIndex] as string[];
  const headerRow = headerIndex + 1;
  let rowCount = 0;
  let width = 0;
  for (let i = headerIndex + 1; i < table.length; i++) {
    const r = table[i] as string[];
    if (isBlankRow(r)) continue;
    rowCount++;
    width = Math.max(width, r.length);
  }
  width = Math.max(width, header.length);

  // Header: known columns, ignored ones (warnings), duplicates and missing required ones (errors).
  const columns: Column[] = [];
  const byKey = new Map<string, Column>();
  for (let j = 0; j < width; j++) {
    const raw = (header[j] ?? "").trim();
    if (raw === "") {
      const used = table.some((r, i) => i > headerIndex && (r[j] ?? "").trim() !== "");
      if (used) {
        const letter = columnLetter(j);
        warnings.push(
          issue(
            headerRow,
            letter,
            "",
            "unnamed-column",
            `คอลัมน์ ${letter} ไม่มีหัวตาราง จึงไม่ได้นำเข้าข้อมูลในคอลัมน์นี้`,
            `Column ${letter} has no header, so its values were not imported`,
          ),
        );
      }
      continue;
    }
    const key = columnKeyOf(raw);
    if (key === null) {
      warnings.push(
        issue(
          headerRow,
          raw,
          raw,
          "unknown-column",
          `คอลัมน์ '${raw}' ไม่ใช่คอลัมน์ของแม่แบบ จึงไม่ได้นำเข้า`,
          `Column '${raw}' is not a template column and was ignored`,
        ),
      );
      continue;
    }
    const previous = byKey.get(key);
    if (previous) {
      errors.push(
        issue(
          headerRow,
          raw,
          raw,
          "duplicate-column",
          `คอลัมน์ '${raw}' (${columnLetter(j)}) ซ้ำกับคอลัมน์ '${previous.header}' (${columnLetter(previous.index)}) โปรดเหลือไว้คอลัมน์เดียว`,
          `Column '${raw}' (${columnLetter(j)}) is the same as column '${previous.header}' (${columnLetter(previous.index)}): keep only one`,
        ),
      );
      continue;
    }
    const column: Column = { index: j, header: raw, key, item: itemColumnOf(key) };
    columns.push(column);
    byKey.set(key, column);
  }
  for (const key of REQUIRED_COLUMNS) {
    if (byKey.has(key)) continue;
    const c = TEMPLATE_COLUMNS.find((t) => t.key === key);
    const label = c ? templateLabel(c) : key;
    errors.push(
      issue(
        headerRow,
        key,
        "",
        "missing-column",
        `ไม่มีคอลัมน์ที่จำเป็น: ${label}`,
        `A required column is missing: ${c?.en ?? key} (${key})`,
      ),
    );
  }
  if (errors.some((e) => e.code === "missing-column")) return { rows, rowCount, errors, warnings };

  const codeColumn = byKey.get("agency_code") as Column;
  const yearColumn = byKey.get("fiscal_year") as Column;
  const baseColumns = columns.filter((c) => c.item === null && c !== codeColumn && c !== yearColumn);
  const itemColumns = columns.filter((c) => c.item !== null);
  const seen = new Map<string, number>();
  const eitPartsWarned = new Set<string>();

  for (let i = headerIndex + 1; i < table.length; i++) {
    const cells = table[i] as string[];
    if (isBlankRow(cells)) continue;
    const rowNumber = i + 1;
    const rowErrors: ImportIssue[] = [];
    const cell = (c: Column) => (cells[c.index] ?? "").trim();

    // agency_code
    const rawCode = cell(codeColumn);
    const code = fromThaiDigits(rawCode).trim();
    if (code === "") {
      rowErrors.push(
        issue(
          rowNumber,
          codeColumn.header,
          rawCode,
          "missing-agency-code",
          `แถวนี้ไม่มีรหัสหน่วยงาน (คอลัมน์ ${codeColumn.header})`,
          `This row has no agency code (column ${codeColumn.header})`,
        ),
      );
    } else if (!AGENCY_CODE.test(code)) {
      rowErrors.push(
        issue(
          rowNumber,
          codeColumn.header,
          rawCode,
          "invalid-agency-code",
          `รหัสหน่วยงาน '${rawCode}' ใช้ไม่ได้: ต้องเป็นตัวอักษรอังกฤษ ตัวเลข หรือ . _ - ยาวไม่เกิน 40 ตัว`,
          `Agency code '${rawCode}' is not valid: use 1–40 English letters, digits, '.', '_' or '-'`,
        ),
      );
    }

    // fiscal_year
    const rawYear = cell(yearColumn);
    let year: number | null = null;
    let fw: Framework | null = null;
    if (rawYear === "") {
      rowErrors.push(
        issue(
          rowNumber,
          yearColumn.header,
          rawYear,
          "missing-fiscal-year",
          `แถวนี้ไม่มีปีงบประมาณ (คอลัมน์ ${yearColumn.header})`,
          `This row has no fiscal year (column ${yearColumn.header})`,
        ),
      );
    } else {
      const y = yearOf(rawYear, frameworks);
      if ("year" in y) {
        year = y.year;
        fw = y.fw;
      } else if (y.noFramework !== undefined) {
        rowErrors.push(
          issue(
            rowNumber,
            yearColumn.header,
            rawYear,
            "unknown-year",
            `ยังไม่มีเกณฑ์การประเมิน ITA ของปี ${y.noFramework} ในระบบ จึงนำเข้าผลของปีนี้ไม่ได้ (ผู้ดูแลระบบต้องเพิ่มเกณฑ์ของปีนี้ก่อน)`,
            `The ITA framework for FY ${y.noFramework} is not loaded yet, so its results cannot be imported (an administrator must add it first)`,
          ),
        );
      } else {
        rowErrors.push(
          issue(
            rowNumber,
            yearColumn.header,
            rawYear,
            "unknown-year",
            `ปี '${rawYear}' ไม่ใช่ปีงบประมาณที่รองรับ (พ.ศ. ${BE_RANGE.min}–${BE_RANGE.max} หรือ ค.ศ. ${BE_RANGE.min - CE_OFFSET}–${BE_RANGE.max - CE_OFFSET})`,
            `'${rawYear}' is not a supported fiscal year (BE ${BE_RANGE.min}–${BE_RANGE.max} or CE ${BE_RANGE.min - CE_OFFSET}–${BE_RANGE.max - CE_OFFSET})`,
          ),
        );
      }
    }

    const parsed: ParsedRow = {
      row: rowNumber,
      agencyCode: code,
      agency: {},
      fiscalYear: year ?? 0,
      indicators: {},
      tools: {},
      items: { oit: {}, iit: {}, eit: {} },
    };

    for (const c of baseColumns) {
      const value = cell(c);
      if (value === "") continue;
      if (SCORE_KEYS.has(c.key)) {
        let centi: number | null;
        try {
          centi = parseScore(value);
        } catch (e) {
          rowErrors.push(scoreIssue(rowNumber, c.header, value, scoreErrorCode(e)));
          continue;
        }
        if (centi === null) continue;
        if ((c.key === "eit_part1" || c.key === "eit_part2") && fw && !fw.toolByKey.get("eit")?.parts.length) {
          const once = `${c.key}|${fw.fiscalYear}`;
          if (!eitPartsWarned.has(once)) {
            eitPartsWarned.add(once);
            warnings.push(
              issue(
                rowNumber,
                c.header,
                value,
                "no-eit-parts",
                `ปี ${fw.fiscalYear} ไม่มีการแบ่ง EIT เป็นส่วนที่ 1/2 (เริ่มปี 2566) ค่าในคอลัมน์ ${c.header} ของปีนี้จึงไม่ได้นำเข้า (ทุกแถวของปีนี้)`,
                `FY ${fw.fiscalYear} has no EIT parts (they start in 2566), so column ${c.header} was not imported for that year (all its rows)`,
              ),
            );
          }
          continue;
        }
        setScore(parsed, c.key, centi);
        continue;
      }
      switch (c.key) {
        case "agency_name":
          parsed.agency.nameTh = value;
          break;
        case "district":
          parsed.agency.district = value;
          break;
        case "agency_type": {
          const type = AGENCY_TYPE_BY_TEXT.get(headerMatchKey(value));
          if (type) parsed.agency.type = type;
          else
            rowErrors.push(
              issue(
                rowNumber,
                c.header,
                value,
                "invalid-agency-type",
                `ประเภทหน่วยงาน '${value}' ไม่รู้จัก ใช้ได้: อบจ., ทน., ทม., ทต., อบต. หรือชื่อเต็ม เช่น องค์การบริหารส่วนตำบล`,
                `Agency type '${value}' is not recognised: use อบจ., ทน., ทม., ทต., อบต., the full Thai name, or pao/city/town/subdistrict/sao/other`,
              ),
            );
          break;
        }
        case "size": {
          const size = SIZE_BY_TEXT.get(headerMatchKey(value));
          if (size) parsed.agency.size = size;
          else
            rowErrors.push(
              issue(
                rowNumber,
                c.header,
                value,
                "invalid-size",
                `ขนาดหน่วยงาน '${value}' ไม่รู้จัก ใช้ได้: S, M, L (เล็ก, กลาง, ใหญ่)`,
                `Size '${value}' is not recognised: use S, M or L`,
              ),
            );
          break;
        }
        case "rating": {
          if (!fw) break; // the year is already an error
          const key = ratingByText(fw).get(headerMatchKey(value));
          if (key) parsed.rating = key;
          else
            rowErrors.push(
              issue(
                rowNumber,
                c.header,
                value,
                "invalid-rating",
                `ผลการประเมิน '${value}' ไม่ใช่ระดับของปี ${fw.fiscalYear} (ใช้ได้: ${ratingList(fw)})`,
                `Rating '${value}' is not a rating of FY ${fw.fiscalYear} (use one of: ${ratingsOf(fw)
                  .map((r) => r.key)
                  .join(", ")})`,
              ),
            );
          break;
        }
      }
    }

    if (fw) {
      const oitCodes = oitCodeSet(fw);
      const counts = itemCountsOf(fw);
      for (const c of itemColumns) {
        const value = cell(c);
        if (value === "") continue;
        const item = c.item as NonNullable<Column["item"]>;
        const known = item.tool === "oit" ? oitCodes.has(item.code) : item.n >= 1 && item.n <= counts[item.tool];
        if (!known) {
          rowErrors.push(unknownItem(rowNumber, c.header, value, item, fw, oitCodes.size, counts));
          continue;
        }
        if (item.tool === "oit") {
          const answer = oitAnswer(value);
          if (answer === null) {
            rowErrors.push(
              issue(
                rowNumber,
                c.header,
                value,
                "invalid-item-value",
                `ค่า '${value}' ในคอลัมน์ ${c.header} ใช้ไม่ได้ ข้อ OIT ต้องเป็น มี/ไม่มี (หรือ 1/0, yes/no)`,
                `'${value}' in column ${c.header} is not valid: an OIT item must be yes/no (มี/ไม่มี, 1/0)`,
              ),
            );
          } else {
            parsed.items.oit[item.code] = answer;
          }
          continue;
        }
        try {
          const centi = parseScore(value);
          if (centi !== null) parsed.items[item.tool][item.code] = centi;
        } catch (e) {
          rowErrors.push(scoreIssue(rowNumber, c.header, value, scoreErrorCode(e)));
        }
      }
    }

    // Duplicate agency + year (the later row is the error).
    if (year !== null && code !== "" && AGENCY_CODE.test(code)) {
      const key = `${code}\u0000${year}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        rowErrors.push(
          issue(
            rowNumber,
            codeColumn.header,
            rawCode,
            "duplicate-row",
            `แถวนี้ซ้ำกับแถวที่ ${earlier} (รหัสหน่วยงาน ${code} ปี ${year}) โปรดเหลือไว้แถวเดียว`,
            `This row repeats row ${earlier} (agency ${code}, FY ${year}): keep only one`,
          ),
        );
      } else {
        seen.set(key, rowNumber);
      }
    }

    if (rowErrors.length > 0) errors.push(...rowErrors);
    else rows.push(parsed);
  }

  return { rows, rowCount, errors, warnings };
}

function setScore(row: ParsedRow, key: string, centi: number): void {
  switch (key) {
    case "iit":
    case "eit":
    case "oit":
      row.tools[key] = centi;
      return;
    case "eit_part1":
      row.tools.eitPart1 = centi;
      return;
    case "eit_part2":
      row.tools.eitPart2 = centi;
      return;
    case "total":
      row.total = centi;
      return;
    default:
      row.indicators[Number(key.slice(3)) as IndicatorNumber] = centi;
  }
}

/** มี/ไม่มี, yes/no, y/n, true/false, ✓, and numbers 1/100 (yes) or 0 (no), Thai digits included. */
function oitAnswer(value: string): 0 | 10000 | null {
  const word = OIT_ANSWERS.get(headerMatchKey(value));
  if (word !== undefined) return word;
  let centi: number | null;
  try {
    centi = parseScore(value);
  } catch {
    return null;
  }
  if (centi === 0) return 0;
  if (centi === 100 || centi === 10000) return 10000;
  return null;
}

function unknownItem(
  row: number,
  column: string,
  value: string,
  item: NonNullable<Column["item"]>,
  fw: Framework,
  oitCount: number,
  counts: { iit: number; eit: number },
): ImportIssue {
  const year = fw.fiscalYear;
  if (item.tool === "oit" && oitCount === 0) {
    return issue(
      row,
      column,
      value,
      "unknown-item-column",
      `ปี ${year} ยังไม่มีรายการข้อ OIT ในระบบ จึงนำเข้าคอลัมน์ ${column} ไม่ได้ (ปล่อยว่างไว้ได้)`,
      `The OIT item list of FY ${year} is not known, so column ${column} cannot be imported (leave it blank)`,
    );
  }
  const what =
    item.tool === "oit"
      ? { th: `รายการข้อ OIT ของปี ${year} (มี ${oitCount} ข้อ)`, en: `the FY ${year} OIT list (${oitCount} items)` }
      : item.tool === "iit"
        ? { th: `แบบวัด IIT ของปี ${year} (i1–i${counts.iit})`, en: `the FY ${year} IIT questions (i1–i${counts.iit})` }
        : { th: `แบบวัด EIT ของปี ${year} (e1–e${counts.eit})`, en: `the FY ${year} EIT questions (e1–e${counts.eit})` };
  return issue(
    row,
    column,
    value,
    "unknown-item-column",
    `คอลัมน์ ${column} (ข้อ ${item.code}) ไม่มีใน${what.th}`,
    `Column ${column} (item ${item.code}) is not in ${what.en}`,
  );
}

/** readTable + parseRows. Rejects with ImportFileError for file-level problems (see readTable). */
export async function parseImportFile(input: ImportFileInput, options: ParseOptions = {}): Promise<ParseOutcome> {
  return parseRows(await readTable(input), options);
}
