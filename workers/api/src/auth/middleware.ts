import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app";
import { ProblemError } from "../http/problem";
import type { TenantContext } from "../services/tenants";
import { SESSION_COOKIE } from "./better-auth";
import { type Access, AGENCY_SCOPED, can } from "./policy";
import { type Membership, type Principal, resolvePrincipal } from "./principal";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const unauthenticated = () =>
  new ProblemError(401, "unauthenticated", "Sign-in required", "กรุณาเข้าสู่ระบบ (Please sign in.)");
export const forbidden = (detail = "คุณไม่มีสิทธิ์ทำรายการนี้ (You do not have the right to do this.)") =>
  new ProblemError(403, "forbidden", "Forbidden", detail);
const noSuchTenant = (slug: string) => new ProblemError(404, "not-found", "Not found", `No tenant ${slug}.`);

/** The principal of the request, resolved once and memoised (null when anonymous). */
export async function principalOf(c: Context<AppEnv>): Promise<Principal | null> {
  const cached = c.get("principal");
  if (cached !== undefined) return cached;
  const { principal, refreshed } = await resolvePrincipal(c.get("db"), c.env, c.req.raw);
  c.set("principal", principal);
  // A session the library extended gets its refreshed cookie back to the browser (sliding expiry).
  for (const cookie of refreshed?.getSetCookie() ?? []) c.header("set-cookie", cookie, { append: true });
  return principal;
}

export async function requirePrincipal(c: Context<AppEnv>): Promise<Principal> {
  const p = await principalOf(c);
  if (!p) throw unauthenticated();
  return p;
}

/**
 * CSRF: a write that a browser could send with the session cookie must come from our own origin.
 * Bearer-token calls carry no ambient credential and are exempt; sign-in and invitation acceptance
 * refuse a foreign Origin too (login CSRF), but allow scripts that send none.
 */
export const csrfGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!UNSAFE.has(c.req.method) || c.req.header("authorization")) return next();
  const own = new URL(c.req.url).origin;
  const origin = c.req.header("origin") ?? refererOrigin(c.req.header("referer"));
  const hasSessionCookie = (c.req.header("cookie") ?? "").includes(SESSION_COOKIE);
  if (origin ? origin !== own : hasSessionCookie) {
    throw new ProblemError(
      403,
      "cross-origin",
      "Cross-origin write refused",
      "คำขอนี้ไม่ได้มาจากหน้าเว็บของ Prongsai (This write did not come from Prongsai's own pages: Origin check failed.)",
    );
  }
  return next();
};

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/**
 * Enforces a route's declared access before its parameters are even validated, so a caller without the
 * right learns nothing from validation errors. Tenant routes: no session → 401; not a member (or unknown
 * tenant) → 404; member without the permission → 403; an agency member on another agency's `{code}` → 403.
 */
export function enforce(access: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access.kind === "public") return next();
    const principal = await requirePrincipal(c);
    if (access.kind === "user") return next();
    if (access.kind === "operator") {
      if (!principal.isOperator) throw forbidden("เฉพาะผู้ดูแลแพลตฟอร์ม (Platform operators only.)");
      return next();
    }
    const slug = c.req.param("tenant") ?? "";
    const member = principal.memberships.find((m) => m.tenant === slug);
    if (!member) throw noSuchTenant(slug);
    if (!can(member.role, access.permission)) throw forbidden();
    if (member.role === "agency" && AGENCY_SCOPED.has(access.permission)) {
      const code = c.req.param("code");
      if (code === undefined || code !== member.agencyCode) {
        throw forbidden("เข้าถึงได้เฉพาะข้อมูลของหน่วยงานตนเอง (Only your own agency's records.)");
      }
    }
    // The membership row already carries the tenant (read with the principal): no second look-up.
    const tenant: TenantContext = {
      id: member.tenantId,
      slug: member.tenant,
      name: member.tenantName,
      nameEn: member.tenantNameEn,
      synthetic: member.synthetic,
      dataVersion: member.dataVersion,
    };
    c.set("tenant", tenant);
    c.set("member", member);
    return next();
  };
}

/** The tenant and membership that `enforce` established for a tenant route. */
export function tenantOf(c: Context<AppEnv>): { tenant: TenantContext; member: Membership } {
  const tenant = c.get("tenant");
  const member = c.get("member");
  if (!tenant || !member) throw new Error("tenantOf() used on a route without tenant access");
  return { tenant, member };
}
