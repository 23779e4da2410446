import { type RawBuilder, sql } from "kysely";
import type { DB } from "../db/client";
import type { Env } from "../env";
import { authFor } from "./better-auth";
import { digest } from "./crypto";
import type { Role } from "./policy";

export interface Membership {
  tenantId: number;
  tenant: string; // slug
  tenantName: string;
  tenantNameEn: string | null;
  /** The tenant holds demo data (shown as such wherever it appears). */
  synthetic: boolean;
  /** The tenant's data version when this request began (see migration 0007). */
  dataVersion: number;
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

type Identity = Omit<Principal, "via" | "tokenId">;

/** One row per membership (membership columns NULL for a user without any); user columns repeat. */
interface IdentityRow {
  user_id: string;
  email: string;
  name: string;
  operator: string | null;
  tenant_id: number | null;
  slug: string | null;
  tenant_name: string | null;
  tenant_name_en: string | null;
  synthetic: number | null;
  data_version: number | null;
  role: Role | null;
  agency_id: number | null;
  agency_code: string | null;
}

/**
 * Who someone is and what they belong to, in one statement, reached from a user id, a session token or an API
 * token digest. `source` joins the user in and may add its own columns (a session's expiry, a token's state).
 * Every request of a signed-in user runs this, so it is one round trip to D1 instead of one per table.
 */
async function identityRows<Extra = unknown>(
  db: DB,
  from: RawBuilder<unknown>,
  where: RawBuilder<unknown>,
  extra: RawBuilder<unknown> = sql``,
): Promise<(IdentityRow & Extra)[]> {
  const { rows } = await sql<IdentityRow & Extra>`
    SELECT u.id AS user_id, u.email, u.name, po.user_id AS operator,
           m.tenant_id, t.slug, t.name AS tenant_name, t.name_en AS tenant_name_en, t.synthetic, t.data_version,
           m.role, m.agency_id, a.code AS agency_code${extra}
    FROM ${from}
    LEFT JOIN platform_operators po ON po.user_id = u.id
    LEFT JOIN memberships m ON m.user_id = u.id
    LEFT JOIN tenants t ON t.id = m.tenant_id
    LEFT JOIN agencies a ON a.id = m.agency_id AND a.tenant_id = m.tenant_id
    WHERE ${where}
    ORDER BY t.slug`.execute(db);
  return rows;
}

function identityOf(rows: IdentityRow[]): Identity | null {
  const first = rows[0];
  if (!first) return null;
  const memberships: Membership[] = [];
  for (const r of rows) {
    if (r.tenant_id === null || r.slug === null || r.role === null) continue; // no membership (or a dangling one)
    memberships.push({
      tenantId: r.tenant_id,
      tenant: r.slug,
      tenantName: r.tenant_name ?? r.slug,
      tenantNameEn: r.tenant_name_en,
      synthetic: r.synthetic === 1,
      dataVersion: r.data_version ?? 0,
      role: r.role,
      agencyId: r.agency_id,
      agencyCode: r.agency_code,
    });
  }
  return {
    userId: first.user_id,
    email: first.email,
    name: first.name,
    isOperator: first.operator !== null,
    memberships,
  };
}

export async function loadIdentity(db: DB, userId: string): Promise<Identity | null> {
  return identityOf(await identityRows(db, sql`"user" u`, sql`u.id = ${userId}`));
}

/** A bearer token: valid, not revoked, not expired, with its owner's identity (one statement). */
async function principalFromToken(db: DB, token: string): Promise<Principal | null> {
  const rows = await identityRows<{
    token_id: number;
    expires_at: string;
    revoked_at: string | null;
    last_used_at: string | null;
  }>(
    db,
    sql`api_tokens k JOIN "user" u ON u.id = k.user_id`,
    sql`k.token_hash = ${await digest(token)}`,
    sql`, k.id AS token_id, k.expires_at, k.revoked_at, k.last_used_at`,
  );
  const row = rows[0];
  const now = new Date().toISOString();
  if (!row || row.revoked_at !== null || row.expires_at <= now) return null;
  // Record use at most hourly, so reads do not turn into writes.
  if (!row.last_used_at || Date.parse(row.last_used_at) < Date.now() - 3_600_000) {
    await db.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", row.token_id).execute();
  }
  const identity = identityOf(rows);
  return identity ? { ...identity, via: "token", tokenId: row.token_id } : null;
}

/** Cookies of a Cookie header, first occurrence of a name wins, values URI-decoded (as better-call reads them). */
function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || cookies.has(name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      value = value.includes("%") ? decodeURIComponent(value) : value;
    } catch {
      // keep the raw value, as better-call does
    }
    cookies.set(name, value);
  }
  return cookies;
}

