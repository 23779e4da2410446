import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { LinkCheckSchema } from "@prongsai/contracts";
import { describe, expect, inject, it } from "vitest";
import { createDb } from "../src/db/client";
import { ProblemError } from "../src/http/problem";
import worker from "../src/index";
import {
  acceptableContentType,
  checkLinks,
  isOnSite,
  type LinkResult,
  runLinkChecks,
  siteDomain,
} from "../src/linkcheck/checker";
import {
  checkAgencyLinks,
  checkAgencyLinksById,
  checkAllLinks,
  LINK_HISTORY_PER_URL,
  latestLinkChecks,
  linkCheckHistory,
} from "../src/services/link-health";
import type { TenantContext } from "../src/services/tenants";

// Link health against real HTTP servers on 127.0.0.1 (test/global-setup-links.ts, started by vitest in Node).
// The agency's website is the main server; `localhost` names the same machine but not the agency's site.

const srv = inject("linkServers");
const BASE = srv.base;
const db = createDb(env.DB);
/**
 * No pacing unless a test is about it. The timeout is generous (a loaded CI machine once needed more than
 * 500 ms for a loopback answer); the timeout test sets its own.
 */
const FAST = { hostGapMs: 0, timeoutMs: 5000 };

interface Hit {
  port: number;
  method: string;
  path: string;
  start: number;
  end: number | null;
  userAgent: string | null;
}

/** What reached the servers for paths containing `tag`, in arrival order. */
async function hits(tag: string): Promise<Hit[]> {
  const res = await fetch(`${BASE}/__log?tag=${encodeURIComponent(tag)}`);
  return ((await res.json()) as Hit[]).sort((a, b) => a.start - b.start);
}

/** The most requests the servers had open at one moment. */
function maxInFlight(list: readonly Hit[]): number {
  const events = list.flatMap((h) => [
    { t: h.start, d: 1 },
    { t: h.end ?? Number.POSITIVE_INFINITY, d: -1 },
  ]);
  events.sort((a, b) => a.t - b.t || a.d - b.d);
  let now = 0;
  let max = 0;
  for (const e of events) {
    now += e.d;
    max = Math.max(max, now);
  }
  return max;
}

const one = async (url: string, opts = {}, website: string | null = BASE): Promise<LinkResult> => {
  const [r] = await checkLinks([{ url, website }], { ...FAST, ...opts });
  if (!r) throw new Error("no result");
  return r;
};

