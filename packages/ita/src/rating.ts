/**
 * Ratings and what stands between an agency and the next one. All comparisons are on centi integers
 * (score >= 8500), never on floats.
 */
import { assertCenti, type Centi } from "./centi";
import type {
  Framework,
  IndicatorNumber,
  IndicatorScores,
  LetterGrade,
  PassLevel,
  Rating,
  ToolKey,
  ToolScores,
} from "./types";

function letterRating(fw: Framework, g: LetterGrade, total: Centi): Rating {
  return { key: g.grade, label: g.label, kind: "letter", passed: total >= fw.passMark };
}

function levelRating(fw: Framework, l: PassLevel, total: Centi): Rating {
  return { key: l.key, label: l.label, kind: "pass-levels", passed: total >= fw.passMark };
}

/** Does every tool of the framework reach `floor`? An unknown tool does not (we cannot confirm it). */
function allToolsReach(fw: Framework, tools: Partial<ToolScores>, floor: Centi): boolean {
  return fw.tools.every((t) => {
    const s = tools[t.key];
    return s !== null && s !== undefined && s >= floor;
  });
}

function levelIndex(fw: Framework, levels: readonly PassLevel[], tools: Partial<ToolScores>, total: Centi): number {
  const i = levels.findIndex(
    (l) => total >= l.minTotal && (l.minEachTool === null || allToolsReach(fw, tools, l.minEachTool)),
  );
  return i === -1 ? levels.length - 1 : i;
}

function gradeIndex(grades: readonly LetterGrade[], total: Centi): number {
  const i = grades.findIndex((g) => total >= g.min);
  return i === -1 ? grades.length - 1 : i;
}

/**
 * The rating for a total (and, for pass levels, the tool scores). Letter grades (FY 2562–2565) look at the
 * total only. Pass levels (FY 2566–) take the first level whose total and per-tool floors are met: total
 * 94.64 with EIT 84.99 is "pass", not "good". A level with a tool floor is not given while a tool is unknown.
 */
export function rate(fw: Framework, tools: Partial<ToolScores>, total: Centi): Rating {
  assertCenti(total, "total");
  const r = fw.rating;
  if (r.kind === "letter") {
    const g = r.grades[gradeIndex(r.grades, total)] as LetterGrade;
    return letterRating(fw, g, total);
  }
  for (const t of fw.tools) {
    const s = tools[t.key];
    if (s !== null && s !== undefined) assertCenti(s, `${t.key} score`);
  }
  const l = r.levels[levelIndex(fw, r.levels, tools, total)] as PassLevel;
  return levelRating(fw, l, total);
}

/** Rating keys from best to worst ("AA" … "F", or "excellent" … "fail"). */
export function ratingOrder(fw: Framework): string[] {
  return fw.rating.kind === "letter" ? fw.rating.grades.map((g) => g.grade) : fw.rating.levels.map((l) => l.key);
}

/** All ratings of the framework, best first (labels for legends and filters). */
export function ratingsOf(fw: Framework): Rating[] {
  if (fw.rating.kind === "letter") {
    return fw.rating.grades.map((g) => letterRating(fw, g, g.min));
  }
  return fw.rating.levels.map((l) => levelRating(fw, l, l.minTotal));
}

export interface WeakIndicator {
  indicator: IndicatorNumber;
  score: Centi;
  /** passMark − score, in centi. */
  gap: Centi;
}

/**
 * Indicators below the pass mark (85.00), the furthest behind first (then by number). Unknown indicators
 * are left out. These are the "weak points to fix urgently" of an O42-style analysis.
 */
export function weakIndicators(fw: Framework, indicators: IndicatorScores): WeakIndicator[] {
  const weak: WeakIndicator[] = [];
  for (const ind of fw.indicators) {
    const score = indicators[ind.number];
    if (score === null || score === undefined) continue;
    assertCenti(score, `indicator ${ind.number}`);
    if (score < fw.passMark) weak.push({ indicator: ind.number, score, gap: fw.passMark - score });
  }
  return weak.sort((a, b) => b.gap - a.gap || a.indicator - b.indicator);
}

export interface ToolBelowFloor {
  tool: ToolKey;
  /** Null when the tool score is unknown (which also blocks the level). */
  score: Centi | null;
  floor: Centi;
  /** floor − score; null when the score is unknown. */
  gap: Centi | null;
}

export interface NextRatingBlockers {
  /** The next better rating, or null when the agency already has the best one. */
  next: Rating | null;
  /** How much the total still has to rise to reach `next` (0 when the total already suffices); null if no next. */
  totalNeeded: Centi | null;
  /** Tools under the next level's per-tool floor (pass levels only), biggest gap first, unknown tools last. */
  toolsBelow: ToolBelowFloor[];
}

/**
 * What stops the agency from reaching the next better rating: the missing total and the tools under the
 * next level's floor. Bangkok 2566 (total 88.98, IIT 82.44, EIT 80.82) needs no more total for "good" but
 * IIT +2.56 and EIT +4.18.
 */
export function nextRatingBlockers(fw: Framework, tools: Partial<ToolScores>, total: Centi): NextRatingBlockers {
  assertCenti(total, "total");
  const r = fw.rating;
  if (r.kind === "letter") {
    const i = gradeIndex(r.grades, total);
    const next = i > 0 ? r.grades[i - 1] : undefined;
    if (!next) return { next: null, totalNeeded: null, toolsBelow: [] };
    return {
      next: letterRating(fw, next, next.min),
      totalNeeded: Math.max(0, next.min - total),
      toolsBelow: [],
    };
  }
  const i = levelIndex(fw, r.levels, tools, total);
  const next = i > 0 ? r.levels[i - 1] : undefined;
  if (!next) return { next: null, totalNeeded: null, toolsBelow: [] };
  const toolsBelow: ToolBelowFloor[] = [];
  if (next.minEachTool !== null) {
    const floor = next.minEachTool;
    for (const t of fw.tools) {
      const s = tools[t.key] ?? null;
      if (s === null) toolsBelow.push({ tool: t.key, score: null, floor, gap: null });
      else if (s < floor) toolsBelow.push({ tool: t.key, score: s, floor, gap: floor - s });
    }
  }
  toolsBelow.sort((a, b) => (b.gap ?? -1) - (a.gap ?? -1));
  return {
    next: levelRating(fw, next, next.minTotal),
    totalNeeded: Math.max(0, next.minTotal - total),
    toolsBelow,
  };
}
