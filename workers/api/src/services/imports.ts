import { digest } from "../auth/crypto";
import type { Principal } from "../auth/principal";
import { prepared } from "../db/batch";
import type { DB } from "../db/client";
import { notFound, ProblemError } from "../http/problem";
import { commitStatements } from "../import/commit";
import { parseImportFile } from "../import/parse";
import { type Plan, planImport } from "../import/plan";
import { findConflicts, loadChanges, rollbackStatements } from "../import/rollback";
import { loadState } from "../import/state";
import { ImportFileError, type ImportIssue } from "../import/types";
import { auditInsert } from "./audit";
import type { TenantContext } from "./tenants";

export interface ImportFile {
  bytes: Uint8Array;
  contentType: string | null;
  fileName: string;
}

export interface ImportReport {
  id?: number;
  dryRun: boolean;
  fileName: string;
  sha256: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  agencies: { created: number; updated: number };
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

const MAX_WARNINGS_STORED = 1000;

/** Reads, validates and plans a file; writes it in one batch unless it is a dry run or has errors. */
export async function runImport(
  d1: D1Database,
  db: DB,
  tenant: TenantContext,
  by: Principal,
  file: ImportFile,
  dryRun: boolean,
  requestId: string | null,
): Promise<ImportReport> {
  let parsed: Awaited<ReturnType<typeof parseImportFile>>;
  try {
    parsed = await parseImportFile(file);
  } catch (e) {
    if (e instanceof ImportFileError) {
      const status = e.code === "file-too-large" ? 413 : 400;
      throw new ProblemError(status, e.code, "File refused", `${e.message} (${e.messageEn})`, {
        code: e.code,
        message: e.message,
        messageEn: e.messageEn,
      });
    }
    throw e;
  }
  const sha256 = await digest(file.bytes);
  const codes = [...new Set(parsed.rows.map((r) => r.agencyCode))];
  const years = [...new Set(parsed.rows.map((r) => r.fiscalYear))];
  const plan: Plan = planImport(parsed.rows, await loadState(db, tenant.id, codes, years));
  const errors = [...parsed.errors, ...plan.errors].sort((a, b) => a.row - b.row);
  const warnings = [...parsed.warnings, ...plan.warnings].sort((a, b) => a.row - b.row);
  const report: ImportReport = {
    dryRun,
    fileName: file.fileName,
    sha256,
    rows: parsed.rowCount,
    ...plan.counts,
    agencies: {
      created: plan.agencies.filter((a) => a.before === null).length,
      updated: plan.agencies.filter((a) => a.before !== null).length,
    },
    errors,
    warnings,
  };
  const nothingToWrite = plan.counts.created + plan.counts.updated === 0 && plan.agencies.length === 0;
  if (dryRun || errors.length > 0 || nothingToWrite) return report;

  // Time-ordered and unique enough without a round trip: every row of the batch can refer to it.
  const batchId = Date.now() * 1000 + Math.floor(Math.random() * 1000);
  await d1.batch(
    commitStatements(d1, plan, {
      tenantId: tenant.id,
      batchId,
      fileName: file.fileName,
      sha256,
      contentType: file.contentType,
      rowCount: parsed.rowCount,
      userId: by.userId,
      userEmail: by.email,
      requestId,
      warningsJson: JSON.stringify(warnings.slice(0, MAX_WARNINGS_STORED)),
      now: new Date().toISOString(),
    }),
  );
  return { ...report, id: batchId };
}

export async function listImports(db: DB, tenant: TenantContext) {
  const rows = await db
    .selectFrom("import_batches as b")
    .leftJoin("user as u", "u.id", "b.created_by")
    .leftJoin("user as r", "r.id", "b.rolled_back_by")
    .select([
      "b.id",
      "b.file_name",
      "b.sha256",
      "b.row_count",
      "b.created_count",
      "b.updated_count",
      "b.unchanged_count",
      "b.warnings",
      "b.status",
      "b.created_at",
      "u.email as created_by",
      "b.rolled_back_at",
      "r.email as rolled_back_by",
    ])
    .where("b.tenant_id", "=", tenant.id)
    .orderBy("b.id", "desc")
    .execute();
  return rows.map((b) => ({
    id: b.id,
    fileName: b.file_name,
    sha256: b.sha256,
    rows: b.row_count,
    created: b.created_count,
    updated: b.updated_count,
    unchanged: b.unchanged_count,
    warnings: (JSON.parse(b.warnings) as unknown[]).length,
    status: b.status,
    createdAt: b.created_at,
    createdBy: b.created_by,
    rolledBackAt: b.rolled_back_at,
    rolledBackBy: b.rolled_back_by,
  }));
}

/** Restores what an import replaced, atomically; refused with the rows in the way if they changed since. */
export async function rollbackImport(
  d1: D1Database,
  db: DB,
  tenant: TenantContext,
  by: Principal,
  batchId: number,
  requestId: string | null,
) {
  const batch = await db
    .selectFrom("import_batches")
    .select(["id", "status", "file_name"])
    .where("tenant_id", "=", tenant.id)
    .where("id", "=", batchId)
    .executeTakeFirst();
  if (!batch) throw notFound(`ไม่พบการนำเข้า #${batchId} (No import ${batchId}.)`);
  if (batch.status === "rolled_back") {
    throw new ProblemError(
      409,
      "already-rolled-back",
      "Already rolled back",
      `การนำเข้า #${batchId} ถูกย้อนกลับแล้ว (Import ${batchId} was already rolled back.)`,
    );
  }
  const changes = await loadChanges(db, tenant.id, batchId);
  const conflicts = await findConflicts(db, tenant.id, batchId, changes);
  if (conflicts.length > 0) {
    throw new ProblemError(
      409,
      "rollback-conflict",
      "Rollback refused",
      `ย้อนกลับไม่ได้: ${conflicts.length} แถวถูกแก้ไขหลังการนำเข้านี้ (Cannot roll back: ${conflicts.length} row(s) changed since this import.)`,
      { conflicts: conflicts.slice(0, 100) },
    );
  }
  const now = new Date().toISOString();
  await d1.batch([
    ...rollbackStatements(d1, tenant.id, changes),
    prepared(
      d1,
      db
        .updateTable("import_batches")
        .set({ status: "rolled_back", rolled_back_by: by.userId, rolled_back_at: now })
        .where("tenant_id", "=", tenant.id)
        .where("id", "=", batchId),
    ),
    prepared(
      d1,
      auditInsert(db, {
        tenantId: tenant.id,
        actor: { userId: by.userId, label: by.email },
        action: "import.rollback",
        entity: "import",
        entityId: batchId,
        after: { fileName: batch.file_name, restored: changes.length },
        requestId,
      }),
    ),
  ]);
  return { id: batchId, status: "rolled_back" as const, restored: changes.length };
}