describe("checker", () => {
  it("accepts a good HTML page with one HEAD and says who it is", async () => {
    const r = await one(`${BASE}/good?t=ua`);
    expect(r).toMatchObject({
      ok: true,
      problem: null,
      httpStatus: 200,
      finalUrl: `${BASE}/good?t=ua`,
      redirects: 0,
      onSite: true,
    });
    expect(r.contentType).toMatch(/^text\/html/);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(r.checkedAt)).not.toBeNaN();
    const seen = await hits("t=ua");
    expect(seen.map((h) => h.method)).toEqual(["HEAD"]);
    expect(seen[0]?.userAgent).toBe("Prongsai-LinkCheck/1.0 (+ITA evidence check)");
  });

  it("accepts PDF and office documents", async () => {
    expect(await one(`${BASE}/doc.pdf`)).toMatchObject({ ok: true, contentType: "application/pdf" });
    expect((await one(`${BASE}/report.xlsx`)).ok).toBe(true);
  });

  it("flags 404 and 500 as http_error with the status", async () => {
    expect(await one(`${BASE}/missing`)).toMatchObject({ ok: false, problem: "http_error", httpStatus: 404 });
    expect(await one(`${BASE}/broken`)).toMatchObject({ ok: false, problem: "http_error", httpStatus: 500 });
  });

  it("follows a redirect chain (301, 302, 307, 308) to a good page", async () => {
    const r = await one(`${BASE}/chain/0`);
    expect(r).toMatchObject({
      ok: true,
      httpStatus: 200,
      redirects: 4,
      finalUrl: `${BASE}/good/after-chain`,
      onSite: true,
    });
    // Too few hops allowed: the same chain is too long.
    expect(await one(`${BASE}/chain/0`, { maxRedirects: 3 })).toMatchObject({
      ok: false,
      problem: "too_many_redirects",
      redirects: 3,
    });
  });

  it("detects a redirect loop and an endless chain", async () => {
    expect(await one(`${BASE}/loop/a`)).toMatchObject({
      ok: false,
      problem: "redirect_loop",
      redirects: 1,
      httpStatus: 302,
      finalUrl: `${BASE}/loop/b`,
    });
    const many = await one(`${BASE}/many/0`, { maxRedirects: 5 });
    expect(many).toMatchObject({ ok: false, problem: "too_many_redirects", redirects: 5 });
    expect(many.finalUrl).toBe(`${BASE}/many/5`);
  });

  it("gives up on a slow page after the timeout", async () => {
    const r = await one(`${BASE}/slow?ms=3000&t=slow1`, { timeoutMs: 300 });
    expect(r).toMatchObject({
      ok: false,
      problem: "timeout",
      httpStatus: null,
      finalUrl: `${BASE}/slow?ms=3000&t=slow1`,
    });
    expect(r.elapsedMs).toBeGreaterThanOrEqual(250);
    expect(r.elapsedMs).toBeLessThan(2500);
  });

  it("flags JSON and octet-stream as wrong_content_type", async () => {
    expect(await one(`${BASE}/data.json`)).toMatchObject({
      ok: false,
      problem: "wrong_content_type",
      httpStatus: 200,
      contentType: "application/json",
    });
    expect(await one(`${BASE}/blob`)).toMatchObject({ ok: false, problem: "wrong_content_type" });
  });

  it("asks again with GET when HEAD is refused (405)", async () => {
    const r = await one(`${BASE}/head405?t=h405`);
    expect(r).toMatchObject({ ok: true, httpStatus: 200, redirects: 0 });
    expect((await hits("t=h405")).map((h) => h.method)).toEqual(["HEAD", "GET"]);
  });

  it("believes an error to HEAD only when GET says the same (403 to HEAD, 200 to GET; a real 404 twice)", async () => {
    expect(await one(`${BASE}/head403?t=h403`)).toMatchObject({ ok: true, httpStatus: 200 });
    expect((await hits("t=h403")).map((h) => h.method)).toEqual(["HEAD", "GET"]);
    expect(await one(`${BASE}/missing?t=m404`)).toMatchObject({ ok: false, httpStatus: 404 });
    expect((await hits("t=m404")).map((h) => h.method)).toEqual(["HEAD", "GET"]);
  });

  it("flags a redirect to another host as off_site, and judges on_site per agency", async () => {
    const r = await one(`${BASE}/offsite`);
    expect(r).toMatchObject({
      ok: false,
      problem: "off_site",
      onSite: false,
      httpStatus: 200,
      redirects: 1,
      finalUrl: `http://localhost:${srv.port}/good/offsite`,
    });
    // No website on record: nothing to judge against, so not off_site.
    expect(await one(`${BASE}/offsite`, {}, null)).toMatchObject({ ok: true, onSite: null, problem: null });
  });

  it("says unreachable when nothing listens", async () => {
    const r = await one(`http://127.0.0.1:${srv.closedPort}/x`);
    expect(r).toMatchObject({ ok: false, problem: "unreachable", httpStatus: null });
  });

  it("refuses anything but http(s) without a request", async () => {
    for (const url of ["ftp://127.0.0.1/x", "javascript:alert(1)", "not a url", "", "mailto:a@b.go.th"]) {
      expect(await one(url)).toMatchObject({ ok: false, problem: "invalid_url", elapsedMs: null, finalUrl: null });
    }
  });

  it("judges content types and site domains", () => {
    for (const t of ["text/html; charset=utf-8", "application/pdf", "image/png", "text/plain", null]) {
      expect(acceptableContentType(t), String(t)).toBe(true);
    }
    expect(acceptableContentType("application/vnd.openxmlformats-officedocument.wordprocessingml.document")).toBe(true);
    for (const t of ["application/json", "application/octet-stream", "application/zip", "text/javascript"]) {
      expect(acceptableContentType(t), t).toBe(false);
    }
    expect(siteDomain("https://www.abc.go.th.example/")).toBe("abc.go.th.example");
    expect(siteDomain("abc.go.th")).toBe("abc.go.th");
    expect(siteDomain(null)).toBeNull();
    expect(isOnSite("https://abc.go.th/ita", "https://www.abc.go.th")).toBe(true);
    expect(isOnSite("http://eservice.abc.go.th:8080/x", "https://abc.go.th")).toBe(true);
    expect(isOnSite("https://notabc.go.th/x", "https://abc.go.th")).toBe(false);
    expect(isOnSite("https://abc.go.th.evil.example/x", "https://abc.go.th")).toBe(false);
  });

  it("keeps at least the gap between two requests to one host", async () => {
    const gap = 300;
    await checkLinks(
      [
        { url: `${BASE}/good?t=pace-a`, website: BASE },
        { url: `${BASE}/doc.pdf?t=pace-b`, website: BASE },
      ],
      { ...FAST, hostGapMs: gap },
    );
    const [a, b] = await hits("t=pace-");
    if (!a || !b) throw new Error("expected two requests");
    // Arrival times at the server: the first request's trip over the loopback can take longer than the
    // second's on a loaded machine, so allow 50 ms of it (no pacing at all would give a few ms).
    expect(b.start - a.start).toBeGreaterThanOrEqual(gap - 50);
  });

  it("has at most one request in flight per host", async () => {
    const targets = [1, 2, 3, 4].map((n) => ({ url: `${BASE}/hold/serial-${n}?ms=60`, website: BASE }));
    const results = await checkLinks(targets, { ...FAST, concurrency: 4 });
    expect(results.every((r) => r.ok)).toBe(true);
    const seen = await hits("/hold/serial-");
    expect(seen).toHaveLength(4);
    expect(maxInFlight(seen)).toBe(1);
  });

  it("bounds the number of URLs checked at once across hosts", async () => {
    const targets = srv.extraPorts.map((port) => ({ url: `http://127.0.0.1:${port}/hold/conc?ms=150`, website: null }));
    const results = await checkLinks(targets, { ...FAST, concurrency: 3 });
    expect(results.every((r) => r.ok)).toBe(true);
    const seen = await hits("/hold/conc");
    expect(seen).toHaveLength(srv.extraPorts.length);
    expect(maxInFlight(seen)).toBe(3);
  });

  it("fetches a URL once however many targets share it, and stops at the request budget", async () => {
    const url = `${BASE}/good?t=shared`;
    const [mine, theirs] = await checkLinks(
      [
        { url, website: BASE },
        { url, website: "https://elsewhere.go.th.example" },
      ],
      FAST,
    );
    expect(await hits("t=shared")).toHaveLength(1);
    expect(mine).toMatchObject({ ok: true, onSite: true });
    expect(theirs).toMatchObject({ ok: false, onSite: false, problem: "off_site" });

    // Worst case per URL with maxRedirects 1 is 3 requests: a budget of 3 lets exactly one URL start.
    const run = await runLinkChecks(
      [1, 2, 3].map((n) => ({ url: `${BASE}/good?t=budget-${n}`, website: BASE })),
      { ...FAST, maxRedirects: 1, concurrency: 1, requestBudget: 3 },
    );
    expect(run.requests).toBe(1);
    expect(run.skipped).toBe(2);
    expect(run.results.filter(Boolean)).toHaveLength(1);
    expect(await hits("t=budget-")).toHaveLength(1);
  });
});

