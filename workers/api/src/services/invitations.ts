import { authFor } from "../auth/better-auth";
import { digest, newToken } from "../auth/crypto";
import { passwordProblems } from "../auth/password-policy";
import type { Role } from "../auth/policy";
import type { Principal } from "../auth/principal";
import { runBatch } from "../db/batch";
import type { DB } from "../db/client";
import type { Env } from "../env";
import { badRequest, notFound, ProblemError } from "../http/problem";
import { auditInsert } from "./audit";
import { signIn } from "./session";
import type { TenantContext } from "./tenants";

export const INVITATION_DAYS = 7;

const gone = (why: string) => new ProblemError(410, "invitation-gone", "Invitation no longer valid", why);

export function invitationUrl(origin: string, token: string) {
  return `${origin}/invite/${token}`;
}

type InvitationRow = {
  id: number;
  email: string;
  role: Role;
  agency_id: number | null;
  agency_code: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
};

function status(r: InvitationRow, now = new Date().toISOString()) {
  if (r.accepted_at) return "accepted" as const;
  if (r.revoked_at) return "revoked" as const;
  if (r.expires_at <= now) return "expired" as const;
  return "pending" as const;
}

export const invitationToApi = (r: InvitationRow) => ({
  id: r.id,
  email: r.email,
  role: r.role,
  agencyCode: r.agency_code,
  status: status(r),
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

function invitationsQuery(db: DB) {
  return db
    .selectFrom("invitations as i")
    .leftJoin("agencies as a", (j) => j.onRef("a.id", "=", "i.agency_id").onRef("a.tenant_id", "=", "i.tenant_id"))
    .select([
      "i.id",
      "i.email",
      "i.role",
      "i.agency_id",
      "a.code as agency_code",
      "i.created_at",
      "i.expires_at",
      "i.accepted_at",
      "i.revoked_at",
      "i.tenant_id",
    ]);
}

export async function agencyIdByCode(db: DB, tenantId: number, code: string): Promise<number> {
  const a = await db
    .selectFrom("agencies")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("code", "=", code)
    .executeTakeFirst();
  if (!a) throw badRequest(`ไม่พบหน่วยงานรหัส ${code} (No agency with code ${code} in this tenant.)`);
  return a.id;
}

/** A fresh invitation token, its stored digest and its expiry. */
export async function newInvitationToken() {
  const token = newToken("inv");
  return {
    token,
    hash: await digest(token),
    expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000).toISOString(),
  };
}

export async function createInvitation(
  d1: D1Database,
  db: DB,
  tenant: TenantContext,
  by: Principal,
  input: { email: string; role: Role; agencyCode?: string | undefined },
  origin: string,
  requestId: string | null,
) {
  const agencyId = input.agencyCode ? await agencyIdByCode(db, tenant.id, input.agencyCode) : null;
  const inv = await newInvitationToken();
  await runBatch(d1, [
    db.insertInto("invitations").values({
      tenant_id: tenant.id,
      email: input.email,
      role: input.role,
      agency_id: agencyId,
      token_hash: inv.hash,
      expires_at: inv.expiresAt,
      invited_by: by.userId,
    }),
    auditInsert(db, {
      tenantId: tenant.id,
      actor: { userId: by.userId, label: by.email },
      action: "invitation.create",
      entity: "invitation",
      entityId: input.email,
      after: { email: input.email, role: input.role, agencyCode: input.agencyCode ?? null, expiresAt: inv.expiresAt },
      requestId,
    }),
  ]);
  const row = await invitationsQuery(db).where("i.token_hash", "=", inv.hash).executeTakeFirstOrThrow();
  return {
    invitation: invitationToApi(row),
    link: { url: invitationUrl(origin, inv.token), token: inv.token, expiresAt: inv.expiresAt },
  };
}

export async function listInvitations(db: DB, tenant: TenantContext) {
  const rows = await invitationsQuery(db).where("i.tenant_id", "=", tenant.id).orderBy("i.id", "desc").execute();
  return rows.map(invitationToApi);
}

export async function revokeInvitation(
  d1: D1Database,
  db: DB,
  tenant: TenantContext,
  by: Principal,
  id: number,
  requestId: string | null,
) {
  const row = await invitationsQuery(db).where("i.tenant_id", "=", tenant.id).where("i.id", "=", id).executeTakeFirst();
  if (!row) throw notFound(`No invitation ${id}.`);
  if (status(row) !== "pending") throw badRequest(`Invitation ${id} is ${status(row)}, not pending.`);
  await runBatch(d1, [
    db
      .updateTable("invitations")
      .set({ revoked_at: new Date().toISOString() })
      .where("id", "=", id)
      .where("tenant_id", "=", tenant.id),
    auditInsert(db, {
      tenantId: tenant.id,
      actor: { userId: by.userId, label: by.email },
      action: "invitation.revoke",
      entity: "invitation",
      entityId: row.email,
      before: invitationToApi(row),
      requestId,
    }),
  ]);
}

function pendingInvitation(db: DB, id: number, now: string) {
  return db
    .selectFrom("invitations")
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now);
}