const hmacKeys = new Map<string, Promise<CryptoKey>>();
const hmacKey = (secret: string) => {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "verify",
    ]);
    hmacKeys.set(secret, key);
  }
  return key;
};

/**
 * The token of a signed session cookie (`token.base64(HMAC-SHA256(secret, token))`, better-call's format), or
 * null when it is malformed or its signature does not verify.
 */
async function verifiedToken(value: string, secret: string): Promise<string | null> {
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith("=")) return null;
  try {
    const bytes = Uint8Array.from(atob(signature), (ch) => ch.charCodeAt(0));
    const ok = await crypto.subtle.verify("HMAC", await hmacKey(secret), bytes, new TextEncoder().encode(token));
    return ok ? token : null;
  } catch {
    return null;
  }
}

/**
 * The session cookie, checked against the session table on every request (so a revoked or signed-out session
 * ends at once), together with the identity in one statement. Only the plain case is handled here: a session
 * that has expired or is due for its sliding refresh, and cookies this code does not interpret (better-auth's
 * "don't remember me" and session-data cookies), go through better-auth itself, which deletes, extends and
 * re-sets cookies as it always has.
 */
async function principalFromSession(
  db: DB,
  env: Env,
  request: Request,
): Promise<{ principal: Principal | null; refreshed: Headers | null }> {
  const auth = authFor(env, new URL(request.url).origin);
  const ctx = await auth.$context;
  const cookies = parseCookies(request.headers.get("cookie"));
  const signed = cookies.get(ctx.authCookies.sessionToken.name);
  if (!signed) return { principal: null, refreshed: null };
  const special = [...cookies.keys()].some(
    (name) => name === ctx.authCookies.dontRememberToken.name || name.startsWith(ctx.authCookies.sessionData.name),
  );
  if (special) return principalFromLibrary(db, env, request);
  const token = await verifiedToken(signed, ctx.secret);
  if (!token) return { principal: null, refreshed: null };
  const rows = await identityRows<{ expires_at: string }>(
    db,
    sql`session s JOIN "user" u ON u.id = s.userId`,
    sql`s.token = ${token}`,
    sql`, s.expiresAt AS expires_at`,
  );
  const row = rows[0];
  if (!row) return { principal: null, refreshed: null };
  const expires = Date.parse(row.expires_at);
  const { expiresIn, updateAge } = ctx.sessionConfig;
  const now = Date.now();
  if (!(expires >= now) || expires - expiresIn * 1000 + updateAge * 1000 <= now) {
    return principalFromLibrary(db, env, request);
  }
  const identity = identityOf(rows);
  return { principal: identity ? { ...identity, via: "session" } : null, refreshed: null };
}

/** better-auth's own session check (expiry clean-up, sliding refresh with a new cookie), then the identity. */
async function principalFromLibrary(
  db: DB,
  env: Env,
  request: Request,
): Promise<{ principal: Principal | null; refreshed: Headers | null }> {
  const { headers, response: session } = await authFor(env, new URL(request.url).origin).api.getSession({
    headers: request.headers,
    returnHeaders: true,
  });
  if (!session) return { principal: null, refreshed: null };
  const identity = await loadIdentity(db, session.user.id);
  return { principal: identity ? { ...identity, via: "session" } : null, refreshed: headers };
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
    // A bad token never falls back to the cookie.
    return { principal: match?.[1] ? await principalFromToken(db, match[1]) : null, refreshed: null };
  }
  return principalFromSession(db, env, request);
}
