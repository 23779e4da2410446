import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn } from "./accounts";
import { api } from "./helpers";

// One tenant for the whole file (storage is per file); each test uses its own agency codes.
let cookie = "";
let tenantId = 0;
const T = "imp";

beforeAll(async () => {
  const t = await env.DB.prepare("INSERT INTO tenants (slug, name) VALUES (?, 'จังหวัดนำเข้า') RETURNING id")
    .bind(T)
    .first<{ id: number }>();
  tenantId = t?.id ?? 0;
  await createUser("admin@imp.test", { memberships: [{ tenantId, role: "admin" }] });
  cookie = await signIn("admin@imp.test");
});

const write = { origin: "http://localhost" };

async function importCsv(csv: string | Uint8Array, opts: { dryRun?: boolean; type?: string; name?: string } = {}) {
  const res = await api(
    `/api/tenants/${T}/imports?dryRun=${opts.dryRun ?? false}&fileName=${encodeURIComponent(opts.name ?? "test.csv")}`,
    { method: "POST", headers: { cookie, ...write, "content-type": opts.type ?? "text/csv" }, body: csv },
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & ReportLike };
}

interface ReportLike {
  id?: number;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: { row: number; column: string; value: string; code: string; message: string; messageEn: string }[];
  warnings: { row: number; column: string; code: string }[];
}

/** Everything an import could touch, for "exactly as before" comparisons. */
async function snapshot() {
  const tables: Record<string, string> = {
    agencies: "id",
    results: "id",
    item_scores: "tenant_id, agency_id, fiscal_year, item_code",
    import_batches: "id",
    import_changes: "id",
    audit_log: "id",
  };
  const out: Record<string, unknown[]> = {};
  for (const [t, order] of Object.entries(tables)) {
    out[t] = (await env.DB.prepare(`SELECT * FROM ${t} ORDER BY ${order}`).all()).results;
  }
  return out;
}

async function result(code: string, year: number) {
  return env.DB.prepare(
    "SELECT r.* FROM results r JOIN agencies a ON a.id = r.agency_id WHERE a.tenant_id = ? AND a.code = ? AND r.fiscal_year = ?",
  )
    .bind(tenantId, code, year)
    .first<Record<string, number | string | null>>();
}

const HEAD = "agency_code,agency_name,agency_type,fiscal_year";
const IND = "ind1,ind2,ind3,ind4,ind5,ind6,ind7,ind8,ind9,ind10";

describe("real cases of ITA.md imported from files", () => {
  it("ลุ่มพื้ก 2564: the ten indicators give 58.08 and grade D", async () => {
    const csv = `${HEAD},${IND},total,rating\nLP1,องค์การบริหารส่วนตำบลลุ่มพื้ก,อบต.,2564,82.61,72.22,73.06,74.15,64.76,92.38,94.81,91.86,28.33,12.50,58.08,D\n`;
    const { status, body } = await importCsv(csv);
    expect(status).toBe(200);
    expect(body.errors).toEqual([]);
    expect(body.warnings).toEqual([]);
    expect(body.created).toBe(1);
    const r = await result("LP1", 2564);
    expect(r).toMatchObject({ iit: 7336, eit: 9302, oit: 2042, total: 5808, rating: "D", source: "import" });
  });

  it("Bangkok 2566: IIT, EIT parts and OIT give 88.98, ผ่าน (pass), from Thai headers and CE year", async () => {
    const csv = `รหัสหน่วยงาน,ชื่อหน่วยงาน,ประเภท,ปีงบประมาณ,iit,eit_part1,eit_part2,oit\nBKK,กรุงเทพมหานคร,other,2023,82.44,79.40,82.24,100\n`;
    const { body } = await importCsv(csv);
    expect(body.errors).toEqual([]);
    const r = await result("BKK", 2566);
    expect(r).toMatchObject({ eit: 8082, total: 8898, rating: "pass", fiscal_year: 2566 });
    expect(JSON.parse(String(r?.derived_fields))).toEqual(expect.arrayContaining(["eit", "total", "rating"]));
  });
});

