import { env } from "cloudflare:test";
import { competitionRanks, frameworkFor, mean, median, passRate, rate, totalFromTools } from "@prongsai/ita";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn } from "./accounts";
import { api } from "./helpers";
import { rng } from "./rng";

// Property-style: random tenants (ties, missing years, missing indicators) loaded into D1; every number the
// analytics endpoints compute (SQL ranks, previous results, stats) is compared with a plain recomputation here
// using packages/ita.

const YEARS = [2564, 2565, 2566, 2567, 2568];
const TYPES = ["sao", "subdistrict", "town"] as const;
const SIZES = ["S", "M", "L", null] as const;
const DISTRICTS = ["เมือง", "หนองบัว", "โนนสูง"];

interface Gen {
  code: string;
  name: string;
  type: (typeof TYPES)[number];
  size: (typeof SIZES)[number];
  district: string;
  results: Map<
    number,
    { total: number | null; ind: (number | null)[]; iit: number; eit: number; oit: number; rating: string | null }
  >;
}

function generate(seed: number, n: number): Gen[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  const agencies: Gen[] = [];
  for (let i = 0; i < n; i++) {
    const g: Gen = {
      code: `P${seed}-${i}`,
      name: `${pick(["ก", "ข", "ค", "ง", "จ"])}อบต.${i}`,
      type: pick(TYPES),
      size: pick(SIZES),
      district: pick(DISTRICTS),
      results: new Map(),
    };
    for (const y of YEARS) {
      if (r() < 0.15) continue; // missing year
      const fw = frameworkFor(y);
      if (!fw) continue;
      // Scores from a small set now and then, so equal totals (ties) happen.
      const score = () => (r() < 0.3 ? pick([8500, 8499, 9000, 9500, 9499]) : 5000 + Math.floor(r() * 5001));
      const iit = score();
      const eit = score();
      const oit = score();
      const total = r() < 0.05 ? null : (totalFromTools(fw, { iit, eit, oit }) as number);
      const ind = Array.from({ length: 10 }, () => (r() < 0.1 ? null : score()));
      g.results.set(y, {
        total,
        ind,
        iit,
        eit,
        oit,
        rating: total === null ? null : rate(fw, { iit, eit, oit }, total).key,
      });
    }
    agencies.push(g);
  }
  return agencies;
}

async function load(slug: string, agencies: Gen[]) {
  const t = await env.DB.prepare("INSERT INTO tenants (slug, name) VALUES (?, ?) RETURNING id")
    .bind(slug, slug)
    .first<{ id: number }>();
  const tenantId = t?.id as number;
  const statements = [];
  for (const a of agencies) {
    statements.push(
      env.DB.prepare(
        "INSERT INTO agencies (tenant_id, code, name_th, type, size, district) VALUES (?, ?, ?, ?, ?, ?)",
      ).bind(tenantId, a.code, a.name, a.type, a.size, a.district),
    );
    for (const [y, res] of a.results) {
      statements.push(
        env.DB.prepare(
          `INSERT INTO results (tenant_id, agency_id, fiscal_year, iit, eit, oit, ${res.ind.map((_, i) => `ind${i + 1}`).join(", ")}, total, rating)
           SELECT ?, id, ?, ?, ?, ?, ${res.ind.map(() => "?").join(", ")}, ?, ? FROM agencies WHERE tenant_id = ? AND code = ?`,
        ).bind(tenantId, y, res.iit, res.eit, res.oit, ...res.ind, res.total, res.rating, tenantId, a.code),
      );
    }
  }
  await env.DB.batch(statements);
  await createUser(`analyst@${slug}.test`, { memberships: [{ tenantId, role: "analyst" }] });
  return signIn(`analyst@${slug}.test`);
}

const TENANTS = [
  { slug: "prop-a", seed: 11, n: 40 },
  { slug: "prop-b", seed: 29, n: 90 },
  { slug: "prop-c", seed: 47, n: 7 },
];
const data = new Map<string, { agencies: Gen[]; cookie: string }>();

