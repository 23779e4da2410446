/**
 * OIT item-level scoring. Each item scores 0 or 100; a sub-indicator is the mean of its items; an
 * indicator (9 or 10) is the mean of its sub-indicators. Items therefore weigh differently, which is what
 * an agency needs to know to fix the right things first (see itemPointGains).
 */
import { type Centi, roundHalfUpDiv } from "./centi";
import { normalizeItemCode } from "./framework";
import type { Framework, IndicatorNumber, IndicatorScores, OitItemRef, OitSubIndicator } from "./types";

/** An OIT item result: 100/true = passed, 0/false = failed, null/undefined = not known. */
export type OitItemValue = 0 | 100 | boolean | null | undefined;

/** Item-level OIT work needs the full item list and grouping, which only a "complete" catalogue has. */
export class OitCatalogueIncompleteError extends Error {
  readonly fiscalYear: number;
  readonly status: string;
  constructor(fw: Framework) {
    super(
      `The FY ${fw.fiscalYear} OIT catalogue is ${fw.oit.status}: item-level scoring needs a complete catalogue (${fw.oit.confidence})`,
    );
    this.name = "OitCatalogueIncompleteError";
    this.fiscalYear = fw.fiscalYear;
    this.status = fw.oit.status;
  }
}

/** Whether indicators 9/10 and point gains can be derived from items for this framework. */
export function hasCompleteOitCatalogue(fw: Framework): boolean {
  return fw.oit.status === "complete";
}

function requireComplete(fw: Framework): void {
  if (fw.oit.status !== "complete") throw new OitCatalogueIncompleteError(fw);
}

type ItemState = "pass" | "fail" | "unknown";

function itemState(value: unknown, code: string): ItemState {
  if (value === null || value === undefined) return "unknown";
  if (value === true || value === 100) return "pass";
  if (value === false || value === 0) return "fail";
  throw new RangeError(`OIT item ${code}: expected 0, 100, true, false or null, got ${String(value)}`);
}

/**
 * Read caller-supplied item results into states keyed by catalogue code. Codes are normalised ("o24",
 * "O๒๔" → "O24"); a code that is not in the catalogue throws, because it usually means results of another
 * year's catalogue (the same code means different things in different years).
 */
function readItems(fw: Framework, items: Readonly<Record<string, OitItemValue>>): Map<string, ItemState> {
  const states = new Map<string, ItemState>();
  for (const [rawCode, value] of Object.entries(items)) {
    const code = normalizeItemCode(rawCode);
    if (!fw.oit.itemByCode.has(code)) {
      throw new RangeError(`OIT item "${rawCode}" is not in the FY ${fw.fiscalYear} catalogue (${fw.oit.catalogueId})`);
    }
    const state = itemState(value, rawCode);
    // Two spellings of one code ("o24" and "O24"): a known value wins over unknown.
    if (state !== "unknown" || !states.has(code)) states.set(code, state);
  }
  return states;
}

export interface SubIndicatorResult {
  code: string;
  indicator: IndicatorNumber;
  /** For display: rounded half up on its own. Null when an item is unknown (and missingAs is not "fail"). */
  score: Centi | null;
  /** Items passed. */
  passed: number;
  /** Items in the sub-indicator. */
  total: number;
  /** Items not known (counted as failed when missingAs is "fail"). */
  unknown: number;
}

