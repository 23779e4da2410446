import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblems } from "../src/auth/password-policy";
import { createUser, PASSWORD, signIn } from "./accounts";
import { api, seedTenant } from "./helpers";

// Storage is shared by every test of this file: each test uses its own tenants, emails and client IPs
// (a failed sign-in counts against its IP, and the helpers' sign-ins all come from the same "local" IP).

const ORIGIN = "http://localhost";
const THAI = /[\u0E00-\u0E7F]/;

type Json = Record<string, unknown>;
type Hdrs = Record<string, string>;

function send(method: string, path: string, body?: unknown, headers: Hdrs = {}): Promise<Response> {
  return api(path, {
    method,
    headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Cookie headers for a write from our own pages. */
const own = (cookie: string): Hdrs => ({ cookie, origin: ORIGIN });
const bearer = (token: string): Hdrs => ({ authorization: `Bearer ${token}` });

function attempt(email: string, password: string, ip: string) {
  return send("POST", "/api/session", { email, password }, { origin: ORIGIN, "cf-connecting-ip": ip });
}

function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function problemOf(res: Response) {
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  return (await res.json()) as {
    type: string;
    title: string;
    status: number;
    detail?: string;
    errors?: { path: string; message: string }[];
    retryAfter?: number;
  };
}

async function sessionOf(headers: Hdrs) {
  const res = await api("/api/session", { headers });
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as Session) : null };
}

interface Session {
  user: { id: string; email: string; name: string; isOperator: boolean };
  memberships: { tenant: string; tenantName: string; tenantNameEn?: string; role: string; agencyCode?: string }[];
}

async function agencyIdOf(tenantId: number, code: string) {
  const row = await env.DB.prepare("SELECT id FROM agencies WHERE tenant_id = ? AND code = ?")
    .bind(tenantId, code)
    .first<{ id: number }>();
  return row?.id ?? 0;
}

async function createToken(cookie: string, name = "script") {
  const res = await send("POST", "/api/tokens", { name }, own(cookie));
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number; token: string; name: string; expiresAt: string };
}

const PAST = "2000-01-01T00:00:00.000Z";

// ---------------------------------------------------------------------------------------------------------------

describe("password policy", () => {
  it("accepts a long enough, non-trivial password (boundaries included)", () => {
    expect(passwordProblems("correct horse battery staple")).toEqual([]);
    expect(passwordProblems("abcdefghij")).toEqual([]);
    expect("abcdefghij").toHaveLength(PASSWORD_MIN);
    expect(passwordProblems(`${"x".repeat(PASSWORD_MAX - 1)}y`)).toEqual([]);
  });

  it("refuses short and overlong passwords", () => {
    expect(passwordProblems("abcdefghi")).toEqual([expect.stringContaining(`at least ${PASSWORD_MIN}`)]);
    expect(passwordProblems(`${"ab".repeat(64)}c`)).toEqual([expect.stringContaining(`at most ${PASSWORD_MAX}`)]);
  });

  it("refuses digits only, a repeated character and common passwords, whatever their case", () => {
    for (const weak of ["12345678901234", "aaaaaaaaaaaa", "1234567890", "qwertyuiop", "QwertyUIOP", "iloveyou12"]) {
      expect(passwordProblems(weak), weak).toEqual([expect.stringContaining("too easy to guess")]);
    }
    expect(passwordProblems("12345")).toHaveLength(2);
  });

  it("refuses the email address as password", () => {
    expect(passwordProblems("Someone@Example.test", "someone@example.test")).toEqual([
      expect.stringContaining("must differ from the email"),
    ]);
    expect(passwordProblems("someone@example.test", "other@example.test")).toEqual([]);
  });

  it("explains every problem in Thai and English", () => {
    for (const p of passwordProblems("1111", "1111")) {
      expect(p).toMatch(THAI);
      expect(p).toMatch(/[a-z]{4}/);
    }
  });
});

