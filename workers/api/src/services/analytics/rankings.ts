import { frameworkFor, INDICATOR_NUMBERS, weakIndicators } from "@prongsai/ita";
import type { DB } from "../../db/client";
import type { TenantContext } from "../tenants";
import { pts } from "./common";
import { assertYear, type Filters, loadYear, type YearRow } from "./load";

/** Ranking rows of a year: rank by total (ties share), previous result, change. Filters apply before ranking. */
export async function rankings(db: DB, tenant: TenantContext, year: number, filters: Filters) {
  await assertYear(db, tenant.id, year);
  const fw = frameworkFor(year);
  const rows = await loadYear(db, tenant.id, year, filters);
  // Ranked rows first (by rank), then unranked; equal ranks in Thai name order.
  rows.sort(
    (a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.nameOrder - b.nameOrder,
  );
  return {
    year,
    filters,
    rows: rows.map((r) => rankingRow(r, fw ? weakIndicators(fw, r.indicators).length : 0)),
  };
}

export function rankingRow(r: YearRow, weakCount: number) {
  return {
    rank: r.rank,
    agencyCode: r.code,
    name: r.name,
    type: r.type,
    size: r.size,
    district: r.district,
    total: pts(r.total),
    rating: r.rating,
    iit: pts(r.iit),
    eit: pts(r.eit),
    oit: pts(r.oit),
    indicators: Object.fromEntries(INDICATOR_NUMBERS.map((n) => [String(n), pts(r.indicators[n])])),
    weakCount,
    previous: r.previous
      ? { year: r.previous.year, total: pts(r.previous.total), rank: r.previous.rank, rating: r.previous.rating }
      : null,
    delta: r.total !== null && r.previous ? pts(r.total - r.previous.total) : null,
    rankChange: r.rank !== null && r.previous ? r.previous.rank - r.rank : null,
  };
}
