import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { fileURLToPath } from "node:url";
import {
  computeResult,
  type Framework,
  frameworkFor,
  type IndicatorNumber,
  oitIndicatorsFromItems,
} from "@prongsai/ita";
import { beforeAll, describe, expect, it } from "vitest";
import { type DemoData, type DemoResult, demoSql, generateDemo } from "../demo/generate";
import { insertStatements, sqlLiteral } from "../demo/sql";

const MIGRATION = join(fileURLToPath(new URL(".", import.meta.url)), "..", "..", "migrations", "0001_core.sql");
const INDICATORS: readonly IndicatorNumber[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** National figures (shared/domain/national-results.csv) and the tolerances the demo must meet. */
const NATIONAL: Record<number, { mean: number; pass: number | null }> = {
  2564: { mean: 81.25, pass: null },
  2565: { mean: 87.57, pass: 70.52 },
  2566: { mean: 90.2, pass: null },
  2567: { mean: 93.05, pass: 92.44 },
  2568: { mean: 93.82, pass: 94.17 },
};

function fw(year: number): Framework {
  const f = frameworkFor(year);
  if (!f) throw new Error(`no framework ${year}`);
  return f;
}

let data: DemoData;
let sql: string[];
let seven: DemoData | undefined;
/** The data of another seed, generated once. */
const otherSeed = (): DemoData => {
  seven ??= generateDemo({ seed: 7 });
  return seven;
};

beforeAll(() => {
  data = generateDemo();
  sql = demoSql(data);
});

function yearStats(d: DemoData, tenantId: number, year: number) {
  const rows = d.results.filter((r) => r.tenantId === tenantId && r.fiscalYear === year);
  const mean = rows.reduce((s, r) => s + r.total, 0) / rows.length / 100;
  const pass = (100 * rows.filter((r) => r.total >= 8500).length) / rows.length;
  return { n: rows.length, mean, pass };
}

describe("determinism", () => {
  it("gives byte-identical SQL for the same seed and different SQL for another seed", () => {
    expect(demoSql(generateDemo()).join("\n")).toBe(sql.join("\n"));
    const other = demoSql(otherSeed()).join("\n");
    expect(other).not.toBe(sql.join("\n"));
    expect(demoSql(generateDemo({ seed: 7 })).join("\n")).toBe(other);
  });
});

describe("tenants and agencies", () => {
  it("has the two synthetic tenants", () => {
    expect(data.tenants.map((t) => [t.slug, t.name, t.synthetic])).toEqual([
      ["demo", "จังหวัดสาธิต", 1],
      ["demo2", "จังหวัดสาธิตสอง", 1],
    ]);
  });

  it("has about 250 agencies in demo and about 12 in demo2, with the expected mix of types", () => {
    const demo = data.agencies.filter((a) => a.tenantId === 1);
    const demo2 = data.agencies.filter((a) => a.tenantId === 2);
    expect(demo.length).toBeGreaterThanOrEqual(240);
    expect(demo.length).toBeLessThanOrEqual(260);
    expect(demo2.length).toBeGreaterThanOrEqual(10);
    expect(demo2.length).toBeLessThanOrEqual(15);
    const count = (t: string) => demo.filter((a) => a.type === t).length;
    expect(count("pao")).toBe(1);
    expect(count("city")).toBe(1);
    expect(count("town")).toBeGreaterThanOrEqual(3);
    expect(count("town")).toBeLessThanOrEqual(4);
    expect(count("subdistrict")).toBeGreaterThanOrEqual(60);
    expect(count("subdistrict")).toBeLessThanOrEqual(80);
    expect(demo.find((a) => a.type === "pao")?.nameTh).toBe("องค์การบริหารส่วนจังหวัดสาธิต");
    expect(demo.find((a) => a.type === "city")?.nameTh).toBe("เทศบาลนครสาธิต");
    const sizes = demo.filter((a) => a.type === "sao").map((a) => a.size);
    expect(sizes.filter((s) => s === null).length).toBeGreaterThan(0);
    expect(sizes.filter((s) => s === "S").length).toBeLessThan(sizes.filter((s) => s === "M").length);
  });

  it("keeps codes, names and websites unique, codes 7 digits, about 14 districts", () => {
    for (const tenantId of [1, 2]) {
      const list = data.agencies.filter((a) => a.tenantId === tenantId);
      expect(new Set(list.map((a) => a.code)).size).toBe(list.length);
      expect(new Set(list.map((a) => a.nameTh)).size).toBe(list.length);
      for (const a of list) expect(a.code).toMatch(/^\d{7}$/);
    }
    expect(new Set(data.agencies.map((a) => a.website)).size).toBe(data.agencies.length);
    for (const a of data.agencies) expect(a.website).toMatch(/^https:\/\/[a-z0-9-]+\.go\.th\.example$/);
    const districts = new Set(data.agencies.filter((a) => a.tenantId === 1).map((a) => a.district));
    expect(districts.size).toBeGreaterThanOrEqual(12);
    expect(districts.size).toBeLessThanOrEqual(16);
    const districts2 = new Set(data.agencies.filter((a) => a.tenantId === 2).map((a) => a.district));
    for (const d of districts2) expect(districts.has(d)).toBe(false);
  });
});

describe("results follow the national picture", () => {
  it.each([2564, 2565, 2566, 2567, 2568])("FY %i: mean total and pass rate near the national ones", (year) => {
    const { n, mean, pass } = yearStats(data, 1, year);
    const national = NATIONAL[year] as { mean: number; pass: number | null };
    expect(n).toBeGreaterThanOrEqual(240);
    expect(Math.abs(mean - national.mean)).toBeLessThanOrEqual(1.5);
    if (national.pass !== null) expect(Math.abs(pass - national.pass)).toBeLessThanOrEqual(6);
  });

  it("pass rates rise year by year, including the unpublished 2564 and 2566", () => {
    const rates = [2564, 2565, 2566, 2567, 2568].map((y) => yearStats(data, 1, y).pass);
    for (let i = 1; i < rates.length; i++) expect(rates[i] as number).toBeGreaterThan(rates[i - 1] as number);
  });

  it("also meets the tolerances for another seed", () => {
    const other = otherSeed();
    for (const year of [2564, 2565, 2566, 2567, 2568]) {
      const { mean, pass } = yearStats(other, 1, year);
      const national = NATIONAL[year] as { mean: number; pass: number | null };
      expect(Math.abs(mean - national.mean)).toBeLessThanOrEqual(1.5);
      if (national.pass !== null) expect(Math.abs(pass - national.pass)).toBeLessThanOrEqual(6);
    }
  });

  it("looks realistic: weak tail early, OIT weakest in 2564-2565, EIT high, gaps in a few years", () => {
    const rows2564 = data.results.filter((r) => r.tenantId === 1 && r.fiscalYear === 2564);
    expect(rows2564.filter((r) => r.total < 6500).length).toBeGreaterThan(5);
    expect(rows2564.filter((r) => r.indicators[10] === 0).length).toBeGreaterThan(10);
    for (const year of [2564, 2565]) {
      const rows = data.results.filter((r) => r.tenantId === 1 && r.fiscalYear === year && r.indicators[1] !== null);
      const mean = (n: IndicatorNumber) => rows.reduce((s, r) => s + (r.indicators[n] ?? 0), 0) / rows.length;
      const lowestOther = Math.min(...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => mean(n as IndicatorNumber)));
      expect(mean(9)).toBeLessThan(lowestOther);
      expect(mean(10)).toBeLessThan(lowestOther);
    }
    const eits = data.results.filter((r) => r.tenantId === 1).map((r) => r.eit);
    const eitMean = eits.reduce((s, v) => s + v, 0) / eits.length;
    expect(eitMean).toBeGreaterThan(8500);
    expect(eitMean).toBeLessThan(9500);
    const demoAgencies = data.agencies.filter((a) => a.tenantId === 1).length;
    const demoRows = data.results.filter((r) => r.tenantId === 1).length;
    expect(demoRows).toBeLessThan(demoAgencies * 5);
    expect(demoRows).toBeGreaterThan(demoAgencies * 5 - 15);
  });

  it("a good agency stays good: totals of 2565 and 2568 are correlated", () => {
    const byAgency = new Map<number, Map<number, number>>();
    for (const r of data.results.filter((x) => x.tenantId === 1)) {
      const m = byAgency.get(r.agencyId) ?? new Map<number, number>();
      m.set(r.fiscalYear, r.total);
      byAgency.set(r.agencyId, m);
    }
    const pairs = [...byAgency.values()]
      .filter((m) => m.has(2565) && m.has(2566))
      .map((m) => [m.get(2565) as number, m.get(2566) as number] as const);
    const mx = pairs.reduce((s, p) => s + p[0], 0) / pairs.length;
    const my = pairs.reduce((s, p) => s + p[1], 0) / pairs.length;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (const [x, y] of pairs) {
      sxy += (x - mx) * (y - my);
      sxx += (x - mx) ** 2;
      syy += (y - my) ** 2;
    }
    expect(sxy / Math.sqrt(sxx * syy)).toBeGreaterThan(0.3);
  });

  it("demo2 has results 2566-2568 only", () => {
    const years = new Set(data.results.filter((r) => r.tenantId === 2).map((r) => r.fiscalYear));
    expect([...years].sort()).toEqual([2566, 2567, 2568]);
  });
});

