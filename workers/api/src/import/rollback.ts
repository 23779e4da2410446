/**
 * Rolling an import back restores exactly what was there before it — unless something changed those rows
 * since (a later import or a hand edit), in which case the rollback is refused and the rows are named.
 */
import { sql } from "kysely";
import { jsonChunks } from "../db/batch";
import type { DB } from "../db/client";
import { SCORE_COLUMNS, sameValues } from "./derive";
import type { AgencyAttrs, ItemChange } from "./plan";
import { inJson, type StoredResult, toResultValues } from "./state";

export interface StoredChange {
  entity: "agency" | "result" | "item_scores";
  agency_id: number;
  code: string;
  fiscal_year: number | null;
  before: string | null;
  after: string | null;
}

export interface RollbackConflict {
  agencyCode: string;
  fiscalYear: number | null;
  reason: string;
  reasonEn: string;
}

export async function loadChanges(db: DB, tenantId: number, batchId: number): Promise<StoredChange[]> {
  return db
    .selectFrom("import_changes as c")
    .innerJoin("agencies as a", (j) => j.onRef("a.id", "=", "c.agency_id").onRef("a.tenant_id", "=", "c.tenant_id"))
    .select(["c.entity", "c.agency_id", "a.code", "c.fiscal_year", "c.before", "c.after"])
    .where("c.tenant_id", "=", tenantId)
    .where("c.batch_id", "=", batchId)
    .orderBy("c.id")
    .execute();
}

/** Rows this import wrote that no longer hold what it wrote, and later imports that touched the same rows. */
export async function findConflicts(
  db: DB,
  tenantId: number,
  batchId: number,
  changes: StoredChange[],
): Promise<RollbackConflict[]> {
  const conflicts: RollbackConflict[] = [];
  const targets = changes.filter((c) => c.entity !== "agency");
  if (targets.length === 0) return conflicts;
  const later = await db
    .selectFrom("import_changes as c")
    .innerJoin("import_batches as b", "b.id", "c.batch_id")
    .innerJoin("agencies as a", "a.id", "c.agency_id")
    .select(["a.code", "c.fiscal_year", "b.id", "b.file_name"])
    .where("c.tenant_id", "=", tenantId)
    .where("b.status", "=", "committed")
    .where("b.id", ">", batchId)
    .where("c.entity", "!=", "agency")
    .where(
      sql<boolean>`(c.agency_id, c.fiscal_year) IN (SELECT j.value ->> 0, j.value ->> 1 FROM json_each(${JSON.stringify(
        targets.map((t) => [t.agency_id, t.fiscal_year]),
      )}) AS j)`,
    )
    .execute();
  const seen = new Set<string>();
  for (const l of later) {
    const key = `${l.code}|${l.fiscal_year}`;
    if (seen.has(key)) continue;
    seen.add(key);
    conflicts.push({
      agencyCode: l.code,
      fiscalYear: l.fiscal_year,
      reason: `การนำเข้าครั้งหลัง (#${l.id} ${l.file_name}) แก้ไขแถวนี้แล้ว`,
      reasonEn: `A later import (#${l.id} ${l.file_name}) changed this row`,
    });
  }
  // Hand edits (or anything else) since: the stored row must still be what the import wrote.
  const ids = [...new Set(targets.map((t) => t.agency_id))];
  const years = [...new Set(targets.map((t) => t.fiscal_year ?? 0))];
  const current = await db
    .selectFrom("results")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where(inJson("agency_id", ids))
    .where(inJson("fiscal_year", years))
    .execute();
  const byKey = new Map(current.map((r) => [`${r.agency_id}|${r.fiscal_year}`, r]));
  const items = await db
    .selectFrom("item_scores")
    .select(["agency_id", "fiscal_year", "tool", "item_code", "score"])
    .where("tenant_id", "=", tenantId)
    .where(inJson("agency_id", ids))
    .where(inJson("fiscal_year", years))
    .execute();
  const itemScore = new Map(items.map((i) => [`${i.agency_id}|${i.fiscal_year}|${i.item_code}`, i.score]));
  for (const t of targets) {
    const key = `${t.code}|${t.fiscal_year}`;
    if (seen.has(key)) continue;
    let changed = false;
    if (t.entity === "result") {
      const row = byKey.get(`${t.agency_id}|${t.fiscal_year}`);
      changed =
        !row || !sameValues(toResultValues(row as unknown as Record<string, unknown>), JSON.parse(t.after ?? "null"));
    } else {
      const after = JSON.parse(t.after ?? "{}") as ItemChange;
      changed = Object.values(after).some((codes) =>
        Object.entries(codes).some(
          ([code, score]) => itemScore.get(`${t.agency_id}|${t.fiscal_year}|${code}`) !== score,
        ),
      );
    }
    if (changed) {
      seen.add(key);
      conflicts.push({
        agencyCode: t.code,
        fiscalYear: t.fiscal_year,
        reason: "ข้อมูลแถวนี้ถูกแก้ไขหลังการนำเข้า",
        reasonEn: "This row was edited after the import",
      });
    }
  }
  return conflicts;
}