async function seedTenant(slug: string): Promise<TenantContext> {
  const t = await env.DB.prepare("INSERT INTO tenants (slug, name, synthetic) VALUES (?, ?, 1) RETURNING id")
    .bind(slug, `จังหวัด ${slug}`)
    .first<{ id: number }>();
  if (!t) throw new Error("tenant insert failed");
  return { id: t.id, slug, name: `จังหวัด ${slug}`, nameEn: null, synthetic: true };
}

async function seedAgency(tenantId: number, code: string, website: string | null): Promise<number> {
  const a = await env.DB.prepare(
    "INSERT INTO agencies (tenant_id, code, name_th, type, website) VALUES (?, ?, ?, 'sao', ?) RETURNING id",
  )
    .bind(tenantId, code, `อบต. ${code}`, website)
    .first<{ id: number }>();
  if (!a) throw new Error("agency insert failed");
  return a.id;
}

async function seedCycle(
  tenantId: number,
  year: number,
  records: { agencyId: number; item: string; urls: string[] }[],
) {
  await env.DB.prepare("INSERT INTO disclosure_cycles (tenant_id, fiscal_year, catalogue_year) VALUES (?, ?, 2566)")
    .bind(tenantId, year)
    .run();
  for (const r of records) {
    await env.DB.prepare(
      "INSERT INTO disclosure_records (tenant_id, agency_id, fiscal_year, item_code, status, evidence_urls) VALUES (?, ?, ?, ?, 'submitted', ?)",
    )
      .bind(tenantId, r.agencyId, year, r.item, JSON.stringify(r.urls))
      .run();
  }
}