async function pendingByToken(db: DB, token: string) {
  const row = await invitationsQuery(db)
    .innerJoin("tenants as t", "t.id", "i.tenant_id")
    .select(["t.slug", "t.name as tenant_name"])
    .where("i.token_hash", "=", await digest(token))
    .executeTakeFirst();
  if (!row) throw notFound("ไม่พบคำเชิญนี้ (No such invitation.)");
  const s = status(row);
  if (s === "accepted") throw gone("คำเชิญนี้ถูกใช้แล้ว (This invitation has already been used.)");
  if (s === "revoked") throw gone("คำเชิญนี้ถูกยกเลิกแล้ว (This invitation was revoked.)");
  if (s === "expired")
    throw gone("คำเชิญนี้หมดอายุแล้ว ขอคำเชิญใหม่จากผู้ดูแล (This invitation has expired; ask for a new one.)");
  return row;
}

export async function previewInvitation(db: DB, token: string) {
  const row = await pendingByToken(db, token);
  const existing = await db.selectFrom("user").select("id").where("email", "=", row.email).executeTakeFirst();
  return {
    email: row.email,
    tenant: row.slug,
    tenantName: row.tenant_name,
    role: row.role,
    agencyCode: row.agency_code,
    expiresAt: row.expires_at,
    accountExists: Boolean(existing),
  };
}

/**
 * Accepts an invitation: a new person sets a password (the account is created by better-auth's adapter, with
 * its password hashing); a person who already has an account proves it with their password. Then the
 * membership is added and the invitation marked used in one batch, and the person is signed in.
 */
export async function acceptInvitation(
  ctx: { d1: D1Database; db: DB; env: Env; request: Request; ip: string; requestId: string | null },
  token: string,
  input: { password: string; name?: string | undefined },
) {
  const inv = await pendingByToken(ctx.db, token);
  const existing = await ctx.db.selectFrom("user").select("id").where("email", "=", inv.email).executeTakeFirst();
  if (existing) {
    const member = await ctx.db
      .selectFrom("memberships")
      .select("role")
      .where("tenant_id", "=", inv.tenant_id)
      .where("user_id", "=", existing.id)
      .executeTakeFirst();
    // An invitation never changes an existing member's role (that is the admin's PATCH, with its last-admin rule).
    if (member) {
      throw new ProblemError(
        409,
        "already-member",
        "Already a member",
        `บัญชีนี้เป็นสมาชิกของ ${inv.tenant_name} อยู่แล้ว (This account is already a member of ${inv.tenant_name}.)`,
      );
    }
  } else {
    const problems = passwordProblems(input.password, inv.email);
    if (problems.length > 0) {
      throw badRequest(
        "รหัสผ่านไม่เป็นไปตามนโยบาย (The password does not meet the policy.)",
        problems.map((message) => ({ path: "password", message })),
      );
    }
    const auth = authFor(ctx.env, new URL(ctx.request.url).origin);
    const internal = await auth.$context;
    const user = await internal.internalAdapter.createUser(
      {
        email: inv.email,
        name: input.name ?? inv.email.split("@")[0] ?? inv.email,
        emailVerified: true, // the invitation link proved the address
      },
      { method: "admin" },
    );
    await internal.internalAdapter.linkAccount({
      userId: user.id,
      providerId: "credential",
      accountId: user.id,
      password: await internal.password.hash(input.password),
    });
  }
  // Existing accounts prove themselves here; new ones get their session here.
  const session = await signIn(ctx, inv.email, input.password);
  const userId = session.body.user.id;
  const now = new Date().toISOString();
  // The membership is created only from a still-pending invitation, in the same batch that marks it used:
  // a revocation or a second acceptance racing this one cannot both get through.
  await runBatch(ctx.d1, [
    ctx.db
      .insertInto("memberships")
      .columns(["tenant_id", "user_id", "role", "agency_id"])
      .expression(
        pendingInvitation(ctx.db, inv.id, now).select((eb) => [
          "tenant_id",
          eb.val(userId).as("user_id"),
          "role",
          "agency_id",
        ]),
      )
      .onConflict((oc) => oc.doNothing()),
    ctx.db
      .updateTable("invitations")
      .set({ accepted_at: now, accepted_by: userId })
      .where("id", "=", inv.id)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null),
    auditInsert(ctx.db, {
      tenantId: inv.tenant_id,
      actor: { userId, label: inv.email },
      action: "invitation.accept",
      entity: "membership",
      entityId: inv.email,
      after: { role: inv.role, agencyCode: inv.agency_code },
      requestId: ctx.requestId,
    }),
  ]);
  const joined = await ctx.db
    .selectFrom("invitations")
    .select("accepted_by")
    .where("id", "=", inv.id)
    .executeTakeFirst();
  if (joined?.accepted_by !== userId)
    throw gone("คำเชิญนี้ถูกใช้หรือยกเลิกไปพร้อมกัน (The invitation was used or revoked meanwhile.)");
  const body = {
    ...session.body,
    memberships: [
      ...session.body.memberships.filter((m) => m.tenant !== inv.slug),
      {
        tenant: inv.slug,
        tenantName: inv.tenant_name,
        role: inv.role,
        ...(inv.agency_code ? { agencyCode: inv.agency_code } : {}),
      },
    ].sort((a, b) => a.tenant.localeCompare(b.tenant)),
  };
  return { headers: session.headers, body };
}
