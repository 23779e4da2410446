import { describe, expect, it } from "vitest";
import { createUser, signIn } from "./accounts";
import { api, seedTenant } from "./helpers";

describe("session smoke", () => {
  it("signs in, reads the session, reads tenant results, signs out", async () => {
    const t = await seedTenant("smoke", [{ code: "S1", name: "อบต.ทดสอบ", year: 2568, total: 9000 }]);
    await createUser("admin@smoke.test", { memberships: [{ tenantId: t, role: "admin" }] });
    const cookie = await signIn("admin@smoke.test");
    expect(cookie).toContain("prongsai.session_token");
    const me = await api("/api/session", { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ memberships: [{ tenant: "smoke", role: "admin" }] });
    expect((await api("/api/tenants/smoke/results?year=2568", { headers: { cookie } })).status).toBe(200);
    expect((await api("/api/tenants/smoke/results?year=2568")).status).toBe(401);
    const out = await api("/api/session", { method: "DELETE", headers: { cookie, origin: "http://localhost" } });
    expect(out.status).toBe(204);
    expect((await api("/api/session", { headers: { cookie } })).status).toBe(401);
  });
});