const rowCount = async (where: string, ...params: unknown[]) =>
  (
    await env.DB.prepare(`SELECT count(*) AS n FROM link_checks WHERE ${where}`)
      .bind(...params)
      .first<{ n: number }>()
  )?.n ?? 0;

describe("service", () => {
  it("checks an agency's evidence, keeps history, and returns the latest per URL", async () => {
    const tenant = await seedTenant("lh-one");
    const agency = await seedAgency(tenant.id, "A1", BASE);
    await seedCycle(tenant.id, 2569, [
      { agencyId: agency, item: "O1", urls: [`${BASE}/good?t=svc-1`, `${BASE}/doc.pdf?t=svc-2`] },
      { agencyId: agency, item: "O2", urls: [`${BASE}/missing?t=svc-3`] },
      { agencyId: agency, item: "O3", urls: [`${BASE}/offsite?t=svc-4`, `${BASE}/good?t=svc-1`] },
      { agencyId: agency, item: "O4", urls: [] },
      { agencyId: agency, item: "O5", urls: [`${BASE}/fixed-later/svc-5`] },
    ]);

    const first = await checkAgencyLinks(env.DB, db, tenant, "A1", 2569, FAST);
    expect(first).toMatchObject({ checked: 6, broken: 3, skipped: 0 });
    expect(LinkCheckSchema.array().parse(first.results)).toHaveLength(6);
    expect(first.results.map((r) => [r.itemCode, r.problem])).toEqual([
      ["O1", null],
      ["O1", null],
      ["O2", "http_error"],
      ["O3", "off_site"],
      ["O3", null],
      ["O5", "http_error"],
    ]);
    // The URL both O1 and O3 cite was fetched once in the run.
    expect(await hits("t=svc-1")).toHaveLength(1);
    expect(await rowCount("tenant_id = ?", tenant.id)).toBe(6);

    // The agency fixed O5's page in between.
    const second = await checkAgencyLinksById(env.DB, tenant.id, agency, 2569, FAST);
    expect(second).toMatchObject({ checked: 6, broken: 2 });
    expect(await rowCount("tenant_id = ?", tenant.id)).toBe(12);

    const latest = await latestLinkChecks(db, tenant.id, 2569, agency);
    expect(latest).toHaveLength(6);
    const secondAt = new Map(second.results.map((r) => [`${r.itemCode} ${r.url}`, r.checkedAt]));
    for (const l of latest) {
      expect(l.agencyId).toBe(agency);
      expect(l.checkedAt).toBe(secondAt.get(`${l.itemCode} ${l.url}`));
    }
    expect(latest.filter((l) => !l.ok).map((l) => l.problem)).toEqual(["http_error", "off_site"]);
    expect(latest.find((l) => l.itemCode === "O5")).toMatchObject({ ok: true, httpStatus: 200 });
    const broken = await latestLinkChecks(db, tenant.id, 2569, undefined, { brokenOnly: true });
    expect(broken.map((l) => [l.itemCode, l.problem])).toEqual([
      ["O2", "http_error"],
      ["O3", "off_site"],
    ]);

    const history = await linkCheckHistory(db, tenant.id, 2569, agency, "O5");
    expect(history.map((h) => [h.checkedAt, h.ok])).toEqual(
      [second, first].map((run) => {
        const r = run.results.find((x) => x.itemCode === "O5");
        return [r?.checkedAt, r?.ok];
      }),
    );
    expect(history.map((h) => h.httpStatus)).toEqual([200, 404]);
  });

  it("keeps the last checks of each URL it checks, and leaves every other URL's history alone", async () => {
    const keep = LINK_HISTORY_PER_URL;
    const tenant = await seedTenant("lh-keep");
    const other = await seedTenant("lh-keep-other");
    const a1 = await seedAgency(tenant.id, "K1", BASE);
    const a2 = await seedAgency(tenant.id, "K2", BASE);
    const b1 = await seedAgency(other.id, "K1", BASE);
    const url = `${BASE}/good?t=keep-1`;
    await seedCycle(tenant.id, 2569, [{ agencyId: a1, item: "O1", urls: [url] }]);
    // keep + 5 older checks of the same URL under five keys: only the first is checked below.
    const keys = [
      { tenantId: tenant.id, agencyId: a1, year: 2569, item: "O1" },
      { tenantId: tenant.id, agencyId: a1, year: 2569, item: "O2" },
      { tenantId: tenant.id, agencyId: a2, year: 2569, item: "O1" },
      { tenantId: tenant.id, agencyId: a1, year: 2568, item: "O1" },
      { tenantId: other.id, agencyId: b1, year: 2569, item: "O1" },
    ];
    const old = (n: number) => `2026-01-01T00:00:${String(n).padStart(2, "0")}.000Z`;
    await env.DB.batch(
      keys.flatMap((k) =>
        Array.from({ length: keep + 5 }, (_, n) =>
          env.DB.prepare(
            "INSERT INTO link_checks (tenant_id, agency_id, fiscal_year, item_code, url, checked_at, ok) VALUES (?, ?, ?, ?, ?, ?, 1)",
          ).bind(k.tenantId, k.agencyId, k.year, k.item, url, old(n)),
        ),
      ),
    );

    const run = await checkAgencyLinksById(env.DB, tenant.id, a1, 2569, FAST);
    expect(run).toMatchObject({ checked: 1, broken: 0 });
    const history = await linkCheckHistory(db, tenant.id, 2569, a1, "O1");
    expect(history).toHaveLength(keep);
    // The new check and the newest keep - 1 of the old ones: the six oldest went.
    expect(history.map((h) => h.checkedAt)).toEqual([
      run.results[0]?.checkedAt,
      ...Array.from({ length: keep - 1 }, (_, n) => old(keep + 4 - n)),
    ]);
    for (const k of keys.slice(1)) {
      const where = "tenant_id = ? AND agency_id = ? AND fiscal_year = ? AND item_code = ?";
      expect(await rowCount(where, k.tenantId, k.agencyId, k.year, k.item), JSON.stringify(k)).toBe(keep + 5);
    }
  });

  it("answers 404 for an unknown agency or year", async () => {
    const tenant = await seedTenant("lh-404");
    await seedAgency(tenant.id, "B1", BASE);
    await seedCycle(tenant.id, 2569, []);
    await expect(checkAgencyLinks(env.DB, db, tenant, "nope", 2569)).rejects.toBeInstanceOf(ProblemError);
    await expect(checkAgencyLinks(env.DB, db, tenant, "B1", 2570)).rejects.toMatchObject({ status: 404 });
    expect(await checkAgencyLinks(env.DB, db, tenant, "B1", 2569)).toMatchObject({ checked: 0, broken: 0 });
  });

  it("never reads or checks another tenant's links", async () => {
    const a = await seedTenant("lh-iso-a");
    const b = await seedTenant("lh-iso-b");
    const agencyA = await seedAgency(a.id, "X1", BASE);
    const agencyB = await seedAgency(b.id, "X1", BASE);
    await seedCycle(a.id, 2569, [{ agencyId: agencyA, item: "O1", urls: [`${BASE}/good?t=iso-a`] }]);
    await seedCycle(b.id, 2569, [
      { agencyId: agencyB, item: "O1", urls: [`${BASE}/missing?t=iso-b`] },
      { agencyId: agencyB, item: "O2", urls: [`${BASE}/good?t=iso-b2`] },
    ]);
    await checkAgencyLinks(env.DB, db, a, "X1", 2569, FAST);
    await checkAgencyLinks(env.DB, db, b, "X1", 2569, FAST);

    const latestA = await latestLinkChecks(db, a.id, 2569);
    expect(latestA.map((l) => [l.agencyId, l.url])).toEqual([[agencyA, `${BASE}/good?t=iso-a`]]);
    expect(await latestLinkChecks(db, a.id, 2569, agencyB)).toEqual([]);
    expect(await linkCheckHistory(db, a.id, 2569, agencyB)).toEqual([]);
    expect((await latestLinkChecks(db, b.id, 2569)).map((l) => l.itemCode)).toEqual(["O1", "O2"]);
    // Tenant A cannot have tenant B's agency checked by id either.
    await expect(checkAgencyLinksById(env.DB, a.id, agencyB, 2569, FAST)).rejects.toMatchObject({ status: 404 });
    // iso-b (HEAD, then a GET confirming its 404) and iso-b2 (one HEAD): only B's own run.
    expect(await hits("t=iso-b")).toHaveLength(3);
  });
});

