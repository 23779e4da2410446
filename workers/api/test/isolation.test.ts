import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { type Access, AGENCY_SCOPED, can, type Permission, type Role } from "../src/auth/policy";
import { createUser, signIn } from "./accounts";
import { api, seedTenant } from "./helpers";

/**
 * The isolation matrix. Routes are enumerated from the router and the OpenAPI document (never listed by hand),
 * so a route added later is tested here the moment it exists: every tenant route is called by every kind of
 * caller and the answer must match the route's declared access rule, and no answer to a tenant-A request may
 * contain tenant B's data (or, for the agency role, another agency's drafts or anyone else's email).
 */

const ORIGIN = "http://localhost";
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

// Every permission, so tsc fails here when policy.ts gains one (and the matrix below must then cover it).
const PERMISSIONS: Record<Permission, true> = {
  "results:read": true,
  "agencies:read": true,
  "agencies:write": true,
  "members:read": true,
  "members:write": true,
  "audit:read": true,
  "imports:read": true,
  "imports:write": true,
  "disclosures:read": true,
  "disclosures:write": true,
  "disclosures:review": true,
  "disclosures:board": true,
  "settings:write": true,
};

// The only routes anyone may call without signing in. Making another route public must be a deliberate edit here.
const PUBLIC_OPERATIONS = [
  "GET /api/health",
  "POST /api/session",
  "GET /api/invitations/{token}",
  "POST /api/invitations/{token}",
].sort();

// Routes the router serves that are not operations of the document: the document itself (public by nature).
const UNDOCUMENTED = ["GET /api/openapi.json"];

interface Operation {
  method: string; // upper case
  path: string; // OpenAPI form: /api/tenants/{tenant}/…
  access: Access;
  key: string; // "METHOD /path"
}

type OpenApiDoc = { paths: Record<string, Record<string, { "x-access"?: Access }>> };

// The published document, read once when the file is collected so the cases below can be generated from it.
const doc = (await (await api("/api/openapi.json")).json()) as OpenApiDoc;
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((m) => {
    const access = item[m]?.["x-access"] as Access;
    return { method: m.toUpperCase(), path, access, key: `${m.toUpperCase()} ${path}` };
  }),
);
const tenantOperations = operations.filter((o) => o.path.includes("{tenant}"));
const userOperations = operations.filter((o) => o.access?.kind === "user");
const operatorOperations = operations.filter((o) => o.access?.kind === "operator");

function isValidAccess(a: unknown): boolean {
  if (!a || typeof a !== "object") return false;
  const access = a as Record<string, unknown>;
  switch (access.kind) {
    case "public":
    case "user":
    case "operator":
      return Object.keys(access).length === 1;
    case "tenant":
      return (
        Object.keys(access).length === 2 && typeof access.permission === "string" && access.permission in PERMISSIONS
      );
    default:
      return false;
  }
}

// What each role may do, as the issue states it. The matrix derives its expectations from policy.ts, so this
// table is what catches a change to policy.ts itself: changing a role's rights must be a deliberate edit here too.
const GRANTED: Record<Role, Permission[]> = {
  admin: Object.keys(PERMISSIONS) as Permission[],
  analyst: [
    "results:read",
    "agencies:read",
    "members:read",
    "imports:read",
    "imports:write",
    "disclosures:read",
    "disclosures:write",
    "disclosures:review",
    "disclosures:board",
  ],
  executive: ["results:read", "agencies:read", "disclosures:board"],
  agency: ["results:read", "agencies:read", "disclosures:read", "disclosures:write"],
};

