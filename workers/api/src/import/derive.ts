/**
 * From whatever a row gives, derive the rest — with packages/ita only. The row's published values are laid
 * over what was published before for the same agency-year (a blank cell means "unknown", so it never erases),
 * then ita derives indicators 9/10 from OIT items, tools from indicators or EIT parts, the total and the rating.
 */
import {
  type Centi,
  computeResult,
  formatScore,
  frameworkFor,
  INDICATOR_NUMBERS,
  type IndicatorNumber,
} from "@prongsai/ita";
import type { ImportIssue, ParsedRow } from "./types";

/** The results columns, as stored (integer hundredths). */
export const SCORE_COLUMNS = [
  "iit",
  "eit",
  "eit_part1",
  "eit_part2",
  "oit",
  "ind1",
  "ind2",
  "ind3",
  "ind4",
  "ind5",
  "ind6",
  "ind7",
  "ind8",
  "ind9",
  "ind10",
  "total",
] as const;
export type ScoreColumn = (typeof SCORE_COLUMNS)[number];

export type ResultValues = Record<ScoreColumn, Centi | null> & {
  rating: string | null;
  /** Columns computed by Prongsai rather than published (sorted). */
  derived_fields: string[];
};

/** What a row publishes, in column form; null = not given. */
export type Published = Partial<Record<ScoreColumn | "rating", Centi | string | null>>;

const FIELD_TO_COLUMN: Record<string, ScoreColumn> = {
  "tool.iit": "iit",
  "tool.eit": "eit",
  "tool.oit": "oit",
  total: "total",
  ...Object.fromEntries(INDICATOR_NUMBERS.map((n) => [`indicator.${n}`, `ind${n}` as ScoreColumn])),
};

export function publishedOf(row: ParsedRow): Published {
  const p: Published = {
    iit: row.tools.iit ?? null,
    eit: row.tools.eit ?? null,
    eit_part1: row.tools.eitPart1 ?? null,
    eit_part2: row.tools.eitPart2 ?? null,
    oit: row.tools.oit ?? null,
    total: row.total ?? null,
    rating: row.rating ?? null,
  };
  for (const n of INDICATOR_NUMBERS) p[`ind${n}`] = row.indicators[n] ?? null;
  return p;
}

/** The published (not derived) values of a stored row, to lay new values over. */
export function publishedOfStored(stored: ResultValues | null): Published {
  if (!stored) return {};
  const derived = new Set(stored.derived_fields);
  const p: Published = {};
  for (const c of [...SCORE_COLUMNS, "rating"] as const) {
    if (!derived.has(c) && stored[c] !== null) p[c] = stored[c];
  }
  return p;
}

/** Lays `top` over `base`: a null/undefined in `top` keeps the base value. */
export function overlay(base: Published, top: Published): Published {
  const out: Published = { ...base };
  for (const [k, v] of Object.entries(top)) if (v !== null && v !== undefined) out[k as keyof Published] = v;
  return out;
}

const num = (v: Centi | string | null | undefined) => (typeof v === "number" ? v : null);

export interface Derivation {
  values: ResultValues;
  warnings: ImportIssue[];
  errors: ImportIssue[];
}

/**
 * Derives a full results row for `year` from published values and OIT items (code → 0/10000).
 * `rowNumber` places the issues in the spreadsheet (0 for typed-by-hand results).
 */
export function deriveResult(
  year: number,
  published: Published,
  oitItems: Record<string, number>,
  rowNumber: number,
): Derivation {
  const fw = frameworkFor(year);
  const warnings: ImportIssue[] = [];
  const errors: ImportIssue[] = [];
  if (!fw) {
    errors.push(
      issue(
        rowNumber,
        "fiscal_year",
        String(year),
        "unknown-year",
        `ไม่มีเกณฑ์การประเมินของปี ${year}`,
        `No framework for ${year}`,
      ),
    );
    return { values: emptyValues(), warnings, errors };
  }
  const indicators: Partial<Record<IndicatorNumber, Centi | null>> = {};
  for (const n of INDICATOR_NUMBERS) indicators[n] = num(published[`ind${n}`]);
  const items: Record<string, boolean> = {};
  for (const [code, score] of Object.entries(oitItems)) items[code] = score >= 10000;
  const result = computeResult(fw, {
    indicators,
    tools: {
      iit: num(published.iit),
      eit: num(published.eit),
      oit: num(published.oit),
      eitPart1: num(published.eit_part1),
      eitPart2: num(published.eit_part2),
    },
    total: num(published.total),
    items: Object.keys(items).length > 0 ? items : undefined,
  });

  const values = emptyValues();
  for (const n of INDICATOR_NUMBERS) values[`ind${n}`] = result.indicators[n] ?? null;
  values.iit = result.tools.iit;
  values.eit = result.tools.eit;
  values.oit = result.tools.oit;
  values.eit_part1 = result.tools.eitPart1 ?? null;
  values.eit_part2 = result.tools.eitPart2 ?? null;
  values.total = result.total;
  const derived = new Set<string>(result.derived.map((d) => FIELD_TO_COLUMN[d.field] ?? d.field));

  const givenRating = typeof published.rating === "string" ? published.rating : null;
  const computedRating = result.rating?.key ?? null;
  values.rating = givenRating ?? computedRating;
  if (!givenRating && computedRating) derived.add("rating");
  values.derived_fields = [...derived].sort();

  for (const c of result.conflicts) {
    const column = FIELD_TO_COLUMN[c.field] ?? c.field;
    warnings.push(
      issue(
        rowNumber,
        column,
        formatScore(c.given),
        "given-differs",
        `ค่า ${column} ที่ระบุ (${formatScore(c.given)}) ต่างจากค่าที่คำนวณได้ (${formatScore(c.derived)}) — ใช้ค่าที่ระบุ`,
        `Given ${column} ${formatScore(c.given)} differs from the derived ${formatScore(c.derived)}; the given value is kept`,
      ),
    );
  }
  if (givenRating && computedRating && givenRating !== computedRating) {
    warnings.push(
      issue(
        rowNumber,
        "rating",
        givenRating,
        "rating-differs",
        `ผลการประเมินที่ระบุ (${givenRating}) ต่างจากที่คำนวณได้ (${computedRating}) — ใช้ค่าที่ระบุ`,
        `Given rating ${givenRating} differs from the computed ${computedRating}; the given rating is kept`,
      ),
    );
  }
  const anyScore = SCORE_COLUMNS.some((c) => values[c] !== null);
  if (!anyScore) {
    errors.push(
      issue(
        rowNumber,
        "",
        "",
        "no-scores",
        "แถวนี้ไม่มีคะแนนตัวชี้วัด เครื่องมือ หรือคะแนนรวมเลย",
        "This row has no indicator, tool or total score",
      ),
    );
  }
  return { values, warnings, errors };
}

export function emptyValues(): ResultValues {
  const v = { rating: null, derived_fields: [] as string[] } as unknown as ResultValues;
  for (const c of SCORE_COLUMNS) v[c] = null;
  return v;
}

export function sameValues(a: ResultValues | null, b: ResultValues): boolean {
  if (!a) return false;
  return (
    SCORE_COLUMNS.every((c) => a[c] === b[c]) &&
    a.rating === b.rating &&
    a.derived_fields.join(",") === b.derived_fields.join(",")
  );
}

export function issue(
  row: number,
  column: string,
  value: string,
  code: string,
  message: string,
  messageEn: string,
): ImportIssue {
  return { row, column, value, code, message, messageEn };
}
