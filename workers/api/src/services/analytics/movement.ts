import { compareFrameworks, type Framework, frameworkFor, INDICATOR_NUMBERS, ratingOrder } from "@prongsai/ita";
import type { DB } from "../../db/client";
import { badRequest } from "../../http/problem";
import type { TenantContext } from "../tenants";
import { pts, sortByThenName } from "./common";
import { loadYear, type YearRow } from "./load";

/** Year A → year B for every agency with a total in both, plus the rating transition matrix. */
export async function movement(db: DB, tenant: TenantContext, from: number, to: number) {
  if (from >= to)
    throw badRequest("`from` must be an earlier year than `to`.", [{ path: "from", message: "must be < to" }]);
  const fwFrom = frameworkFor(from) as Framework;
  const fwTo = frameworkFor(to) as Framework;
  // Both years at once; an unknown year is a 404 (`from` reported first).
  const [a, b] = (await Promise.allSettled([loadYear(db, tenant.id, from), loadYear(db, tenant.id, to)])).map((s) => {
    if (s.status === "rejected") throw s.reason;
    return s.value;
  }) as [YearRow[], YearRow[]];
  const before = new Map(a.filter((r) => r.total !== null).map((r) => [r.code, r]));
  const inTo = new Set(b.filter((r) => r.total !== null).map((r) => r.code));
  const moved = b
    .filter((r) => r.total !== null && before.has(r.code))
    .map((r) => {
      const p = before.get(r.code) as (typeof a)[number];
      const deltaCenti = (r.total as number) - (p.total as number);
      const indicatorDeltas: Record<string, number | null> = {};
      for (const n of INDICATOR_NUMBERS) {
        const x = p.indicators[n];
        const y = r.indicators[n];
        indicatorDeltas[n] = x !== null && y !== null ? pts(y - x) : null;
      }
      const row = {
        agencyCode: r.code,
        name: r.name,
        type: r.type,
        size: r.size,
        district: r.district,
        from: { total: pts(p.total), rating: p.rating, rank: p.rank },
        to: { total: pts(r.total), rating: r.rating, rank: r.rank },
        delta: pts(deltaCenti) as number,
        ratingTransition: `${p.rating ?? "?"}→${r.rating ?? "?"}`,
        rankChange: p.rank !== null && r.rank !== null ? p.rank - r.rank : null,
        indicatorDeltas,
      };
      return { nameOrder: r.nameOrder, deltaCenti, row };
    });
  // Biggest rise first (deltas are within ±100.00 points), equal deltas in Thai name order.
  const rows = sortByThenName(moved, (x) => 10000 - x.deltaCenti).map((x) => x.row);
  const fromKeys = ratingOrder(fwFrom);
  const toKeys = ratingOrder(fwTo);
  const counts = fromKeys.map(() => toKeys.map(() => 0));
  for (const r of rows) {
    const i = fromKeys.indexOf(r.from.rating ?? "");
    const j = toKeys.indexOf(r.to.rating ?? "");
    if (i >= 0 && j >= 0) (counts[i] as number[])[j] = ((counts[i] as number[])[j] ?? 0) + 1;
  }
  const comparison = compareFrameworks(fwFrom, fwTo);
  return {
    from,
    to,
    comparable: comparison.comparable,
    reasons: comparison.reasons,
    agencies: rows,
    improvers: rows.filter((r) => r.delta > 0).slice(0, 10),
    decliners: rows
      .filter((r) => r.delta < 0)
      .slice(-10)
      .reverse(),
    transitions: { from: fromKeys, to: toKeys, counts },
    onlyInFrom: a.filter((r) => r.total !== null && !inTo.has(r.code)).length,
    onlyInTo: b.filter((r) => r.total !== null && !before.has(r.code)).length,
  };
}
