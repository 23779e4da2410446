// The order of every analytics list, ties included: each list's own key, then Thai alphabetical order of names
// (Intl.Collator "th"), then the agency code. Data with many ties (scores from a small set, names that repeat
// or differ only after a long common prefix) so the secondary keys decide often.
import { env } from "cloudflare:test";
import { frameworkFor, rate, totalFromTools } from "@prongsai/ita";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn } from "./accounts";
import { api } from "./helpers";
import { rng } from "./rng";

const SLUG = "order-a";
const YEARS = [2567, 2568];
const collator = new Intl.Collator("th");
const NAMES = [
  "องค์การบริหารส่วนตำบลบางพลี",
  "องค์การบริหารส่วนตำบลบางพลีใหญ่",
  "องค์การบริหารส่วนตำบลเกาะคา",
  "องค์การบริหารส่วนตำบลแม่ทะ",
  "เทศบาลตำบลโพธิ์",
  "เทศบาลตำบลไทรงาม",
  "เทศบาลตำบลกะทู้",
  "อบต.ขุนยวม",
];

interface Row {
  code: string;
  name: string;
  total: Record<number, number | null>;
  ind: Record<number, (number | null)[]>;
}

const rows: Row[] = [];
let cookie = "";

beforeAll(async () => {
  const r = rng(5);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  const t = await env.DB.prepare("INSERT INTO tenants (slug, name) VALUES (?, ?) RETURNING id")
    .bind(SLUG, SLUG)
    .first<{ id: number }>();
  const tenantId = t?.id as number;
  const statements = [];
  for (let i = 0; i < 60; i++) {
    // Codes not in name order, so a wrong tie-break shows.
    const row: Row = { code: `Z${(i * 37) % 100}`, name: pick(NAMES), total: {}, ind: {} };
    statements.push(
      env.DB.prepare("INSERT INTO agencies (tenant_id, code, name_th, type) VALUES (?, ?, ?, 'sao')").bind(
        tenantId,
        row.code,
        row.name,
      ),
    );
    for (const y of YEARS) {
      const fw = frameworkFor(y);
      if (!fw) throw new Error("no framework");
      const score = () => pick([7000, 8000, 8499, 8500, 9000]);
      const tools = { iit: score(), eit: score(), oit: score() };
      const total = r() < 0.1 ? null : (totalFromTools(fw, tools) as number);
      const ind = Array.from({ length: 10 }, () => (r() < 0.1 ? null : score()));
      row.total[y] = total;
      row.ind[y] = ind;
      statements.push(
        env.DB.prepare(
          `INSERT INTO results (tenant_id, agency_id, fiscal_year, iit, eit, oit, ${ind.map((_, k) => `ind${k + 1}`).join(", ")}, total, rating)
           SELECT ?, id, ?, ?, ?, ?, ${ind.map(() => "?").join(", ")}, ?, ? FROM agencies WHERE tenant_id = ? AND code = ?`,
        ).bind(
          tenantId,
          y,
          tools.iit,
          tools.eit,
          tools.oit,
          ...ind,
          total,
          total === null ? null : rate(fw, tools, total).key,
          tenantId,
          row.code,
        ),
      );
    }
    rows.push(row);
  }
  await env.DB.batch(statements);
  await createUser(`analyst@${SLUG}.test`, { memberships: [{ tenantId, role: "analyst" }] });
  cookie = await signIn(`analyst@${SLUG}.test`);
});

async function get<T>(path: string): Promise<T> {
  const res = await api(`/api/tenants/${SLUG}/${path}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

const byCode = new Map<string, Row>();
const nameOf = (code: string) => {
  if (byCode.size === 0) for (const r of rows) byCode.set(r.code, r);
  return (byCode.get(code) as Row).name;
};

/** Sorted by `key` ascending, then Thai name, then code: what every list must be. */
function expectOrder(codes: string[], key: (code: string) => number) {
  const expected = [...codes].sort(
    (a, b) => key(a) - key(b) || collator.compare(nameOf(a), nameOf(b)) || (a < b ? -1 : a > b ? 1 : 0),
  );
  expect(codes).toEqual(expected);
}

describe("analytics lists are ordered by their key, then Thai name, then code", () => {
  it("rankings and heatmap", async () => {
    const ranking = await get<{ rows: { agencyCode: string; rank: number | null }[] }>("rankings?year=2568");
    const rank = new Map(ranking.rows.map((r) => [r.agencyCode, r.rank ?? 1e9]));
    expect(new Set(rank.values()).size).toBeLessThan(rank.size); // there are ties
    expectOrder(
      ranking.rows.map((r) => r.agencyCode),
      (c) => rank.get(c) as number,
    );
    const heat = await get<{ rows: { agencyCode: string }[] }>("heatmap?year=2568");
    expect(heat.rows.map((r) => r.agencyCode)).toEqual(ranking.rows.map((r) => r.agencyCode));
  });

  it("summary top and bottom", async () => {
    const ranking = await get<{ rows: { agencyCode: string; rank: number | null }[] }>("rankings?year=2568");
    const ranked = ranking.rows.filter((r) => r.rank !== null).map((r) => r.agencyCode);
    const s = await get<{ top: { agencyCode: string }[]; bottom: { agencyCode: string }[] }>("summary?year=2568");
    expect(s.top.map((r) => r.agencyCode)).toEqual(ranked.slice(0, 5));
    expect(s.bottom.map((r) => r.agencyCode)).toEqual(ranked.slice(-5).reverse());
  });

  it("weak indicators: each indicator's agencies by score, agencies by number of weak indicators", async () => {
    const w = await get<{
      indicators: { indicator: number; below: { agencyCode: string; score: number }[] }[];
      agencies: { agencyCode: string; weak: unknown[] }[];
    }>("weak-indicators?year=2568");
    for (const ind of w.indicators) {
      const score = new Map(ind.below.map((b) => [b.agencyCode, b.score]));
      expectOrder(
        ind.below.map((b) => b.agencyCode),
        (c) => score.get(c) as number,
      );
    }
    const weak = new Map(w.agencies.map((a) => [a.agencyCode, a.weak.length]));
    expectOrder(
      w.agencies.map((a) => a.agencyCode),
      (c) => -(weak.get(c) as number),
    );
  });

  it("movement: biggest rise first", async () => {
    const m = await get<{ agencies: { agencyCode: string; delta: number }[] }>("movement?from=2567&to=2568");
    const delta = new Map(m.agencies.map((a) => [a.agencyCode, a.delta]));
    expect(m.agencies.length).toBeGreaterThan(30);
    expectOrder(
      m.agencies.map((a) => a.agencyCode),
      (c) => -(delta.get(c) as number),
    );
  });
});
