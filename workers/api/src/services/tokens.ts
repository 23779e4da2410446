import { digest, newToken } from "../auth/crypto";
import type { Principal } from "../auth/principal";
import { runBatch } from "../db/batch";
import type { DB } from "../db/client";
import { notFound } from "../http/problem";
import { auditInsert } from "./audit";

const DAY_MS = 86_400_000;

const toApi = (r: {
  id: number;
  name: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}) => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/** Creates an API token for the caller. The token is returned once; only its digest is stored. */
export async function createToken(
  d1: D1Database,
  db: DB,
  p: Principal,
  name: string,
  expiresInDays: number,
  requestId: string | null,
) {
  const token = newToken("pst");
  const hash = await digest(token);
  const expiresAt = new Date(Date.now() + expiresInDays * DAY_MS).toISOString();
  await runBatch(d1, [
    db.insertInto("api_tokens").values({ user_id: p.userId, name, token_hash: hash, expires_at: expiresAt }),
    auditInsert(db, {
      tenantId: null,
      actor: { userId: p.userId, label: p.email },
      action: "token.create",
      entity: "api_token",
      entityId: name,
      after: { name, expiresAt },
      requestId,
    }),
  ]);
  const row = await db
    .selectFrom("api_tokens")
    .select(["id", "name", "created_at", "expires_at", "last_used_at", "revoked_at"])
    .where("token_hash", "=", hash)
    .executeTakeFirstOrThrow();
  return { ...toApi(row), token };
}

export async function listTokens(db: DB, p: Principal) {
  const rows = await db
    .selectFrom("api_tokens")
    .select(["id", "name", "created_at", "expires_at", "last_used_at", "revoked_at"])
    .where("user_id", "=", p.userId)
    .orderBy("id", "desc")
    .execute();
  return rows.map(toApi);
}

export async function revokeToken(d1: D1Database, db: DB, p: Principal, id: number, requestId: string | null) {
  const row = await db
    .selectFrom("api_tokens")
    .select(["id", "name", "revoked_at"])
    .where("id", "=", id)
    .where("user_id", "=", p.userId) // someone else's token is "not found"
    .executeTakeFirst();
  if (!row) throw notFound(`No token ${id}.`);
  if (row.revoked_at) return;
  await runBatch(d1, [
    db.updateTable("api_tokens").set({ revoked_at: new Date().toISOString() }).where("id", "=", id),
    auditInsert(db, {
      tenantId: null,
      actor: { userId: p.userId, label: p.email },
      action: "token.revoke",
      entity: "api_token",
      entityId: id,
      before: { name: row.name },
      requestId,
    }),
  ]);
}
