import { env } from "cloudflare:test";
import type { AgencyDisclosures, DisclosureBoard, DisclosureRecord } from "@prongsai/contracts";
import { fiscalYearDays, fiscalYearOf, frameworkFor, itemPointGain, projectDisclosure } from "@prongsai/ita";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { bangkokToday } from "../src/services/disclosures";
import { createUser, signIn } from "./accounts";
import { api } from "./helpers";

// The disclosure workflow through the HTTP API, on a real local D1: fill → send back → fix → approve, the
// projection, optimistic concurrency, validation, deadlines, the board and its CSV.

const ORIGIN = "http://localhost";
// Evidence lives on the loopback test site (test/global-setup-links.ts): no test reaches outside this machine.
const SITE = inject("linkServers").base;
const T = "/api/tenants/disc";
// The current fiscal year: the tests set deadlines relative to today, which must fall within the cycle's years.
const YEAR = fiscalYearOf(new Date());
const fw = frameworkFor(2566);
if (!fw) throw new Error("no 2566 framework");
const ITEMS = fw.oit.items.map((i) => i.code);

type Headers = Record<string, string>;
const who: Record<"admin" | "analyst" | "executive" | "agency", Headers> = {
  admin: {},
  analyst: {},
  executive: {},
  agency: {},
};

async function sql(query: string, ...params: unknown[]) {
  return env.DB.prepare(query)
    .bind(...params)
    .run();
}

