import type { Principal } from "../auth/principal";
import { runBatch } from "../db/batch";
import type { DB } from "../db/client";
import { ProblemError } from "../http/problem";
import { invitationUrl, newInvitationToken } from "./invitations";

/**
 * Operator: creates a tenant (one province's oversight body) and invites its first admin, in one batch.
 * The new tenant's id is unknown until the batch runs, so the later rows select it by slug.
 */
export async function createTenant(
  d1: D1Database,
  db: DB,
  by: Principal,
  input: { slug: string; name: string; nameEn?: string | undefined; adminEmail: string },
  origin: string,
  requestId: string | null,
) {
  const taken = await db.selectFrom("tenants").select("id").where("slug", "=", input.slug).executeTakeFirst();
  if (taken) {
    throw new ProblemError(
      409,
      "conflict",
      "Slug taken",
      `มี tenant ชื่อ ${input.slug} แล้ว (Slug ${input.slug} is taken.)`,
    );
  }
  const inv = await newInvitationToken();
  const newTenant = db.selectFrom("tenants").where("slug", "=", input.slug);
  await runBatch(d1, [
    db.insertInto("tenants").values({ slug: input.slug, name: input.name, name_en: input.nameEn ?? null }),
    db
      .insertInto("invitations")
      .columns(["tenant_id", "email", "role", "agency_id", "token_hash", "expires_at", "invited_by"])
      .expression(
        newTenant.select((eb) => [
          "id",
          eb.val(input.adminEmail).as("email"),
          eb.val("admin").as("role"),
          eb.val(null).as("agency_id"),
          eb.val(inv.hash).as("token_hash"),
          eb.val(inv.expiresAt).as("expires_at"),
          eb.val(by.userId).as("invited_by"),
        ]),
      ),
    db
      .insertInto("audit_log")
      .columns(["tenant_id", "actor_user_id", "actor_label", "action", "entity", "entity_id", "after", "request_id"])
      .expression(
        newTenant.select((eb) => [
          "id",
          eb.val(by.userId).as("actor_user_id"),
          eb.val(by.email).as("actor_label"),
          eb.val("tenant.create").as("action"),
          eb.val("tenant").as("entity"),
          eb.val(input.slug).as("entity_id"),
          eb.val(JSON.stringify(input)).as("after"),
          eb.val(requestId).as("request_id"),
        ]),
      ),
  ]);
  const t = await newTenant.select(["slug", "name", "name_en", "synthetic", "created_at"]).executeTakeFirstOrThrow();
  return {
    tenant: summaryOf(t),
    invitation: { url: invitationUrl(origin, inv.token), token: inv.token, expiresAt: inv.expiresAt },
  };
}

export async function listTenants(db: DB) {
  const rows = await db
    .selectFrom("tenants")
    .select(["slug", "name", "name_en", "synthetic", "created_at"])
    .orderBy("slug")
    .execute();
  return rows.map(summaryOf);
}

function summaryOf(t: { slug: string; name: string; name_en: string | null; synthetic: number; created_at: string }) {
  return { slug: t.slug, name: t.name, nameEn: t.name_en, synthetic: t.synthetic === 1, createdAt: t.created_at };
}