// The rule of every route that existed when the matrix was written: weakening one must be deliberate.
// (New routes need no entry; they are covered by the matrix as they are declared.)
const KNOWN_ACCESS: Record<string, Access> = {
  "GET /api/session": { kind: "user" },
  "DELETE /api/session": { kind: "user" },
  "POST /api/session/revoke-all": { kind: "user" },
  "GET /api/tokens": { kind: "user" },
  "POST /api/tokens": { kind: "user" },
  "DELETE /api/tokens/{id}": { kind: "user" },
  "GET /api/tenants": { kind: "operator" },
  "POST /api/tenants": { kind: "operator" },
  "GET /api/tenants/{tenant}/years": { kind: "tenant", permission: "results:read" },
  "GET /api/tenants/{tenant}/results": { kind: "tenant", permission: "results:read" },
  "GET /api/tenants/{tenant}/agencies": { kind: "tenant", permission: "agencies:read" },
  "GET /api/tenants/{tenant}/agencies/{code}": { kind: "tenant", permission: "agencies:read" },
  "PUT /api/tenants/{tenant}/agencies/{code}": { kind: "tenant", permission: "agencies:write" },
  "GET /api/tenants/{tenant}/agencies/{code}/disclosures/{year}": { kind: "tenant", permission: "disclosures:read" },
  "GET /api/tenants/{tenant}/members": { kind: "tenant", permission: "members:read" },
  "PATCH /api/tenants/{tenant}/members/{userId}": { kind: "tenant", permission: "members:write" },
  "DELETE /api/tenants/{tenant}/members/{userId}": { kind: "tenant", permission: "members:write" },
  "GET /api/tenants/{tenant}/invitations": { kind: "tenant", permission: "members:write" },
  "POST /api/tenants/{tenant}/invitations": { kind: "tenant", permission: "members:write" },
  "DELETE /api/tenants/{tenant}/invitations/{id}": { kind: "tenant", permission: "members:write" },
  "GET /api/tenants/{tenant}/audit": { kind: "tenant", permission: "audit:read" },
};

describe("access policy", () => {
  it("grants each role exactly the rights the issue gives it", () => {
    for (const role of Object.keys(GRANTED) as Role[]) {
      const granted = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
      expect({ role, granted: granted.sort() }).toEqual({ role, granted: [...GRANTED[role]].sort() });
    }
  });

  it("scopes an agency member's disclosure rights to its own agency", () => {
    expect([...AGENCY_SCOPED].sort()).toEqual(["disclosures:read", "disclosures:write"]);
  });

  it("keeps the rule of every existing route", () => {
    const actual = Object.fromEntries(operations.map((o) => [o.key, o.access]));
    for (const [key, access] of Object.entries(KNOWN_ACCESS))
      expect({ key, access: actual[key] }).toEqual({ key, access });
  });
});

