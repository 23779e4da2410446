/**
 * "Derive the rest": people enter whatever an agency's result sheet shows (sometimes indicators, sometimes
 * only tools and total, sometimes OIT item results) and we fill in what follows from it.
 */
import { assertCenti, type Centi } from "./centi";
import { type OitItemValue, oitIndicatorsFromItems } from "./oit";
import { rate } from "./rating";
import { toolsFromIndicators, totalFromTools } from "./scoring";
import type { Framework, IndicatorNumber, IndicatorScores, Rating, ToolKey, ToolScores } from "./types";

export interface ComputeInput {
  indicators?: IndicatorScores;
  tools?: Partial<ToolScores>;
  total?: Centi | null;
  /** OIT item results (used only when the framework's OIT catalogue is complete). */
  items?: Readonly<Record<string, OitItemValue>>;
}

/** Field names: "indicator.9", "tool.eit", "total". */
export type ResultField = `indicator.${IndicatorNumber}` | `tool.${ToolKey}` | "total";

export interface ComputeResult {
  /** Every indicator of the framework (null = unknown). */
  indicators: IndicatorScores;
  tools: ToolScores;
  total: Centi | null;
  /** Null while the total is unknown. */
  rating: Rating | null;
  /** Values that were not given and were derived. */
  derived: { field: ResultField; value: Centi }[];
  /** Given values that disagree with the derivation by more than 1 centi; the given value is kept. */
  conflicts: { field: ResultField; given: Centi; derived: Centi }[];
}

/**
 * Tolerance for given vs derived: published figures are rounded at each step, so a recomputation can
 * differ by a hundredth without anyone being wrong.
 */
const TOLERANCE: Centi = 1;

function given(value: Centi | null | undefined, field: string): Centi | null {
  if (value === null || value === undefined) return null;
  assertCenti(value, field);
  return value;
}

/**
 * Fill in what the given values imply: OIT items → indicators 9/10 (complete catalogues only; unknown items
 * leave them unknown), indicators → tools, EIT parts → EIT, tools → total → rating. A given value always
 * wins; if it differs from the derived value by more than 1 centi the difference is reported as a conflict
 * (usually a typo, or results of another year's framework).
 */
export function computeResult(fw: Framework, input: ComputeInput): ComputeResult {
  const derived: ComputeResult["derived"] = [];
  const conflicts: ComputeResult["conflicts"] = [];

  const settle = (field: ResultField, g: Centi | null, d: Centi | null): Centi | null => {
    if (g !== null) {
      if (d !== null && Math.abs(g - d) > TOLERANCE) conflicts.push({ field, given: g, derived: d });
      return g;
    }
    if (d !== null) derived.push({ field, value: d });
    return d;
  };

  const fromItems: IndicatorScores =
    input.items && fw.oit.status === "complete" ? oitIndicatorsFromItems(fw, input.items).indicators : {};

  const indicators: IndicatorScores = {};
  for (const ind of fw.indicators) {
    const field: ResultField = `indicator.${ind.number}`;
    indicators[ind.number] = settle(field, given(input.indicators?.[ind.number], field), fromItems[ind.number] ?? null);
  }

  const inTools = input.tools ?? {};
  const eitPart1 = given(inTools.eitPart1, "tool.eitPart1");
  const eitPart2 = given(inTools.eitPart2, "tool.eitPart2");
  const fromIndicators = toolsFromIndicators(fw, indicators, { eitPart1, eitPart2 });
  const tools: ToolScores = { iit: null, eit: null, oit: null };
  for (const tool of fw.tools) {
    const field: ResultField = `tool.${tool.key}`;
    tools[tool.key] = settle(field, given(inTools[tool.key], field), fromIndicators[tool.key]);
  }
  if (fw.toolByKey.get("eit")?.parts.length) {
    tools.eitPart1 = eitPart1;
    tools.eitPart2 = eitPart2;
  }

  const total = settle("total", given(input.total, "total"), totalFromTools(fw, tools));
  const rating = total === null ? null : rate(fw, tools, total);
  return { indicators, tools, total, rating, derived, conflicts };
}
