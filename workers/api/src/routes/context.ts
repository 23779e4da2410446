import type { Context } from "hono";
import type { AppEnv } from "../app";

/** What services need from a request, gathered in one place so handlers stay one-liners. */
export function deps(c: Context<AppEnv>) {
  return {
    d1: c.env.DB,
    db: c.get("db"),
    env: c.env,
    request: c.req.raw,
    origin: new URL(c.req.url).origin,
    requestId: c.get("requestId") ?? null,
  };
}

/** Copies the auth library's Set-Cookie headers onto our response. */
export function forwardCookies(c: Context<AppEnv>, headers: Headers) {
  for (const cookie of headers.getSetCookie()) c.header("set-cookie", cookie, { append: true });
}
