import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { AnswerCache, answerCacheSize, type CachedAnswer, storedAnswer } from "../src/http/answer-cache";
import { createUser, signIn } from "./accounts";
import { api, seedTenant } from "./helpers";

// The analytics answer cache must never serve an answer the data has moved past, nor one tenant's answer to
// another. Every write below goes through a different path (the import API, its rollback, raw SQL on each table)
// and the next read must show it.

let cookieA = "";
let cookieB = "";
let tenantA = 0;
const write = { origin: "http://localhost" };

beforeAll(async () => {
  tenantA = await seedTenant("cache-a", [
    { code: "A1", name: "อบต.หนึ่ง", year: 2568, total: 9000 },
    { code: "A2", name: "อบต.สอง", year: 2568, total: 8000 },
    { code: "A3", name: "อบต.สาม", year: 2568, total: 7000 },
  ]);
  const tenantB = await seedTenant("cache-b", [
    { code: "B1", name: "อบต.บี", year: 2568, total: 5000 },
    { code: "B2", name: "อบต.บีสอง", year: 2568, total: 6000 },
  ]);
  await createUser("a@cache.test", { memberships: [{ tenantId: tenantA, role: "admin" }] });
  await createUser("b@cache.test", { memberships: [{ tenantId: tenantB, role: "admin" }] });
  cookieA = await signIn("a@cache.test");
  cookieB = await signIn("b@cache.test");
});

interface Ranking {
  rows: { rank: number; agencyCode: string; name: string; total: number }[];
}

async function rankings(cookie: string, query = "year=2568", headers: Record<string, string> = {}) {
  const slug = cookie === cookieA ? "cache-a" : "cache-b";
  const res = await api(`/api/tenants/${slug}/rankings?${query}`, { headers: { cookie, ...headers } });
  expect(res.status).toBe(200);
  const state = res.headers.get("x-answer-cache");
  const body = (await res.json()) as Ranking;
  return { state, rows: body.rows.map((r) => `${r.rank} ${r.agencyCode} ${r.name} ${r.total}`), res };
}

const version = async (id: number) =>
  (await env.DB.prepare("SELECT data_version AS v FROM tenants WHERE id = ?").bind(id).first<{ v: number }>())?.v;

