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
import { sql } from "kysely";
import type { DB } from "../../db/client";
import type { TenantContext } from "../tenants";
import { pts, sortByThenName } from "./common";
import { loadYear, type YearRow } from "./load";
import { rankingRow, rankKey } from "./rankings";

/** Totals of a year and how many of them carry each rating (rows without a total count nowhere). */
interface YearTotals {
  totals: number[];
  counts: Record<string, number>;
}

function totalsOf(rows: YearRow[]): YearTotals {
  const totals: number[] = [];
  const counts: Record<string, number> = {};
  for (const r of rows) {
    if (r.total === null) continue;
    totals.push(r.total);
    if (r.rating) counts[r.rating] = (counts[r.rating] ?? 0) + 1;
  }
  return { totals, counts };
}

/**
 * The tenant's latest year before `year` with any result, with its totals by rating: only what its statistics
 * need, not its rows. `year` is null when there is no earlier year.
 */
async function previousYearTotals(db: DB, tenantId: number, year: number) {
  const { rows } = await sql<{ year: number | null; rating: string | null; n: number; totals: string | null }>`
    SELECT y.fy AS year, r.rating, count(r.total) AS n, group_concat(r.total) AS totals
    FROM (SELECT max(fiscal_year) AS fy FROM results WHERE tenant_id = ${tenantId} AND fiscal_year < ${year}) y
    LEFT JOIN results r ON r.tenant_id = ${tenantId} AND r.fiscal_year = y.fy AND r.total IS NOT NULL
    GROUP BY r.rating`.execute(db);
  const prevYear = rows[0]?.year ?? null;
  const totals: number[] = [];
  const counts: Record<string, number> = {};
  for (const r of rows) {
    if (r.totals) for (const t of r.totals.split(",")) totals.push(Number(t));
    if (r.rating) counts[r.rating] = Number(r.n);
  }
  return { year: prevYear === null ? null : Number(prevYear), totals, counts };
}

function yearStats(fw: Framework, { totals, counts: found }: YearTotals) {
  const counts = Object.fromEntries(ratingOrder(fw).map((k) => [k, 0])) as Record<string, number>;
  for (const [k, n] of Object.entries(found)) counts[k] = (counts[k] ?? 0) + n;
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
  const fw = frameworkFor(year) as Framework;
  const [rows, prev] = await Promise.all([
    loadYear(db, tenant.id, year, {}, { previous: true }),
    previousYearTotals(db, tenant.id, year),
  ]);
  const current = yearStats(fw, totalsOf(rows));
  const prevFw = prev.year !== null ? frameworkFor(prev.year) : undefined;
  const previous = prevFw ? yearStats(prevFw, prev) : null;
  const ranked = sortByThenName(
    rows.filter((r) => r.rank !== null),
    rankKey,
  );
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