describe("derivation and warnings", () => {
  it("keeps a published value that disagrees with the derivation and warns naming both", async () => {
    const csv = `${HEAD},iit,eit,oit,total,rating\nW1,อบต.เตือน,อบต.,2566,90,90,90,91.50,good\n`;
    const { body } = await importCsv(csv);
    expect(body.errors).toEqual([]);
    expect(body.warnings.map((w) => w.code)).toContain("given-differs");
    expect((await result("W1", 2566))?.total).toBe(9150);
  });

  it("warns when a given rating differs from the computed one, and keeps the given rating", async () => {
    const csv = `${HEAD},iit,eit,oit,rating\nW2,อบต.เตือนสอง,อบต.,2566,84.99,90,95,good\n`;
    const { body } = await importCsv(csv);
    expect(body.warnings).toEqual([expect.objectContaining({ code: "rating-differs", column: "rating", row: 2 })]);
    expect((await result("W2", 2566))?.rating).toBe("good");
  });

  it("derives indicators 9 and 10 from OIT items given as มี/ไม่มี with Thai digits in scores", async () => {
    const items = Array.from({ length: 43 }, (_, i) => `o${i + 1}`);
    // 2566: everything passes but the 5 items of 10.2 (O39–O43): ind10 = (100 + 0) / 2 = 50.00
    const values = items.map((_, i) => (i >= 38 ? "ไม่มี" : "มี"));
    const csv = `${HEAD},iit,eit,${items.join(",")}\nO1X,อบต.ข้อมูลเปิด,อบต.,๒๕๖๖,๙๐.๐๐,90,${values.join(",")}\n`;
    const { body } = await importCsv(csv);
    expect(body.errors).toEqual([]);
    const r = await result("O1X", 2566);
    expect(r).toMatchObject({ ind9: 10000, ind10: 5000, oit: 7500, iit: 9000 });
    const n = await env.DB.prepare("SELECT count(*) AS n FROM item_scores WHERE tenant_id = ? AND fiscal_year = 2566")
      .bind(tenantId)
      .first<{ n: number }>();
    expect(n?.n).toBe(43);
  });
});

describe("refusals write nothing", () => {
  it("a file with errors is refused whole, row/column/value named in Thai and English", async () => {
    const before = await snapshot();
    const csv = `${HEAD},total\nE1,อบต.หนึ่ง,อบต.,2566,88.5\nE2,อบต.สอง,อบต.,2566,abc\nE3,อบต.สาม,อบต.,2566,101\nE1,อบต.หนึ่ง,อบต.,2566,80\nE4,,,2566,80\nE5,อบต.ห้า,อบต.,2555,80\nE6,อบต.หก,อบต.,2566,\n`;
    const { status, body } = await importCsv(csv);
    expect(status).toBe(200);
    const codes = body.errors.map((e) => [e.row, e.code]);
    expect(codes).toEqual(
      expect.arrayContaining([
        [3, "invalid-number"],
        [4, "out-of-range"],
        [5, "duplicate-row"],
        [6, "unknown-agency"],
        [7, "unknown-year"],
        [8, "no-scores"],
      ]),
    );
    const bad = body.errors.find((e) => e.code === "invalid-number");
    expect(bad).toMatchObject({ column: "total", value: "abc" });
    expect(bad?.message).toMatch(/[ก-๙]/);
    expect(bad?.messageEn).toMatch(/[a-z]/);
    expect(body.id).toBeUndefined();
    expect(await snapshot()).toEqual(before);
  });

  it("a dry run reports the counts and writes nothing", async () => {
    const before = await snapshot();
    const { body } = await importCsv(`${HEAD},total\nD1,อบต.ลอง,อบต.,2567,90\n`, { dryRun: true });
    expect(body).toMatchObject({ dryRun: true, rows: 1, created: 1, errors: [] });
    expect(body.id).toBeUndefined();
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a file over 10 MB and one over 20,000 rows before reading it", async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 10).fill(65);
    const res = await importCsv(big);
    expect(res.status).toBe(413);
    const rows = Array.from({ length: 20_001 }, (_, i) => `R${i},อบต.${i},อบต.,2566,90`).join("\n");
    const many = await importCsv(`${HEAD},total\n${rows}\n`);
    expect(many.status).toBe(400);
    expect(JSON.stringify(many.body)).toContain("too-many-rows");
  });
});

