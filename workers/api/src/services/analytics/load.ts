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
  const where = filterSql(filters);
  const result = await sql<RawRow>`
    WITH f AS (
      SELECT r.agency_id, r.fiscal_year, r.total, r.rating
      FROM results r JOIN agencies a ON a.id = r.agency_id AND a.tenant_id = r.tenant_id
      WHERE r.tenant_id = ${tenantId} AND r.fiscal_year <= ${year} AND r.total IS NOT NULL AND ${where}
    ),
    ranked AS (
      SELECT agency_id, fiscal_year, total, rating,
             RANK() OVER (PARTITION BY fiscal_year ORDER BY total DESC) AS rnk
      FROM f
    ),
    prev AS (SELECT agency_id, max(fiscal_year) AS py FROM f WHERE fiscal_year < ${year} GROUP BY agency_id)
    SELECT a.id AS agency_id, a.code, a.name_th, a.name_en, a.type, a.size, a.district,
           r.fiscal_year, r.iit, r.eit, r.eit_part1, r.eit_part2, r.oit,
           r.ind1, r.ind2, r.ind3, r.ind4, r.ind5, r.ind6, r.ind7, r.ind8, r.ind9, r.ind10,
           r.total, r.rating, cur.rnk AS rank,
           p.py AS prev_year, pr.total AS prev_total, pr.rating AS prev_rating, pr.rnk AS prev_rank
    FROM results r
    JOIN agencies a ON a.id = r.agency_id AND a.tenant_id = r.tenant_id
    LEFT JOIN ranked cur ON cur.agency_id = r.agency_id AND cur.fiscal_year = r.fiscal_year
    LEFT JOIN prev p ON p.agency_id = r.agency_id
    LEFT JOIN ranked pr ON pr.agency_id = p.agency_id AND pr.fiscal_year = p.py
    WHERE r.tenant_id = ${tenantId} AND r.fiscal_year = ${year} AND ${where}
    ORDER BY cur.rnk IS NULL, cur.rnk, a.code`.execute(db);
  return result.rows.map(toYearRow);
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