describe("cron", () => {
  // 15 Nov 2036 falls in fiscal year 2580: cycles 2580 and 2581 are open, 2579 is closed, and the 2569
  // cycles of the tests above are long gone.
  const NOW = new Date("2036-11-15T03:00:00Z");
  const url = (n: number) => `${BASE}/good?t=cron-${n}`;

  it("checks open cycles only, oldest-checked first, within the budget", async () => {
    const t = await seedTenant("lh-cron");
    const ag = await seedAgency(t.id, "C1", BASE);
    await seedCycle(t.id, 2580, [
      { agencyId: ag, item: "O1", urls: [url(1)] },
      { agencyId: ag, item: "O2", urls: [url(2)] },
      { agencyId: ag, item: "O3", urls: [url(3)] },
    ]);
    await seedCycle(t.id, 2581, [{ agencyId: ag, item: "O1", urls: [url(4)] }]);
    await seedCycle(t.id, 2579, [{ agencyId: ag, item: "O1", urls: [url(5)] }]);

    // A budget that lets exactly one URL start per run (worst case with maxRedirects 1 is 3 requests).
    const small = { ...FAST, maxRedirects: 1, concurrency: 1, requestBudget: 3 };
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      const run = await checkAllLinks(env, NOW, small);
      expect(run).toMatchObject({ fiscalYears: [2580, 2581], checked: 1, requests: 1 });
      const last = await env.DB.prepare("SELECT url FROM link_checks WHERE tenant_id = ? ORDER BY id DESC LIMIT 1")
        .bind(t.id)
        .first<{ url: string }>();
      order.push(last?.url ?? "");
    }
    // Never-checked URLs first (in key order), then the one checked longest ago; the closed cycle never.
    expect(order).toEqual([url(1), url(2), url(3), url(4), url(1)]);
    expect(await rowCount("tenant_id = ? AND fiscal_year = 2579", t.id)).toBe(0);
  });

  it("runs from the scheduled handler with a fixed time", async () => {
    const t = await seedTenant("lh-sched");
    const ag = await seedAgency(t.id, "S1", BASE);
    await seedCycle(t.id, 2580, [
      { agencyId: ag, item: "O1", urls: [url(11), `${BASE}/missing?t=cron-12`] },
      { agencyId: ag, item: "O2", urls: [url(11)] },
    ]);
    await seedCycle(t.id, 2579, [{ agencyId: ag, item: "O1", urls: [url(13)] }]);
    const before = await rowCount("tenant_id = ?", t.id);

    const ctx = createExecutionContext();
    worker.scheduled(createScheduledController({ scheduledTime: NOW, cron: "0 */6 * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);

    expect(await rowCount("tenant_id = ?", t.id)).toBe(before + 3);
    const latest = await latestLinkChecks(db, t.id, 2580);
    expect(latest.map((l) => [l.itemCode, l.url, l.ok])).toEqual([
      ["O1", url(11), true],
      ["O1", `${BASE}/missing?t=cron-12`, false],
      ["O2", url(11), true],
    ]);
    expect(await latestLinkChecks(db, t.id, 2579)).toEqual([]);
    expect(await hits("t=cron-11")).toHaveLength(1);
    // The earlier test's open-cycle URLs were due too and were checked once more.
    expect(await rowCount("url = ?", url(4))).toBe(2);
  });
});