describe("analytics answer cache", () => {
  it("serves a repeated query from the cache, in any parameter order, with the same answer", async () => {
    const first = await rankings(cookieA, "year=2568&type=sao");
    expect(first.state).toBe("miss");
    expect(first.rows).toEqual(["1 A1 อบต.หนึ่ง 90", "2 A2 อบต.สอง 80", "3 A3 อบต.สาม 70"]);
    const again = await rankings(cookieA, "type=sao&year=2568");
    expect(again.state).toBe("hit");
    expect(again.rows).toEqual(first.rows);
    expect(again.res.headers.get("x-request-id")).not.toBe(first.res.headers.get("x-request-id"));
  });

  it("never gives one tenant another's answer for the same query", async () => {
    await rankings(cookieA);
    const b = await rankings(cookieB);
    expect(b.state).toBe("miss");
    expect(b.rows).toEqual(["1 B2 อบต.บีสอง 60", "2 B1 อบต.บี 50"]);
    expect((await rankings(cookieB)).state).toBe("hit");
    expect((await rankings(cookieA)).rows[0]).toBe("1 A1 อบต.หนึ่ง 90");
  });

  it("shows every kind of write at once: results and agencies, inserted, updated, deleted, by any path", async () => {
    const a3 = await env.DB.prepare("SELECT id FROM agencies WHERE tenant_id = ? AND code = 'A3'")
      .bind(tenantA)
      .first<{ id: number }>();
    const steps: [string, string, string[]][] = [
      [
        "a result updated",
        "UPDATE results SET total = 9500 WHERE agency_id = ?1",
        ["1 A3 อบต.สาม 95", "2 A1 อบต.หนึ่ง 90", "3 A2 อบต.สอง 80"],
      ],
      [
        "an agency renamed",
        "UPDATE agencies SET name_th = 'อบต.สามใหม่' WHERE id = ?1",
        ["1 A3 อบต.สามใหม่ 95", "2 A1 อบต.หนึ่ง 90", "3 A2 อบต.สอง 80"],
      ],
      ["a result deleted", "DELETE FROM results WHERE agency_id = ?1", ["1 A1 อบต.หนึ่ง 90", "2 A2 อบต.สอง 80"]],
      [
        "a result inserted",
        "INSERT INTO results (tenant_id, agency_id, fiscal_year, total, source) VALUES (?2, ?1, 2568, 8000, 'manual')",
        ["1 A1 อบต.หนึ่ง 90", "2 A2 อบต.สอง 80", "2 A3 อบต.สามใหม่ 80"],
      ],
    ];
    for (const [what, statement, expected] of steps) {
      await rankings(cookieA); // fill the cache
      expect((await rankings(cookieA)).state, what).toBe("hit");
      const before = await version(tenantA);
      // D1 wants exactly as many bindings as the statement uses.
      const binds = statement.includes("?2") ? [a3?.id, tenantA] : [a3?.id];
      await env.DB.prepare(statement)
        .bind(...binds)
        .run();
      expect(await version(tenantA), what).not.toBe(before);
      const after = await rankings(cookieA);
      expect(after.state, what).toBe("miss");
      expect(after.rows, what).toEqual(expected);
    }
    // An agency inserted and deleted moves the version too (it changes the agency list and peer groups).
    const before = await version(tenantA);
    await env.DB.prepare("INSERT INTO agencies (tenant_id, code, name_th, type) VALUES (?, 'A9', 'อบต.เก้า', 'sao')")
      .bind(tenantA)
      .run();
    const inserted = await version(tenantA);
    expect(inserted).not.toBe(before);
    await env.DB.prepare("DELETE FROM agencies WHERE tenant_id = ? AND code = 'A9'").bind(tenantA).run();
    expect(await version(tenantA)).not.toBe(inserted);
  });

  it("covers the agency list, years and results the same way", async () => {
    const get = async (path: string) => {
      const res = await api(`/api/tenants/cache-a/${path}`, { headers: { cookie: cookieA } });
      expect(res.status, path).toBe(200);
      return { state: res.headers.get("x-answer-cache"), text: await res.text() };
    };
    for (const path of ["agencies?q=A2", "years", "results?year=2568"]) {
      await get(path);
      expect((await get(path)).state, path).toBe("hit");
    }
    const a2 = await env.DB.prepare("SELECT id FROM agencies WHERE tenant_id = ? AND code = 'A2'")
      .bind(tenantA)
      .first<{ id: number }>();
    await env.DB.prepare(
      "INSERT INTO results (tenant_id, agency_id, fiscal_year, total, source) VALUES (?, ?, 2565, 7777, 'manual')",
    )
      .bind(tenantA, a2?.id)
      .run();
    const years = await get("years");
    expect(years.state).toBe("miss");
    expect(years.text).toContain("2565");
    await env.DB.prepare("UPDATE results SET total = 7777 WHERE agency_id = ? AND fiscal_year = 2568")
      .bind(a2?.id)
      .run();
    expect((await get("results?year=2568")).text).toContain("77.77");
    await env.DB.prepare("UPDATE agencies SET name_th = 'อบต.สองใหม่' WHERE id = ?").bind(a2?.id).run();
    const list = await get("agencies?q=A2");
    expect(list.state).toBe("miss");
    expect(list.text).toContain("อบต.สองใหม่");
  });

  it("shows an import and its rollback on the next read", async () => {
    const before = await rankings(cookieA);
    const csv = "agency_code,agency_name,agency_type,fiscal_year,total\nA2,อบต.สอง,อบต.,2568,99\n";
    const imported = await api("/api/tenants/cache-a/imports?dryRun=false&fileName=cache.csv", {
      method: "POST",
      headers: { cookie: cookieA, ...write, "content-type": "text/csv" },
      body: csv,
    });
    expect(imported.status).toBe(200);
    const { id } = (await imported.json()) as { id: number };
    const after = await rankings(cookieA);
    expect(after.state).toBe("miss");
    expect(after.rows[0]).toBe("1 A2 อบต.สอง 99");
    expect((await rankings(cookieA)).state).toBe("hit");

    const rolledBack = await api(`/api/tenants/cache-a/imports/${id}/rollback`, {
      method: "POST",
      headers: { cookie: cookieA, ...write },
    });
    expect(rolledBack.status).toBe(200);
    const back = await rankings(cookieA);
    expect(back.state).toBe("miss");
    expect(back.rows).toEqual(before.rows);
  });

  it("keeps writes elsewhere (another tenant, disclosure and audit tables) from emptying a tenant's answers", async () => {
    await rankings(cookieA);
    const before = await version(tenantA);
    await env.DB.prepare("UPDATE results SET total = 5100 WHERE tenant_id <> ?").bind(tenantA).run();
    await env.DB.prepare(
      "INSERT INTO audit_log (tenant_id, actor_label, action, entity) VALUES (?, 'test', 'test', 'x')",
    )
      .bind(tenantA)
      .run();
    expect(await version(tenantA)).toBe(before);
    expect((await rankings(cookieA)).state).toBe("hit");
  });

  it("computes afresh on Cache-Control: no-cache without storing, and never stores an error", async () => {
    const bypass = await rankings(cookieA, "year=2568&district=x", { "cache-control": "no-cache" });
    expect(bypass.state).toBe("bypass");
    const next = await rankings(cookieA, "year=2568&district=x");
    expect(next.state).toBe("miss");
    expect(next.rows).toEqual(bypass.rows);
    for (let i = 0; i < 2; i++) {
      const res = await api("/api/tenants/cache-a/rankings?year=2560", { headers: { cookie: cookieA } });
      expect(res.status).toBe(404);
      expect(res.headers.get("x-answer-cache")).toBeNull();
    }
  });

  it("keeps CSV and JSON apart, with the CSV's own headers", async () => {
    const csv = await api("/api/tenants/cache-a/rankings?year=2568&format=csv", { headers: { cookie: cookieA } });
    const csvAgain = await api("/api/tenants/cache-a/rankings?year=2568&format=csv", {
      headers: { cookie: cookieA },
    });
    expect(csvAgain.headers.get("x-answer-cache")).toBe("hit");
    expect(csvAgain.headers.get("content-type")).toContain("text/csv");
    expect(csvAgain.headers.get("content-disposition")).toContain("rankings-2568.csv");
    const bytes = new Uint8Array(await csvAgain.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe(await csv.text());
  });

  it("keeps a large answer gzipped and gives every client the same text", async () => {
    // Enough agencies that the answer is stored gzipped.
    for (let i = 0; i < 30; i++) {
      await env.DB.prepare("INSERT INTO agencies (tenant_id, code, name_th, type) VALUES (?, ?, ?, 'sao') RETURNING id")
        .bind(tenantA, `G${i}`, `อบต.จี${i}`)
        .run();
    }
    await env.DB.prepare(
      "INSERT INTO results (tenant_id, agency_id, fiscal_year, total, source) SELECT tenant_id, id, 2568, 6000 + id, 'manual' FROM agencies WHERE tenant_id = ? AND code LIKE 'G%'",
    )
      .bind(tenantA)
      .run();
    const plain = await api("/api/tenants/cache-a/heatmap?year=2568", {
      headers: { cookie: cookieA, "accept-encoding": "identity" },
    });
    expect(plain.headers.get("x-answer-cache")).toBe("miss");
    const plainText = await plain.text();
    expect(plainText.length).toBeGreaterThan(1024);
    const heatmap = (encoding: string) =>
      api("/api/tenants/cache-a/heatmap?year=2568", { headers: { cookie: cookieA, "accept-encoding": encoding } });
    // The gzipped copy replaces the plain one after the miss's response (waitUntil): wait for it.
    const stored = async () =>
      storedAnswer(tenantA, (await version(tenantA)) as number, "/api/tenants/cache-a/heatmap?year=2568");
    for (let i = 0; i < 250 && !(await stored())?.gzipped; i++) await new Promise((r) => setTimeout(r, 20));
    const kept = await stored();
    expect(kept?.gzipped).toBe(true);
    expect(kept?.body.byteLength).toBeLessThan(new TextEncoder().encode(plainText).byteLength / 2);
    expect(answerCacheSize().gzipped).toBeGreaterThan(0);
    const gzipClient = await heatmap("gzip, deflate, br");
    expect(gzipClient.headers.get("x-answer-cache")).toBe("hit");
    // The runtime encodes for the client; the Worker never sends its stored gzip as it is.
    expect(gzipClient.headers.get("content-encoding")).toBeNull();
    expect(await gzipClient.text()).toBe(plainText);
    const identity = await heatmap("identity");
    expect(identity.headers.get("x-answer-cache")).toBe("hit");
    expect(await identity.text()).toBe(plainText);
  });
});

describe("AnswerCache (the store alone)", () => {
  const answer = (bytes: number): CachedAnswer => ({ body: new Uint8Array(bytes), gzipped: false, headers: [] });

  it("drops the least recently used answers beyond its byte budget", () => {
    const cache = new AnswerCache(900);
    cache.set(1, 7, "/a", answer(200));
    cache.set(1, 7, "/b", answer(200));
    cache.set(1, 7, "/c", answer(200));
    expect(cache.get(1, 7, "/a")).toBeDefined(); // /a is now the most recent
    cache.set(1, 7, "/d", answer(200));
    cache.set(1, 7, "/e", answer(200));
    expect(cache.size.bytes).toBeLessThanOrEqual(900);
    expect(cache.get(1, 7, "/b")).toBeUndefined();
    expect(cache.get(1, 7, "/a")).toBeDefined();
    expect(cache.get(1, 7, "/e")).toBeDefined();
  });

  it("does not keep one answer bigger than a quarter of the budget", () => {
    const cache = new AnswerCache(1000);
    cache.set(1, 7, "/big", answer(251));
    expect(cache.get(1, 7, "/big")).toBeUndefined();
    expect(cache.size).toEqual({ entries: 0, bytes: 0, gzipped: 0 });
  });

  it("frees a tenant's answers when its data version changes, and only that tenant's", () => {
    const cache = new AnswerCache(10_000);
    cache.set(1, 7, "/a", answer(10));
    cache.set(2, 3, "/a", answer(10));
    cache.set(1, 8, "/b", answer(10));
    expect(cache.get(1, 7, "/a")).toBeUndefined();
    expect(cache.get(1, 8, "/b")).toBeDefined();
    expect(cache.get(2, 3, "/a")).toBeDefined();
    expect(cache.size).toEqual({ entries: 2, bytes: 20, gzipped: 0 });
  });
});