/** Restores stored rows as they were (an upsert driven by the JSON rows, which stay the outer loop). */
const RESULT_RESTORE = `
INSERT INTO results (tenant_id, agency_id, fiscal_year, ${[...SCORE_COLUMNS, "rating"].join(", ")}, derived_fields,
  source, source_note, import_batch_id, updated_by, updated_at)
SELECT ?1, j.value ->> 'agency_id', j.value ->> 'year', ${[...SCORE_COLUMNS, "rating"].map((c) => `j.value ->> '${c}'`).join(", ")},
  j.value ->> 'derived_fields', j.value ->> 'source', j.value ->> 'source_note', j.value ->> 'import_batch_id',
  j.value ->> 'updated_by', j.value ->> 'updated_at'
FROM json_each(?2) AS j WHERE true
ON CONFLICT (tenant_id, agency_id, fiscal_year) DO UPDATE SET
  ${[...SCORE_COLUMNS, "rating"].map((c) => `${c} = excluded.${c}`).join(", ")}, derived_fields = excluded.derived_fields,
  source = excluded.source, source_note = excluded.source_note, import_batch_id = excluded.import_batch_id,
  updated_by = excluded.updated_by, updated_at = excluded.updated_at, version = results.version + 1`;

const RESULT_DELETE = `
DELETE FROM results WHERE tenant_id = ?1 AND (agency_id, fiscal_year) IN
  (SELECT j.value ->> 'agency_id', j.value ->> 'year' FROM json_each(?2) AS j)`;

const ITEM_RESTORE = `
INSERT INTO item_scores (tenant_id, agency_id, fiscal_year, tool, item_code, score, import_batch_id)
SELECT ?1, j.value ->> 'agency_id', j.value ->> 'year', j.value ->> 'tool', j.value ->> 'item', j.value ->> 'score', NULL
FROM json_each(?2) AS j WHERE true
ON CONFLICT (tenant_id, agency_id, fiscal_year, item_code) DO UPDATE SET score = excluded.score, import_batch_id = NULL`;

const ITEM_DELETE = `
DELETE FROM item_scores WHERE tenant_id = ?1 AND (agency_id, fiscal_year, item_code) IN
  (SELECT j.value ->> 'agency_id', j.value ->> 'year', j.value ->> 'item' FROM json_each(?2) AS j)`;

const AGENCY_RESTORE = `
INSERT INTO agencies (tenant_id, code, name_th, type, size, district, updated_at)
SELECT ?1, j.value ->> 'code', j.value ->> 'name_th', j.value ->> 'type', j.value ->> 'size', j.value ->> 'district',
  j.value ->> 'updated_at'
FROM json_each(?2) AS j WHERE true
ON CONFLICT (tenant_id, code) DO UPDATE SET name_th = excluded.name_th, type = excluded.type, size = excluded.size,
  district = excluded.district, updated_at = excluded.updated_at`;

/** Agencies the import created go too, unless something else now refers to them. */
const AGENCY_DELETE = `
DELETE FROM agencies WHERE tenant_id = ?1 AND id IN (SELECT value FROM json_each(?2))
  AND NOT EXISTS (SELECT 1 FROM results r WHERE r.agency_id = agencies.id)
  AND NOT EXISTS (SELECT 1 FROM item_scores i WHERE i.tenant_id = ?1 AND i.agency_id = agencies.id)
  AND NOT EXISTS (SELECT 1 FROM disclosure_records d WHERE d.agency_id = agencies.id)
  AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.agency_id = agencies.id)
  AND NOT EXISTS (SELECT 1 FROM invitations v WHERE v.agency_id = agencies.id)`;

export function rollbackStatements(d1: D1Database, tenantId: number, changes: StoredChange[]): D1PreparedStatement[] {
  const s: D1PreparedStatement[] = [];
  const restore: (Omit<StoredResult, "derived_fields"> & {
    derived_fields: string;
    agency_id: number;
    year: number | null;
  })[] = [];
  const remove: { agency_id: number; year: number | null }[] = [];
  const itemRestore: { agency_id: number; year: number | null; tool: string; item: string; score: number }[] = [];
  const itemRemove: { agency_id: number; year: number | null; item: string }[] = [];
  const agencyRestore: (AgencyAttrs & { code: string; updated_at: string })[] = [];
  const agencyRemove: number[] = [];
  for (const c of changes) {
    if (c.entity === "result") {
      const before = JSON.parse(c.before ?? "null") as StoredResult | null;
      if (before) {
        restore.push({
          ...before,
          derived_fields: JSON.stringify(before.derived_fields),
          agency_id: c.agency_id,
          year: c.fiscal_year,
        });
      } else remove.push({ agency_id: c.agency_id, year: c.fiscal_year });
    } else if (c.entity === "item_scores") {
      const before = JSON.parse(c.before ?? "{}") as ItemChange;
      for (const [tool, codes] of Object.entries(before)) {
        for (const [item, score] of Object.entries(codes)) {
          if (score === null) itemRemove.push({ agency_id: c.agency_id, year: c.fiscal_year, item });
          else itemRestore.push({ agency_id: c.agency_id, year: c.fiscal_year, tool, item, score });
        }
      }
    } else {
      const before = JSON.parse(c.before ?? "null") as (AgencyAttrs & { updated_at: string }) | null;
      if (before) agencyRestore.push({ ...before, code: c.code });
      else agencyRemove.push(c.agency_id);
    }
  }
  for (const chunk of jsonChunks(restore)) s.push(d1.prepare(RESULT_RESTORE).bind(tenantId, chunk));
  for (const chunk of jsonChunks(remove)) s.push(d1.prepare(RESULT_DELETE).bind(tenantId, chunk));
  for (const chunk of jsonChunks(itemRestore)) s.push(d1.prepare(ITEM_RESTORE).bind(tenantId, chunk));
  for (const chunk of jsonChunks(itemRemove)) s.push(d1.prepare(ITEM_DELETE).bind(tenantId, chunk));
  for (const chunk of jsonChunks(agencyRestore)) s.push(d1.prepare(AGENCY_RESTORE).bind(tenantId, chunk));
  for (const chunk of jsonChunks(agencyRemove)) s.push(d1.prepare(AGENCY_DELETE).bind(tenantId, chunk));
  return s;
}
