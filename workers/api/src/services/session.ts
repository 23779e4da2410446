import type { SessionResponse } from "@prongsai/contracts";
import { APIError } from "better-auth/api";
import { authFor } from "../auth/better-auth";
import { loadIdentity, type Principal } from "../auth/principal";
import { assertNotLocked, recordFailure, recordSuccess } from "../auth/throttle";
import type { DB } from "../db/client";
import type { Env } from "../env";
import { ProblemError } from "../http/problem";
import { auditInsert } from "./audit";

export const wrongCredentials = () =>
  new ProblemError(
    401,
    "invalid-credentials",
    "Wrong email or password",
    "อีเมลหรือรหัสผ่านไม่ถูกต้อง (Wrong email or password.)",
  );

export function sessionBody(p: Omit<Principal, "via">): SessionResponse {
  return {
    user: { id: p.userId, email: p.email, name: p.name, isOperator: p.isOperator },
    memberships: p.memberships.map((m) => ({
      tenant: m.tenant,
      tenantName: m.tenantName,
      ...(m.tenantNameEn ? { tenantNameEn: m.tenantNameEn } : {}),
      role: m.role,
      ...(m.agencyCode ? { agencyCode: m.agencyCode } : {}),
    })),
  };
}

interface SignInContext {
  db: DB;
  env: Env;
  request: Request;
  ip: string;
  requestId: string | null;
}

/**
 * Email + password sign-in through better-auth, behind Prongsai's throttle. Returns the Set-Cookie headers of
 * the new session and the session body.
 */
export async function signIn(ctx: SignInContext, email: string, password: string) {
  await assertNotLocked(ctx.db, email, ctx.ip);
  const auth = authFor(ctx.env, new URL(ctx.request.url).origin);
  const signInWithHeaders = () =>
    auth.api.signInEmail({
      body: { email, password, rememberMe: true },
      headers: ctx.request.headers,
      returnHeaders: true,
    });
  let result: Awaited<ReturnType<typeof signInWithHeaders>>;
  try {
    result = await signInWithHeaders();
  } catch (e) {
    if (e instanceof APIError && (e.statusCode === 401 || e.statusCode === 400)) {
      await recordFailure(ctx.db, email, ctx.ip);
      await auditInsert(ctx.db, {
        tenantId: null,
        actor: { userId: null, label: email },
        action: "session.failed",
        entity: "session",
        entityId: null,
        after: { ip: ctx.ip },
        requestId: ctx.requestId,
      }).execute();
      throw wrongCredentials();
    }
    throw e;
  }
  await recordSuccess(ctx.db, email);
  const identity = await loadIdentity(ctx.db, result.response.user.id);
  if (!identity) throw wrongCredentials();
  await auditInsert(ctx.db, {
    tenantId: null,
    actor: { userId: identity.userId, label: identity.email },
    action: "session.create",
    entity: "session",
    entityId: null,
    after: { ip: ctx.ip },
    requestId: ctx.requestId,
  }).execute();
  return { headers: result.headers, body: sessionBody(identity) };
}

export async function signOut(env: Env, request: Request): Promise<Headers> {
  const auth = authFor(env, new URL(request.url).origin);
  const { headers } = await auth.api.signOut({ headers: request.headers, returnHeaders: true });
  return headers;
}

/**
 * Ends every session of the user (all browsers); API tokens are revoked separately. Works the same whether the
 * caller signed in with a cookie or a bearer token: the sessions are those of the principal, not of whatever
 * cookie came along (better-auth's revokeSessions needs a cookie session and failed with a 500 for tokens).
 */
export async function signOutEverywhere(
  ctx: { db: DB; env: Env; request: Request; requestId: string | null },
  p: Principal,
): Promise<Headers> {
  const auth = authFor(ctx.env, new URL(ctx.request.url).origin);
  await (await auth.$context).internalAdapter.deleteUserSessions(p.userId);
  await auditInsert(ctx.db, {
    tenantId: null,
    actor: { userId: p.userId, label: p.email },
    action: "session.revoke_all",
    entity: "session",
    entityId: null,
    after: { via: p.via },
    requestId: ctx.requestId,
  }).execute();
  if (p.via !== "session") return new Headers();
  // Clears this browser's cookie too.
  return signOut(ctx.env, ctx.request).catch(() => new Headers());
}
