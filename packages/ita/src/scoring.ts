/**
 * Indicators → tools → total, the way NACC publishes them: each step from the rounded (two-decimal)
 * values of the step before, rounding half up with integer arithmetic.
 */
import { assertCenti, type Centi, roundHalfUpDiv } from "./centi";
import type { Framework, FrameworkTool, IndicatorScores, ToolKey, ToolScores } from "./types";

function knownScore(value: Centi | null | undefined, what: string): Centi | null {
  if (value === null || value === undefined) return null;
  assertCenti(value, what);
  return value;
}

/** Mean of the given scores, or null as soon as one is unknown. */
function meanOrNull(values: readonly (Centi | null)[]): Centi | null {
  let sum = 0;
  for (const v of values) {
    if (v === null) return null;
    sum += v;
  }
  return values.length === 0 ? null : roundHalfUpDiv(sum, values.length);
}

function toolFromIndicators(tool: FrameworkTool, indicators: IndicatorScores): Centi | null {
  return meanOrNull(tool.indicators.map((n) => knownScore(indicators[n], `indicator ${n}`)));
}

/**
 * Tool scores from indicator scores. A tool is null when any of its indicators is unknown (we never guess).
 * From FY 2566 EIT is the mean of its two parts when both are given (that is how NACC publishes it), and
 * falls back to indicators 6–8 otherwise. Parts are ignored for frameworks without EIT parts. Tools the
 * framework does not have are null.
 */
export function toolsFromIndicators(
  fw: Framework,
  indicators: IndicatorScores,
  eitParts: { eitPart1?: Centi | null; eitPart2?: Centi | null } = {},
): ToolScores {
  const result: ToolScores = { iit: null, eit: null, oit: null };
  for (const tool of fw.tools) {
    result[tool.key] = toolFromIndicators(tool, indicators);
  }
  const eit = fw.toolByKey.get("eit");
  if (eit && eit.parts.length > 0) {
    const part1 = knownScore(eitParts.eitPart1, "EIT part 1");
    const part2 = knownScore(eitParts.eitPart2, "EIT part 2");
    result.eitPart1 = part1;
    result.eitPart2 = part2;
    const parts = eit.parts.map((p) => (p.key === "eit_part1" ? part1 : part2));
    const fromParts = meanOrNull(parts);
    if (fromParts !== null) result.eit = fromParts;
  }
  return result;
}

/**
 * Total = Σ weight% × tool score, rounded half up once: roundHalfUpDiv(Σ weight × centi, 100).
 * Null when any tool of the framework is unknown.
 */
export function totalFromTools(fw: Framework, tools: Partial<ToolScores>): Centi | null {
  let weighted = 0;
  for (const tool of fw.tools) {
    const score = knownScore(tools[tool.key], `${tool.key} score`);
    if (score === null) return null;
    weighted += tool.weight * score;
  }
  return roundHalfUpDiv(weighted, 100);
}

/** The score of one tool of `tools`, for code that iterates over fw.tools. */
export function toolScore(tools: Partial<ToolScores>, key: ToolKey): Centi | null {
  return tools[key] ?? null;
}
