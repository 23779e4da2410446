import type { AuditAction, AuditEntity } from "@prongsai/contracts";
import type { DB } from "../db/client";

export interface AuditEntry {
  tenantId: number | null;
  actor: { userId: string | null; label: string | null };
  action: AuditAction;
  entity: AuditEntity;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  requestId: string | null;
}

/** The audit row as a query, so callers can put it in the same D1 batch as the write it records. */
export function auditInsert(db: DB, e: AuditEntry) {
  return db.insertInto("audit_log").values({
    tenant_id: e.tenantId,
    actor_user_id: e.actor.userId,
    actor_label: e.actor.label,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId === null ? null : String(e.entityId),
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
    request_id: e.requestId,
  });
}

export interface AuditQuery {
  action?: string;
  entity?: string;
  entityId?: string;
  actor?: string;
  from?: string;
  to?: string;
  before?: number; // cursor: entries with a smaller id
  limit: number;
}

/** A tenant's audit log, newest first, filterable; never another tenant's rows. */
export async function listAudit(db: DB, tenantId: number, q: AuditQuery) {
  let query = db
    .selectFrom("audit_log as l")
    .leftJoin("user as u", "u.id", "l.actor_user_id")
    .select([
      "l.id",
      "l.action",
      "l.entity",
      "l.entity_id",
      "l.before",
      "l.after",
      "l.request_id",
      "l.at",
      "l.actor_user_id",
      "l.actor_label",
      "u.email as actor_email",
    ])
    .where("l.tenant_id", "=", tenantId);
  if (q.action) query = query.where("l.action", "=", q.action);
  if (q.entity) query = query.where("l.entity", "=", q.entity);
  if (q.entityId) query = query.where("l.entity_id", "=", q.entityId);
  if (q.actor)
    query = query.where((eb) => eb.or([eb("u.email", "=", q.actor ?? ""), eb("l.actor_user_id", "=", q.actor ?? "")]));
  if (q.from) query = query.where("l.at", ">=", q.from);
  if (q.to) query = query.where("l.at", "<=", q.to);
  if (q.before) query = query.where("l.id", "<", q.before);
  const rows = await query
    .orderBy("l.id", "desc")
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      actor: { userId: r.actor_user_id, email: r.actor_email ?? null, label: r.actor_label },
      before: r.before === null ? null : (JSON.parse(r.before) as unknown),
      after: r.after === null ? null : (JSON.parse(r.after) as unknown),
      requestId: r.request_id,
    })),
    nextBefore: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
