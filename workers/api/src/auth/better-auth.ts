import { betterAuth } from "better-auth";
import type { Env } from "../env";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-policy";

/** Session lifetime: a working day, sliding by the hour while in use. */
export const SESSION_EXPIRES_IN_S = 12 * 60 * 60;
export const SESSION_COOKIE = "prongsai.session_token";

function build(env: Env, origin: string) {
  if (!env.AUTH_SECRET || env.AUTH_SECRET.length < 32) {
    throw new Error("AUTH_SECRET is missing or shorter than 32 characters (wrangler secret put AUTH_SECRET)");
  }
  return betterAuth({
    appName: "Prongsai",
    baseURL: origin,
    secret: env.AUTH_SECRET,
    database: env.DB,
    trustedOrigins: [origin],
    telemetry: { enabled: false },
    // Prongsai has its own throttle (per account and per IP, with Thai messages); see auth/throttle.ts.
    rateLimit: { enabled: false },
    emailAndPassword: {
      enabled: true,
      // Accounts come from invitations only; there is no public sign-up.
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
    },
    session: { expiresIn: SESSION_EXPIRES_IN_S, updateAge: 60 * 60 },
    advanced: { cookiePrefix: "prongsai", useSecureCookies: origin.startsWith("https://") },
  });
}

export type Auth = ReturnType<typeof build>;

const cache = new WeakMap<D1Database, Map<string, Auth>>();

/** One better-auth instance per database binding and origin (cookies and origin checks depend on the origin). */
export function authFor(env: Env, origin: string): Auth {
  let byOrigin = cache.get(env.DB);
  if (!byOrigin) {
    byOrigin = new Map();
    cache.set(env.DB, byOrigin);
  }
  let auth = byOrigin.get(origin);
  if (!auth) {
    if (byOrigin.size >= 8) byOrigin.clear(); // origins come from Host headers: keep the cache bounded
    auth = build(env, origin);
    byOrigin.set(origin, auth);
  }
  return auth;
}
