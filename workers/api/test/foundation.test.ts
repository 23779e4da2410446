import { describe, expect, it } from "vitest";
import { createUser, signIn } from "./accounts";
import { api, seedTenant } from "./helpers";

/** Tenant data needs a member: a signed-in reader (executive) of the tenant, as Cookie headers. */
async function readerOf(slug: string, tenantId: number): Promise<{ cookie: string }> {
  const email = `reader@${slug}.test`;
  await createUser(email, { memberships: [{ tenantId, role: "executive" }] });
  return { cookie: await signIn(email) };
}

// Storage is isolated per test file, not per test: each test uses its own tenant slugs.
describe("health", () => {
  it("answers with the database state", async () => {
    const res = await api("/api/health");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; database: { migrations: number; tenants: number } };
    expect(body.status).toBe("ok");
    expect(body.database.migrations).toBeGreaterThanOrEqual(2);
    expect(body.database.tenants).toBe(0);
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });
});

describe("problem+json", () => {
  it("answers an unknown API path with 404 problem+json", async () => {
    const res = await api("/api/no-such-thing");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { status: number; type: string; instance: string };
    expect(body).toMatchObject({ status: 404, instance: "/api/no-such-thing" });
    expect(body.type).toMatch(/not-found$/);
  });

  it("names the invalid parameter", async () => {
    const t = await seedTenant("gamma", [{ code: "A1", name: "อบต.หนึ่ง", year: 2566, total: 9000 }]);
    const res = await api("/api/tenants/gamma/results?year=abc", { headers: await readerOf("gamma", t) });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path)).toContain("year");
  });

  it("answers an unknown tenant with 404 and an unknown year with the available years", async () => {
    const t = await seedTenant("alpha", [{ code: "A1", name: "อบต.หนึ่ง", year: 2566, total: 9000 }]);
    const headers = await readerOf("alpha", t);
    expect((await api("/api/tenants/nowhere/results?year=2566", { headers })).status).toBe(404);
    const res = await api("/api/tenants/alpha/results?year=2564", { headers });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { availableYears: number[] }).availableYears).toEqual([2566]);
  });
});

describe("results", () => {
  it("returns scores as points with two decimals, only from the asked tenant", async () => {
    const t = await seedTenant("delta", [
      { code: "A1", name: "อบต.หนึ่ง", year: 2566, total: 8898 },
      { code: "A2", name: "อบต.สอง", year: 2566, total: 8500 },
    ]);
    await seedTenant("beta", [{ code: "B1", name: "อบต.อื่น", year: 2566, total: 9999 }]);
    const res = await api("/api/tenants/delta/results?year=2566", { headers: await readerOf("delta", t) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rows: { agencyCode: string; total: number }[] };
    expect(body.rows.map((r) => [r.agencyCode, r.total])).toEqual([
      ["A1", 88.98],
      ["A2", 85],
    ]);
    expect(JSON.stringify(body)).not.toContain("B1");
  });
});

describe("openapi", () => {
  it("documents every route with its schemas", async () => {
    const res = await api("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: object };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/health", "/api/tenants/{tenant}/years", "/api/tenants/{tenant}/results"]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["Problem", "ResultRow", "Health"]));
  });
});
