/**
 * The columns of the results template and how a header written in a file maps to a column key.
 *
 * Keys are the English names (`agency_code`, `ind1`, …); item columns are `o1…oN`, `i1…i30`, `e1…e15`
 * (lower case, no leading zeros). Files may use the key ("agency_code", "AGENCY_CODE", "agency code"), the
 * Thai header ("รหัสหน่วยงาน"), the English label, or the template form "รหัสหน่วยงาน (agency_code)".
 */
import { compareCodes, type Framework, frameworkFor, fromThaiDigits, INDICATOR_NUMBERS } from "@prongsai/ita";

export interface TemplateColumn {
  key: string;
  th: string;
  en: string;
}

/** The base columns, in template order. */
export const TEMPLATE_COLUMNS: TemplateColumn[] = [
  { key: "agency_code", th: "รหัสหน่วยงาน", en: "Agency code" },
  { key: "agency_name", th: "ชื่อหน่วยงาน", en: "Agency name" },
  { key: "agency_type", th: "ประเภทหน่วยงาน", en: "Agency type" },
  { key: "size", th: "ขนาดหน่วยงาน", en: "Size" },
  { key: "district", th: "อำเภอ", en: "District" },
  { key: "fiscal_year", th: "ปีงบประมาณ", en: "Fiscal year" },
  { key: "iit", th: "คะแนน IIT", en: "IIT score" },
  { key: "eit", th: "คะแนน EIT", en: "EIT score" },
  { key: "eit_part1", th: "คะแนน EIT ส่วนที่ 1", en: "EIT part 1 score" },
  { key: "eit_part2", th: "คะแนน EIT ส่วนที่ 2", en: "EIT part 2 score" },
  { key: "oit", th: "คะแนน OIT", en: "OIT score" },
  ...INDICATOR_NUMBERS.map((n) => ({ key: `ind${n}`, th: `ตัวชี้วัดที่ ${n}`, en: `Indicator ${n}` })),
  { key: "total", th: "คะแนนรวม", en: "Total score" },
  { key: "rating", th: "ผลการประเมิน", en: "Rating" },
];

/** Columns a file must have. */
export const REQUIRED_COLUMNS = ["agency_code", "fiscal_year"] as const;

/** Other spellings seen in hand-made sheets (matched like the headers, ignoring case and separators). */
const ALIASES: Record<string, readonly string[]> = {
  agency_code: ["รหัส", "รหัส อปท.", "code"],
  agency_name: ["ชื่อ", "ชื่อ อปท.", "หน่วยงาน", "name"],
  agency_type: ["ประเภท", "ประเภท อปท.", "type"],
  size: ["ขนาด"],
  fiscal_year: ["ปี", "ปีงบ", "ปี พ.ศ.", "year", "fy"],
  total: ["รวม", "คะแนน ITA", "ita"],
  rating: ["ระดับผลการประเมิน", "ระดับ", "grade"],
};

const DEFAULT_IIT_ITEMS = 30;
const DEFAULT_EIT_ITEMS = 15;

/**
 * Matching form of a header: Thai digits → ASCII, lower case, no spaces/underscores/hyphens/dots, zero-width
 * characters removed, and "ํา" (nikhahit + sara aa, a common typing variant) written as "ำ".
 */
export function headerMatchKey(text: string): string {
  return fromThaiDigits(text.normalize("NFC"))
    .replace(/\u0E4D\u0E32/g, "\u0E33")
    .toLowerCase()
    .replace(/[\s_\-.\u200B-\u200D\u2060\uFEFF]+/g, "");
}

const LOOKUP = new Map<string, string>();
for (const c of TEMPLATE_COLUMNS) {
  for (const form of [c.key, c.th, c.en, ...(ALIASES[c.key] ?? [])]) LOOKUP.set(headerMatchKey(form), c.key);
}

