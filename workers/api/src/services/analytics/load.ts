/**
 * The rows every analytics answer starts from: one fiscal year of a tenant's results (under the filters) with
 * each agency's rank, and on request its previous result — the latest earlier year with a total — with that
 * year's rank under the same filters. The tests compare all of it with packages/ita.
 *
 * Ranks are ita's `competitionRanks` of the totals (equal totals share a rank: 1, 2, 2, 4). SQL only selects:
 * - the year's rows, each with its previous result read from the covering index results_tenant_agency_year;
 * - in the same statement, the totals of every earlier year under the same filters, one string per year
 *   (`group_concat`), from which the previous results' ranks are counted.
 * Window functions did the ranking before (RANK over every year, LAG per agency): on a national tenant
 * (8,000 agencies × 5 years) sorting 40,000 rows per agency cost more than everything else in the request.
 */
import { competitionRanks, INDICATOR_NUMBERS, type IndicatorNumber } from "@prongsai/ita";
import { type RawBuilder, sql } from "kysely";
import type { DB } from "../../db/client";
import type { AgencyTypeKey } from "../../db/schema";
import { notFound } from "../../http/problem";
import { nameOrder } from "./common";

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
  code: string;
  name: string;
  type: AgencyTypeKey;
  size: "S" | "M" | "L" | null;
  district: string | null;
  iit: number | null;
  eit: number | null;
  oit: number | null;
  indicators: Record<IndicatorNumber, number | null>;
  total: number | null;
  rating: string | null;
  rank: number | null;
  /** Only when loaded with `previous: true` (null otherwise, and for an agency without an earlier total). */
  previous: PreviousResult | null;
  /**
   * Position in Thai alphabetical order (then by code) among the loaded rows: unique, so sorting by it after any
   * key gives one order, and comparing integers instead of collating names.
   */
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

const hasFilters = (f: Filters) => Boolean(f.type || f.size || f.district);

/** A row of `loadYearQuery`: COLUMNS, then PREVIOUS when asked for. */
type RawRow = (number | string | null | [number, number, string | null])[];

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

export interface LoadOptions {
  /** Attach each agency's previous result and its rank then (one more statement). */
  previous?: boolean;
}

/**
 * The year's rows (any order: callers sort). An unknown year is a 404 with the available years; a known year
 * whose rows the filters all exclude gives no rows. The year check costs a statement only when nothing came
 * back.
 */
export async function loadYear(
  db: DB,
  tenantId: number,
  year: number,
  filters: Filters = {},
  options: LoadOptions = {},
): Promise<YearRow[]> {
  const withPrevious = options.previous === true;
  const result = (await loadYearQuery(tenantId, year, filters, withPrevious).execute(db)).rows[0];
  const raw = JSON.parse(result?.rows ?? "[]") as RawRow[];
  if (raw.length === 0) {
    await assertYear(db, tenantId, year);
    return [];
  }
  const rows = raw.map(toYearRow);
  const ranks = competitionRanks(rows.map((r) => r.total));
  rows.forEach((r, i) => {
    r.rank = ranks[i] ?? null;
  });
  if (withPrevious) attachPrevious(rows, raw, JSON.parse(result?.earlier ?? "{}") as Record<string, string>);
  nameOrder(rows);
  return rows;
}

/** Columns of a year row, in the order of the JSON arrays `loadYearQuery` returns. */
const COLUMNS = [
  "a.code",
  "a.name_th",
  "a.type",
  "a.size",
  "a.district",
  "r.iit",
  "r.eit",
  "r.oit",
  "r.ind1",
  "r.ind2",
  "r.ind3",
  "r.ind4",
  "r.ind5",
  "r.ind6",
  "r.ind7",
  "r.ind8",
  "r.ind9",
  "r.ind10",
  "r.total",
  "r.rating",
] as const;
/**
 * The previous result as one more element, `[fiscal_year, total, rating]` or null: the latest earlier row with a
 * total, read from the covering index results_tenant_agency_year (tenant_id, agency_id, fiscal_year DESC, total,
 * rating) of migration 0006 by one seek per agency. (Joining `results` for it instead made SQLite pick the
 * unique (tenant_id, agency_id, fiscal_year) index and read every previous row from the table: ~25 ms more for a
 * national tenant in wrangler dev.)
 */
const PREVIOUS = sql`json((
  SELECT json_array(x.fiscal_year, x.total, x.rating) FROM results x
  WHERE x.tenant_id = r.tenant_id AND x.agency_id = r.agency_id AND x.fiscal_year < r.fiscal_year
    AND x.total IS NOT NULL
  ORDER BY x.fiscal_year DESC LIMIT 1))`;

