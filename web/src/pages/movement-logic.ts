import type { Movement } from "../api/types";
import { thaiCollator } from "../format";

export type MovementRow = Movement["agencies"][number];

/**
 * Year A and year B from the URL (?from=&to=): each one the URL gives that has data is kept; otherwise the two
 * latest years with data. The pair may come out with from ≥ to when the URL says so; the page explains that.
 */
export function yearPair(
  years: readonly number[],
  fromParam: string | null,
  toParam: string | null,
): { from: number | undefined; to: number | undefined } {
  const sorted = [...years].sort((a, b) => a - b);
  const pick = (param: string | null, fallback: number | undefined) => {
    const n = Number(param);
    return param && sorted.includes(n) ? n : fallback;
  };
  return { from: pick(fromParam, sorted.at(-2)), to: pick(toParam, sorted.at(-1)) };
}

/**
 * Where a cell of the rating transition matrix sits: on the diagonal (same rating), better or worse. Ratings are
 * listed best first, so a column left of the diagonal is a better rating. When the two years rate on different
 * scales (letter grades vs pass levels) there is no diagonal: null.
 */
export function transitionKind(
  fromKeys: readonly string[],
  toKeys: readonly string[],
  i: number,
  j: number,
): "same" | "better" | "worse" | null {
  const sameScale = fromKeys.length === toKeys.length && fromKeys.every((k, n) => k === toKeys[n]);
  if (!sameScale) return null;
  return i === j ? "same" : j < i ? "better" : "worse";
}

export type Direction = "all" | "improved" | "worsened" | "unchanged";
export type MoveSort = "delta" | "from" | "to" | "name";

/** Counts by direction (higher is better: a positive delta is an improvement). */
export function directionCounts(rows: readonly MovementRow[]) {
  let improved = 0;
  let worsened = 0;
  for (const r of rows) {
    if (r.delta > 0) improved++;
    else if (r.delta < 0) worsened++;
  }
  return { improved, worsened, unchanged: rows.length - improved - worsened };
}

/** The full table's view: direction filter, name/code search, sort (unknown totals last, then by name). */
export function movementView(
  rows: readonly MovementRow[],
  v: { q: string; show: Direction; sort: MoveSort; dir: "asc" | "desc" },
): MovementRow[] {
  const q = v.q.trim().toLowerCase();
  const keep = (r: MovementRow) =>
    (v.show === "all" ||
      (v.show === "improved" && r.delta > 0) ||
      (v.show === "worsened" && r.delta < 0) ||
      (v.show === "unchanged" && r.delta === 0)) &&
    (!q || r.name.toLowerCase().includes(q) || r.agencyCode.includes(q));
  const value = (r: MovementRow): number | string | null =>
    v.sort === "delta" ? r.delta : v.sort === "from" ? r.from.total : v.sort === "to" ? r.to.total : r.name;
  const sign = v.dir === "asc" ? 1 : -1;
  return rows.filter(keep).sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null) return y === null ? thaiCollator.compare(a.name, b.name) : 1;
    if (y === null) return -1;
    const c =
      typeof x === "string" && typeof y === "string" ? thaiCollator.compare(x, y) : (x as number) - (y as number);
    return c * sign || thaiCollator.compare(a.name, b.name);
  });
}
