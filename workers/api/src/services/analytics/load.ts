/**
 * The rows every analytics answer starts from: one fiscal year of a tenant's results with each agency's rank
 * (SQL RANK(), equal totals share a rank) and its previous result — the latest earlier year with a total —
 * with that year's rank under the same filters. One query; the tests compare it with packages/ita.
 */
import { INDICATOR_NUMBERS, type IndicatorNumber } from "@prongsai/ita";
import { sql } from "kysely";
import type { DB } from "../../db/client";
import type { AgencyTypeKey } from "../../db/schema";
import { notFound } from "../../http/problem";
import { thaiCollator } from "./common";

export interface Filters {
  type?: AgencyTypeKey | undefined;
  size?: "S" | "M" | "L" | undefined;
  district?: string | undefined;
}

export interface PreviousResult {
  year: number;
  total: number;
  rank: number;
  rating: string | null;
}

export interface YearRow {
  agencyId: number;
  code: string;
  name: string;
  nameEn: string | null;
  type: AgencyTypeKey;
  size: "S" | "M" | "L" | null;
  district: string | null;
  year: number;
  iit: number | null;
  eit: number | null;
  eitPart1: number | null;
  eitPart2: number | null;
  oit: number | null;
  indicators: Record<IndicatorNumber, number | null>;
  total: number | null;
  rating: string | null;
  rank: number | null;
  previous: PreviousResult | null;
  /** Position of the name in Thai alphabetical order among the loaded rows (sort by it: one collation pass). */
  nameOrder: number;
}

function filterSql(f: Filters) {
  return sql.join(
    [
      sql`1 = 1`,
      ...(f.type ? [sql`a.type = ${f.type}`] : []),
      ...(f.size ? [sql`a.size = ${f.size}`] : []),
      ...(f.district ? [sql`a.district = ${f.district}`] : []),
    ],
    sql` AND `,
  );
}

type RawRow = Record<string, number | string | null>;

/** Fiscal years with results in the tenant, ascending. */
export async function availableYears(db: DB, tenantId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("results")
    .select("fiscal_year")
    .distinct()
    .where("tenant_id", "=", tenantId)
    .orderBy("fiscal_year")
    .execute();
  return rows.map((r) => r.fiscal_year);
}

/** 404 naming the years that exist, for a year without data. */
export async function assertYear(db: DB, tenantId: number, year: number): Promise<number[]> {
  const years = await availableYears(db, tenantId);
  if (!years.includes(year)) {
    throw notFound(`ไม่มีผลการประเมินปี ${year} (No results for fiscal year ${year}.)`, { availableYears: years });
  }
  return years;
}

export async function loadYear(db: DB, tenantId: number, year: number, filters: Filters = {}): Promise<YearRow[]> {
  const result = await loadYearQuery(tenantId, year, filters).execute(db);
  const rows = result.rows.map(toYearRow);
  // Collating Thai is slow; sort the names once and let every later sort compare integers.
  [...rows]
    .sort((a, b) => thaiCollator.compare(a.name, b.name))
    .forEach((r, i) => {
      r.nameOrder = i;
    });
  return rows;
}

/**
 * The SQL of `loadYear` (`.compile(db)` gives the statement and its parameters).
 *
 * - `f`: the rows under the filters of the year (with or without a total) and of every earlier year with a total,
 *   each ranked within its year by RANK() (rows without a total get no rank; NULLs sort after every total).
 * - `h`: each row with the agency's row before it in `f` (LAG by fiscal year): for a row of the year that is the
 *   latest earlier year with a total, and its rank there.
 * - The year's rows of `h` are joined back to results (and the previous row) and agencies by primary key.
 *
 * Window functions over one index range (results_tenant_year_total covers it) instead of joins between CTEs:
 * SQLite builds no index on a CTE it joins, so looking up each agency's previous row in one scanned it once per
 * agency (10.7 s per call for a national tenant of 8,000 agencies × 5 years; about 100 ms now).
 */
export function loadYearQuery(tenantId: number, year: number, filters: Filters = {}) {
  const where = filterSql(filters);
  return sql<RawRow>`
    WITH f AS (
      SELECT r.id, r.agency_id, r.fiscal_year,
             CASE WHEN r.total IS NULL THEN NULL
                  ELSE RANK() OVER (PARTITION BY r.fiscal_year ORDER BY r.total DESC) END AS rnk
      FROM results r JOIN agencies a ON a.id = r.agency_id AND a.tenant_id = r.tenant_id
      WHERE r.tenant_id = ${tenantId} AND r.fiscal_year <= ${year}
        AND (r.total IS NOT NULL OR r.fiscal_year = ${year}) AND ${where}
    ),
    h AS (
      SELECT id, fiscal_year, rnk, LAG(id) OVER w AS prev_id, LAG(rnk) OVER w AS prev_rank
      FROM f
      WINDOW w AS (PARTITION BY agency_id ORDER BY fiscal_year)
    )
    SELECT a.id AS agency_id, a.code, a.name_th, a.name_en, a.type, a.size, a.district,
           r.fiscal_year, r.iit, r.eit, r.eit_part1, r.eit_part2, r.oit,
           r.ind1, r.ind2, r.ind3, r.ind4, r.ind5, r.ind6, r.ind7, r.ind8, r.ind9, r.ind10,
           r.total, r.rating, h.rnk AS rank,
           p.fiscal_year AS prev_year, p.total AS prev_total, p.rating AS prev_rating, h.prev_rank
    FROM h
    JOIN results r ON r.id = h.id
    JOIN agencies a ON a.id = r.agency_id
    LEFT JOIN results p ON p.id = h.prev_id
    WHERE h.fiscal_year = ${year}
    ORDER BY h.rnk IS NULL, h.rnk, a.code`;
}

function toYearRow(r: RawRow): YearRow {
  const n = (k: string) => (r[k] === null || r[k] === undefined ? null : Number(r[k]));
  const indicators = {} as Record<IndicatorNumber, number | null>;
  for (const i of INDICATOR_NUMBERS) indicators[i] = n(`ind${i}`);
  return {
    agencyId: Number(r.agency_id),
    code: String(r.code),
    name: String(r.name_th),
    nameEn: (r.name_en as string | null) ?? null,
    type: r.type as AgencyTypeKey,
    size: (r.size as "S" | "M" | "L" | null) ?? null,
    district: (r.district as string | null) ?? null,
    year: Number(r.fiscal_year),
    iit: n("iit"),
    eit: n("eit"),
    eitPart1: n("eit_part1"),
    eitPart2: n("eit_part2"),
    oit: n("oit"),
    indicators,
    total: n("total"),
    rating: (r.rating as string | null) ?? null,
    rank: n("rank"),
    nameOrder: 0,
    previous:
      r.prev_year === null || r.prev_year === undefined
        ? null
        : {
            year: Number(r.prev_year),
            total: Number(r.prev_total),
            rank: Number(r.prev_rank),
            rating: (r.prev_rating as string | null) ?? null,
          },
  };
}