/**
 * The SQL of the year's rows (`.compile(db)` gives the statement and its parameters): one row. `rows` is a JSON
 * array of arrays (COLUMNS, then PREVIOUS when asked for): D1 hands results to the Worker value by value, and
 * 8,000 rows × 20 columns took ~55 ms to arrive, one JSON text of the same rows about half of that. With
 * `previous`, `earlier` holds every earlier year's totals under the same filters (a JSON object: year → totals,
 * comma-separated), what the previous results are ranked among — in the same statement, so one round trip.
 */
export function loadYearQuery(tenantId: number, year: number, filters: Filters = {}, previous = false) {
  const columns = sql.raw(COLUMNS.join(", "));
  // Inside the sub-select, `r` and `a` are its own rows (the names shadow the outer ones).
  const agencies: RawBuilder<unknown> = hasFilters(filters)
    ? sql`JOIN agencies a ON a.id = r.agency_id AND a.tenant_id = r.tenant_id`
    : sql``;
  const earlier = previous
    ? sql`, (
        SELECT json_group_object(fiscal_year, totals) FROM (
          SELECT r.fiscal_year, group_concat(r.total) AS totals
          FROM results r ${agencies}
          WHERE r.tenant_id = ${tenantId} AND r.fiscal_year < ${year} AND r.total IS NOT NULL
            AND ${filterSql(filters)}
          GROUP BY r.fiscal_year)) AS earlier`
    : sql``;
  return sql<{ rows: string; earlier?: string }>`
    SELECT json_group_array(json_array(${columns}${previous ? sql`, ${PREVIOUS}` : sql``})) AS rows${earlier}
    FROM results r
    JOIN agencies a ON a.id = r.agency_id AND a.tenant_id = r.tenant_id
    WHERE r.tenant_id = ${tenantId} AND r.fiscal_year = ${year} AND ${filterSql(filters)}`;
}

/** Previous result and its rank (ita competition rank among that year's totals), for the rows that have one. */
function attachPrevious(rows: YearRow[], raw: RawRow[], earlier: Record<string, string>) {
  const rankByTotal = new Map<number, Map<number, number>>();
  const rankIn = (y: number, total: number): number => {
    let byTotal = rankByTotal.get(y);
    if (!byTotal) {
      const totals = (earlier[String(y)] ?? "").split(",").filter(Boolean).map(Number);
      const ranks = competitionRanks(totals);
      byTotal = new Map(totals.map((t, i) => [t, ranks[i] as number]));
      rankByTotal.set(y, byTotal);
    }
    const rank = byTotal.get(total);
    if (rank === undefined) throw new Error(`previous total ${total} of ${y} is missing from that year's totals`);
    return rank;
  };
  raw.forEach((r, i) => {
    const prev = r[COLUMNS.length] as [number, number, string | null] | null | undefined;
    if (!prev) return;
    const [y, total, rating] = prev;
    (rows[i] as YearRow).previous = { year: y, total, rank: rankIn(y, total), rating: rating ?? null };
  });
}

/** A score cell of the JSON rows: a number or null already (JSON keeps SQLite's integers and NULLs). */
type Cell = number | null;

function toYearRow(r: RawRow): YearRow {
  return {
    code: r[0] as string,
    name: r[1] as string,
    type: r[2] as AgencyTypeKey,
    size: r[3] as "S" | "M" | "L" | null,
    district: r[4] as string | null,
    iit: r[5] as Cell,
    eit: r[6] as Cell,
    oit: r[7] as Cell,
    indicators: {
      1: r[8] as Cell,
      2: r[9] as Cell,
      3: r[10] as Cell,
      4: r[11] as Cell,
      5: r[12] as Cell,
      6: r[13] as Cell,
      7: r[14] as Cell,
      8: r[15] as Cell,
      9: r[16] as Cell,
      10: r[17] as Cell,
    },
    total: r[18] as Cell,
    rating: r[19] as string | null,
    rank: null,
    previous: null,
    nameOrder: 0,
  };
}

/** Indicator scores as the API shows them ("1".."10" → points), built without intermediate arrays. */
export function indicatorPoints(
  indicators: Record<IndicatorNumber, number | null>,
  pts: (c: number | null) => number | null,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const n of INDICATOR_NUMBERS) out[n] = pts(indicators[n]);
  return out;
}
