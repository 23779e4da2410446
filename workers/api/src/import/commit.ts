/**
 * Writes a plan in ONE D1 batch (D1 runs a batch as a transaction: all rows or none). Bulk rows travel as
 * JSON in a single bound parameter per statement (`json_each(?)`), which keeps every statement far below
 * D1's 100-parameter limit however many rows the file has.
 */
import { jsonChunks } from "../db/batch";
import { SCORE_COLUMNS } from "./derive";
import type { Plan } from "./plan";

export interface CommitMeta {
  tenantId: number;
  batchId: number;
  fileName: string;
  sha256: string;
  contentType: string | null;
  rowCount: number;
  userId: string;
  userEmail: string;
  requestId: string | null;
  warningsJson: string;
  now: string;
}

const resultColumns = [...SCORE_COLUMNS, "rating"] as const;

/**
 * INSERT … SELECT … FROM json_each(?) joined to the tenant's agencies by code. CROSS JOIN pins the JSON rows
 * as the outer loop: with a plain JOIN SQLite may scan the JSON once per agency (minutes for 2,000 rows).
 */
const RESULT_UPSERT = `
INSERT INTO results (tenant_id, agency_id, fiscal_year, ${resultColumns.join(", ")},
  derived_fields, source, source_note, import_batch_id, updated_by, updated_at)
SELECT ?1, a.id, j.value ->> 'year', ${resultColumns.map((c) => `j.value ->> '${c}'`).join(", ")},
  j.value ->> 'derived_fields', 'import', ?2, ?3, ?4, ?5
FROM json_each(?6) AS j CROSS JOIN agencies AS a ON a.tenant_id = ?1 AND a.code = j.value ->> 'code'
WHERE true
ON CONFLICT (tenant_id, agency_id, fiscal_year) DO UPDATE SET
  ${resultColumns.map((c) => `${c} = excluded.${c}`).join(", ")},
  derived_fields = excluded.derived_fields, source = 'import', source_note = excluded.source_note,
  import_batch_id = excluded.import_batch_id, updated_by = excluded.updated_by, updated_at = excluded.updated_at,
  version = results.version + 1`;

const ITEM_UPSERT = `
INSERT INTO item_scores (tenant_id, agency_id, fiscal_year, tool, item_code, score, import_batch_id)
SELECT ?1, a.id, j.value ->> 'year', j.value ->> 'tool', j.value ->> 'item', j.value ->> 'score', ?2
FROM json_each(?3) AS j CROSS JOIN agencies AS a ON a.tenant_id = ?1 AND a.code = j.value ->> 'code'
WHERE true
ON CONFLICT (tenant_id, agency_id, fiscal_year, item_code) DO UPDATE SET
  score = excluded.score, tool = excluded.tool, import_batch_id = excluded.import_batch_id`;

const CHANGE_INSERT = `
INSERT INTO import_changes (tenant_id, batch_id, entity, agency_id, fiscal_year, before, after)
SELECT ?1, ?2, j.value ->> 'entity', a.id, j.value ->> 'year', j.value ->> 'before', j.value ->> 'after'
FROM json_each(?3) AS j CROSS JOIN agencies AS a ON a.tenant_id = ?1 AND a.code = j.value ->> 'code'`;

/** New and changed agencies in one upsert (json_each stays the outer loop: no per-agency scan of the JSON). */
const AGENCY_UPSERT = `
INSERT INTO agencies (tenant_id, code, name_th, type, size, district, updated_at)
SELECT ?1, j.value ->> 'code', j.value ->> 'name_th', j.value ->> 'type', j.value ->> 'size', j.value ->> 'district', ?3
FROM json_each(?2) AS j WHERE true
ON CONFLICT (tenant_id, code) DO UPDATE SET name_th = excluded.name_th, type = excluded.type, size = excluded.size,
  district = excluded.district, updated_at = excluded.updated_at`;

export function commitStatements(d1: D1Database, plan: Plan, m: CommitMeta): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [
    d1
      .prepare(
        `INSERT INTO import_batches (id, tenant_id, file_name, sha256, content_type, row_count, created_count,
          updated_count, unchanged_count, warnings, status, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'committed', ?, ?)`,
      )
      .bind(
        m.batchId,
        m.tenantId,
        m.fileName,
        m.sha256,
        m.contentType,
        m.rowCount,
        plan.counts.created,
        plan.counts.updated,
        plan.counts.unchanged,
        m.warningsJson,
        m.userId,
        m.now,
      ),
  ];
  const agencies = plan.agencies.map((a) => ({ code: a.code, ...a.after }));
  for (const chunk of jsonChunks(agencies)) statements.push(d1.prepare(AGENCY_UPSERT).bind(m.tenantId, chunk, m.now));

  const written = plan.rows.filter((r) => r.status !== "unchanged");
  const resultRows = written.map((r) => ({
    code: r.code,
    year: r.year,
    ...r.after,
    derived_fields: JSON.stringify(r.after.derived_fields),
  }));
  for (const chunk of jsonChunks(resultRows)) {
    statements.push(
      d1.prepare(RESULT_UPSERT).bind(m.tenantId, `นำเข้าจากไฟล์ ${m.fileName}`, m.batchId, m.userId, m.now, chunk),
    );
  }
  const itemRows = written.flatMap((r) =>
    (["oit", "iit", "eit"] as const).flatMap((tool) =>
      Object.entries(r.itemsAfter[tool]).map(([item, score]) => ({ code: r.code, year: r.year, tool, item, score })),
    ),
  );
  for (const chunk of jsonChunks(itemRows)) statements.push(d1.prepare(ITEM_UPSERT).bind(m.tenantId, m.batchId, chunk));

  // What was there before, so a rollback can restore it exactly.
  const changes = [
    ...plan.agencies.map((a) => ({ entity: "agency", code: a.code, year: null, before: a.before, after: a.after })),
    ...written.map((r) => ({ entity: "result", code: r.code, year: r.year, before: r.before, after: r.after })),
    ...written
      .filter((r) => Object.values(r.itemsAfter).some((t) => Object.keys(t).length > 0))
      .map((r) => ({ entity: "item_scores", code: r.code, year: r.year, before: r.itemsBefore, after: r.itemsAfter })),
  ];
  for (const chunk of jsonChunks(changes))
    statements.push(d1.prepare(CHANGE_INSERT).bind(m.tenantId, m.batchId, chunk));

  statements.push(
    d1
      .prepare(
        `INSERT INTO audit_log (tenant_id, actor_user_id, actor_label, action, entity, entity_id, after, request_id, at)
         VALUES (?, ?, ?, 'import.commit', 'import', ?, ?, ?, ?)`,
      )
      .bind(
        m.tenantId,
        m.userId,
        m.userEmail,
        String(m.batchId),
        JSON.stringify({
          fileName: m.fileName,
          sha256: m.sha256,
          rows: m.rowCount,
          ...plan.counts,
          agencies: plan.agencies.length,
        }),
        m.requestId,
        m.now,
      ),
  );
  return statements;
}