export interface OitIndicatorsResult {
  indicators: { 9: Centi | null; 10: Centi | null } & IndicatorScores;
  subIndicators: SubIndicatorResult[];
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/**
 * Indicator exactly: (100 / S) · Σ passed_i / n_i, rounded half up once, in centi. Computing the sum of
 * fractions over a common denominator avoids rounding the sub-indicators first, which can move the
 * indicator by a hundredth.
 */
function indicatorFromSubs(subs: readonly { passed: number; total: number }[]): Centi {
  const common = subs.reduce((l, s) => (l / gcd(l, s.total)) * s.total, 1);
  const sumNumerator = subs.reduce((sum, s) => sum + s.passed * (common / s.total), 0);
  return roundHalfUpDiv(10000 * sumNumerator, subs.length * common);
}

/**
 * Indicators 9 and 10 (every OIT indicator of the framework) from item results. An indicator is null when
 * any of its items is unknown, unless `missingAs: "fail"` (projections: "if nothing else is fixed").
 * Throws OitCatalogueIncompleteError unless the catalogue is complete.
 */
export function oitIndicatorsFromItems(
  fw: Framework,
  items: Readonly<Record<string, OitItemValue>>,
  opts: { missingAs?: "fail" } = {},
): OitIndicatorsResult {
  requireComplete(fw);
  const states = readItems(fw, items);
  const missingFails = opts.missingAs === "fail";
  const subIndicators: SubIndicatorResult[] = fw.oit.subIndicators.map((sub) => {
    let passed = 0;
    let unknown = 0;
    for (const item of sub.items) {
      const s = states.get(item.code) ?? "unknown";
      if (s === "pass") passed++;
      else if (s === "unknown") unknown++;
    }
    const total = sub.items.length;
    const score = unknown > 0 && !missingFails ? null : roundHalfUpDiv(10000 * passed, total);
    return { code: sub.code, indicator: sub.indicator, score, passed, total, unknown };
  });

  const indicators: OitIndicatorsResult["indicators"] = { 9: null, 10: null };
  const oitTool = fw.toolByKey.get("oit");
  for (const n of oitTool?.indicators ?? []) {
    const subs = subIndicators.filter((s) => s.indicator === n);
    const complete = subs.length > 0 && subs.every((s) => s.score !== null);
    indicators[n] = complete ? indicatorFromSubs(subs) : null;
  }
  return { indicators, subIndicators };
}

export interface PointGain {
  /** Points added to the total (float, for sorting and explanations). */
  exact: number;
  /** The same, rounded half up to centi. */
  centi: Centi;
}

/**
 * Points one item adds to the total when it goes from 0 to 100:
 * toolWeight% / (indicators in tool) / (items in its sub-indicator × sub-indicators in its indicator).
 * For OIT (40 %, 2 indicators) that is 20 / (n × S): a FY 2564 10.2 item = 5.00, a 9.1 item = 0.44.
 * Ignores the rounding of published scores, so real rises can differ by a hundredth or two.
 */
function gainOf(fw: Framework, ref: OitItemRef): PointGain {
  const tool = fw.toolByKey.get("oit");
  if (!tool) throw new OitCatalogueIncompleteError(fw);
  const subs: readonly OitSubIndicator[] = fw.oit.subIndicatorsByIndicator.get(ref.subIndicator.indicator) ?? [];
  const denominator = tool.indicators.length * ref.subIndicator.items.length * subs.length;
  return { exact: tool.weight / denominator, centi: roundHalfUpDiv(100 * tool.weight, denominator) };
}

/** Point gain of passing one OIT item (throws for an unknown code or an incomplete catalogue). */
export function itemPointGain(fw: Framework, itemCode: string): PointGain {
  requireComplete(fw);
  const ref = fw.oit.itemByCode.get(normalizeItemCode(itemCode));
  if (!ref) throw new RangeError(`OIT item "${itemCode}" is not in the FY ${fw.fiscalYear} catalogue`);
  return gainOf(fw, ref);
}

export interface ItemPointGainRow {
  code: string;
  title: string;
  subIndicator: string;
  indicator: IndicatorNumber;
  passed: boolean;
  /** What passing the item would add; zero for items already passed. */
  gain: PointGain;
}

/** Natural order of codes: O2 < O10, 9.2 < 10.1. */
export function compareCodes(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/**
 * Every item of the catalogue with what fixing it is worth, biggest gain first (then by code). Items not
 * known to be passed count as failed, so the list doubles as a to-do list for an agency that has not
 * answered yet. Throws OitCatalogueIncompleteError unless the catalogue is complete.
 */
export function itemPointGains(fw: Framework, items: Readonly<Record<string, OitItemValue>>): ItemPointGainRow[] {
  requireComplete(fw);
  const states = readItems(fw, items);
  const rows: ItemPointGainRow[] = fw.oit.items.map((item) => {
    const ref = fw.oit.itemByCode.get(item.code) as OitItemRef;
    const passed = states.get(item.code) === "pass";
    return {
      code: item.code,
      title: item.title,
      subIndicator: ref.subIndicator.code,
      indicator: ref.subIndicator.indicator,
      passed,
      gain: passed ? { exact: 0, centi: 0 } : gainOf(fw, ref),
    };
  });
  return rows.sort((a, b) => b.gain.exact - a.gain.exact || compareCodes(a.code, b.code));
}
