import { type Framework, frameworkFor, fromCenti, ratingsOf } from "@prongsai/ita";

/** Points with two decimals for the API (scores are integer hundredths below it). */
export const pts = (c: number | null | undefined): number | null =>
  c === null || c === undefined ? null : fromCenti(c);

export const thaiCollator = new Intl.Collator("th");

/** The Thai and English label of a rating key in a year's framework. */
export function ratingLabel(year: number, key: string | null): { th: string; en: string } | null {
  if (!key) return null;
  const fw = frameworkFor(year);
  const r = fw ? ratingsOf(fw).find((x) => x.key === key) : undefined;
  return r ? r.label : { th: key, en: key };
}

/** What the dashboard needs to know about a year's framework (JSON-safe: Framework itself holds Maps). */
export function frameworkSummary(fw: Framework) {
  const levels =
    fw.rating.kind === "letter"
      ? fw.rating.grades.map((g) => ({ key: g.grade, label: g.label, minTotal: fromCenti(g.min), minEachTool: null }))
      : fw.rating.levels.map((l) => ({
          key: l.key,
          label: l.label,
          minTotal: fromCenti(l.minTotal),
          minEachTool: l.minEachTool === null ? null : fromCenti(l.minEachTool),
        }));
  const items = fw.oit.subIndicators.reduce((n, s) => n + s.items.length, 0) + fw.oit.ungroupedItems.length;
  return {
    fiscalYear: fw.fiscalYear,
    label: fw.label,
    passMark: fromCenti(fw.passMark),
    tools: fw.tools.map((t) => ({
      key: t.key,
      name: t.name,
      weight: t.weight,
      indicators: [...t.indicators],
      parts: [...t.parts],
    })),
    indicators: fw.indicators.map((i) => ({ number: i.number, tool: i.tool, name: i.name })),
    rating: { kind: fw.rating.kind, levels },
    oit: { status: fw.oit.status, catalogueId: fw.oit.catalogueId ?? null, items },
  };
}
