// The per-request session check (auth/principal.ts) reads the session, the user, their memberships and tenants in
// one statement and verifies the cookie's signature itself. These tests pin what that shortcut must keep from
// better-auth's own check: a forged or unsigned cookie is refused, and revocation, sign-out and a removed
// membership take effect on the very next request (nothing is cached between requests).
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createUser, signIn } from "./accounts";
import { api, seedTenant } from "./helpers";

const NAME = "prongsai.session_token";

/** The signed session cookie's value, decoded: `token.signature`. */
function sessionValue(cookie: string): string {
  const pair = cookie.split("; ").find((c) => c.startsWith(`${NAME}=`));
  if (!pair) throw new Error("no session cookie");
  return decodeURIComponent(pair.slice(NAME.length + 1));
}

const withSession = (value: string) => ({ cookie: `${NAME}=${encodeURIComponent(value)}` });

async function status(path: string, headers: Record<string, string>) {
  return (await api(path, { headers })).status;
}

describe("session check", () => {
  it("accepts the signed cookie and refuses an unsigned, re-signed or tampered one", async () => {
    await createUser("plain@check.test");
    const cookie = await signIn("plain@check.test");
    const value = sessionValue(cookie);
    const dot = value.lastIndexOf(".");
    const token = value.slice(0, dot);
    const signature = value.slice(dot + 1);
    expect(signature).toHaveLength(44);

    const ok = await api("/api/session", { headers: withSession(value) });
    expect(ok.status).toBe(200);
    expect(ok.headers.getSetCookie()).toEqual([]); // a fresh session is not re-sent

    expect(await status("/api/session", withSession(token))).toBe(401);
    const flipped = `${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
    expect(await status("/api/session", withSession(`${token}.${flipped}`))).toBe(401);
    const otherToken = `${token.slice(0, -1)}${token.endsWith("a") ? "b" : "a"}`;
    expect(await status("/api/session", withSession(`${otherToken}.${signature}`))).toBe(401);
    // A signature made with another key.
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode("x".repeat(64)),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const forged = btoa(
      String.fromCharCode(...new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(token)))),
    );
    expect(await status("/api/session", withSession(`${token}.${forged}`))).toBe(401);
    // The real cookie still works after all that.
    expect(await status("/api/session", withSession(value))).toBe(200);
  });

  it("ends a session deleted in the database on the next request", async () => {
    const id = await createUser("deleted@check.test");
    const cookie = await signIn("deleted@check.test");
    expect(await status("/api/session", { cookie })).toBe(200);
    await env.DB.prepare('DELETE FROM session WHERE "userId" = ?').bind(id).run();
    expect(await status("/api/session", { cookie })).toBe(401);
  });

  it("reads tenant and membership fresh on every request", async () => {
    const t = await seedTenant("chk-a", [{ code: "C1", name: "อบต.ซีหนึ่ง", year: 2568, total: 9000 }]);
    await env.DB.prepare("UPDATE tenants SET name_en = 'Check A' WHERE id = ?").bind(t).run();
    const id = await createUser("member@check.test", { memberships: [{ tenantId: t, role: "analyst" }] });
    const cookie = await signIn("member@check.test");

    const years = await api("/api/tenants/chk-a/years", { headers: { cookie } });
    expect(years.status).toBe(200);
    const body = (await years.json()) as { tenant: unknown };
    expect(body.tenant).toEqual({ slug: "chk-a", name: "จังหวัด chk-a", nameEn: "Check A", synthetic: true });

    await env.DB.prepare("UPDATE tenants SET name_en = 'Check A renamed' WHERE id = ?").bind(t).run();
    const renamed = (await (await api("/api/tenants/chk-a/years", { headers: { cookie } })).json()) as {
      tenant: { nameEn: string };
    };
    expect(renamed.tenant.nameEn).toBe("Check A renamed");

    // A role change applies at once: an executive may not read imports.
    expect(await status("/api/tenants/chk-a/imports", { cookie })).toBe(200);
    await env.DB.prepare("UPDATE memberships SET role = 'executive' WHERE user_id = ?").bind(id).run();
    expect(await status("/api/tenants/chk-a/imports", { cookie })).toBe(403);

    await env.DB.prepare("DELETE FROM memberships WHERE user_id = ?").bind(id).run();
    expect(await status("/api/tenants/chk-a/years", { cookie })).toBe(404);
    expect(await status("/api/session", { cookie })).toBe(200); // still signed in, just not a member
  });
});