describe("commit is atomic and idempotent", () => {
  it("re-importing the same file reports everything unchanged and writes no row", async () => {
    const csv = `${HEAD},${IND}\nI1,อบต.ซ้ำ,อบต.,2567,90,90,90,90,90,90,90,90,90,90\nI2,อบต.ซ้ำสอง,ทต.,2567,80,80,80,80,80,80,80,80,80,80\n`;
    const first = await importCsv(csv);
    expect(first.body).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const before = await snapshot();
    const again = await importCsv(csv);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(again.body.id).toBeUndefined();
    expect(await snapshot()).toEqual(before);
  });

  it("a failure in the middle of a commit leaves the database exactly as before", async () => {
    const rows = Array.from(
      { length: 300 },
      (_, i) =>
        `F${i},อบต.ล้ม${i},อบต.,2568,${IND.split(",")
          .map(() => "91")
          .join(",")}`,
    );
    const before = await snapshot();
    // Make the last statements of the batch fail: the audit row of the import cannot be written.
    await env.DB.prepare(
      "CREATE TRIGGER fail_import BEFORE INSERT ON audit_log WHEN NEW.action = 'import.commit' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END",
    ).run();
    const res = await importCsv(`${HEAD},${IND}\n${rows.join("\n")}\n`);
    await env.DB.prepare("DROP TRIGGER fail_import").run();
    expect(res.status).toBe(500);
    expect(await snapshot()).toEqual(before);
  });

  it("imports 2,000 rows with items in one commit (bulk statements stay under D1's parameter limit)", async () => {
    const items = Array.from({ length: 43 }, (_, i) => `o${i + 1}`);
    const rows = Array.from(
      { length: 2000 },
      (_, i) => `B${i},อบต.จำนวนมาก${i},อบต.,2566,88,89,${items.map((_, k) => ((i + k) % 3 === 0 ? 0 : 1)).join(",")}`,
    );
    const { body } = await importCsv(`${HEAD},iit,eit,${items.join(",")}\n${rows.join("\n")}\n`);
    expect(body.errors).toEqual([]);
    expect(body.created).toBe(2000);
    const n = await env.DB.prepare(
      "SELECT count(*) AS n FROM item_scores i JOIN agencies a ON a.id = i.agency_id WHERE a.code LIKE 'B%'",
    ).first<{ n: number }>();
    expect(n?.n).toBe(2000 * 43);
  });
});