/** "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่", "Indicator 1", "ind 1" → ind1 (names after the number are allowed). */
const INDICATOR_HEADER = /^(?:ตัวชี้วัด(?:ที่)?|indicator|ind)(\d{1,2})(?!\d)/;
const ITEM_HEADER = /^([oie])0*(\d{1,3})$/;

function keyOfPlain(text: string): string | null {
  const m = headerMatchKey(text);
  if (m === "") return null;
  const base = LOOKUP.get(m);
  if (base) return base;
  const item = ITEM_HEADER.exec(m);
  if (item) {
    const n = Number(item[2]);
    return n >= 1 ? `${item[1]}${n}` : null;
  }
  const ind = INDICATOR_HEADER.exec(m);
  if (ind) {
    const n = Number(ind[1]);
    return n >= 1 && n <= 10 ? `ind${n}` : null;
  }
  return null;
}

/**
 * The column key of a header, or null when it is not a known column. Base columns give their key
 * ("agency_code"); item columns give "o12", "i3", "e15" (lower case, leading zeros dropped: "O01" → "o1").
 * The template form "ไทย (key)" is read by its key first, then by its Thai part.
 */
export function columnKeyOf(header: string): string | null {
  const text = header.trim();
  const paren = /^(.*?)\s*[(（]([^()（）]*)[)）]\s*$/.exec(text);
  if (paren) {
    return keyOfPlain(paren[2] ?? "") ?? keyOfPlain(paren[1] ?? "") ?? keyOfPlain(text);
  }
  return keyOfPlain(text);
}

export type ItemTool = "oit" | "iit" | "eit";

/** An item column key ("o12", "i3", "e15") → its tool, number and the item code used in ParsedRow. */
export function itemColumnOf(key: string): { tool: ItemTool; n: number; code: string } | null {
  const m = /^([oie])(\d+)$/.exec(key);
  if (!m) return null;
  const n = Number(m[2]);
  if (m[1] === "o") return { tool: "oit", n, code: `O${n}` };
  if (m[1] === "i") return { tool: "iit", n, code: `i${n}` };
  return { tool: "eit", n, code: `e${n}` };
}

/** OIT item codes of a year's catalogue (complete or partial list), in catalogue order. Empty when unknown. */
export function oitCodesOf(fw: Framework): string[] {
  return [...fw.oit.items.map((i) => i.code), ...fw.oit.ungroupedItems.map((i) => i.code)];
}

/** Number of IIT / EIT questions of a year (i1…iN, e1…eM). */
export function itemCountsOf(fw: Framework | undefined): { iit: number; eit: number } {
  return { iit: fw?.itemLevel.iit ?? DEFAULT_IIT_ITEMS, eit: fw?.itemLevel.eit ?? DEFAULT_EIT_ITEMS };
}

/** How a base column is written in the template: "รหัสหน่วยงาน (agency_code)". */
export function templateLabel(c: TemplateColumn): string {
  return `${c.th} (${c.key})`;
}

/**
 * The template's header row for a fiscal year (BE): the base columns, then o1…oN of that year's OIT
 * catalogue in code order (complete or partial list; none when the list is unknown, e.g. 2567, or the year has no
 * framework), then i1…i30 and e1…e15.
 */
export function templateHeader(
  year: number,
  frameworks: { get(year: number): Framework | undefined } = defaultFrameworks,
): string[] {
  const fw = frameworks.get(year);
  const oit = fw
    ? oitCodesOf(fw)
        .filter((code) => /^O\d+$/.test(code))
        .sort(compareCodes)
        .map((code) => `o${Number(code.slice(1))}`)
    : [];
  const counts = itemCountsOf(fw);
  return [
    ...TEMPLATE_COLUMNS.map(templateLabel),
    ...oit,
    ...Array.from({ length: counts.iit }, (_, k) => `i${k + 1}`),
    ...Array.from({ length: counts.eit }, (_, k) => `e${k + 1}`),
  ];
}

/** The built-in frameworks of packages/ita. */
export const defaultFrameworks = { get: (year: number) => frameworkFor(year) };
