/** What the database already holds for the agency-years an import (or a hand-typed result) touches. */
import { sql } from "kysely";
import type { DB } from "../db/client";
import type { AgencyTypeKey } from "../db/schema";
import { type ResultValues, SCORE_COLUMNS } from "./derive";

export interface StoredAgency {
  id: number;
  code: string;
  name_th: string;
  type: AgencyTypeKey;
  size: "S" | "M" | "L" | null;
  district: string | null;
  updated_at: string;
}

/** Items of one agency-year, by tool then code. */
export type ItemSet = Record<"oit" | "iit" | "eit", Record<string, number>>;

export const rowKey = (code: string, year: number) => `${code}|${year}`;
export const emptyItems = (): ItemSet => ({ oit: {}, iit: {}, eit: {} });

/** Where a stored row came from: restored as it was by a rollback. */
export interface Provenance {
  source: "import" | "manual" | "demo";
  source_note: string | null;
  import_batch_id: number | null;
  updated_by: string | null;
  updated_at: string;
}
export type StoredResult = ResultValues & Provenance;

export interface StoredState {
  agencies: Map<string, StoredAgency>;
  results: Map<string, StoredResult>;
  items: Map<string, ItemSet>;
}

/**
 * `column IN (…)` for any number of values with ONE bound parameter (a JSON array read by json_each), so long
 * lists never hit D1's limit of 100 bound parameters per statement.
 */
export const inJson = (column: string, values: readonly (string | number)[]) =>
  sql<boolean>`${sql.ref(column)} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;

export function toResultValues(r: Record<string, unknown>): ResultValues {
  const v = { rating: (r.rating as string | null) ?? null } as ResultValues;
  for (const c of SCORE_COLUMNS) v[c] = (r[c] as number | null) ?? null;
  v.derived_fields = (JSON.parse((r.derived_fields as string) ?? "[]") as string[]).slice().sort();
  return v;
}

export async function loadState(db: DB, tenantId: number, codes: string[], years: number[]): Promise<StoredState> {
  const agencies = new Map<string, StoredAgency>();
  const results = new Map<string, StoredResult>();
  const items = new Map<string, ItemSet>();
  if (codes.length === 0) return { agencies, results, items };
  const agencyRows = await db
    .selectFrom("agencies")
    .select(["id", "code", "name_th", "type", "size", "district", "updated_at"])
    .where("tenant_id", "=", tenantId)
    .where(inJson("code", codes))
    .execute();
  for (const a of agencyRows) agencies.set(a.code, a);
  if (agencyRows.length === 0) return { agencies, results, items };
  const ids = agencyRows.map((a) => a.id);
  const codeById = new Map(agencyRows.map((a) => [a.id, a.code]));
  const resultRows = await db
    .selectFrom("results")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where(inJson("agency_id", ids))
    .where(inJson("fiscal_year", years))
    .execute();
  for (const r of resultRows) {
    results.set(rowKey(codeById.get(r.agency_id) ?? "", r.fiscal_year), {
      ...toResultValues(r as unknown as Record<string, unknown>),
      source: r.source,
      source_note: r.source_note,
      import_batch_id: r.import_batch_id,
      updated_by: r.updated_by,
      updated_at: r.updated_at,
    });
  }
  const itemRows = await db
    .selectFrom("item_scores")
    .select(["agency_id", "fiscal_year", "tool", "item_code", "score"])
    .where("tenant_id", "=", tenantId)
    .where(inJson("agency_id", ids))
    .where(inJson("fiscal_year", years))
    .execute();
  for (const i of itemRows) {
    const key = rowKey(codeById.get(i.agency_id) ?? "", i.fiscal_year);
    let set = items.get(key);
    if (!set) {
      set = emptyItems();
      items.set(key, set);
    }
    set[i.tool][i.item_code] = i.score;
  }
  return { agencies, results, items };
}
