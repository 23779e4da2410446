import type { DB } from "../db/client";
import type { Env } from "../env";
import { authFor } from "./better-auth";
import { digest } from "./crypto";
import type { Role } from "./policy";

export interface Membership {
  tenantId: number;
  tenant: string; // slug
  tenantName: string;
  role: Role;
  agencyId: number | null;
  agencyCode: string | null;
}

/** The signed-in person behind a request, however they authenticated. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  isOperator: boolean;
  memberships: Membership[];
  via: "session" | "token";
  tokenId?: number;
}

export async function loadIdentity(db: DB, userId: string): Promise<Omit<Principal, "via" | "tokenId"> | null> {
  const user = await db
    .selectFrom("user")
    .leftJoin("platform_operators as po", "po.user_id", "user.id")
    .select(["user.id", "user.email", "user.name", "po.user_id as operator"])
    .where("user.id", "=", userId)
    .executeTakeFirst();
  if (!user) return null;
  const rows = await db
    .selectFrom("memberships as m")
    .innerJoin("tenants as t", "t.id", "m.tenant_id")
    .leftJoin("agencies as a", (j) => j.onRef("a.id", "=", "m.agency_id").onRef("a.tenant_id", "=", "m.tenant_id"))
    .select(["m.tenant_id", "t.slug", "t.name", "m.role", "m.agency_id", "a.code"])
    .where("m.user_id", "=", userId)
    .orderBy("t.slug")
    .execute();
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    isOperator: user.operator !== null,
    memberships: rows.map((r) => ({
      tenantId: r.tenant_id,
      tenant: r.slug,
      tenantName: r.name,
      role: r.role,
      agencyId: r.agency_id,
      agencyCode: r.code,
    })),
  };
}

/** A bearer token: valid, not revoked, not expired. Returns the owner's id. */
async function userFromToken(db: DB, token: string): Promise<{ userId: string; tokenId: number } | null> {
  const row = await db
    .selectFrom("api_tokens")
    .select(["id", "user_id", "expires_at", "revoked_at", "last_used_at"])
    .where("token_hash", "=", await digest(token))
    .executeTakeFirst();
  const now = new Date().toISOString();
  if (!row || row.revoked_at !== null || row.expires_at <= now) return null;
  // Record use at most hourly, so reads do not turn into writes.
  if (!row.last_used_at || Date.parse(row.last_used_at) < Date.now() - 3_600_000) {
    await db.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", row.id).execute();
  }
  return { userId: row.user_id, tokenId: row.id };
}

/**
 * Resolves who is calling: a bearer token if one is sent, otherwise the session cookie. `refreshed` carries the
 * Set-Cookie headers of a session the auth library extended (sliding expiry), for the response.
 */
export async function resolvePrincipal(
  db: DB,
  env: Env,
  request: Request,
): Promise<{ principal: Principal | null; refreshed: Headers | null }> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const found = match?.[1] ? await userFromToken(db, match[1]) : null;
    if (!found) return { principal: null, refreshed: null }; // a bad token never falls back to the cookie
    const identity = await loadIdentity(db, found.userId);
    return { principal: identity ? { ...identity, via: "token", tokenId: found.tokenId } : null, refreshed: null };
  }
  const { headers, response: session } = await authFor(env, new URL(request.url).origin).api.getSession({
    headers: request.headers,
    returnHeaders: true,
  });
  if (!session) return { principal: null, refreshed: null };
  const identity = await loadIdentity(db, session.user.id);
  return { principal: identity ? { ...identity, via: "session" } : null, refreshed: headers };
}
