import type { Role } from "../auth/policy";
import type { Principal } from "../auth/principal";
import { runBatch } from "../db/batch";
import type { DB } from "../db/client";
import { notFound, ProblemError } from "../http/problem";
import { thaiCollator } from "./analytics/common";
import { auditInsert } from "./audit";
import { agencyIdByCode } from "./invitations";
import type { TenantContext } from "./tenants";

function membersQuery(db: DB, tenantId: number) {
  return db
    .selectFrom("memberships as m")
    .innerJoin("user as u", "u.id", "m.user_id")
    .leftJoin("agencies as a", (j) => j.onRef("a.id", "=", "m.agency_id").onRef("a.tenant_id", "=", "m.tenant_id"))
    .select(["m.user_id", "u.email", "u.name", "m.role", "a.code", "m.created_at"])
    .where("m.tenant_id", "=", tenantId);
}

type MemberRow = { user_id: string; email: string; name: string; role: Role; code: string | null; created_at: string };
const toApi = (r: MemberRow) => ({
  userId: r.user_id,
  email: r.email,
  name: r.name,
  role: r.role,
  agencyCode: r.code,
  since: r.created_at,
});

export async function listMembers(db: DB, tenant: TenantContext) {
  const rows = await membersQuery(db, tenant.id).execute();
  return rows.map(toApi).sort((a, b) => thaiCollator.compare(a.name, b.name));
}

async function memberOrThrow(db: DB, tenant: TenantContext, userId: string) {
  const row = await membersQuery(db, tenant.id).where("m.user_id", "=", userId).executeTakeFirst();
  if (!row) throw notFound(`No member ${userId}.`);
  return row;
}

/** A tenant must keep at least one admin, or nobody could manage it again. */
async function assertAnotherAdmin(db: DB, tenant: TenantContext, userId: string) {
  const others = await db
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("tenant_id", "=", tenant.id)
    .where("role", "=", "admin")
    .where("user_id", "!=", userId)
    .executeTakeFirst();
  if (Number(others?.n ?? 0) === 0) {
    throw new ProblemError(
      409,
      "last-admin",
      "Last admin",
      "ต้องมีผู้ดูแลอย่างน้อยหนึ่งคน (A tenant must keep at least one admin.)",
    );
  }
}

export async function updateMember(
  d1: D1Database,
  db: DB,
  tenant: TenantContext,
  by: Principal,
  userId: string,
  input: { role: Role; agencyCode?: string | undefined },
  requestId: string | null,
) {
  const before = await memberOrThrow(db, tenant, userId);
  if (before.role === "admin" && input.role !== "admin") await assertAnotherAdmin(db, tenant, userId);
  const agencyId = input.agencyCode ? await agencyIdByCode(db, tenant.id, input.agencyCode) : null;
  await runBatch(d1, [
    db
      .updateTable("memberships")
      .set({ role: input.role, agency_id: agencyId })
      .where("tenant_id", "=", tenant.id)
      .where("user_id", "=", userId),
    auditInsert(db, {
      tenantId: tenant.id,
      actor: { userId: by.userId, label: by.email },
      action: "membership.update",
      entity: "membership",
      entityId: before.email,
      before: { role: before.role, agencyCode: before.code },
      after: { role: input.role, agencyCode: input.agencyCode ?? null },
      requestId,
    }),
  ]);
  return toApi(await memberOrThrow(db, tenant, userId));
}

export async function removeMember(
  d1: D1Database,
  db: DB,
  tenant: TenantContext,
  by: Principal,
  userId: string,
  requestId: string | null,
) {
  const before = await memberOrThrow(db, tenant, userId);
  if (before.role === "admin") await assertAnotherAdmin(db, tenant, userId);
  await runBatch(d1, [
    db.deleteFrom("memberships").where("tenant_id", "=", tenant.id).where("user_id", "=", userId),
    auditInsert(db, {
      tenantId: tenant.id,
      actor: { userId: by.userId, label: by.email },
      action: "membership.remove",
      entity: "membership",
      entityId: before.email,
      before: { role: before.role, agencyCode: before.code },
      requestId,
    }),
  ]);
}