describe("sign-in and session", () => {
  it("signs in with the session body and an HttpOnly, SameSite cookie", async () => {
    const t = await seedTenant("signin-a", [{ code: "S1", name: "อบต.หนึ่ง", year: 2568, total: 9000 }]);
    await createUser("admin@signin-a.test", { memberships: [{ tenantId: t, role: "admin" }] });
    const res = await attempt("Admin@Signin-A.test", PASSWORD, "10.1.0.1");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Session;
    expect(Object.keys(body).sort()).toEqual(["memberships", "user"]);
    expect(body).toEqual({
      user: { id: expect.any(String), email: "admin@signin-a.test", name: expect.any(String), isOperator: false },
      memberships: [{ tenant: "signin-a", tenantName: "จังหวัด signin-a", role: "admin" }],
    });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("prongsai.session_token="));
    expect(setCookie).toBeDefined();
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);

    // GET /api/session answers the same body.
    const cookie = cookieOf(res);
    expect(await sessionOf({ cookie })).toEqual({ status: 200, body });

    // The tenant's English name, once it has one, for the tenant switcher in English.
    await env.DB.prepare("UPDATE tenants SET name_en = 'Signin A Province' WHERE id = ?").bind(t).run();
    const named = await sessionOf({ cookie });
    expect((named.body as Session).memberships).toEqual([
      { tenant: "signin-a", tenantName: "จังหวัด signin-a", tenantNameEn: "Signin A Province", role: "admin" },
    ]);
  });

  it("names the agency of an agency member", async () => {
    const t = await seedTenant("signin-b", [{ code: "B7", name: "อบต.เจ็ด", year: 2568, total: 9000 }]);
    await createUser("agency@signin-b.test", {
      memberships: [{ tenantId: t, role: "agency", agencyId: await agencyIdOf(t, "B7") }],
    });
    const res = await attempt("agency@signin-b.test", PASSWORD, "10.1.0.2");
    expect(((await res.json()) as Session).memberships).toEqual([
      { tenant: "signin-b", tenantName: "จังหวัด signin-b", role: "agency", agencyCode: "B7" },
    ]);
  });

  it("refuses a wrong password and an unknown email alike, with 401 problem+json and no cookie", async () => {
    await createUser("wrong@signin.test");
    const wrong = await attempt("wrong@signin.test", "not-the-password", "10.1.0.3");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    const a = await problemOf(wrong);
    const unknown = await attempt("nobody-here@signin.test", "not-the-password", "10.1.0.3");
    expect(unknown.status).toBe(401);
    const b = await problemOf(unknown);
    expect(a.detail).toMatch(THAI);
    expect({ title: b.title, detail: b.detail, type: b.type }).toEqual({
      title: a.title,
      detail: a.detail,
      type: a.type,
    });
  });

  it("answers GET /api/session with 401 when signed out, and DELETE signs out", async () => {
    expect((await api("/api/session")).status).toBe(401);
    await createUser("out@signin.test");
    const cookie = await signIn("out@signin.test");
    expect((await sessionOf({ cookie })).status).toBe(200);
    const out = await send("DELETE", "/api/session", undefined, own(cookie));
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/prongsai\.session_token=;/);
    expect((await sessionOf({ cookie })).status).toBe(401);
  });

  it("ends a session whose expiry has passed", async () => {
    const id = await createUser("expiry@signin.test");
    const cookie = await signIn("expiry@signin.test");
    expect((await sessionOf({ cookie })).status).toBe(200);
    await env.DB.prepare('UPDATE session SET "expiresAt" = ? WHERE "userId" = ?').bind(PAST, id).run();
    expect((await sessionOf({ cookie })).status).toBe(401);
    expect((await api("/api/tokens", { headers: { cookie } })).status).toBe(401);
  });

  it("signs out everywhere: every session of the user ends", async () => {
    await createUser("everywhere@signin.test");
    const first = await signIn("everywhere@signin.test");
    const second = await signIn("everywhere@signin.test");
    expect(first).not.toEqual(second);
    await createUser("bystander@signin.test");
    const bystander = await signIn("bystander@signin.test");
    expect((await sessionOf({ cookie: first })).status).toBe(200);
    expect((await sessionOf({ cookie: second })).status).toBe(200);
    const res = await send("POST", "/api/session/revoke-all", undefined, own(first));
    expect(res.status).toBe(204);
    expect((await sessionOf({ cookie: first })).status).toBe(401);
    expect((await sessionOf({ cookie: second })).status).toBe(401);
    expect((await sessionOf({ cookie: bystander })).status).toBe(200);
  });

  it("signs out everywhere from a script's bearer token too (the token itself stays valid)", async () => {
    await createUser("everywhere-token@signin.test");
    const browser = await signIn("everywhere-token@signin.test");
    const { token } = await createToken(browser);
    const res = await send("POST", "/api/session/revoke-all", undefined, bearer(token));
    expect(res.status).toBe(204);
    expect((await sessionOf({ cookie: browser })).status).toBe(401);
    expect((await sessionOf(bearer(token))).status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("login throttling", () => {
  it("locks an account after 5 failures: the 6th attempt gets 429 even with the right password", async () => {
    await createUser("locked@throttle.test");
    for (let i = 1; i <= 5; i++) {
      expect((await attempt("locked@throttle.test", `wrong-password-${i}`, "10.2.0.1")).status).toBe(401);
    }
    const res = await attempt("locked@throttle.test", PASSWORD, "10.2.0.1");
    expect(res.status).toBe(429);
    expect(res.headers.getSetCookie()).toEqual([]);
    const body = await problemOf(res);
    expect(body.detail).toMatch(THAI);
    expect(body.detail).toMatch(/Too many failed sign-ins/);
    expect(body.retryAfter).toBeGreaterThan(0);
    expect(body.retryAfter).toBeLessThanOrEqual(15 * 60);
    // The lock is on the account, not only on the IP it was guessed from (case of the email does not matter).
    expect((await attempt("LOCKED@throttle.test", PASSWORD, "10.2.0.99")).status).toBe(429);

    // Another account from another IP is unaffected.
    await createUser("neighbour@throttle.test");
    expect((await attempt("neighbour@throttle.test", PASSWORD, "10.2.0.2")).status).toBe(200);

    // The lock lifts once locked_until has passed; a good sign-in then clears the account's count.
    await env.DB.prepare("UPDATE login_throttle SET locked_until = ? WHERE key = ?")
      .bind(PAST, "account:locked@throttle.test")
      .run();
    expect((await attempt("locked@throttle.test", PASSWORD, "10.2.0.1")).status).toBe(200);
    const row = await env.DB.prepare("SELECT * FROM login_throttle WHERE key = ?")
      .bind("account:locked@throttle.test")
      .first();
    expect(row).toBeNull();
  });

  it("does not lock an account below 5 failures", async () => {
    await createUser("four@throttle.test");
    for (let i = 1; i <= 4; i++) {
      expect((await attempt("four@throttle.test", `wrong-password-${i}`, "10.2.1.1")).status).toBe(401);
    }
    expect((await attempt("four@throttle.test", PASSWORD, "10.2.1.1")).status).toBe(200);
  });

  it("locks an IP after 20 failures across accounts, for every account from that IP only", async () => {
    const ip = "10.2.2.1";
    for (let i = 1; i <= 20; i++) {
      // One failure per account: no single account reaches its own limit.
      expect((await attempt(`spray-${i}@throttle.test`, "guess-password", ip)).status).toBe(401);
    }
    await createUser("fresh@throttle.test");
    const res = await attempt("fresh@throttle.test", PASSWORD, ip);
    expect(res.status).toBe(429);
    const body = await problemOf(res);
    expect(body.detail).toMatch(THAI);
    expect(body.retryAfter).toBeGreaterThan(0);
    expect((await attempt("fresh@throttle.test", PASSWORD, "10.2.2.2")).status).toBe(200);
    // A correct password from the locked IP does not unlock it either.
    expect((await attempt("fresh@throttle.test", PASSWORD, ip)).status).toBe(429);
  });

  it("counts wrong passwords given when accepting an invitation into an existing account", async () => {
    const t = await seedTenant("throttle-inv", []);
    await createUser("member@throttle-inv.test");
    await createUser("admin@throttle-inv.test", { memberships: [{ tenantId: t, role: "admin" }] });
    const admin = await signIn("admin@throttle-inv.test");
    const inv = await send(
      "POST",
      "/api/tenants/throttle-inv/invitations",
      { email: "member@throttle-inv.test", role: "analyst" },
      own(admin),
    );
    const { link } = (await inv.json()) as { link: { token: string } };
    for (let i = 1; i <= 5; i++) {
      const res = await send(
        "POST",
        `/api/invitations/${link.token}`,
        { password: `wrong-password-${i}` },
        { "cf-connecting-ip": "10.2.3.1" },
      );
      expect(res.status).toBe(401);
    }
    const res = await send(
      "POST",
      `/api/invitations/${link.token}`,
      { password: PASSWORD },
      { "cf-connecting-ip": "10.2.3.1" },
    );
    expect(res.status).toBe(429);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("invitations", () => {
  async function operator() {
    await createUser("operator@inv.test", { operator: true }).catch(() => undefined);
    return signIn("operator@inv.test");
  }

  async function createTenant(cookie: string, slug: string, adminEmail: string) {
    return send("POST", "/api/tenants", { slug, name: `จังหวัด ${slug}`, adminEmail }, own(cookie));
  }

  async function accept(token: string, body: Json, headers: Hdrs = {}) {
    return send("POST", `/api/invitations/${token}`, body, headers);
  }

  it("lets the operator create a tenant whose first admin joins through the link", async () => {
    const op = await operator();
    const res = await createTenant(op, "inv-first", "First.Admin@inv-first.test");
    expect(res.status).toBe(201);
    const created = (await res.json()) as {
      tenant: { slug: string; name: string };
      invitation: { url: string; token: string; expiresAt: string };
    };
    expect(created.tenant).toMatchObject({ slug: "inv-first", name: "จังหวัด inv-first" });
    expect(created.invitation.token).toMatch(/^inv_/);
    expect(created.invitation.url).toBe(`${ORIGIN}/invite/${created.invitation.token}`);
    expect(Date.parse(created.invitation.expiresAt)).toBeGreaterThan(Date.now() + 86_400_000);
    // Only the digest of the link's token is stored.
    const stored = await env.DB.prepare("SELECT * FROM invitations WHERE email = ?")
      .bind("first.admin@inv-first.test")
      .first();
    expect(JSON.stringify(stored)).not.toContain(created.invitation.token);

    const preview = await api(`/api/invitations/${created.invitation.token}`);
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({
      email: "first.admin@inv-first.test",
      tenant: "inv-first",
      role: "admin",
      accountExists: false,
    });

    // A weak password is refused, naming the field, and the invitation stays usable.
    const weak = await accept(created.invitation.token, { password: "12345" });
    expect(weak.status).toBe(400);
    const problem = await problemOf(weak);
    expect(problem.errors?.map((e) => e.path)).toContain("password");
    expect((await api(`/api/invitations/${created.invitation.token}`)).status).toBe(200);

    const ok = await accept(created.invitation.token, { password: "a good long password", name: "ผู้ดูแลคนแรก" });
    expect(ok.status).toBe(200);
    const session = (await ok.json()) as Session;
    expect(session.memberships).toEqual([{ tenant: "inv-first", tenantName: "จังหวัด inv-first", role: "admin" }]);
    expect(session.user).toMatchObject({ email: "first.admin@inv-first.test", name: "ผู้ดูแลคนแรก" });
    const setCookie = ok.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/prongsai\.session_token=[^;]+;.*HttpOnly/i);
    const cookie = cookieOf(ok);
    expect((await sessionOf({ cookie })).body?.memberships[0]?.role).toBe("admin");
    expect((await api("/api/tenants/inv-first/members", { headers: { cookie } })).status).toBe(200);
    // The new password works for sign-in.
    expect((await attempt("first.admin@inv-first.test", "a good long password", "10.3.0.1")).status).toBe(200);

    // A second use is refused as gone, and so is the preview.
    expect((await accept(created.invitation.token, { password: "a good long password" })).status).toBe(410);
    expect((await api(`/api/invitations/${created.invitation.token}`)).status).toBe(410);
  });

  it("tells the web app who the operator is and lists every tenant with its synthetic flag", async () => {
    const op = await operator();
    // The dashboard routes an operator without memberships to its platform page on this flag.
    const session = await sessionOf({ cookie: op });
    expect(session.body).toMatchObject({ user: { isOperator: true }, memberships: [] });
    await seedTenant("inv-list-demo", []); // made-up data: synthetic
    const created = await createTenant(op, "inv-list-real", "admin@inv-list-real.test");
    expect(created.status).toBe(201);
    expect(((await created.json()) as { tenant: Json }).tenant).toMatchObject({
      slug: "inv-list-real",
      synthetic: false,
    });
    const res = await api("/api/tenants", { headers: { cookie: op } });
    expect(res.status).toBe(200);
    const list = (await res.json()) as { slug: string; name: string; synthetic: boolean; createdAt: string }[];
    expect(list.find((t) => t.slug === "inv-list-demo")).toMatchObject({
      name: "จังหวัด inv-list-demo",
      synthetic: true,
    });
    expect(list.find((t) => t.slug === "inv-list-real")).toMatchObject({ synthetic: false });
    expect(list.map((t) => t.slug)).toEqual([...list.map((t) => t.slug)].sort());
    for (const t of list) expect(Number.isNaN(Date.parse(t.createdAt))).toBe(false);
  });

  it("names each invalid field of a new tenant (the web form shows them by field)", async () => {
    const op = await operator();
    const res = await send(
      "POST",
      "/api/tenants",
      { slug: "Bad Slug", name: "x", adminEmail: "not-an-email" },
      own(op),
    );
    expect(res.status).toBe(400);
    const problem = await problemOf(res);
    expect(problem.detail).toMatch(THAI);
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(["adminEmail", "name", "slug"]);
  });

  it("refuses tenant creation to non-operators and a taken slug", async () => {
    const t = await seedTenant("inv-taken", []);
    await createUser("admin@inv-taken.test", { memberships: [{ tenantId: t, role: "admin" }] });
    const admin = await signIn("admin@inv-taken.test");
    expect((await createTenant(admin, "inv-by-admin", "x@inv.test")).status).toBe(403);
    expect(await env.DB.prepare("SELECT id FROM tenants WHERE slug = 'inv-by-admin'").first()).toBeNull();
    const op = await operator();
    const dup = await createTenant(op, "inv-taken", "y@inv.test");
    expect(dup.status).toBe(409);
    await problemOf(dup);
  });

  it("answers an unknown token with 404, an expired one and a revoked one with 410", async () => {
    const t = await seedTenant("inv-gone", []);
    await createUser("admin@inv-gone.test", { memberships: [{ tenantId: t, role: "admin" }] });
    const admin = await signIn("admin@inv-gone.test");
    expect((await api("/api/invitations/inv_no-such-invitation-token")).status).toBe(404);
    expect((await accept("inv_no-such-invitation-token", { password: "a good long password" })).status).toBe(404);

    const invite = async (email: string) => {
      const res = await send("POST", "/api/tenants/inv-gone/invitations", { email, role: "analyst" }, own(admin));
      expect(res.status).toBe(201);
      return (await res.json()) as { invitation: { id: number; status: string }; link: { token: string } };
    };

    const expired = await invite("late@inv-gone.test");
    expect(expired.invitation.status).toBe("pending");
    await env.DB.prepare("UPDATE invitations SET expires_at = ? WHERE id = ?").bind(PAST, expired.invitation.id).run();
    expect((await api(`/api/invitations/${expired.link.token}`)).status).toBe(410);
    const late = await accept(expired.link.token, { password: "a good long password" });
    expect(late.status).toBe(410);
    expect((await problemOf(late)).detail).toMatch(/expired/);

    const revoked = await invite("revoked@inv-gone.test");
    const del = await send(
      "DELETE",
      `/api/tenants/inv-gone/invitations/${revoked.invitation.id}`,
      undefined,
      own(admin),
    );
    expect(del.status).toBe(204);
    expect((await accept(revoked.link.token, { password: "a good long password" })).status).toBe(410);
    expect(
      await env.DB.prepare('SELECT id FROM "user" WHERE email = ?').bind("revoked@inv-gone.test").first(),
    ).toBeNull();

    const list = (await (await api("/api/tenants/inv-gone/invitations", { headers: { cookie: admin } })).json()) as {
      email: string;
      status: string;
    }[];
    expect(Object.fromEntries(list.map((i) => [i.email, i.status]))).toEqual({
      "late@inv-gone.test": "expired",
      "revoked@inv-gone.test": "revoked",
    });
  });

  it("binds an agency invitation to a known agency of the tenant", async () => {
    const t = await seedTenant("inv-agency", [{ code: "G1", name: "อบต.จีหนึ่ง", year: 2568, total: 9000 }]);
    await seedTenant("inv-agency-other", [{ code: "OTHER1", name: "อบต.อื่น", year: 2568, total: 9000 }]);
    await createUser("admin@inv-agency.test", { memberships: [{ tenantId: t, role: "admin" }] });
    const admin = await signIn("admin@inv-agency.test");
    const invite = (body: Json) => send("POST", "/api/tenants/inv-agency/invitations", body, own(admin));

    const missing = await invite({ email: "a1@inv-agency.test", role: "agency" });
    expect(missing.status).toBe(400);
    expect((await problemOf(missing)).errors?.map((e) => e.path)).toContain("agencyCode");
    expect((await invite({ email: "a2@inv-agency.test", role: "agency", agencyCode: "NOPE" })).status).toBe(400);
    // Another tenant's agency is as unknown as a made-up one.
    expect((await invite({ email: "a3@inv-agency.test", role: "agency", agencyCode: "OTHER1" })).status).toBe(400);
    expect((await invite({ email: "a4@inv-agency.test", role: "analyst", agencyCode: "G1" })).status).toBe(400);

    const ok = await invite({ email: "a5@inv-agency.test", role: "agency", agencyCode: "G1" });
    expect(ok.status).toBe(201);
    const { link } = (await ok.json()) as { link: { token: string } };
    expect(await (await api(`/api/invitations/${link.token}`)).json()).toMatchObject({
      role: "agency",
      agencyCode: "G1",
    });
    const joined = await accept(link.token, { password: "a good long password" });
    expect(joined.status).toBe(200);
    const session = await sessionOf({ cookie: cookieOf(joined) });
    expect(session.body?.memberships).toEqual([
      { tenant: "inv-agency", tenantName: "จังหวัด inv-agency", role: "agency", agencyCode: "G1" },
    ]);
  });

  it("lets an existing account join another tenant only with its own password", async () => {
    const a = await seedTenant("inv-join-a", []);
    const b = await seedTenant("inv-join-b", []);
    await createUser("admin@inv-join-a.test", { memberships: [{ tenantId: a, role: "admin" }] });
    await createUser("person@inv-join-b.test", { memberships: [{ tenantId: b, role: "executive" }] });
    const admin = await signIn("admin@inv-join-a.test");
    const res = await send(
      "POST",
      "/api/tenants/inv-join-a/invitations",
      { email: "person@inv-join-b.test", role: "analyst" },
      own(admin),
    );
    const { link } = (await res.json()) as { link: { token: string } };
    expect(await (await api(`/api/invitations/${link.token}`)).json()).toMatchObject({ accountExists: true });

    const wrong = await accept(link.token, { password: "somebody-elses-password" }, { "cf-connecting-ip": "10.3.1.1" });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    const before = await signIn("person@inv-join-b.test");
    expect((await sessionOf({ cookie: before })).body?.memberships.map((m) => m.tenant)).toEqual(["inv-join-b"]);
    expect((await api(`/api/invitations/${link.token}`)).status).toBe(200);

    const right = await accept(link.token, { password: PASSWORD }, { "cf-connecting-ip": "10.3.1.1" });
    expect(right.status).toBe(200);
    const expected = [
      { tenant: "inv-join-a", tenantName: "จังหวัด inv-join-a", role: "analyst" },
      { tenant: "inv-join-b", tenantName: "จังหวัด inv-join-b", role: "executive" },
    ];
    expect(((await right.json()) as Session).memberships).toEqual(expected);
    expect((await sessionOf({ cookie: cookieOf(right) })).body?.memberships).toEqual(expected);
  });

  it("never changes an existing member's role: a member accepting another invitation gets 409 and it stays unused", async () => {
    const t = await seedTenant("inv-member", []);
    await createUser("admin@inv-member.test", { memberships: [{ tenantId: t, role: "admin" }] });
    const admin = await signIn("admin@inv-member.test");
    // The only admin invites their own address as analyst: accepting must not demote them.
    const res = await send(
      "POST",
      "/api/tenants/inv-member/invitations",
      { email: "admin@inv-member.test", role: "analyst" },
      own(admin),
    );
    const { link } = (await res.json()) as { link: { token: string } };
    const again = await accept(link.token, { password: PASSWORD }, { "cf-connecting-ip": "10.3.2.1" });
    expect(again.status).toBe(409);
    expect((await problemOf(again)).type).toMatch(/already-member$/);
    expect((await sessionOf({ cookie: admin })).body?.memberships).toEqual([
      { tenant: "inv-member", tenantName: "จังหวัด inv-member", role: "admin" },
    ]);
    expect((await api(`/api/invitations/${link.token}`)).status).toBe(200);
  });

  it("refuses acceptance from a foreign Origin", async () => {
    const op = await operator();
    const res = await createTenant(op, "inv-csrf", "admin@inv-csrf.test");
    const { invitation } = (await res.json()) as { invitation: { token: string } };
    const foreign = await accept(
      invitation.token,
      { password: "a good long password" },
      { origin: "https://evil.example" },
    );
    expect(foreign.status).toBe(403);
    expect(
      await env.DB.prepare('SELECT id FROM "user" WHERE email = ?').bind("admin@inv-csrf.test").first(),
    ).toBeNull();
    expect((await accept(invitation.token, { password: "a good long password" }, { origin: ORIGIN })).status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("API tokens", () => {
  it("shows a token once, stores only its digest, and lets it act with its owner's rights", async () => {
    const t = await seedTenant("tok-a", [{ code: "K1", name: "อบต.เคหนึ่ง", year: 2568, total: 9100 }]);
    const userId = await createUser("exec@tok-a.test", { memberships: [{ tenantId: t, role: "executive" }] });
    const cookie = await signIn("exec@tok-a.test");
    const created = await createToken(cookie, "nightly export");
    expect(created.token).toMatch(/^pst_[A-Za-z0-9_-]{40,}$/);
    expect(created).toMatchObject({ name: "nightly export", revokedAt: null });
    expect(Date.parse(created.expiresAt)).toBeGreaterThan(Date.now() + 80 * 86_400_000);

    const list = await api("/api/tokens", { headers: { cookie } });
    const listText = await list.text();
    expect(listText).not.toContain(created.token);
    const tokens = JSON.parse(listText) as Json[];
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).not.toHaveProperty("token");
    expect(tokens[0]).toMatchObject({ id: created.id, name: "nightly export" });

    const row = await env.DB.prepare("SELECT * FROM api_tokens WHERE id = ?").bind(created.id).first<Json>();
    expect(row?.user_id).toBe(userId);
    expect(row?.token_hash).not.toBe(created.token);
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(JSON.stringify(row)).not.toContain(created.token.slice(4));
    const audit = await env.DB.prepare("SELECT * FROM audit_log").all();
    expect(JSON.stringify(audit.results)).not.toContain(created.token);

    const auth = bearer(created.token);
    expect((await sessionOf(auth)).body?.user.email).toBe("exec@tok-a.test");
    const results = await api("/api/tenants/tok-a/results?year=2568", { headers: auth });
    expect(results.status).toBe(200);
    // An executive's token carries the executive's rights: no writes.
    const put = await send("PUT", "/api/tenants/tok-a/agencies/K1", { nameTh: "อบต.แก้ไข", type: "sao" }, auth);
    expect(put.status).toBe(403);
    expect((await problemOf(put)).type).toMatch(/forbidden$/);
    const stored = await env.DB.prepare("SELECT last_used_at FROM api_tokens WHERE id = ?")
      .bind(created.id)
      .first<{ last_used_at: string | null }>();
    expect(stored?.last_used_at).not.toBeNull();
  });

  it("stops a revoked token and an expired token", async () => {
    const t = await seedTenant("tok-b", [{ code: "K1", name: "อบต.เคหนึ่ง", year: 2568, total: 9100 }]);
    await createUser("admin@tok-b.test", { memberships: [{ tenantId: t, role: "admin" }] });
    const cookie = await signIn("admin@tok-b.test");
    const revoked = await createToken(cookie, "to revoke");
    const expired = await createToken(cookie, "to expire");
    const kept = await createToken(cookie, "kept");
    for (const tk of [revoked, expired, kept]) {
      expect((await api("/api/tenants/tok-b/years", { headers: bearer(tk.token) })).status).toBe(200);
    }

    expect((await send("DELETE", `/api/tokens/${revoked.id}`, undefined, own(cookie))).status).toBe(204);
    expect((await api("/api/tenants/tok-b/years", { headers: bearer(revoked.token) })).status).toBe(401);
    expect((await api("/api/session", { headers: bearer(revoked.token) })).status).toBe(401);
    const list = (await (await api("/api/tokens", { headers: { cookie } })).json()) as {
      id: number;
      revokedAt: string | null;
    }[];
    expect(list.find((x) => x.id === revoked.id)?.revokedAt).toEqual(expect.any(String));

    await env.DB.prepare("UPDATE api_tokens SET expires_at = ? WHERE id = ?").bind(PAST, expired.id).run();
    expect((await api("/api/tenants/tok-b/years", { headers: bearer(expired.token) })).status).toBe(401);

    expect((await api("/api/tenants/tok-b/years", { headers: bearer(kept.token) })).status).toBe(200);
  });

  it("refuses a malformed or unknown bearer even when a valid session cookie comes along", async () => {
    const t = await seedTenant("tok-c", [{ code: "K1", name: "อบต.เคหนึ่ง", year: 2568, total: 9100 }]);
    await createUser("admin@tok-c.test", { memberships: [{ tenantId: t, role: "admin" }] });
    const cookie = await signIn("admin@tok-c.test");
    const { token } = await createToken(cookie);
    expect((await api("/api/tenants/tok-c/years", { headers: { cookie } })).status).toBe(200);
    for (const authorization of [
      "Bearer pst_this-is-not-a-real-token-at-all-0000000000000",
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      "Bearer",
      "Bearer ",
      `Basic ${btoa("admin@tok-c.test:prongsai-test-pw")}`,
      `Token ${token}`,
    ]) {
      const res = await api("/api/tenants/tok-c/years", { headers: { cookie, authorization } });
      expect(res.status, authorization).toBe(401);
    }
    // A write with a bad bearer is not let through by the cookie either.
    const put = await send(
      "PUT",
      "/api/tenants/tok-c/agencies/K1",
      { nameTh: "อบต.แก้ไข", type: "sao" },
      {
        ...own(cookie),
        authorization: "Bearer pst_unknown-token-value-xxxxxxxxxxxxxxxxxxxxxxxxx",
      },
    );
    expect(put.status).toBe(401);
    expect(
      (await api("/api/tenants/tok-c/agencies/K1", { headers: { cookie } }).then((r) => r.json())) as Json,
    ).toMatchObject({
      nameTh: "อบต.เคหนึ่ง",
    });
  });

  it("lets nobody revoke another user's token", async () => {
    await createUser("owner@tok.test");
    await createUser("other@tok.test");
    const owner = await signIn("owner@tok.test");
    const other = await signIn("other@tok.test");
    const tk = await createToken(owner);
    const res = await send("DELETE", `/api/tokens/${tk.id}`, undefined, own(other));
    expect(res.status).toBe(404);
    expect((await sessionOf(bearer(tk.token))).status).toBe(200);
    expect((await (await api("/api/tokens", { headers: { cookie: other } })).json()) as unknown[]).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("request ids", () => {
  it("are generated by the server, never taken from the client", async () => {
    const res = await api("/api/health", { headers: { "x-request-id": "forged-id" } });
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(id).not.toBe("forged-id");
  });
});

describe("sliding sessions", () => {
  it("sends a refreshed cookie when a session in use is older than an hour", async () => {
    await createUser("slide@auth.test");
    const cookie = await signIn("slide@auth.test");
    const fresh = await api("/api/session", { headers: { cookie } });
    expect(fresh.headers.getSetCookie()).toEqual([]);
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const inTenHours = new Date(Date.now() + 10 * 3_600_000).toISOString();
    await env.DB.prepare(
      'UPDATE session SET updatedAt = ?, expiresAt = ? WHERE userId = (SELECT id FROM "user" WHERE email = ?)',
    )
      .bind(twoHoursAgo, inTenHours, "slide@auth.test")
      .run();
    const res = await api("/api/session", { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().join(";")).toContain("prongsai.session_token");
    const row = await env.DB.prepare(
      'SELECT expiresAt FROM session WHERE userId = (SELECT id FROM "user" WHERE email = ?)',
    )
      .bind("slide@auth.test")
      .first<{ expiresAt: string }>();
    expect(Date.parse(row?.expiresAt ?? "")).toBeGreaterThan(Date.parse(inTenHours));
  });
});

describe("CSRF", () => {
  const agency = { nameTh: "อบต.ซีหนึ่ง", type: "sao" };

  it("refuses cookie-authenticated writes without our Origin or Referer", async () => {
    const t = await seedTenant("csrf-a", [{ code: "C1", name: "อบต.ซีหนึ่ง", year: 2568, total: 9100 }]);
    await createUser("admin@csrf-a.test", { memberships: [{ tenantId: t, role: "admin" }] });
    const cookie = await signIn("admin@csrf-a.test");
    const put = (headers: Hdrs, name = agency.nameTh) =>
      send("PUT", "/api/tenants/csrf-a/agencies/C1", { ...agency, nameTh: name }, headers);

    const refused: Hdrs[] = [
      { cookie },
      { cookie, origin: "https://evil.example" },
      { cookie, origin: "null" },
      { cookie, origin: "http://localhost:8787" },
      { cookie, origin: "https://localhost" },
      { cookie, referer: "https://evil.example/http://localhost/" },
      { cookie, origin: "https://evil.example", referer: `${ORIGIN}/x` },
    ];
    for (const headers of refused) {
      const res = await put(headers, "อบต.ถูกปลอม");
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect((await problemOf(res)).type).toMatch(/cross-origin$/);
    }
    const now = (await (await api("/api/tenants/csrf-a/agencies/C1", { headers: { cookie } })).json()) as Json;
    expect(now.nameTh).toBe("อบต.ซีหนึ่ง");

    expect((await put({ cookie, origin: ORIGIN }, "อบต.ซีหนึ่ง ก")).status).toBe(200);
    expect((await put({ cookie, referer: `${ORIGIN}/x` }, "อบต.ซีหนึ่ง ข")).status).toBe(200);

    // Other cookie-authenticated writes are guarded the same way.
    expect((await send("POST", "/api/tokens", { name: "x" }, { cookie })).status).toBe(403);
    expect((await send("DELETE", "/api/session", undefined, { cookie })).status).toBe(403);
    expect((await send("POST", "/api/session/revoke-all", undefined, { cookie })).status).toBe(403);
    expect((await sessionOf({ cookie })).status).toBe(200);
  });

  it("exempts bearer tokens, which a browser never sends on its own", async () => {
    const t = await seedTenant("csrf-b", [{ code: "C1", name: "อบต.ซีหนึ่ง", year: 2568, total: 9100 }]);
    await createUser("admin@csrf-b.test", { memberships: [{ tenantId: t, role: "admin" }] });
    const cookie = await signIn("admin@csrf-b.test");
    const { token } = await createToken(cookie);
    const res = await send("PUT", "/api/tenants/csrf-b/agencies/C1", { ...agency, nameTh: "อบต.สคริปต์" }, bearer(token));
    expect(res.status).toBe(200);
  });

  it("refuses sign-in from a foreign Origin but allows scripts that send none", async () => {
    await createUser("login@csrf.test");
    const foreign = await send(
      "POST",
      "/api/session",
      { email: "login@csrf.test", password: PASSWORD },
      { origin: "https://evil.example" },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.headers.getSetCookie()).toEqual([]);
    const script = await send("POST", "/api/session", { email: "login@csrf.test", password: PASSWORD });
    expect(script.status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------------------------

interface AuditEntry {
  id: number;
  action: string;
  entity: string;
  entityId: string | null;
  actor: { userId: string | null; email: string | null; label: string | null };
  before: unknown;
  after: unknown;
  requestId: string | null;
  at: string;
}

describe("audit log and members", () => {
  async function auditPage(cookie: string, query = "") {
    const res = await api(`/api/tenants/aud-a/audit${query}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return (await res.json()) as { entries: AuditEntry[]; nextBefore: number | null };
  }

  it("records every write with actor, before/after and request id; filters and pages; stays in its tenant", async () => {
    const a = await seedTenant("aud-a", [{ code: "D1", name: "อบต.ดีหนึ่ง", year: 2568, total: 9100 }]);
    const b = await seedTenant("aud-b", [{ code: "D1", name: "อบต.บีหนึ่ง", year: 2568, total: 9100 }]);
    await createUser("admin@aud-a.test", { memberships: [{ tenantId: a, role: "admin" }] });
    await createUser("second@aud-a.test", { memberships: [{ tenantId: a, role: "admin" }] });
    await createUser("analyst@aud-a.test", { memberships: [{ tenantId: a, role: "analyst" }] });
    const targetId = await createUser("target@aud-a.test", { memberships: [{ tenantId: a, role: "analyst" }] });
    await createUser("admin@aud-b.test", { memberships: [{ tenantId: b, role: "admin" }] });
    const admin = await signIn("admin@aud-a.test");
    const second = await signIn("second@aud-a.test");
    const analyst = await signIn("analyst@aud-a.test");
    const adminB = await signIn("admin@aud-b.test");
    const requestIds: Record<string, string> = {};
    const write = async (label: string, res: Promise<Response>, status: number) => {
      const r = await res;
      expect(r.status, label).toBe(status);
      requestIds[label] = r.headers.get("x-request-id") ?? "";
      expect(requestIds[label]).not.toBe("");
      return r;
    };

    const inv = await write(
      "invite",
      send("POST", "/api/tenants/aud-a/invitations", { email: "new@aud-a.test", role: "executive" }, own(admin)),
      201,
    );
    const { invitation } = (await inv.json()) as { invitation: { id: number } };
    await write(
      "revoke",
      send("DELETE", `/api/tenants/aud-a/invitations/${invitation.id}`, undefined, own(admin)),
      204,
    );
    await write(
      "agency",
      send("PUT", "/api/tenants/aud-a/agencies/D1", { nameTh: "อบต.ดีหนึ่ง ใหม่", type: "sao" }, own(admin)),
      200,
    );
    await write(
      "role",
      send("PATCH", `/api/tenants/aud-a/members/${encodeURIComponent(targetId)}`, { role: "executive" }, own(admin)),
      200,
    );
    await write(
      "second",
      send("PUT", "/api/tenants/aud-a/agencies/D2", { nameTh: "อบต.ดีสอง", type: "town" }, own(second)),
      201,
    );
    await write(
      "tenant-b",
      send("PUT", "/api/tenants/aud-b/agencies/D1", { nameTh: "AUDIT-CANARY-B", type: "sao" }, own(adminB)),
      200,
    );

    const { entries } = await auditPage(admin);
    const byRequest = (label: string) => entries.find((e) => e.requestId === requestIds[label]);
    expect(byRequest("invite")).toMatchObject({
      action: "invitation.create",
      entity: "invitation",
      actor: { email: "admin@aud-a.test" },
      after: { email: "new@aud-a.test", role: "executive" },
    });
    expect(byRequest("revoke")).toMatchObject({
      action: "invitation.revoke",
      actor: { email: "admin@aud-a.test" },
      before: { email: "new@aud-a.test", status: "pending" },
    });
    expect(byRequest("agency")).toMatchObject({
      action: "agency.update",
      entity: "agency",
      entityId: "D1",
      actor: { email: "admin@aud-a.test" },
      before: { nameTh: "อบต.ดีหนึ่ง" },
      after: { nameTh: "อบต.ดีหนึ่ง ใหม่" },
    });
    expect(byRequest("role")).toMatchObject({
      action: "membership.update",
      entity: "membership",
      entityId: "target@aud-a.test",
      actor: { email: "admin@aud-a.test" },
      before: { role: "analyst" },
      after: { role: "executive" },
    });
    expect(byRequest("second")).toMatchObject({ action: "agency.create", actor: { email: "second@aud-a.test" } });
    for (const e of entries) expect(Date.parse(e.at)).not.toBeNaN();

    // Tenant B's entries never show in A's log, and the other way round.
    expect(byRequest("tenant-b")).toBeUndefined();
    expect(JSON.stringify(entries)).not.toContain("AUDIT-CANARY-B");
    expect(JSON.stringify(entries)).not.toContain("admin@aud-b.test");
    const bLog = await api("/api/tenants/aud-b/audit", { headers: { cookie: adminB } });
    const bText = await bLog.text();
    expect(bText).toContain("AUDIT-CANARY-B");
    expect(bText).not.toContain("aud-a.test");

    // Filters.
    const agencyUpdates = (await auditPage(admin, "?action=agency.update")).entries;
    expect(agencyUpdates.map((e) => e.requestId)).toEqual([requestIds.agency]);
    const invitations = (await auditPage(admin, "?entity=invitation")).entries;
    expect(invitations.map((e) => e.action)).toEqual(["invitation.revoke", "invitation.create"]);
    const bySecond = (await auditPage(admin, `?actor=${encodeURIComponent("second@aud-a.test")}`)).entries;
    expect(bySecond.map((e) => e.requestId)).toEqual([requestIds.second]);
    expect((await auditPage(admin, "?actor=admin%40aud-b.test")).entries).toEqual([]);

    // Paging: newest first, `before` continues where the last page ended, nothing repeated or skipped.
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((x, y) => y - x));
    const seen: number[] = [];
    let query = "?limit=2";
    for (let page = 0; page < 10; page++) {
      const p = await auditPage(admin, query);
      expect(p.entries.length).toBeLessThanOrEqual(2);
      seen.push(...p.entries.map((e) => e.id));
      if (p.nextBefore === null) break;
      expect(p.nextBefore).toBe(p.entries.at(-1)?.id);
      query = `?limit=2&before=${p.nextBefore}`;
    }
    expect(seen).toEqual(entries.map((e) => e.id));
    expect(seen.length).toBeGreaterThanOrEqual(5);

    // Only admins read the log.
    expect((await api("/api/tenants/aud-a/audit", { headers: { cookie: analyst } })).status).toBe(403);
  });

  it("lets an admin change a role, but never leaves a tenant without an admin", async () => {
    const t = await seedTenant("mem-a", [{ code: "M1", name: "อบต.เอ็มหนึ่ง", year: 2568, total: 9100 }]);
    const adminId = await createUser("admin@mem-a.test", { memberships: [{ tenantId: t, role: "admin" }] });
    const otherId = await createUser("other@mem-a.test", { memberships: [{ tenantId: t, role: "analyst" }] });
    const admin = await signIn("admin@mem-a.test");
    const member = (id: string) => `/api/tenants/mem-a/members/${encodeURIComponent(id)}`;

    const changed = await send("PATCH", member(otherId), { role: "agency", agencyCode: "M1" }, own(admin));
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ email: "other@mem-a.test", role: "agency", agencyCode: "M1" });
    const other = await signIn("other@mem-a.test");
    expect((await sessionOf({ cookie: other })).body?.memberships).toEqual([
      { tenant: "mem-a", tenantName: "จังหวัด mem-a", role: "agency", agencyCode: "M1" },
    ]);
    expect((await api("/api/tenants/mem-a/members", { headers: { cookie: other } })).status).toBe(403);
    expect((await send("PATCH", member(otherId), { role: "agency" }, own(admin))).status).toBe(400);

    const demote = await send("PATCH", member(adminId), { role: "analyst" }, own(admin));
    expect(demote.status).toBe(409);
    expect((await problemOf(demote)).detail).toMatch(THAI);
    expect((await send("DELETE", member(adminId), undefined, own(admin))).status).toBe(409);
    const roles = (await (await api("/api/tenants/mem-a/members", { headers: { cookie: admin } })).json()) as {
      email: string;
      role: string;
    }[];
    expect(roles.find((m) => m.email === "admin@mem-a.test")?.role).toBe("admin");

    // With a second admin the first may step down.
    expect((await send("PATCH", member(otherId), { role: "admin" }, own(admin))).status).toBe(200);
    expect((await send("PATCH", member(adminId), { role: "analyst" }, own(admin))).status).toBe(200);
    expect((await api("/api/tenants/mem-a/members", { headers: { cookie: admin } })).status).toBe(200);
    expect((await send("PATCH", member(otherId), { role: "executive" }, own(admin))).status).toBe(403);
  });

  it("changes or removes a membership in one tenant only, even for a user of several tenants", async () => {
    const a = await seedTenant("mem-d", []);
    const b = await seedTenant("mem-e", []);
    await createUser("admin@mem-d.test", { memberships: [{ tenantId: a, role: "admin" }] });
    const both = await createUser("both@mem-d.test", {
      memberships: [
        { tenantId: a, role: "analyst" },
        { tenantId: b, role: "admin" },
      ],
    });
    const admin = await signIn("admin@mem-d.test");
    const path = `/api/tenants/mem-d/members/${encodeURIComponent(both)}`;
    const roles = async () =>
      (
        await env.DB.prepare(
          "SELECT t.slug, m.role FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE m.user_id = ? ORDER BY t.slug",
        )
          .bind(both)
          .all()
      ).results;
    expect((await send("PATCH", path, { role: "executive" }, own(admin))).status).toBe(200);
    expect(await roles()).toEqual([
      { slug: "mem-d", role: "executive" },
      { slug: "mem-e", role: "admin" },
    ]);
    expect((await send("DELETE", path, undefined, own(admin))).status).toBe(204);
    expect(await roles()).toEqual([{ slug: "mem-e", role: "admin" }]);
  });

  it("answers a member of another tenant with 404 on a member route", async () => {
    const a = await seedTenant("mem-b", []);
    const b = await seedTenant("mem-c", []);
    await createUser("admin@mem-b.test", { memberships: [{ tenantId: a, role: "admin" }] });
    const foreignId = await createUser("admin@mem-c.test", { memberships: [{ tenantId: b, role: "admin" }] });
    const admin = await signIn("admin@mem-b.test");
    const res = await send(
      "PATCH",
      `/api/tenants/mem-b/members/${encodeURIComponent(foreignId)}`,
      { role: "analyst" },
      own(admin),
    );
    expect(res.status).toBe(404);
    const row = await env.DB.prepare("SELECT role FROM memberships WHERE user_id = ?").bind(foreignId).first();
    expect(row).toEqual({ role: "admin" });
  });
});
