/**
 * Turns parsed rows into a plan against what is stored: which agencies to create or update, and for each
 * agency-year the values before and after, the item scores that change, and whether the row is created,
 * updated or unchanged. Pure: the same plan serves the dry run and the commit.
 */
import { deriveResult, issue, overlay, publishedOf, publishedOfStored, type ResultValues, sameValues } from "./derive";
import { emptyItems, type ItemSet, rowKey, type StoredAgency, type StoredResult, type StoredState } from "./state";
import type { ImportIssue, ParsedRow } from "./types";

export type AgencyAttrs = Pick<StoredAgency, "name_th" | "type" | "size" | "district">;

export interface AgencyChange {
  code: string;
  before: (AgencyAttrs & { updated_at: string }) | null; // null: the import creates the agency
  after: AgencyAttrs;
}

/** Only the item codes that change: before (null = absent) and after. */
export type ItemChange = Record<keyof ItemSet, Record<string, number | null>>;

export interface PlannedRow {
  row: number;
  code: string;
  year: number;
  status: "created" | "updated" | "unchanged";
  /** The stored row with its provenance, so a rollback restores it exactly. */
  before: StoredResult | null;
  after: ResultValues;
  itemsBefore: ItemChange;
  itemsAfter: ItemChange;
}

export interface Plan {
  rows: PlannedRow[];
  agencies: AgencyChange[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
  counts: { created: number; updated: number; unchanged: number };
}

const TOOLS = ["oit", "iit", "eit"] as const;

function attrsChange(stored: StoredAgency | undefined, row: ParsedRow): AgencyChange | null {
  const a = row.agency;
  if (!stored) {
    if (!a.nameTh || !a.type) return null;
    return {
      code: row.agencyCode,
      before: null,
      after: { name_th: a.nameTh, type: a.type, size: a.size ?? null, district: a.district ?? null },
    };
  }
  const after: AgencyAttrs = {
    name_th: a.nameTh ?? stored.name_th,
    type: a.type ?? stored.type,
    size: a.size ?? stored.size,
    district: a.district ?? stored.district,
  };
  const before = {
    name_th: stored.name_th,
    type: stored.type,
    size: stored.size,
    district: stored.district,
    updated_at: stored.updated_at,
  };
  const same = (Object.keys(after) as (keyof AgencyAttrs)[]).every((k) => after[k] === before[k]);
  return same ? null : { code: row.agencyCode, before, after };
}

export function planImport(rows: readonly ParsedRow[], state: StoredState): Plan {
  const plan: Plan = {
    rows: [],
    agencies: [],
    errors: [],
    warnings: [],
    counts: { created: 0, updated: 0, unchanged: 0 },
  };
  const agencySeen = new Set<string>();
  for (const row of rows) {
    const stored = state.agencies.get(row.agencyCode);
    if (!agencySeen.has(row.agencyCode)) {
      const change = attrsChange(stored, row);
      if (!stored && !change) {
        plan.errors.push(
          issue(
            row.row,
            "agency_code",
            row.agencyCode,
            "unknown-agency",
            `ไม่พบหน่วยงานรหัส ${row.agencyCode} ในระบบ — ใส่ชื่อ (agency_name) และประเภท (agency_type) เพื่อเพิ่มหน่วยงานใหม่`,
            `No agency ${row.agencyCode} in this tenant; give agency_name and agency_type to create it`,
          ),
        );
        continue;
      }
      agencySeen.add(row.agencyCode);
      if (change) plan.agencies.push(change);
    }

    // The row on its own must carry some score (a blank row of numbers is a mistake, not an update).
    const alone = deriveResult(row.fiscalYear, publishedOf(row), row.items.oit, row.row);
    if (alone.errors.length > 0) {
      plan.errors.push(...alone.errors);
      continue;
    }
    const key = rowKey(row.agencyCode, row.fiscalYear);
    const before = state.results.get(key) ?? null;
    const storedItems = state.items.get(key) ?? emptyItems();
    const mergedOit = { ...storedItems.oit, ...row.items.oit };
    const merged = deriveResult(
      row.fiscalYear,
      overlay(publishedOfStored(before), publishedOf(row)),
      mergedOit,
      row.row,
    );
    plan.warnings.push(...merged.warnings);

    const itemsBefore: ItemChange = { oit: {}, iit: {}, eit: {} };
    const itemsAfter: ItemChange = { oit: {}, iit: {}, eit: {} };
    let itemChanges = 0;
    for (const tool of TOOLS) {
      for (const [code, score] of Object.entries(row.items[tool])) {
        const old = storedItems[tool][code];
        if (old !== score) {
          itemsBefore[tool][code] = old ?? null;
          itemsAfter[tool][code] = score;
          itemChanges++;
        }
      }
    }
    const unchanged = before !== null && sameValues(before, merged.values) && itemChanges === 0;
    const status = before === null ? "created" : unchanged ? "unchanged" : "updated";
    plan.counts[status]++;
    plan.rows.push({
      row: row.row,
      code: row.agencyCode,
      year: row.fiscalYear,
      status,
      before,
      after: merged.values,
      itemsBefore,
      itemsAfter,
    });
  }
  return plan;
}