describe("every stored score is what @prongsai/ita computes", () => {
  function check(r: DemoResult) {
    const f = fw(r.fiscalYear);
    const hasIndicators = r.indicators[1] !== null;
    const parts = { eitPart1: r.eitPart1, eitPart2: r.eitPart2 };
    const computed = hasIndicators
      ? computeResult(f, { indicators: { ...r.indicators }, tools: parts })
      : computeResult(f, { tools: { iit: r.iit, eit: r.eit, oit: r.oit, ...parts } });
    expect(computed.conflicts).toEqual([]);
    expect(computed.tools.iit).toBe(r.iit);
    expect(computed.tools.eit).toBe(r.eit);
    expect(computed.tools.oit).toBe(r.oit);
    expect(computed.total).toBe(r.total);
    expect(computed.rating?.key).toBe(r.rating);
  }

  it("tools, total and rating of every row", () => {
    let toolsOnly = 0;
    for (const r of data.results) {
      check(r);
      if (r.indicators[1] === null) {
        toolsOnly++;
        for (const n of INDICATORS) expect(r.indicators[n]).toBeNull();
      } else {
        for (const n of INDICATORS) expect(r.indicators[n]).not.toBeNull();
      }
      const hasParts = r.fiscalYear >= 2566;
      expect(r.eitPart1 !== null).toBe(hasParts);
      expect(r.eitPart2 !== null).toBe(hasParts);
      expect(r.source).toBe("demo");
    }
    expect(toolsOnly).toBeGreaterThan(0);
    expect(toolsOnly).toBeLessThan(10);
  });

  it("indicators 9 and 10 of 2564-2566 equal oitIndicatorsFromItems of the stored items", () => {
    const items = new Map<string, Record<string, boolean>>();
    for (const s of data.itemScores) {
      expect(s.tool).toBe("oit");
      expect([0, 10000]).toContain(s.score);
      const key = `${s.agencyId}|${s.fiscalYear}`;
      const m = items.get(key) ?? {};
      m[s.itemCode] = s.score === 10000;
      items.set(key, m);
    }
    expect(new Set(data.itemScores.map((s) => s.fiscalYear))).toEqual(new Set([2564, 2565, 2566]));
    for (const r of data.results) {
      const stored = items.get(`${r.agencyId}|${r.fiscalYear}`);
      if (r.fiscalYear > 2566 || r.indicators[1] === null) {
        expect(stored).toBeUndefined();
        continue;
      }
      const f = fw(r.fiscalYear);
      expect(stored).toBeDefined();
      expect(Object.keys(stored ?? {}).length).toBe(f.oit.items.length);
      const fromItems = oitIndicatorsFromItems(f, stored ?? {}).indicators;
      expect(fromItems[9]).toBe(r.indicators[9]);
      expect(fromItems[10]).toBe(r.indicators[10]);
    }
  });
});

