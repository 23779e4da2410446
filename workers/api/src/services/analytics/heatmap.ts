import { type Framework, frameworkFor, INDICATOR_NUMBERS } from "@prongsai/ita";
import type { DB } from "../../db/client";
import type { TenantContext } from "../tenants";
import { pts, sortByThenName } from "./common";
import { indicatorPoints, loadYear } from "./load";
import { rankKey } from "./rankings";

/** Agencies × indicators, best total first; colour scales anchor at the pass mark. */
export async function heatmap(db: DB, tenant: TenantContext, year: number) {
  const fw = frameworkFor(year) as Framework;
  const rows = sortByThenName(await loadYear(db, tenant.id, year), rankKey);
  return {
    year,
    passMark: pts(fw.passMark),
    indicators: INDICATOR_NUMBERS.map((n) => ({
      indicator: n,
      name: fw.indicators.find((i) => i.number === n)?.name ?? null,
    })),
    rows: rows.map((r) => ({
      rank: r.rank,
      agencyCode: r.code,
      name: r.name,
      total: pts(r.total),
      rating: r.rating,
      values: indicatorPoints(r.indicators, pts),
    })),
  };
}