describe("route inventory", () => {
  it("documents every /api route of the router, with the same method, and nothing more", () => {
    const app = createApp();
    const served = new Set(
      app.routes
        .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/"))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, "{$1}")}`),
    );
    const documented = new Set(operations.map((o) => o.key));
    expect([...served].filter((k) => !documented.has(k)).sort()).toEqual(UNDOCUMENTED);
    expect([...documented].filter((k) => !served.has(k))).toEqual([]);
    expect(served.size).toBeGreaterThanOrEqual(20);
    // "ALL" entries are the global middleware on /api/*; a handler mounted with app.all() (say, an auth library's
    // own router) would hide among them, so any other ALL path fails here.
    const all = app.routes.filter((r) => r.method === "ALL" && r.path.startsWith("/api/")).map((r) => r.path);
    expect([...new Set(all)]).toEqual(["/api/*"]);
  });

  it("gives every operation a valid x-access rule", () => {
    const invalid = operations.filter((o) => !isValidAccess(o.access)).map((o) => o.key);
    expect(invalid).toEqual([]);
  });

  it("protects every path under {tenant} with a tenant permission, and only those", () => {
    for (const o of operations) {
      expect({ op: o.key, tenantRule: o.access.kind === "tenant" }).toEqual({
        op: o.key,
        tenantRule: o.path.includes("{tenant}"),
      });
    }
  });

  it("keeps the public surface to the known list", () => {
    expect(
      operations
        .filter((o) => o.access.kind === "public")
        .map((o) => o.key)
        .sort(),
    ).toEqual(PUBLIC_OPERATIONS);
  });

  it("serves the document it was enumerated from, anonymously", async () => {
    const res = await api("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(tenantOperations.length).toBeGreaterThanOrEqual(10);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Fixture: tenant A with two agencies and four roles; tenant B whose data is all canaries.

const CANARY_B = ["CANARY-TENANT-B", "canary-b", "CANARY-B-DRAFT"];
const CANARY_A2 = "CANARY-A2-DRAFT";

const A = {
  admin: "admin@iso-a.test",
  analyst: "analyst@iso-a.test",
  executive: "executive@iso-a.test",
  agency: "agency@iso-a.test",
  patchTarget: "patch-target@iso-a.test",
  deleteTarget: "delete-target@iso-a.test",
  invited: "pending-invite@iso-a.test",
};
const B_ADMIN = "admin@canary-b.test";
const OPERATOR = "operator@iso.test";
const ALL_EMAILS = [...Object.values(A), B_ADMIN, OPERATOR];

type CallerName =
  | "anonymous"
  | "A admin"
  | "A analyst"
  | "A executive"
  | "A agency (A1)"
  | "B admin (cookie)"
  | "B admin (token)"
  | "operator";

interface Caller {
  roleInA: Role | null; // null: not a member of A
  signedIn: boolean;
  email?: string;
  headers: Record<string, string>;
}

const callerNames: CallerName[] = [
  "anonymous",
  "A admin",
  "A analyst",
  "A executive",
  "A agency (A1)",
  "B admin (cookie)",
  "B admin (token)",
  "operator",
];
const callers = new Map<CallerName, Caller>();
const ids = { invitation: 0, importBatch: 0, patchTarget: "", deleteTarget: "" };
// Tenant B's objects, for calls that name them through tenant A's paths.
const bIds = { invitation: 0, importBatch: 0, admin: "" };

async function sql(query: string, ...params: unknown[]) {
  return env.DB.prepare(query)
    .bind(...params)
    .run();
}

async function agencyId(tenantId: number, code: string): Promise<number> {
  const row = await env.DB.prepare("SELECT id FROM agencies WHERE tenant_id = ? AND code = ?")
    .bind(tenantId, code)
    .first<{ id: number }>();
  if (!row) throw new Error(`no agency ${code}`);
  return row.id;
}

async function disclosureFixture(tenantId: number, code: string, text: string) {
  const agency = await agencyId(tenantId, code);
  await sql(
    `INSERT INTO disclosure_records (tenant_id, agency_id, fiscal_year, item_code, status, evidence_urls, note,
       review_verdict, review_comment)
     VALUES (?, ?, 2569, 'O1', 'needs_fix', ?, ?, 'needs_fix', ?)`,
    tenantId,
    agency,
    // Loopback port 9 (discard): the link-check route really fetches these, and no test reaches outside.
    JSON.stringify([`http://127.0.0.1:9/${text}`]),
    `${text} note`,
    `${text} reviewer comment`,
  );
}

beforeAll(async () => {
  // Tenant A: agencies A1, A2 with results for 2568 and a 2569 disclosure cycle.
  const a = await seedTenant("iso-a", [
    { code: "A1", name: "อบต.เอหนึ่ง", year: 2568, total: 9012 },
    { code: "A1", name: "อบต.เอหนึ่ง", year: 2566, total: 8800 },
    { code: "A2", name: "อบต.เอสอง", year: 2568, total: 8034 },
  ]);
  await sql("INSERT INTO disclosure_cycles (tenant_id, fiscal_year, catalogue_year) VALUES (?, 2569, 2566)", a);
  await disclosureFixture(a, "A1", "a1-draft");
  await disclosureFixture(a, "A2", CANARY_A2);

  // Tenant B: same agency code A1 (so a query that forgets its tenant filter shows up), all text canaries.
  const b = await seedTenant("iso-b", [
    { code: "A1", name: "CANARY-TENANT-B", year: 2568, total: 7000 },
    { code: "B2", name: "CANARY-TENANT-B two", year: 2569, total: 7100 },
  ]);
  await sql("INSERT INTO disclosure_cycles (tenant_id, fiscal_year, catalogue_year) VALUES (?, 2569, 2566)", b);
  await disclosureFixture(b, "A1", "CANARY-B-DRAFT");
  await sql(
    "INSERT INTO audit_log (tenant_id, actor_label, action, entity, entity_id, after) VALUES (?, ?, 'agency.update', 'agency', 'A1', ?)",
    b,
    B_ADMIN,
    JSON.stringify({ nameTh: "CANARY-TENANT-B" }),
  );

  const a1 = await agencyId(a, "A1");
  await createUser(A.admin, { memberships: [{ tenantId: a, role: "admin" }] });
  await createUser(A.analyst, { memberships: [{ tenantId: a, role: "analyst" }] });
  await createUser(A.executive, { memberships: [{ tenantId: a, role: "executive" }] });
  await createUser(A.agency, { memberships: [{ tenantId: a, role: "agency", agencyId: a1 }] });
  ids.patchTarget = await createUser(A.patchTarget, { memberships: [{ tenantId: a, role: "executive" }] });
  ids.deleteTarget = await createUser(A.deleteTarget, { memberships: [{ tenantId: a, role: "executive" }] });
  bIds.admin = await createUser(B_ADMIN, { memberships: [{ tenantId: b, role: "admin" }] });
  await createUser(OPERATOR, { operator: true });
  const invite = async (tenantId: number, email: string) => {
    const row = await env.DB.prepare(
      "INSERT INTO invitations (tenant_id, email, role, token_hash, expires_at) VALUES (?, ?, 'analyst', ?, ?) RETURNING id",
    )
      .bind(tenantId, email, `iso-fixture-${email}`, new Date(Date.now() + 86_400_000).toISOString())
      .first<{ id: number }>();
    return row?.id ?? 0;
  };
  ids.invitation = await invite(a, A.invited);
  bIds.invitation = await invite(b, "invited@canary-b.test");

  const cookie = async (email: string) => ({ cookie: await signIn(email), origin: ORIGIN });
  const bCookie = await cookie(B_ADMIN);
  const aAdmin = await cookie(A.admin);
  // One committed import per tenant (the rollback route needs a batch id).
  const commitImport = async (tenant: string, headers: Record<string, string>, row: string) => {
    const res = await api(`/api/tenants/${tenant}/imports?dryRun=false&fileName=fixture.csv`, {
      method: "POST",
      headers: { ...headers, "content-type": "text/csv" },
      body: `${CSV_HEAD}\n${row}\n`,
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { id: number }).id;
  };
  ids.importBatch = await commitImport("iso-a", aAdmin, "A1,อบต.เอหนึ่ง,อบต.,2567,80");
  bIds.importBatch = await commitImport("iso-b", bCookie, "A1,CANARY-TENANT-B,อบต.,2567,70");
  const tokenRes = await api("/api/tokens", {
    method: "POST",
    headers: { ...bCookie, "content-type": "application/json" },
    body: JSON.stringify({ name: "iso matrix" }),
  });
  expect(tokenRes.status).toBe(201);
  const { token } = (await tokenRes.json()) as { token: string };

  callers.set("anonymous", { roleInA: null, signedIn: false, headers: { origin: ORIGIN } });
  callers.set("A admin", { roleInA: "admin", signedIn: true, email: A.admin, headers: aAdmin });
  callers.set("A analyst", { roleInA: "analyst", signedIn: true, email: A.analyst, headers: await cookie(A.analyst) });
  callers.set("A executive", {
    roleInA: "executive",
    signedIn: true,
    email: A.executive,
    headers: await cookie(A.executive),
  });
  callers.set("A agency (A1)", { roleInA: "agency", signedIn: true, email: A.agency, headers: await cookie(A.agency) });
  callers.set("B admin (cookie)", { roleInA: null, signedIn: true, email: B_ADMIN, headers: bCookie });
  callers.set("B admin (token)", {
    roleInA: null,
    signedIn: true,
    email: B_ADMIN,
    headers: { authorization: `Bearer ${token}` },
  });
  callers.set("operator", { roleInA: null, signedIn: true, email: OPERATOR, headers: await cookie(OPERATOR) });
});

function caller(name: CallerName): Caller {
  const c = callers.get(name);
  if (!c) throw new Error(`caller ${name} not set up`);
  return c;
}

// ---------------------------------------------------------------------------------------------------------------
// Requests: path parameters, query strings and bodies. A new route with a new parameter fails loudly here
// until it is given a sample value, rather than being skipped.

const CSV_HEAD = "agency_code,agency_name,agency_type,fiscal_year,total";

const QUERIES: Record<string, string> = {
  "GET /api/tenants/{tenant}/results": "?year=2568",
  "GET /api/tenants/{tenant}/imports/template": "?year=2568",
  "POST /api/tenants/{tenant}/imports": "?dryRun=true&fileName=matrix.csv",
  "GET /api/tenants/{tenant}/rankings": "?year=2568",
  "GET /api/tenants/{tenant}/summary": "?year=2568",
  "GET /api/tenants/{tenant}/weak-indicators": "?year=2568",
  "GET /api/tenants/{tenant}/heatmap": "?year=2568",
  "GET /api/tenants/{tenant}/movement": "?from=2566&to=2568",
};

// Bodies that are not JSON: content type and text.
const RAW_BODIES: Record<string, { type: string; body: string }> = {
  // A dry run that updates A1: its report compares with A's A1, never with B's agency of the same code.
  "POST /api/tenants/{tenant}/imports": { type: "text/csv", body: `${CSV_HEAD}\nA1,อบต.เอหนึ่ง,อบต.,2568,95.5\n` },
};

const BODIES: Record<string, unknown> = {
  "PUT /api/tenants/{tenant}/agencies/{code}": { nameTh: "อบต.เอหนึ่ง", type: "sao", district: "เมือง" },
  "PUT /api/tenants/{tenant}/agencies/{code}/results/{year}": { total: 91.25 },
  "PATCH /api/tenants/{tenant}/members/{userId}": { role: "analyst" },
  "POST /api/tenants/{tenant}/invitations": { email: "matrix-invitee@iso-a.test", role: "executive" },
  "POST /api/tokens": { name: "matrix" },
  "POST /api/tenants": { slug: "iso-new", name: "จังหวัดใหม่", adminEmail: "first-admin@iso-new.test" },
  "POST /api/session": { email: "nobody@iso.test", password: "not-the-password" },
  "POST /api/invitations/{token}": { password: "a-long-enough-password" },
  "PUT /api/tenants/{tenant}/disclosures/{year}": { catalogueYear: 2566, submitBy: "2026-04-30", reviewBy: null },
  // Version 1 is the fixture's: the first allowed caller writes, later ones get 409 (also an allowed answer).
  "PUT /api/tenants/{tenant}/agencies/{code}/disclosures/{year}/{item}": {
    version: 1,
    status: "in_progress",
    evidenceUrls: ["http://127.0.0.1:9/matrix"],
    note: "matrix",
  },
  "PUT /api/tenants/{tenant}/agencies/{code}/disclosures/{year}": {
    items: [{ itemCode: "O2", version: 0, status: "in_progress", evidenceUrls: [], note: null }],
  },
  "POST /api/tenants/{tenant}/agencies/{code}/disclosures/{year}/{item}/review": {
    version: 1,
    verdict: "needs_fix",
    comment: "matrix",
  },
};

function fillPath(op: Operation, tenant: string, code: string): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    switch (name) {
      case "tenant":
        return tenant;
      case "code":
        return code;
      case "year":
        return op.path.includes("/disclosures/") ? "2569" : "2568";
      case "item":
        return "O1";
      case "userId":
        return op.method === "DELETE" ? ids.deleteTarget : ids.patchTarget;
      case "id":
        if (op.path.includes("/invitations/")) return String(ids.invitation);
        if (op.path.includes("/imports/")) return String(ids.importBatch);
        break;
    }
    throw new Error(`No sample value for {${name}} in ${op.key}: add one to the isolation matrix.`);
  });
}

function request(op: Operation, path: string, headers: Record<string, string>): Promise<Response> {
  const url = path + (QUERIES[op.key] ?? "");
  if (["GET", "HEAD"].includes(op.method)) return api(url, { method: op.method, headers });
  const raw = RAW_BODIES[op.key];
  return api(url, {
    method: op.method,
    headers: { ...headers, "content-type": raw?.type ?? "application/json" },
    body: raw?.body ?? JSON.stringify(BODIES[op.key] ?? {}),
  });
}

type Expected = 401 | 403 | 404 | "allowed";

function expectedStatus(access: Access, c: Caller, code: string): Expected {
  if (!c.signedIn) return 401;
  if (access.kind !== "tenant") throw new Error("tenant rule expected");
  if (c.roleInA === null) return 404;
  if (!can(c.roleInA, access.permission)) return 403;
  if (c.roleInA === "agency" && AGENCY_SCOPED.has(access.permission) && code !== "A1") return 403;
  return "allowed";
}

interface Case {
  op: Operation;
  callerName: CallerName;
  code: string;
}

// One case per (operation, caller); operations whose permission is agency-scoped are run for A1 and for A2.
const cases: [string, Case][] = tenantOperations.flatMap((op) => {
  const codes =
    op.path.includes("{code}") && op.access.kind === "tenant" && AGENCY_SCOPED.has(op.access.permission)
      ? ["A1", "A2"]
      : ["A1"];
  return codes.flatMap((code) =>
    callerNames.map((callerName): [string, Case] => [
      `${op.key}${codes.length > 1 ? ` [code=${code}]` : ""} as ${callerName}`,
      { op, callerName, code },
    ]),
  );
});

function assertNoLeak(body: string, c: Caller, label: string, path: string) {
  // Problem answers echo the request path (`instance`); what the caller sent is not a leak.
  const text = body.replaceAll(JSON.stringify(path).slice(1, -1), "").replaceAll(path, "");
  for (const canary of CANARY_B) expect(text, `${label}: leaked ${canary}`).not.toContain(canary);
  if (c.roleInA === "agency") {
    expect(text, `${label}: agency saw another agency's draft`).not.toContain(CANARY_A2);
    for (const email of ALL_EMAILS.filter((e) => e !== c.email)) {
      expect(text, `${label}: agency saw ${email}`).not.toContain(email);
    }
  }
}

describe("tenant route matrix (tenant iso-a)", () => {
  it.each(cases)("%s", async (label, { op, callerName, code }) => {
    const c = caller(callerName);
    const path = fillPath(op, "iso-a", code);
    const res = await request(op, path, c.headers);
    const text = await res.text();
    const expected = expectedStatus(op.access, c, code);
    const context = `${label} → ${res.status} ${text.slice(0, 300)}`;
    if (expected === "allowed") {
      expect([401, 403], context).not.toContain(res.status);
      expect(res.status, context).toBeLessThan(500);
      if (res.status === 404) expect(JSON.parse(text).detail, context).not.toMatch(/^No tenant/);
      // Reads must really answer (give them a sample query above if they need one), so that the leak checks
      // below run on real data rather than on an error.
      if (op.method === "GET") expect(res.status, context).toBe(200);
    } else {
      expect(res.status, context).toBe(expected);
      expect(res.headers.get("content-type"), context).toMatch(/^application\/problem\+json/);
      if (expected === 404) expect(JSON.parse(text).detail, context).toBe("No tenant iso-a.");
    }
    assertNoLeak(text, c, label, path);
  });
});

describe("the canaries are reachable, so their absence above means something", () => {
  it("A's admin reads A2's drafts; B's admin token reads B's agency names and drafts", async () => {
    const a2 = await api("/api/tenants/iso-a/agencies/A2/disclosures/2569", { headers: caller("A admin").headers });
    expect(await a2.text()).toContain(CANARY_A2);
    const own = await api("/api/tenants/iso-a/agencies/A1/disclosures/2569", {
      headers: caller("A agency (A1)").headers,
    });
    expect(await own.text()).toContain("a1-draft reviewer comment");
    const token = caller("B admin (token)").headers;
    expect(await (await api("/api/tenants/iso-b/agencies", { headers: token })).text()).toContain("CANARY-TENANT-B");
    expect(await (await api("/api/tenants/iso-b/agencies/A1/disclosures/2569", { headers: token })).text()).toContain(
      "CANARY-B-DRAFT",
    );
    expect(await (await api("/api/tenants/iso-b/members", { headers: token })).text()).toContain("canary-b");
  });
});

describe("tenant A's paths naming tenant B's objects", () => {
  // An id from another tenant is as unknown as a made-up one, and the object is left alone.
  const objectOps = tenantOperations.filter((o) => /\{(id|userId)\}/.test(o.path));
  it.each(objectOps.map((op): [string, Operation] => [op.key, op]))(
    "%s with B's id as A admin → 404",
    async (_, op) => {
      const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        if (name === "tenant") return "iso-a";
        if (name === "code") return "A1";
        if (name === "userId") return bIds.admin;
        if (name === "id" && op.path.includes("/invitations/")) return String(bIds.invitation);
        if (name === "id" && op.path.includes("/imports/")) return String(bIds.importBatch);
        throw new Error(`No tenant-B value for {${name}} in ${op.key}: add one to the isolation matrix.`);
      });
      const res = await request(op, path, caller("A admin").headers);
      const text = await res.text();
      expect(res.status, text).toBe(404);
      // The answer may echo the id the caller sent (e.g. "No member <id>."), nothing else of B.
      const rest = text.replaceAll(bIds.admin, "");
      for (const canary of CANARY_B) expect(rest).not.toContain(canary);
    },
  );

  it("left B's invitation, membership and import untouched", async () => {
    const inv = await env.DB.prepare("SELECT revoked_at, accepted_at FROM invitations WHERE id = ?")
      .bind(bIds.invitation)
      .first();
    expect(inv).toEqual({ revoked_at: null, accepted_at: null });
    const member = await env.DB.prepare("SELECT role FROM memberships WHERE user_id = ?").bind(bIds.admin).first();
    expect(member).toEqual({ role: "admin" });
    const batch = await env.DB.prepare("SELECT status FROM import_batches WHERE id = ?").bind(bIds.importBatch).first();
    expect(batch).toEqual({ status: "committed" });
  });
});

describe("members of A on tenant B, and an unknown tenant", () => {
  const probes = tenantOperations.flatMap((op) =>
    (["A admin", "A agency (A1)"] as const).flatMap((callerName) =>
      ["iso-b", "iso-nowhere"].map((tenant): [string, { op: Operation; callerName: CallerName; tenant: string }] => [
        `${op.key} on ${tenant} as ${callerName}`,
        { op, callerName, tenant },
      ]),
    ),
  );
  it.each(probes)("%s → 404", async (label, { op, callerName, tenant }) => {
    const c = caller(callerName);
    const res = await request(op, fillPath(op, tenant, "A1"), c.headers);
    const text = await res.text();
    expect(res.status, `${label}: ${text}`).toBe(404);
    // A foreign tenant and a non-existent one answer alike, so slugs cannot be probed.
    expect(JSON.parse(text)).toMatchObject({ title: "Not found", detail: `No tenant ${tenant}.` });
    for (const canary of CANARY_B) expect(text).not.toContain(canary);
  });
});

describe("non-tenant routes", () => {
  it.each([...userOperations, ...operatorOperations].map((op): [string, Operation] => [op.key, op]))(
    "%s refuses anonymous callers with 401",
    async (_, op) => {
      const res = await request(op, op.path.replace("{id}", "1"), { origin: ORIGIN });
      expect(res.status).toBe(401);
    },
  );

  const nonOperators: CallerName[] = ["A admin", "B admin (cookie)", "B admin (token)"];
  it.each(
    operatorOperations.flatMap((op) =>
      nonOperators.map((n): [string, Operation, CallerName] => [`${op.key} as ${n}`, op, n]),
    ),
  )("%s → 403", async (_, op, callerName) => {
    const res = await request(op, op.path, caller(callerName).headers);
    expect(res.status).toBe(403);
  });

  it.each(operatorOperations.map((op): [string, Operation] => [op.key, op]))(
    "%s is allowed to the operator",
    async (_, op) => {
      const res = await request(op, op.path, caller("operator").headers);
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
    },
  );

  // Routes for any signed-in user act on the caller's own session or tokens, so each case gets a fresh user.
  let n = 0;
  it.each(
    userOperations.flatMap((op) =>
      (["cookie", "token"] as const).map((via): [string, Operation, "cookie" | "token"] => [
        `${op.key} via ${via}`,
        op,
        via,
      ]),
    ),
  )("%s is allowed to a signed-in user", async (_, op, via) => {
    const email = `user-route-${++n}@iso.test`;
    await createUser(email);
    const cookie = await signIn(email);
    const created = await api("/api/tokens", {
      method: "POST",
      headers: { cookie, origin: ORIGIN, "content-type": "application/json" },
      body: JSON.stringify({ name: "own" }),
    });
    const { id, token } = (await created.json()) as { id: number; token: string };
    const headers: Record<string, string> =
      via === "cookie" ? { cookie, origin: ORIGIN } : { authorization: `Bearer ${token}` };
    const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      if (name === "id" && op.path.startsWith("/api/tokens/")) return String(id);
      throw new Error(`No sample value for {${name}} in ${op.key}: add one to the isolation matrix.`);
    });
    const res = await request(op, path, headers);
    const text = await res.text();
    if (op.key === "POST /api/tokens" && via === "token") {
      // A token must not mint tokens (a leaked one could outlive its own revocation).
      expect(res.status, text).toBe(403);
      return;
    }
    expect(res.status, text).toBeGreaterThanOrEqual(200);
    expect(res.status, text).toBeLessThan(300);
    for (const canary of CANARY_B) expect(text).not.toContain(canary);
  });
});