describe("disclosure cycle 2570", () => {
  it("is one stand-in cycle on the 2566 catalogue for demo only", () => {
    expect(data.disclosureCycles).toEqual([
      {
        tenantId: 1,
        fiscalYear: 2570,
        catalogueYear: 2566,
        standIn: 1,
        submitBy: "2027-04-30",
        reviewBy: "2027-05-31",
      },
    ]);
  });

  it("has a record for every demo agency and 2566 item, in mixed and plausible states", () => {
    const codes = fw(2566).oit.items.map((i) => i.code);
    const demo = data.agencies.filter((a) => a.tenantId === 1);
    expect(data.disclosureRecords.length).toBe(demo.length * codes.length);
    expect(data.disclosureRecords.every((d) => d.tenantId === 1 && d.fiscalYear === 2570)).toBe(true);
    const website = new Map(data.agencies.map((a) => [a.id, a.website]));
    const counts: Record<string, number> = {};
    for (const d of data.disclosureRecords) {
      counts[d.status] = (counts[d.status] ?? 0) + 1;
      expect(codes).toContain(d.itemCode);
      expect(d.version).toBe(1);
      if (d.status === "not_started") {
        expect(d.evidenceUrls).toEqual([]);
      } else {
        expect(d.evidenceUrls.length).toBeGreaterThanOrEqual(1);
        expect(d.evidenceUrls.length).toBeLessThanOrEqual(2);
        for (const u of d.evidenceUrls) expect(u.startsWith(`${website.get(d.agencyId)}/`)).toBe(true);
      }
      if (d.status === "needs_fix") {
        expect(d.reviewVerdict).toBe("needs_fix");
        expect(d.reviewComment).toMatch(/[ก-๙]/);
      }
      if (d.status === "approved") expect(d.reviewVerdict).toBe("approved");
      if (d.reviewedAt !== null) expect(d.reviewedAt > d.updatedAt).toBe(true);
      // Seven weeks into fiscal 2570 (it began 1 Oct 2026): nothing dated before the cycle or after 20 Nov 2026.
      for (const at of [d.updatedAt, d.reviewedAt ?? d.updatedAt]) {
        expect(at >= "2026-10-01T01:30:00.000Z" && at <= "2026-11-20T10:00:00.000Z", at).toBe(true);
      }
    }
    const total = data.disclosureRecords.length;
    for (const status of ["not_started", "in_progress", "submitted", "approved", "needs_fix"]) {
      expect(counts[status] ?? 0).toBeGreaterThan(total * 0.03);
    }
    expect(counts.approved ?? 0).toBeGreaterThan(counts.needs_fix ?? 0);
  });
});

