import {
  type Framework,
  frameworkFor,
  INDICATOR_NUMBERS,
  mean,
  median,
  nextRatingBlockers,
  weakIndicators,
} from "@prongsai/ita";
import type { DB } from "../../db/client";
import type { TenantContext } from "../tenants";
import { pts, sortByThenName } from "./common";
import { loadYear } from "./load";

/** Where the province is weak: per indicator (who is below 85 and by how much) and per agency. */
export async function weakIndicatorsReport(db: DB, tenant: TenantContext, year: number) {
  const fw = frameworkFor(year) as Framework;
  const rows = await loadYear(db, tenant.id, year);
  const pass = fw.passMark;
  const indicators = INDICATOR_NUMBERS.map((n) => {
    const known = rows.filter((r) => r.indicators[n] !== null);
    const values = known.map((r) => r.indicators[n] as number);
    const below = sortByThenName(
      known.filter((r) => (r.indicators[n] as number) < pass),
      // Largest gap first = lowest score first; equal scores in Thai name order.
      (r) => r.indicators[n] as number,
    ).map((r) => ({
      agencyCode: r.code,
      name: r.name,
      score: pts(r.indicators[n]),
      gap: pts(pass - (r.indicators[n] as number)),
    }));
    return {
      indicator: n,
      name: fw.indicators.find((i) => i.number === n)?.name ?? null,
      tool: fw.indicators.find((i) => i.number === n)?.tool ?? null,
      assessed: values.length,
      mean: pts(mean(values)),
      median: pts(median(values)),
      belowCount: below.length,
      below,
    };
  }).sort((a, b) => b.belowCount - a.belowCount || a.indicator - b.indicator);

  const listed = rows
    .map((r) => {
      const weak = weakIndicators(fw, r.indicators);
      const tools = { iit: r.iit, eit: r.eit, oit: r.oit };
      const toolsBelow = fw.tools
        .filter((t) => tools[t.key] !== null && (tools[t.key] as number) < pass)
        .map((t) => ({ tool: t.key, score: pts(tools[t.key]), gap: pts(pass - (tools[t.key] as number)) }));
      const next = r.total === null ? null : nextRatingBlockers(fw, tools, r.total);
      const agency = {
        agencyCode: r.code,
        name: r.name,
        total: pts(r.total),
        rating: r.rating,
        weak: weak.map((w) => ({ indicator: w.indicator, score: pts(w.score), gap: pts(w.gap) })),
        toolsBelow,
        nextRating: next?.next
          ? { rating: next.next.key, label: next.next.label, totalNeeded: pts(next.totalNeeded) }
          : null,
      };
      return { nameOrder: r.nameOrder, agency };
    })
    .filter(({ agency: a }) => a.weak.length > 0 || a.toolsBelow.length > 0);
  // Most weak indicators first (at most 10), then in Thai name order.
  const agencies = sortByThenName(listed, (x) => 100 - x.agency.weak.length).map((x) => x.agency);
  return { year, passMark: pts(pass), indicators, agencies };
}