async function call(method: string, path: string, as: Headers, body?: unknown) {
  const res = await api(path, {
    method,
    headers: { ...as, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json: json as Record<string, unknown>, text, headers: res.headers };
}

const agencyCycle = async (code: string, as = who.admin) => {
  const r = await call("GET", `${T}/agencies/${code}/disclosures/${YEAR}`, as);
  expect(r.status, r.text).toBe(200);
  return r.json as unknown as AgencyDisclosures;
};
const record = async (code: string, item: string) =>
  (await agencyCycle(code)).records.find((r) => r.itemCode === item) as DisclosureRecord;
const put = (code: string, item: string, as: Headers, body: unknown) =>
  call("PUT", `${T}/agencies/${code}/disclosures/${YEAR}/${item}`, as, body);
const review = (code: string, item: string, as: Headers, body: unknown) =>
  call("POST", `${T}/agencies/${code}/disclosures/${YEAR}/${item}/review`, as, body);
const historyRows = async (code: string, item: string) => {
  const row = await env.DB.prepare(
    `SELECT count(*) AS n FROM disclosure_history h JOIN disclosure_records r ON r.id = h.record_id
     JOIN agencies a ON a.id = r.agency_id WHERE a.code = ? AND r.item_code = ?`,
  )
    .bind(code, item)
    .first<{ n: number }>();
  return row?.n ?? 0;
};
const auditRows = async (entityId: string) =>
  (
    await env.DB.prepare("SELECT action FROM audit_log WHERE entity = 'disclosure' AND entity_id = ? ORDER BY id")
      .bind(entityId)
      .all<{ action: string }>()
  ).results.map((r) => r.action);

function daysFromToday(days: number): string {
  const d = new Date(`${bangkokToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

beforeAll(async () => {
  const t = await env.DB.prepare(
    "INSERT INTO tenants (slug, name, synthetic) VALUES ('disc', 'จังหวัดทดสอบ', 1) RETURNING id",
  )
    .bind()
    .first<{ id: number }>();
  const tenantId = t?.id as number;
  const agencies: [string, string, number | null, number | null][] = [
    ["D1", "อบต.ดีหนึ่ง", 9012, 8750],
    ["D2", "อบต.ดีสอง", 8000, 9100],
    ["D3", "เทศบาลตำบลดีสาม", null, null], // no survey results yet: the projected total stays unknown
  ];
  for (const [code, name, iit, eit] of agencies) {
    const a = await env.DB.prepare(
      "INSERT INTO agencies (tenant_id, code, name_th, type, website) VALUES (?, ?, ?, 'sao', ?) RETURNING id",
    )
      .bind(tenantId, code, name, SITE)
      .first<{ id: number }>();
    if (iit !== null) {
      // An older year with other scores: the projection must use the latest year with both IIT and EIT.
      await sql(
        "INSERT INTO results (tenant_id, agency_id, fiscal_year, iit, eit, source) VALUES (?, ?, 2566, 5000, 5000, 'manual')",
        tenantId,
        a?.id,
      );
      await sql(
        "INSERT INTO results (tenant_id, agency_id, fiscal_year, iit, eit, source) VALUES (?, ?, 2568, ?, ?, 'manual')",
        tenantId,
        a?.id,
        iit,
        eit,
      );
    }
  }
  await sql(
    "INSERT INTO disclosure_cycles (tenant_id, fiscal_year, catalogue_year, stand_in) VALUES (?, ?, 2566, 1)",
    tenantId,
    YEAR,
  );
  const d1 = await env.DB.prepare("SELECT id FROM agencies WHERE code = 'D1'").first<{ id: number }>();
  await createUser("admin@disc.test", { memberships: [{ tenantId, role: "admin" }] });
  await createUser("analyst@disc.test", { memberships: [{ tenantId, role: "analyst" }] });
  await createUser("executive@disc.test", { memberships: [{ tenantId, role: "executive" }] });
  await createUser("agency@disc.test", { memberships: [{ tenantId, role: "agency", agencyId: d1?.id ?? 0 }] });
  for (const role of ["admin", "analyst", "executive", "agency"] as const) {
    who[role] = { cookie: await signIn(`${role}@disc.test`), origin: ORIGIN };
  }
});

describe("an agency's cycle", () => {
  it("lists every catalogue item with its criteria and gain; nothing written is not started, version 0", async () => {
    const c = await agencyCycle("D1", who.agency);
    expect(c.cycle).toMatchObject({ fiscalYear: YEAR, catalogueYear: 2566, standIn: true, items: ITEMS.length });
    expect(c.records.map((r) => r.itemCode)).toEqual(ITEMS);
    expect(c.records.every((r) => r.status === "not_started" && r.version === 0)).toBe(true);
    expect(c.records.every((r) => r.title.length > 0)).toBe(true);
    expect(c.records.find((r) => r.itemCode === "O1")?.criteria).toEqual([
      ...(fw.oit.itemByCode.get("O1")?.item.criteria ?? []),
    ]);
    expect(c.counts.not_started).toBe(ITEMS.length);
    for (const r of c.records) expect(r.gain).toBe(itemPointGain(fw, r.itemCode).centi / 100);
  });

  it("projects from the latest IIT/EIT with nothing approved: OIT 0, all 40 points open", async () => {
    const c = await agencyCycle("D1");
    expect(c.projection.basis).toEqual({ fiscalYear: 2568, iit: 90.12, eit: 87.5 });
    expect(c.projection.oit).toBe(0);
    expect(c.projection.total).toBe(53.29); // 0.3 × 90.12 + 0.3 × 87.50 = 53.286 → 53.29
    expect(c.projection.openPoints).toBeCloseTo(40, 9);
    expect(c.projection.open).toHaveLength(ITEMS.length);
    const d3 = await agencyCycle("D3");
    expect(d3.projection.basis).toBeNull();
    expect(d3.projection.total).toBeNull();
  });

  it("answers 404 with the available cycles for a year without one, and for an unknown item", async () => {
    const r = await call("GET", `${T}/agencies/D1/disclosures/${YEAR + 1}`, who.admin);
    expect(r.status).toBe(404);
    expect(r.json.availableYears).toEqual([YEAR]);
    expect((await call("GET", `${T}/agencies/D1/disclosures/${YEAR}/O999`, who.admin)).status).toBe(404);
    expect((await call("GET", `${T}/agencies/NOPE/disclosures/${YEAR}`, who.admin)).status).toBe(404);
  });
});

describe("the review loop: fill → send back → fix → approve", () => {
  it("moves the projection by exactly the item's point gain and keeps who/when/what", async () => {
    const item = "O12";
    const before = await agencyCycle("D1");

    const filled = await put("D1", item, who.agency, {
      version: 0,
      status: "submitted",
      evidenceUrls: [`${SITE}/good/d1-ita-o12`],
      note: "ประกาศแล้ว",
    });
    expect(filled.status, filled.text).toBe(200);
    expect(filled.json).toMatchObject({
      status: "submitted",
      version: 1,
      updatedBy: { name: "agency", role: "agency" },
    });
    expect(filled.headers.get("etag")).toBe('W/"1"');

    const sentBack = await review("D1", item, who.analyst, {
      version: 1,
      verdict: "needs_fix",
      comment: "ลิงก์ชี้ไปหน้าแรก ไม่ใช่เอกสาร",
    });
    expect(sentBack.status, sentBack.text).toBe(200);
    expect(sentBack.json).toMatchObject({
      status: "needs_fix",
      version: 2,
      reviewedBy: { name: "analyst", role: "analyst" },
    });

    // The agency sees the comment on its own page.
    const seen = (await agencyCycle("D1", who.agency)).records.find((r) => r.itemCode === item);
    expect(seen).toMatchObject({ status: "needs_fix", reviewComment: "ลิงก์ชี้ไปหน้าแรก ไม่ใช่เอกสาร" });
    expect((await agencyCycle("D1")).counts.needs_fix).toBe(1);

    const fixed = await put("D1", item, who.agency, {
      version: 2,
      status: "submitted",
      evidenceUrls: [`${SITE}/good/d1-files-o12.pdf`],
      note: "แก้ลิงก์แล้ว",
    });
    expect(fixed.status, fixed.text).toBe(200);
    const approved = await review("D1", item, who.analyst, { version: 3, verdict: "approved", comment: null });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.json).toMatchObject({ status: "approved", version: 4 });

    const after = await agencyCycle("D1");
    const gain = itemPointGain(fw, item);
    expect((after.projection.totalExact ?? 0) - (before.projection.totalExact ?? 0)).toBeCloseTo(gain.exact, 9);
    expect(before.projection.openPoints - after.projection.openPoints).toBeCloseTo(gain.exact, 9);
    expect(after.projection.open.some((o) => o.itemCode === item)).toBe(false);
    // And the published-style numbers are packages/ita's, for the same approved set.
    const expected = projectDisclosure(fw, { approved: [item], iit: 9012, eit: 8750 });
    expect(after.projection.total).toBe((expected.total ?? 0) / 100);
    expect(after.projection.oit).toBe(expected.oit / 100);

    const detail = await call("GET", `${T}/agencies/D1/disclosures/${YEAR}/${item}`, who.agency);
    expect(detail.status).toBe(200);
    const history = detail.json.history as { version: number; status: string; changedBy: { name: string } }[];
    expect(history.map((h) => [h.version, h.status, h.changedBy.name])).toEqual([
      [4, "approved", "analyst"],
      [3, "submitted", "agency"],
      [2, "needs_fix", "analyst"],
      [1, "submitted", "agency"],
    ]);
    expect(detail.text).not.toContain("@disc.test");
    expect(await auditRows(`D1/${YEAR}/${item}`)).toEqual([
      "disclosure.update",
      "disclosure.needs_fix",
      "disclosure.update",
      "disclosure.approve",
    ]);
  });
});

describe("concurrent edits", () => {
  it("a stale version gets 409 with the current record and changes nothing", async () => {
    const item = "O1";
    expect(
      (await put("D1", item, who.agency, { version: 0, status: "in_progress", evidenceUrls: [], note: "a" })).status,
    ).toBe(200);
    const stale = await put("D1", item, who.analyst, {
      version: 0,
      status: "in_progress",
      evidenceUrls: [],
      note: "b",
    });
    expect(stale.status).toBe(409);
    expect(stale.headers.get("content-type")).toMatch(/problem\+json/);
    expect((stale.json.current as DisclosureRecord[])[0]).toMatchObject({ itemCode: item, version: 1, note: "a" });
    expect(await record("D1", item)).toMatchObject({ version: 1, note: "a" });
    expect(await historyRows("D1", item)).toBe(1);
  });

  it("five simultaneous writes of one version: one lands, four get 409, one history row", async () => {
    const item = "O2";
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        put("D1", item, who.agency, {
          version: 0,
          status: "in_progress",
          evidenceUrls: [`${SITE}/good/o2-${n}`],
          note: `writer ${n}`,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const winner = results.find((r) => r.status === 200)?.json;
    expect(await record("D1", item)).toMatchObject({ version: 1, note: winner?.note });
    expect(await historyRows("D1", item)).toBe(1);
    expect(await auditRows(`D1/${YEAR}/${item}`)).toEqual(["disclosure.update"]);
  });

  it("two simultaneous updates of an existing record: one 200, one 409", async () => {
    const item = "O2";
    const results = await Promise.all(
      ["x", "y"].map((note) =>
        put("D1", item, who.agency, { version: 1, status: "in_progress", evidenceUrls: [], note }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await record("D1", item)).version).toBe(2);
    expect(await historyRows("D1", item)).toBe(2);
  });

  it("a bulk write is all or nothing: one stale item and neither is written", async () => {
    const r = await call("PUT", `${T}/agencies/D2/disclosures/${YEAR}`, who.analyst, {
      items: [
        { itemCode: "O3", version: 0, status: "in_progress", evidenceUrls: [], note: "bulk" },
        { itemCode: "O4", version: 7, status: "in_progress", evidenceUrls: [], note: "bulk" },
      ],
    });
    expect(r.status).toBe(409);
    expect((r.json.current as DisclosureRecord[]).map((c) => c.itemCode)).toEqual(["O4"]);
    expect((await record("D2", "O3")).version).toBe(0);
    const ok = await call("PUT", `${T}/agencies/D2/disclosures/${YEAR}`, who.analyst, {
      items: [
        { itemCode: "o3", version: 0, status: "in_progress", evidenceUrls: [], note: "bulk" },
        { itemCode: "O4", version: 0, status: "submitted", evidenceUrls: [`${SITE}/good/d2-o4`], note: null },
      ],
    });
    expect(ok.status, ok.text).toBe(200);
    expect((ok.json as unknown as AgencyDisclosures).counts).toMatchObject({ in_progress: 1, submitted: 1 });
  });

  it("an unchanged write keeps its version and adds no history", async () => {
    const current = await record("D2", "O3");
    const r = await put("D2", "O3", who.analyst, {
      version: current.version,
      status: "in_progress",
      evidenceUrls: [],
      note: "bulk",
    });
    expect(r.status).toBe(200);
    expect((r.json as unknown as DisclosureRecord).version).toBe(current.version);
    expect(await historyRows("D2", "O3")).toBe(1);
  });
});

describe("bad input gets a clear error and changes nothing", () => {
  const cases: [string, unknown, string][] = [
    ["submitted without evidence", { version: 0, status: "submitted", evidenceUrls: [], note: null }, "evidenceUrls"],
    [
      "a javascript: URL",
      { version: 0, status: "in_progress", evidenceUrls: ["javascript:alert(1)"] },
      "evidenceUrls.0",
    ],
    ["an agency approving itself", { version: 0, status: "approved", evidenceUrls: [] }, "status"],
    ["no version", { status: "in_progress", evidenceUrls: [] }, "version"],
    [
      "a note of 2001 characters",
      { version: 0, status: "in_progress", evidenceUrls: [], note: "ก".repeat(2001) },
      "note",
    ],
  ];
  it.each(cases)("%s → 400 naming %s", async (_, body, path) => {
    const r = await put("D1", "O5", who.agency, body);
    expect(r.status, r.text).toBe(400);
    expect((r.json.errors as { path: string }[]).map((e) => e.path)).toContain(path);
    expect(await record("D1", "O5")).toMatchObject({ version: 0, status: "not_started" });
  });

  it("a review needs a submitted item and, to send it back, a comment", async () => {
    const noComment = await review("D1", "O1", who.analyst, { version: 1, verdict: "needs_fix", comment: "" });
    expect(noComment.status).toBe(400);
    expect((noComment.json.errors as { path: string }[])[0]?.path).toBe("comment");
    // O1 is in progress, not submitted.
    const notSubmitted = await review("D1", "O1", who.analyst, { version: 1, verdict: "approved", comment: null });
    expect(notSubmitted.status).toBe(409);
    expect(String(notSubmitted.json.detail)).toContain("submitted");
    expect((await record("D1", "O1")).status).toBe("in_progress");
  });

  it("roles: an agency cannot review or touch another agency; an executive cannot write", async () => {
    expect((await review("D1", "O1", who.agency, { version: 1, verdict: "approved", comment: null })).status).toBe(403);
    expect((await put("D2", "O1", who.agency, { version: 0, status: "in_progress", evidenceUrls: [] })).status).toBe(
      403,
    );
    expect((await call("GET", `${T}/agencies/D2/disclosures/${YEAR}`, who.agency)).status).toBe(403);
    expect((await put("D1", "O9", who.executive, { version: 0, status: "in_progress", evidenceUrls: [] })).status).toBe(
      403,
    );
    expect((await call("GET", `${T}/disclosures/${YEAR}/board`, who.agency)).status).toBe(403);
  });
});

describe("link health from the agency's page", () => {
  it("checks the agency's evidence now and flags a broken link on its record and on the board", async () => {
    const item = "O20";
    const r = await put("D2", item, who.analyst, {
      version: 0,
      status: "in_progress",
      evidenceUrls: [`${SITE}/good/d2-o20`, `${SITE}/missing?for=d2-o20`],
      note: null,
    });
    expect(r.status, r.text).toBe(200);
    const run = await call("POST", `${T}/agencies/D2/disclosures/${YEAR}/link-check`, who.analyst);
    expect(run.status, run.text).toBe(200);
    expect(run.json).toMatchObject({ broken: 1, skipped: 0 });
    const rec = await record("D2", item);
    expect(rec.brokenLinks).toBe(1);
    expect(rec.links.map((l) => [l.url.replace(SITE, ""), l.ok, l.httpStatus]).sort()).toEqual([
      ["/good/d2-o20", true, 200],
      ["/missing?for=d2-o20", false, 404],
    ]);
    const board = (await call("GET", `${T}/disclosures/${YEAR}/board`, who.analyst)).json as unknown as DisclosureBoard;
    expect(board.agencies.find((a) => a.agencyCode === "D2")?.brokenItems).toContain(item);
    const detail = await call("GET", `${T}/agencies/D2/disclosures/${YEAR}/${item}`, who.analyst);
    expect((detail.json.linkHistory as unknown[]).length).toBe(2);
    // The agency may run it for itself, not for another agency; an executive may not.
    expect((await call("POST", `${T}/agencies/D1/disclosures/${YEAR}/link-check`, who.agency)).status).toBe(200);
    expect((await call("POST", `${T}/agencies/D2/disclosures/${YEAR}/link-check`, who.agency)).status).toBe(403);
    expect((await call("POST", `${T}/agencies/D2/disclosures/${YEAR}/link-check`, who.executive)).status).toBe(403);
  });
});

describe("deadlines, overdue agencies and the board", () => {
  it("only the admin sets deadlines; the review date cannot precede the submission date", async () => {
    const body = { catalogueYear: 2566, submitBy: daysFromToday(-1), reviewBy: daysFromToday(-1) };
    expect((await call("PUT", `${T}/disclosures/${YEAR}`, who.analyst, body)).status).toBe(403);
    const bad = await call("PUT", `${T}/disclosures/${YEAR}`, who.admin, { ...body, reviewBy: daysFromToday(-5) });
    expect(bad.status).toBe(400);
    expect((bad.json.errors as { path: string }[])[0]?.path).toBe("reviewBy");
    // A Buddhist Era year typed into the (Common Era) date field: refused, naming the field, with the reason.
    const be = Number(fiscalYearDays(YEAR).last.slice(0, 4)) + 543;
    const beYear = await call("PUT", `${T}/disclosures/${YEAR}`, who.admin, {
      ...body,
      submitBy: `${be}-04-30`,
      reviewBy: `${be}-05-31`,
    });
    expect(beYear.status).toBe(400);
    const beErrors = beYear.json.errors as { path: string; message: string }[];
    expect(beErrors.map((e) => e.path)).toEqual(["submitBy", "reviewBy"]);
    expect(beErrors[0]?.message).toContain(`พ.ศ. ${be} = ค.ศ. ${be - 543}`);
    // Outside the cycle's fiscal year and the next: refused; the last day of the next year is fine.
    const { first } = fiscalYearDays(YEAR);
    const early = await call("PUT", `${T}/disclosures/${YEAR}`, who.admin, {
      ...body,
      submitBy: `${Number(first.slice(0, 4)) - 1}-09-30`,
    });
    expect(early.status).toBe(400);
    expect((early.json.errors as { path: string }[]).map((e) => e.path)).toEqual(["submitBy"]);
    const lastDay = fiscalYearDays(YEAR + 1).last;
    const late = await call("PUT", `${T}/disclosures/${YEAR}`, who.admin, { ...body, reviewBy: lastDay });
    expect(late.status, late.text).toBe(200);
    const tooLate = await call("PUT", `${T}/disclosures/${YEAR}`, who.admin, {
      ...body,
      reviewBy: `${Number(lastDay.slice(0, 4))}-10-01`,
    });
    expect((tooLate.json.errors as { path: string }[]).map((e) => e.path)).toEqual(["reviewBy"]);
    const incomplete = await call("PUT", `${T}/disclosures/${YEAR}`, who.admin, { ...body, catalogueYear: 2568 });
    expect(incomplete.status).toBe(400);
    const ok = await call("PUT", `${T}/disclosures/${YEAR}`, who.admin, body);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json).toMatchObject({ submitBy: body.submitBy, reviewBy: body.reviewBy, standIn: true });
    // Records exist, so the catalogue (what the item codes mean) is fixed.
    const change = await call("PUT", `${T}/disclosures/${YEAR}`, who.admin, { ...body, catalogueYear: 2565 });
    expect(change.status).toBe(409);
  });

  it("lists overdue agencies: past submitBy with items not submitted, past reviewBy with items waiting", async () => {
    const board = (await call("GET", `${T}/disclosures/${YEAR}/board`, who.executive))
      .json as unknown as DisclosureBoard;
    expect(board.overdue.submit.sort()).toEqual(["D1", "D2", "D3"]);
    // D2 has a submitted item (O4) that nobody reviewed; D1's submitted item was approved.
    expect(board.overdue.review).toEqual(["D2"]);
    const only = (await call("GET", `${T}/disclosures/${YEAR}/board?overdue=review`, who.admin))
      .json as unknown as DisclosureBoard;
    expect(only.agencies.map((a) => a.agencyCode)).toEqual(["D2"]);
    // Deadlines in the future: nobody is overdue.
    await call("PUT", `${T}/disclosures/${YEAR}`, who.admin, {
      catalogueYear: 2566,
      submitBy: daysFromToday(1),
      reviewBy: daysFromToday(2),
    });
    const later = (await call("GET", `${T}/disclosures/${YEAR}/board`, who.admin)).json as unknown as DisclosureBoard;
    expect(later.overdue).toEqual({ submit: [], review: [] });
  });

  it("shows agencies × items with the agency pages' projections, sorted as asked", async () => {
    const board = (await call("GET", `${T}/disclosures/${YEAR}/board`, who.analyst)).json as unknown as DisclosureBoard;
    expect(board.items.map((i) => i.code)).toEqual(ITEMS);
    for (const row of board.agencies) {
      expect(row.statuses).toHaveLength(ITEMS.length);
      const page = await agencyCycle(row.agencyCode);
      expect(row.statuses).toEqual(page.records.map((r) => r.status));
      expect(row.projectedTotal).toBe(page.projection.total);
      expect(row.projectedOit).toBe(page.projection.oit);
      expect(row.openPoints).toBeCloseTo(page.projection.openPoints, 2);
      expect(row.counts).toEqual(page.counts);
    }
    // Default: projected total, highest first; agencies without IIT/EIT last.
    expect(board.agencies.map((a) => a.agencyCode)).toEqual(["D1", "D2", "D3"]);
    const total = Object.values(board.counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(3 * ITEMS.length);
    const byOpen = (await call("GET", `${T}/disclosures/${YEAR}/board?sort=open&dir=asc`, who.analyst))
      .json as unknown as DisclosureBoard;
    const open = byOpen.agencies.map((a) => a.openPoints);
    expect(open).toEqual([...open].sort((a, b) => a - b));
    expect(byOpen.agencies[0]?.agencyCode).toBe("D1");
    const bad = await call("GET", `${T}/disclosures/${YEAR}/board?sort=nonsense`, who.analyst);
    expect(bad.status).toBe(400);
  });

  it("exports the same board as CSV (BOM, a status column per item, one row per agency)", async () => {
    const res = await api(`${T}/disclosures/${YEAR}/board?format=csv&sort=code`, { headers: who.admin });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]?.split(",").slice(-ITEMS.length)).toEqual(ITEMS);
    expect(lines[1]).toMatch(/^D1,/);
    expect(lines[1]).toContain("ผ่าน (approved)");
  });

  it("lists the cycles with counts for every member", async () => {
    const r = await call("GET", `${T}/disclosures`, who.agency);
    expect(r.status).toBe(200);
    const [cycle] = (r.json as { cycles: { fiscalYear: number; agencies: number; counts: Record<string, number> }[] })
      .cycles;
    expect(cycle?.fiscalYear).toBe(YEAR);
    expect(cycle?.agencies).toBe(3);
    expect(Object.values(cycle?.counts ?? {}).reduce((a, b) => a + b, 0)).toBe(3 * ITEMS.length);
  });
});
