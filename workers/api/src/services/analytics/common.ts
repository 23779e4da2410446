import { type Framework, frameworkFor, fromCenti, ratingsOf } from "@prongsai/ita";

/** Points with two decimals for the API (scores are integer hundredths below it). */
export const pts = (c: number | null | undefined): number | null =>
  c === null || c === undefined ? null : fromCenti(c);

export const thaiCollator = new Intl.Collator("th");

/**
 * Thai collation, memoised: every name seen so far in collation order, with its position (names that collate
 * equal share one). `Intl.Collator("th").compare` costs about a microsecond a call, and ordering a national
 * tenant's 8,000 names took ~45 ms of every request; the order of strings never changes, so it is computed once
 * per isolate and only new names are merged in. Positions are meaningful only relative to each other.
 */
const MAX_COLLATED = 100_000;
let collated: string[] = [];
let positions = new Map<string, number>();

function collate(names: string[]) {
  let fresh = names.filter((n) => !positions.has(n));
  if (fresh.length === 0) return;
  fresh = [...new Set(fresh)];
  if (collated.length + fresh.length > MAX_COLLATED) {
    // Bounded memory: start over with this request's names.
    collated = [];
    fresh = [...new Set(names)];
  }
  fresh.sort(thaiCollator.compare);
  // Merge the sorted new names into the sorted list.
  const merged: string[] = [];
  let i = 0;
  let j = 0;
  while (i < collated.length || j < fresh.length) {
    const a = collated[i];
    const b = fresh[j];
    if (b === undefined || (a !== undefined && thaiCollator.compare(a, b) <= 0)) {
      merged.push(a as string);
      i++;
    } else {
      merged.push(b);
      j++;
    }
  }
  const next = new Map<string, number>();
  merged.forEach((name, k) => {
    const prev = merged[k - 1];
    const equal = prev !== undefined && thaiCollator.compare(prev, name) === 0;
    next.set(name, equal ? (next.get(prev) as number) : k);
  });
  collated = merged;
  positions = next;
}

/**
 * Sorts by small non-negative integers with the engine's native numeric sort of a Float64Array (no comparator
 * calls: a comparator sort of 8,000 rows cost several ms each time). Each key is `primary · 2^20 + secondary`,
 * exact while primary < 2^33 and secondary < 2^20.
 */
const SHIFT = 2 ** 20;

/**
 * Sets `nameOrder` of each row to its index in Thai alphabetical order of names, then by code: a unique integer
 * that later sorts compare instead of collating.
 */
export function nameOrder<R extends { name: string; code: string; nameOrder: number }>(rows: R[]): R[] {
  const n = rows.length;
  if (n >= SHIFT) throw new Error("nameOrder: too many rows");
  collate(rows.map((r) => r.name));
  const keys = new Float64Array(n);
  rows.forEach((r, i) => {
    keys[i] = (positions.get(r.name) as number) * SHIFT + i;
  });
  keys.sort();
  // Runs of one position (the same name, or names that collate equal) are ordered by code.
  const byCode = (i: number, j: number) => {
    const a = (rows[i] as R).code;
    const b = (rows[j] as R).code;
    return a < b ? -1 : a > b ? 1 : 0;
  };
  for (let k = 0; k < n; ) {
    const p = Math.floor((keys[k] as number) / SHIFT);
    let end = k + 1;
    while (end < n && Math.floor((keys[end] as number) / SHIFT) === p) end++;
    const run: number[] = [];
    for (let m = k; m < end; m++) run.push((keys[m] as number) % SHIFT);
    if (run.length > 1) run.sort(byCode);
    run.forEach((i, m) => {
      (rows[i] as R).nameOrder = k + m;
    });
    k = end;
  }
  return rows;
}

/**
 * A new array of the rows sorted by `key` (an integer, 0 ≤ key < 2^33), then by `nameOrder` (unique among the
 * rows, as `nameOrder` sets it).
 */
export function sortByThenName<R extends { nameOrder: number }>(rows: readonly R[], key: (r: R) => number): R[] {
  const byOrder = new Map<number, R>();
  const keys = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    byOrder.set(r.nameOrder, r);
    keys[i] = key(r) * SHIFT + r.nameOrder;
  });
  keys.sort();
  return Array.from(keys, (k) => byOrder.get(k % SHIFT) as R);
}

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
