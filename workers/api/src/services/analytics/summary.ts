import {
  compareFrameworks,
  type Framework,
  frameworkFor,
  INDICATOR_NUMBERS,
  mean,
  median,
  passRate,
  ratingOrder,
  ratingsOf,
} from "@prongsai/ita";
import type { DB } from "../../db/client";
import type { TenantContext } from "../tenants";
import { pts } from "./common";
import { assertYear, loadYear, type YearRow } from "./load";
import { rankingRow } from "./rankings";

function yearStats(fw: Framework, rows: YearRow[]) {
  const totals = rows.map((r) => r.total).filter((t): t is number => t !== null);
  const counts = Object.fromEntries(ratingOrder(fw).map((k) => [k, 0])) as Record<string, number>;
  for (const r of rows) if (r.total !== null && r.rating) counts[r.rating] = (counts[r.rating] ?? 0) + 1;
  return {
    year: fw.fiscalYear,
    assessed: totals.length,
    mean: pts(mean(totals)),
    median: pts(median(totals)),
    passRate: pts(passRate(totals, fw.passMark)),
    ratingCounts: ratingsOf(fw).map((r) => ({ rating: r.key, label: r.label, count: counts[r.key] ?? 0 })),
  };
}

const brief = (r: YearRow) => ({
  agencyCode: r.code,
  name: r.name,
  type: r.type,
  total: pts(r.total),
  rating: r.rating,
  previous: r.previous ? { year: r.previous.year, total: pts(r.previous.total), rating: r.previous.rating } : null,
});

/** Leadership's one screen: how the province does this year, against the previous year with data. */
export async function summary(db: DB, tenant: TenantContext, year: number) {
  const years = await assertYear(db, tenant.id, year);
  const fw = frameworkFor(year) as Framework;
  const rows = await loadYear(db, tenant.id, year);
  const current = yearStats(fw, rows);
  const prevYear = years.filter((y) => y < year).at(-1);
  const prevFw = prevYear ? frameworkFor(prevYear) : undefined;
  const previous = prevYear && prevFw ? yearStats(prevFw, await loadYear(db, tenant.id, prevYear)) : null;
  const ranked = rows
    .filter((r) => r.rank !== null)
    .sort((a, b) => (a.rank as number) - (b.rank as number) || a.nameOrder - b.nameOrder);
  const pass = fw.passMark;
  const byName = (a: YearRow, b: YearRow) => a.nameOrder - b.nameOrder;
  return {
    ...current,
    previous,
    comparable: prevFw ? compareFrameworks(prevFw, fw) : null,
    meanDelta:
      previous && current.mean !== null && previous.mean !== null ? round2(current.mean - previous.mean) : null,
    passRateDelta:
      previous && current.passRate !== null && previous.passRate !== null
        ? round2(current.passRate - previous.passRate)
        : null,
    top: ranked.slice(0, 5).map((r) => rankingRow(r, 0)),
    bottom: ranked
      .slice(-5)
      .reverse()
      .map((r) => rankingRow(r, 0)),
    indicators: INDICATOR_NUMBERS.map((n) => {
      const values = rows.map((r) => r.indicators[n]).filter((v): v is number => v !== null);
      return {
        indicator: n,
        name: fw.indicators.find((i) => i.number === n)?.name ?? null,
        assessed: values.length,
        mean: pts(mean(values)),
        median: pts(median(values)),
        belowPass: values.filter((v) => v < pass).length,
      };
    }),
    newlyPassing: rows
      .filter((r) => r.total !== null && r.total >= pass && r.previous && r.previous.total < pass)
      .sort(byName)
      .map(brief),
    newlyFailing: rows
      .filter((r) => r.total !== null && r.total < pass && r.previous && r.previous.total >= pass)
      .sort(byName)
      .map(brief),
  };
}

/** Differences of two-decimal figures, without float noise (88.98 − 85.1 = 3.88, not 3.8799999). */
function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
