import type { ResultsResponse } from "@prongsai/contracts";
import { frameworkFor } from "@prongsai/ita";
import type { Selectable } from "kysely";
import type { DB } from "../db/client";
import type { AgenciesTable, ResultsTable } from "../db/schema";
import { notFound } from "../http/problem";
import { frameworkSummary, pts } from "./analytics/common";
import { type TenantContext, tenantInfo } from "./tenants";

const INDICATORS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

export async function listYears(db: DB, tenant: TenantContext) {
  const rows = await db
    .selectFrom("results")
    .select(["fiscal_year", (eb) => eb.fn.countAll<number>().as("agencies")])
    .where("tenant_id", "=", tenant.id)
    .groupBy("fiscal_year")
    .orderBy("fiscal_year")
    .execute();
  return {
    tenant: tenantInfo(tenant),
    years: rows.map((r) => {
      const fw = frameworkFor(r.fiscal_year);
      return { fiscalYear: r.fiscal_year, agencies: Number(r.agencies), framework: fw ? frameworkSummary(fw) : null };
    }),
  };
}

export async function listResults(db: DB, tenant: TenantContext, year: number): Promise<ResultsResponse> {
  const rows = await db
    .selectFrom("results as r")
    .innerJoin("agencies as a", (j) => j.onRef("a.id", "=", "r.agency_id").onRef("a.tenant_id", "=", "r.tenant_id"))
    .selectAll("r")
    .select(["a.code", "a.name_th", "a.type", "a.size", "a.district"])
    .where("r.tenant_id", "=", tenant.id)
    .where("r.fiscal_year", "=", year)
    .orderBy("r.total", "desc")
    .orderBy("a.code")
    .execute();
  if (rows.length === 0) {
    const { years } = await listYears(db, tenant);
    throw notFound(`No results for fiscal year ${year}.`, { availableYears: years.map((y) => y.fiscalYear) });
  }
  return { tenant: tenantInfo(tenant), fiscalYear: year, rows: rows.map(resultRow) };
}

type JoinedResult = Selectable<ResultsTable> &
  Pick<Selectable<AgenciesTable>, "code" | "name_th" | "type" | "size" | "district">;

/** A stored result (joined with its agency) as the API shows it: points with two decimals. */
export function resultRow(r: JoinedResult) {
  return {
    agencyCode: r.code,
    name: r.name_th,
    type: r.type,
    size: r.size,
    district: r.district,
    fiscalYear: r.fiscal_year,
    iit: pts(r.iit),
    eit: pts(r.eit),
    eitPart1: pts(r.eit_part1),
    eitPart2: pts(r.eit_part2),
    oit: pts(r.oit),
    indicators: Object.fromEntries(INDICATORS.map((n) => [String(n), pts(r[`ind${n}`])])),
    total: pts(r.total),
    rating: r.rating,
    source: r.source,
  };
}