beforeAll(async () => {
  for (const t of TENANTS) {
    const agencies = generate(t.seed, t.n);
    data.set(t.slug, { agencies, cookie: await load(t.slug, agencies) });
  }
});

async function getJson<T>(slug: string, path: string): Promise<T> {
  const res = await api(`/api/tenants/${slug}/${path}`, { headers: { cookie: data.get(slug)?.cookie ?? "" } });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

/** The independent ranking: filter, then ita's competition ranks of the totals. */
function expectedRanks(agencies: Gen[], year: number) {
  const withYear = agencies.filter((a) => a.results.has(year));
  const totals = withYear.map((a) => a.results.get(year)?.total ?? null);
  const ranks = competitionRanks(totals);
  return new Map(withYear.map((a, i) => [a.code, ranks[i] ?? null]));
}

const pts = (c: number | null | undefined) => (c === null || c === undefined ? null : c / 100);

interface RankingRow {
  rank: number | null;
  agencyCode: string;
  total: number | null;
  previous: { year: number; total: number; rank: number; rating: string | null } | null;
  delta: number | null;
  rankChange: number | null;
}

describe.each(TENANTS)("rankings of $slug match an independent computation", ({ slug }) => {
  const filters: [string, (a: Gen) => boolean][] = [
    ["", () => true],
    ["&type=sao", (a) => a.type === "sao"],
    ["&size=M", (a) => a.size === "M"],
    [`&district=${encodeURIComponent("หนองบัว")}`, (a) => a.district === "หนองบัว"],
    ["&type=subdistrict&size=L", (a) => a.type === "subdistrict" && a.size === "L"],
  ];
  it.each(YEARS.flatMap((y) => filters.map(([q, f]) => [y, q, f] as const)))(
    "year %i filter '%s'",
    async (year, query, keep) => {
      const agencies = (data.get(slug)?.agencies ?? []).filter(keep);
      const res = await api(`/api/tenants/${slug}/rankings?year=${year}${query}`, {
        headers: { cookie: data.get(slug)?.cookie ?? "" },
      });
      if (!(data.get(slug)?.agencies ?? []).some((a) => a.results.has(year))) {
        expect(res.status).toBe(404);
        return;
      }
      expect(res.status).toBe(200);
      const body = (await res.json()) as { rows: RankingRow[] };
      const ranks = expectedRanks(agencies, year);
      expect(body.rows.map((r) => r.agencyCode).sort()).toEqual([...ranks.keys()].sort());
      for (const row of body.rows) {
        const a = agencies.find((x) => x.code === row.agencyCode) as Gen;
        expect(row.rank, row.agencyCode).toBe(ranks.get(row.agencyCode));
        expect(row.total).toBe(pts(a.results.get(year)?.total));
        // previous = the latest earlier year with a total, ranked under the same filters
        const py = YEARS.filter((y) => y < year && (a.results.get(y)?.total ?? null) !== null).at(-1);
        if (py === undefined) {
          expect(row.previous).toBeNull();
          continue;
        }
        const prevTotal = a.results.get(py)?.total as number;
        expect(row.previous).toEqual({
          year: py,
          total: pts(prevTotal),
          rank: expectedRanks(agencies, py).get(a.code),
          rating: a.results.get(py)?.rating ?? null,
        });
        const cur = a.results.get(year)?.total ?? null;
        expect(row.delta).toBe(cur === null ? null : pts(cur - prevTotal));
        expect(row.rankChange).toBe(row.rank === null ? null : (row.previous?.rank as number) - row.rank);
      }
      // rows come in rank order, unranked last
      const order = body.rows.map((r) => r.rank ?? Number.POSITIVE_INFINITY);
      expect(order).toEqual([...order].sort((x, y) => x - y));
    },
  );
});

describe.each(TENANTS)("summary, weak indicators, movement and heatmap of $slug", ({ slug }) => {
  it.each(YEARS)("summary %i", async (year) => {
    const agencies = data.get(slug)?.agencies ?? [];
    if (!agencies.some((a) => a.results.has(year))) return;
    const fw = frameworkFor(year);
    const body = await getJson<{
      assessed: number;
      mean: number | null;
      median: number | null;
      passRate: number | null;
      ratingCounts: { rating: string; count: number }[];
      indicators: { indicator: number; belowPass: number; mean: number | null }[];
      newlyPassing: { agencyCode: string }[];
      newlyFailing: { agencyCode: string }[];
    }>(slug, `summary?year=${year}`);
    const totals = agencies
      .map((a) => a.results.get(year)?.total)
      .filter((t): t is number => t !== null && t !== undefined);
    expect(body.assessed).toBe(totals.length);
    expect(body.mean).toBe(pts(mean(totals)));
    expect(body.median).toBe(pts(median(totals)));
    expect(body.passRate).toBe(pts(passRate(totals, 8500)));
    expect(body.ratingCounts.reduce((s, r) => s + r.count, 0)).toBe(totals.length);
    for (const ind of body.indicators) {
      const values = agencies
        .map((a) => a.results.get(year)?.ind[ind.indicator - 1])
        .filter((v): v is number => v !== null && v !== undefined);
      expect(ind.belowPass).toBe(values.filter((v) => v < 8500).length);
      expect(ind.mean).toBe(pts(mean(values)));
    }
    const prevTotal = (a: Gen) => {
      const py = YEARS.filter((y) => y < year && (a.results.get(y)?.total ?? null) !== null).at(-1);
      return py === undefined ? null : (a.results.get(py)?.total as number);
    };
    const newly = (passNow: boolean) =>
      agencies
        .filter((a) => {
          const t = a.results.get(year)?.total;
          const p = prevTotal(a);
          return (
            t !== null && t !== undefined && p !== null && (passNow ? t >= 8500 && p < 8500 : t < 8500 && p >= 8500)
          );
        })
        .map((a) => a.code)
        .sort();
    expect(body.newlyPassing.map((r) => r.agencyCode).sort()).toEqual(newly(true));
    expect(body.newlyFailing.map((r) => r.agencyCode).sort()).toEqual(newly(false));
    expect(fw).toBeDefined();
  });

  it("weak indicators list exactly the agencies below 85, sorted by how many are below", async () => {
    const body = await getJson<{
      indicators: { indicator: number; belowCount: number; below: { agencyCode: string; gap: number }[] }[];
    }>(slug, "weak-indicators?year=2568");
    const agencies = data.get(slug)?.agencies ?? [];
    for (const ind of body.indicators) {
      const expected = agencies.filter((a) => {
        const v = a.results.get(2568)?.ind[ind.indicator - 1];
        return v !== null && v !== undefined && v < 8500;
      });
      expect(ind.belowCount).toBe(expected.length);
      expect(ind.below.map((b) => b.agencyCode).sort()).toEqual(expected.map((a) => a.code).sort());
      const gaps = ind.below.map((b) => b.gap);
      expect(gaps).toEqual([...gaps].sort((x, y) => y - x));
    }
    const counts = body.indicators.map((i) => i.belowCount);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
  });

  it("movement 2565 → 2566 is flagged not comparable; deltas and the transition matrix add up", async () => {
    const body = await getJson<{
      comparable: boolean;
      reasons: { code: string }[];
      agencies: { agencyCode: string; delta: number }[];
      transitions: { counts: number[][] };
    }>(slug, "movement?from=2565&to=2566");
    expect(body.comparable).toBe(false);
    expect(body.reasons.map((r) => r.code)).toContain("rating-scheme");
    const agencies = data.get(slug)?.agencies ?? [];
    const both = agencies.filter(
      (a) => (a.results.get(2565)?.total ?? null) !== null && (a.results.get(2566)?.total ?? null) !== null,
    );
    expect(body.agencies.map((r) => r.agencyCode).sort()).toEqual(both.map((a) => a.code).sort());
    for (const r of body.agencies) {
      const a = both.find((x) => x.code === r.agencyCode) as Gen;
      expect(r.delta).toBe(pts((a.results.get(2566)?.total as number) - (a.results.get(2565)?.total as number)));
    }
    expect(body.transitions.counts.flat().reduce((s, x) => s + x, 0)).toBe(both.length);
    const comparable = await getJson<{ comparable: boolean }>(slug, "movement?from=2564&to=2565");
    expect(comparable.comparable).toBe(true);
  });

  it("heatmap rows come in ranking order", async () => {
    const body = await getJson<{ rows: { rank: number | null }[] }>(slug, "heatmap?year=2567");
    const order = body.rows.map((r) => r.rank ?? Number.POSITIVE_INFINITY);
    expect(order).toEqual([...order].sort((x, y) => x - y));
  });
});

describe("errors and CSV", () => {
  it("answers an unknown year with 404 and the available years, an invalid filter with 400", async () => {
    const cookie = data.get("prop-a")?.cookie ?? "";
    const res = await api("/api/tenants/prop-a/rankings?year=2569", { headers: { cookie } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { availableYears: number[] }).availableYears).toEqual(YEARS);
    const bad = await api("/api/tenants/prop-a/rankings?year=2568&type=province", { headers: { cookie } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toMatch(/problem\+json/);
    const order = await api("/api/tenants/prop-a/movement?from=2568&to=2566", { headers: { cookie } });
    expect(order.status).toBe(400);
  });

  it("gives the same rows as CSV with a BOM, safe against formula injection", async () => {
    const cookie = data.get("prop-a")?.cookie ?? "";
    await env.DB.prepare("UPDATE agencies SET name_th = '=HYPERLINK(\"x\")' WHERE code = 'P11-0'").run();
    const json = await getJson<{ rows: RankingRow[] }>("prop-a", "rankings?year=2568");
    const res = await api("/api/tenants/prop-a/rankings?year=2568&format=csv", { headers: { cookie } });
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split("\r\n");
    expect(lines.length).toBe(json.rows.length + 1);
    expect(lines[0]).toMatch(/^\uFEFF?rank,agency_code,name/);
    const text = lines.join("\n");
    if (json.rows.some((r) => r.agencyCode === "P11-0")) expect(text).toContain("'=HYPERLINK");
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it("gives every analytics answer as CSV: the rows of its JSON, a header, a BOM, a file name", async () => {
    const cookie = data.get("prop-b")?.cookie ?? "";
    const cases: [string, string, (body: Record<string, unknown[]>) => number][] = [
      ["summary?year=2568", "indicator,name,assessed,mean,median,below_85", (b) => b.indicators?.length ?? -1],
      ["weak-indicators?year=2568", "agency_code,name,total,rating,weak_indicators", (b) => b.agencies?.length ?? -1],
      ["movement?from=2567&to=2568", "agency_code,name,total_2567,total_2568,delta", (b) => b.agencies?.length ?? -1],
      ["heatmap?year=2568", "rank,agency_code,name,total,ind1", (b) => b.rows?.length ?? -1],
      ["rankings?year=2568&type=sao", "rank,agency_code,name,type", (b) => b.rows?.length ?? -1],
    ];
    for (const [path, header, count] of cases) {
      const json = await getJson<Record<string, unknown[]>>("prop-b", path);
      const res = await api(`/api/tenants/prop-b/${path}&format=csv`, { headers: { cookie } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/^text\/csv/);
      expect(res.headers.get("content-disposition"), path).toMatch(
        /^attachment; filename="[a-z-]+-\d{4}(-\d{4})?\.csv"$/,
      );
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)], path).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes); // drops the BOM
      const lines = text
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n");
      expect(lines[0]?.startsWith(header), `${path}: ${lines[0]}`).toBe(true);
      expect(lines.length - 1, path).toBe(count(json));
      expect(count(json), path).toBeGreaterThan(0);
    }
  });
});
