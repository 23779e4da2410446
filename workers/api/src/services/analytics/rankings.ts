import { type Framework, frameworkFor, weakIndicators } from "@prongsai/ita";
import type { DB } from "../../db/client";
import type { TenantContext } from "../tenants";
import { pts, sortByThenName } from "./common";
import { type Filters, indicatorPoints, loadYear, type YearRow } from "./load";

export interface Page {
  /** Rows to return (all when absent). */
  limit?: number | undefined;
  /** Rows to skip first (0 when absent). */
  offset?: number | undefined;
}

/** Sort key of the ranking: ranked rows by rank, then unranked ones (equal keys in Thai name order). */
export const rankKey = (r: YearRow) => r.rank ?? 2 ** 31;

/**
 * Ranking rows of a year: rank by total (ties share), previous result, change. Filters apply before ranking;
 * `page` only cuts the ranked list (ranks stay those of the whole list; `total` counts all of it).
 */
export async function rankings(db: DB, tenant: TenantContext, year: number, filters: Filters, page: Page = {}) {
  const fw = frameworkFor(year);
  const rows = await loadYear(db, tenant.id, year, filters, { previous: true });
  const ranked = sortByThenName(rows, rankKey);
  const offset = page.offset ?? 0;
  const shown = page.limit === undefined ? ranked.slice(offset) : ranked.slice(offset, offset + page.limit);
  return {
    year,
    filters,
    total: rows.length,
    offset,
    limit: page.limit ?? null,
    rows: shown.map((r) => rankingRow(r, fw ? weakCount(fw, r) : 0)),
  };
}

const weakCount = (fw: Framework, r: YearRow) => weakIndicators(fw, r.indicators).length;

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
    indicators: indicatorPoints(r.indicators, pts),
    weakCount,
    previous: r.previous
      ? { year: r.previous.year, total: pts(r.previous.total), rank: r.previous.rank, rating: r.previous.rating }
      : null,
    delta: r.total !== null && r.previous ? pts(r.total - r.previous.total) : null,
    rankChange: r.rank !== null && r.previous ? r.previous.rank - r.rank : null,
  };
}