describe("history and rollback", () => {
  it("rolls an import back to exactly what was there before", async () => {
    await importCsv(`${HEAD},total\nRB1,อบต.ย้อน,อบต.,2567,80\n`);
    const before = await snapshot();
    const { body } = await importCsv(`${HEAD},total\nRB1,อบต.ย้อนใหม่,อบต.,2567,85\nRB2,อบต.ใหม่,อบต.,2567,70\n`);
    expect(body).toMatchObject({ created: 1, updated: 1 });
    const history = (await (await api(`/api/tenants/${T}/imports`, { headers: { cookie } })).json()) as {
      id: number;
      sha256: string;
      createdBy: string;
    }[];
    expect(history[0]).toMatchObject({ id: body.id, createdBy: "admin@imp.test" });
    expect(history[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const rb = await api(`/api/tenants/${T}/imports/${body.id}/rollback`, {
      method: "POST",
      headers: { cookie, ...write },
    });
    expect(rb.status).toBe(200);
    const after = await snapshot();
    // Data tables are back exactly; the log tables only grew (batch marked rolled back, audit rows added).
    for (const t of ["agencies", "results", "item_scores"]) {
      expect(strip(after[t]), t).toEqual(strip(before[t]));
    }
    const again = await api(`/api/tenants/${T}/imports/${body.id}/rollback`, {
      method: "POST",
      headers: { cookie, ...write },
    });
    expect(again.status).toBe(409);
  });

  it("refuses a rollback when a later import or a hand edit changed the same rows, naming them", async () => {
    const first = await importCsv(`${HEAD},total\nRC1,อบต.ชน,อบต.,2567,80\nRC2,อบต.ชนสอง,อบต.,2567,81\n`);
    await importCsv(`${HEAD},total\nRC1,อบต.ชน,อบต.,2567,82\n`);
    const res = await api(`/api/tenants/${T}/imports/${first.body.id}/rollback`, {
      method: "POST",
      headers: { cookie, ...write },
    });
    expect(res.status).toBe(409);
    const problem = (await res.json()) as { conflicts: { agencyCode: string; reason: string }[] };
    expect(problem.conflicts.map((c) => c.agencyCode)).toEqual(["RC1"]);

    const second = await importCsv(`${HEAD},total\nRD1,อบต.แก้มือ,อบต.,2567,80\n`);
    const put = await api(`/api/tenants/${T}/agencies/RD1/results/2567`, {
      method: "PUT",
      headers: { cookie, ...write, "content-type": "application/json" },
      body: JSON.stringify({ total: 90 }),
    });
    expect(put.status).toBe(200);
    const res2 = await api(`/api/tenants/${T}/imports/${second.body.id}/rollback`, {
      method: "POST",
      headers: { cookie, ...write },
    });
    expect(res2.status).toBe(409);
  });
});

describe("typed by hand", () => {
  it("validates like an import and derives the rest", async () => {
    await importCsv(`${HEAD},total\nH1,อบต.มือ,อบต.,2566,80\n`);
    const res = await api(`/api/tenants/${T}/agencies/H1/results/2566`, {
      method: "PUT",
      headers: { cookie, ...write, "content-type": "application/json" },
      body: JSON.stringify({ iit: 82.44, eitPart1: 79.4, eitPart2: 82.24, oit: 100 }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { total: number; rating: string; eit: number } };
    expect(body.result).toMatchObject({ total: 88.98, rating: "pass", eit: 80.82 });
    const bad = await api(`/api/tenants/${T}/agencies/H1/results/2566`, {
      method: "PUT",
      headers: { cookie, ...write, "content-type": "application/json" },
      body: JSON.stringify({ total: 88.985 }),
    });
    expect(bad.status).toBe(400);
    const none = await api(`/api/tenants/${T}/agencies/H1/results/2566`, {
      method: "PUT",
      headers: { cookie, ...write, "content-type": "application/json" },
      body: JSON.stringify({}),
    });
    expect(none.status).toBe(400);
  });
});

describe("template", () => {
  it("returns the year's columns with Thai headers, pre-filled with the tenant's agencies, as UTF-8 CSV with BOM", async () => {
    const res = await api(`/api/tenants/${T}/imports/template?year=2566`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const header = text.split("\r\n")[0] ?? "";
    expect(header).toContain("agency_code");
    expect(header).toContain("o43");
    expect(header).not.toContain("o44");
    expect(text).toContain("LP1");
  });
});

function strip(rows: unknown[] | undefined) {
  // version and updated_at move forward on restore; everything else must be identical
  return (rows ?? []).map((r) => {
    const { version: _v, ...rest } = r as Record<string, unknown>;
    return rest;
  });
}