describe("SQL", () => {
  it("escapes values: quotes doubled, integers only, NULL", () => {
    expect(sqlLiteral("อบต.'ทดสอบ'")).toBe("'อบต.''ทดสอบ'''");
    expect(sqlLiteral(null)).toBe("NULL");
    expect(sqlLiteral(5808)).toBe("5808");
    expect(() => sqlLiteral(58.08)).toThrow(RangeError);
    const rows = Array.from({ length: 450 }, (_, i) => [i, `it's row ${i}; DROP TABLE t; --`]);
    const statements = insertStatements("t", ["id", "name"], rows);
    expect(statements.length).toBe(3);
    const db = new DatabaseSync(":memory:");
    try {
      db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
      for (const st of statements) db.exec(st);
      expect(db.prepare("SELECT name FROM t WHERE id = 449").get()).toEqual({ name: "it's row 449; DROP TABLE t; --" });
      expect((db.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n).toBe(450);
    } finally {
      db.close();
    }
  });

  it("stays within D1 limits and uses no transactions", () => {
    for (const s of sql) {
      expect(Buffer.byteLength(s)).toBeLessThan(100_000);
      expect(s.startsWith("INSERT INTO ")).toBe(true);
      expect(s).not.toMatch(/\b(BEGIN|COMMIT)\b/);
      expect(s.split("\n").length - 1).toBeLessThanOrEqual(200);
    }
  });

  it("loads into an empty SQLite database with the schema and keeps foreign keys", () => {
    const db = new DatabaseSync(":memory:");
    try {
      db.exec(readFileSync(MIGRATION, "utf8"));
      db.exec("PRAGMA foreign_keys = ON");
      for (const s of sql) db.exec(s);
      const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      expect(count("tenants")).toBe(data.tenants.length);
      expect(count("agencies")).toBe(data.agencies.length);
      expect(count("results")).toBe(data.results.length);
      expect(count("item_scores")).toBe(data.itemScores.length);
      expect(count("disclosure_cycles")).toBe(data.disclosureCycles.length);
      expect(count("disclosure_records")).toBe(data.disclosureRecords.length);
      expect(db.prepare("PRAGMA foreign_key_check").all()).toEqual([]);

      // Values survive the round trip: Thai text, quotes, JSON and integer scores.
      const totals = db.prepare("SELECT sum(total) AS s FROM results").get() as { s: number };
      expect(totals.s).toBe(data.results.reduce((s, r) => s + r.total, 0));
      const pao = db.prepare("SELECT name_th, website FROM agencies WHERE tenant_id = 1 AND type = 'pao'").get() as {
        name_th: string;
      };
      expect(pao.name_th).toBe("องค์การบริหารส่วนจังหวัดสาธิต");
      const badJson = db.prepare(
        "SELECT count(*) AS n FROM disclosure_records WHERE json_type(evidence_urls) <> 'array'",
      );
      expect((badJson.get() as { n: number }).n).toBe(0);
      const demo2Records = db.prepare("SELECT count(*) AS n FROM disclosure_records WHERE tenant_id = 2").get() as {
        n: number;
      };
      expect(demo2Records.n).toBe(0);
    } finally {
      db.close();
    }
  });
});
