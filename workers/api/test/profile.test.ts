import { env } from "cloudflare:test";
import {
  type Centi,
  competitionRanks,
  computeResult,
  frameworkFor,
  INDICATOR_NUMBERS,
  type IndicatorNumber,
  type IndicatorScores,
} from "@prongsai/ita";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn } from "./accounts";
import { api } from "./helpers";
import { rng } from "./rng";

/**
 * Agency profile and agency list. A tenant of 14 agencies (two types, three sizes and an unknown size) over
 * FY 2564–2566, with agencies missing a year, a latest row without a total, a tie, a missing indicator and OIT
 * items for 2566. Ranks are checked against ita `competitionRanks`; peer statistics against a plain sort-based
 * computation written here (not ita's); the Bangkok-like and OIT expectations are literal numbers.
 */

const T = "prof";
const T_LIST = "prof-list";
const T_OTHER = "prof-other";
let cookie = "";

type Size = "S" | "M" | "L" | null;
type Type = "sao" | "town";

interface FixtureAgency {
  code: string;
  name: string;
  nameEn?: string;
  type: Type;
  size: Size;
  district?: string;
}

/** One stored agency-year, as inserted (centi). */
interface Stored {
  code: string;
  year: number;
  iit: Centi | null;
  eit: Centi | null;
  eitPart1: Centi | null;
  eitPart2: Centi | null;
  oit: Centi | null;
  indicators: Record<IndicatorNumber, Centi | null>;
  total: Centi | null;
  rating: string | null;
}

const AGENCIES: FixtureAgency[] = [
  { code: "BKK", name: "กรุงเทพจำลอง", nameEn: "Bangkok-like", type: "sao", size: "S", district: "พระนคร" },
  { code: "PS2", name: "องค์การบริหารส่วนตำบลนาสาร", type: "sao", size: "S" },
  { code: "PS3", name: "องค์การบริหารส่วนตำบลเขาพระ", type: "sao", size: "S" },
  { code: "PS4", name: "องค์การบริหารส่วนตำบลควนโดน", type: "sao", size: "S" },
  { code: "PS5", name: "องค์การบริหารส่วนตำบลกะเปอร์", type: "sao", size: "S" },
  { code: "PM1", name: "องค์การบริหารส่วนตำบลไก่ป่า", type: "sao", size: "M" },
  { code: "PM2", name: "องค์การบริหารส่วนตำบลขุนยวม", type: "sao", size: "M" },
  { code: "PM3", name: "องค์การบริหารส่วนตำบลบ้านนา", type: "sao", size: "M" },
  { code: "PM4", name: "องค์การบริหารส่วนตำบลท่าศาลา", type: "sao", size: "M" },
  { code: "PM5", name: "องค์การบริหารส่วนตำบลเกาะยาว", type: "sao", size: "M" },
  { code: "TL1", name: "เทศบาลเมืองทุ่งสง", type: "town", size: "L" },
  { code: "TL2", name: "เทศบาลเมืองปากพนัง", type: "town", size: "L" },
  { code: "TL3", name: "เทศบาลเมืองกระบี่", type: "town", size: "L" },
  { code: "TN", name: "เทศบาลเมืองขนอม", type: "town", size: null },
];

// Which years each agency has (PS3 misses 2565; PM4 and PM5 stop early; PM3's 2566 has no total).
const YEARS: Record<string, number[]> = {
  PS3: [2564, 2566],
  PM4: [2564],
  PM5: [2565],
};

const random = rng(2566);
const score = () => 6000 + Math.floor(random() * 4001);

function indicatorsRecord(i: IndicatorScores): Record<IndicatorNumber, Centi | null> {
  return Object.fromEntries(INDICATOR_NUMBERS.map((n) => [n, i[n] ?? null])) as Record<IndicatorNumber, Centi | null>;
}

function derive(code: string, year: number, indicators: IndicatorScores, items?: Record<string, boolean>): Stored {
  const fw = frameworkFor(year);
  if (!fw) throw new Error(`no framework ${year}`);
  const r = computeResult(fw, { indicators, ...(items ? { items } : {}) });
  return {
    code,
    year,
    iit: r.tools.iit,
    eit: r.tools.eit,
    eitPart1: r.tools.eitPart1 ?? null,
    eitPart2: r.tools.eitPart2 ?? null,
    oit: r.tools.oit,
    indicators: indicatorsRecord(r.indicators),
    total: r.total,
    rating: r.rating?.key ?? null,
  };
}

const randomIndicators = (): IndicatorScores => Object.fromEntries(INDICATOR_NUMBERS.map((n) => [n, score()]));

// PS2 2566: OIT items, with O1 (9.1), O19 (9.3) and O39 (10.2) failed and O31 (10.1) not stored.
const PS2_FAILED = ["O1", "O19", "O39"];
const PS2_UNSTORED = "O31";
const OIT_2566 = Array.from({ length: 43 }, (_, k) => `O${k + 1}`);

function buildFixture(): Stored[] {
  const rows: Stored[] = [];
  for (const a of AGENCIES) {
    for (const year of YEARS[a.code] ?? [2564, 2565, 2566]) {
      if (a.code === "BKK" && year === 2566) {
        // Bangkok 2566 as published: IIT 82.44, EIT 80.82 (parts 79.40/82.24), OIT 100, total 88.98, ผ่าน.
        rows.push({
          code: a.code,
          year,
          iit: 8244,
          eit: 8082,
          eitPart1: 7940,
          eitPart2: 8224,
          oit: 10000,
          indicators: indicatorsRecord({
            1: 9000,
            2: 7800,
            3: 8100,
            4: 8500,
            5: 8400,
            6: 7500,
            7: 8500,
            8: 8800,
            9: 10000,
            10: 10000,
          }),
          total: 8898,
          rating: "pass",
        });
      } else if (a.code === "PS2" && year === 2566) {
        const items = Object.fromEntries(
          OIT_2566.filter((c) => c !== PS2_UNSTORED).map((c) => [c, !PS2_FAILED.includes(c)]),
        );
        const ind = randomIndicators();
        delete ind[9];
        delete ind[10];
        const r = derive(a.code, year, ind, { ...items, [PS2_UNSTORED]: true });
        r.indicators[4] = null; // a missing indicator: the tools and total stay as published
        rows.push(r);
      } else if (a.code === "PS5" && year === 2566) {
        const twin = rows.find((r) => r.code === "PS4" && r.year === 2566);
        if (!twin) throw new Error("PS4 first");
        rows.push({ ...twin, code: "PS5" }); // a tie
      } else if (a.code === "PM3" && year === 2566) {
        rows.push(derive(a.code, year, { 1: score(), 2: score(), 3: score() })); // no total
      } else {
        rows.push(derive(a.code, year, randomIndicators()));
      }
    }
  }
  const tn = rows.find((r) => r.code === "TN" && r.year === 2564);
  if (tn) tn.rating = null; // stored without a rating: the profile rates it with ita and says so
  return rows;
}

const FIXTURE = buildFixture();

async function insertTenant(slug: string, agencies: FixtureAgency[], rows: Stored[]) {
  const t = await env.DB.prepare("INSERT INTO tenants (slug, name) VALUES (?, ?) RETURNING id")
    .bind(slug, `จังหวัด ${slug}`)
    .first<{ id: number }>();
  if (!t) throw new Error("tenant");
  const ids = new Map<string, number>();
  for (const a of agencies) {
    const row = await env.DB.prepare(
      "INSERT INTO agencies (tenant_id, code, name_th, name_en, type, size, district) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
      .bind(t.id, a.code, a.name, a.nameEn ?? null, a.type, a.size, a.district ?? null)
      .first<{ id: number }>();
    ids.set(a.code, row?.id ?? 0);
  }
  const cols = INDICATOR_NUMBERS.map((n) => `ind${n}`).join(", ");
  await env.DB.batch(
    rows.map((r) =>
      env.DB.prepare(
        `INSERT INTO results (tenant_id, agency_id, fiscal_year, iit, eit, eit_part1, eit_part2, oit, ${cols}, total, rating, source)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ${INDICATOR_NUMBERS.map(() => "?").join(", ")}, ?, ?, 'manual')`,
      ).bind(
        t.id,
        ids.get(r.code),
        r.year,
        r.iit,
        r.eit,
        r.eitPart1,
        r.eitPart2,
        r.oit,
        ...INDICATOR_NUMBERS.map((n) => r.indicators[n]),
        r.total,
        r.rating,
      ),
    ),
  );
  return { id: t.id, ids };
}

beforeAll(async () => {
  const prof = await insertTenant(T, AGENCIES, FIXTURE);
  const ps2 = prof.ids.get("PS2");
  await env.DB.batch(
    OIT_2566.filter((c) => c !== PS2_UNSTORED).map((c) =>
      env.DB.prepare(
        "INSERT INTO item_scores (tenant_id, agency_id, fiscal_year, tool, item_code, score) VALUES (?, ?, 2566, 'oit', ?, ?)",
      ).bind(prof.id, ps2, c, PS2_FAILED.includes(c) ? 0 : 10000),
    ),
  );
  const list = await insertTenant(T_LIST, LIST_AGENCIES, LIST_ROWS);
  // Another tenant with an agency code of its own and one shared with prof, to show nothing crosses over.
  await insertTenant(
    T_OTHER,
    [
      { code: "XOTHER", name: "หน่วยงานอื่น", type: "sao", size: "S" },
      { code: "BKK", name: "OTHER-TENANT-BKK", type: "sao", size: "S" },
    ],
    [{ ...FIXTURE[0], code: "BKK", year: 2566, total: 10000 } as Stored],
  );
  await createUser("admin@prof.test", {
    memberships: [
      { tenantId: prof.id, role: "executive" },
      { tenantId: list.id, role: "executive" },
    ],
  });
  cookie = await signIn("admin@prof.test");
});

async function getJson<R>(path: string): Promise<R> {
  const res = await api(path, { headers: { cookie } });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as R;
}

// ---- the response shapes the tests read -------------------------------------------------------------------

interface Rating {
  key: string;
  label: { th: string; en: string };
  passed: boolean;
  derived: boolean;
}
interface Stat {
  n: number;
  mean: number | null;
  median: number | null;
  p25: number | null;
  p75: number | null;
  value: number | null;
  percentile: number | null;
}
interface Profile {
  code: string;
  nameTh: string;
  type: string;
  size: string | null;
  district: string | null;
  years: {
    fiscalYear: number;
    iit: number | null;
    eit: number | null;
    eitPart1: number | null;
    eitPart2: number | null;
    oit: number | null;
    indicators: Record<string, number | null>;
    total: number | null;
    rating: Rating | null;
    rank: number | null;
    ranked: number;
    previous: { fiscalYear: number; total: number } | null;
    delta: number | null;
  }[];
  latest: {
    fiscalYear: number;
    weakIndicators: { indicator: number; tool: string; name: { th: string }; score: number; gap: number }[] | null;
    nextRating: {
      next: { key: string; label: { th: string; en: string } } | null;
      totalNeeded: number | null;
      toolsBelow: { tool: string; score: number | null; floor: number; gap: number | null }[];
    } | null;
    peerGroup: {
      basis: string;
      fallback: boolean;
      n: number;
      size: string | null;
      typeSizeN: number | null;
      reasonTh: string;
      reasonEn: string;
    };
    peerStats: { total: Stat; tools: (Stat & { tool: string })[]; indicators: (Stat & { indicator: number })[] };
    peers: { code: string; name: string; total: number; rating: Rating | null; self: boolean }[];
  } | null;
  oit: {
    fiscalYear: number;
    catalogueId: string | null;
    passed: number;
    items: {
      code: string;
      subIndicator: string;
      indicator: number;
      passed: boolean;
      known: boolean;
      gain: number;
      title: string;
    }[];
  }[];
  oitUnavailable: { fiscalYear: number; catalogueStatus: string }[];
}

const profile = (code: string, tenant = T) => getJson<Profile>(`/api/tenants/${tenant}/agencies/${code}`);
const agencyOf = (code: string) => AGENCIES.find((a) => a.code === code) as FixtureAgency;
const pts = (c: number | null) => (c === null ? null : c / 100);

// ---- an independent computation of peer statistics: sort, interpolate, round half up in integers -----------

/** Quartile k/4 by linear interpolation between closest ranks on (n − 1)·k/4, rounded half up to a centi. */
function quartile(values: number[], k: number): number {
  const v = [...values].sort((a, b) => a - b);
  const pos4 = (v.length - 1) * k; // position × 4
  const lo = Math.floor(pos4 / 4);
  const r = pos4 % 4;
  const hi = Math.min(lo + 1, v.length - 1);
  const x4 = 4 * (v[lo] as number) + ((v[hi] as number) - (v[lo] as number)) * r; // value × 4
  return Math.floor((x4 + 2) / 4);
}
const roundDiv = (num: number, den: number) => Math.floor((2 * num + den) / (2 * den));

function expectedStat(values: number[], value: number | null): Stat {
  if (values.length === 0)
    return { n: 0, mean: null, median: null, p25: null, p75: null, value: pts(value), percentile: null };
  const below = value === null ? 0 : values.filter((x) => x < value).length;
  const equal = value === null ? 0 : values.filter((x) => x === value).length;
  return {
    n: values.length,
    mean: pts(
      roundDiv(
        values.reduce((s, x) => s + x, 0),
        values.length,
      ),
    ),
    median: pts(quartile(values, 2)),
    p25: pts(quartile(values, 1)),
    p75: pts(quartile(values, 3)),
    value: pts(value),
    percentile: value === null ? null : pts(roundDiv(10000 * (2 * below + equal), 2 * values.length)),
  };
}

/** The fixture's rows of `year` with a total, for agencies matching `keep`. */
function groupRows(year: number, keep: (a: FixtureAgency) => boolean): Stored[] {
  return FIXTURE.filter((r) => r.year === year && r.total !== null && keep(agencyOf(r.code)));
}

function expectPeerStats(p: Profile, group: Stored[], own: Stored) {
  const latest = p.latest;
  if (!latest) throw new Error("no latest");
  const known = (pick: (r: Stored) => number | null) =>
    group.map(pick).filter((v): v is number => v !== null) as number[];
  expect(latest.peerStats.total).toEqual(
    expectedStat(
      known((r) => r.total),
      own.total,
    ),
  );
  for (const tool of ["iit", "eit", "oit"] as const) {
    expect(latest.peerStats.tools.find((t) => t.tool === tool)).toEqual({
      tool,
      ...expectedStat(
        known((r) => r[tool]),
        own[tool],
      ),
    });
  }
  for (const n of INDICATOR_NUMBERS) {
    expect(latest.peerStats.indicators.find((i) => i.indicator === n)).toEqual({
      indicator: n,
      ...expectedStat(
        known((r) => r.indicators[n]),
        own.indicators[n],
      ),
    });
  }
  const thai = new Intl.Collator("th");
  const expectedPeers = [...group]
    .sort(
      (a, b) => (b.total as number) - (a.total as number) || thai.compare(agencyOf(a.code).name, agencyOf(b.code).name),
    )
    .map((r) => ({ code: r.code, total: pts(r.total), self: r.code === own.code }));
  expect(latest.peers.map((x) => ({ code: x.code, total: x.total, self: x.self }))).toEqual(expectedPeers);
}

// ---------------------------------------------------------------------------------------------------------------

describe("agency profile: every year", () => {
  it("shows each year's scores, rating, rank in the tenant (ita competitionRanks) and change from the previous year with a total", async () => {
    for (const a of AGENCIES) {
      const p = await profile(a.code);
      expect(p).toMatchObject({ code: a.code, nameTh: a.name, nameEn: a.nameEn ?? null, type: a.type, size: a.size });
      const own = FIXTURE.filter((r) => r.code === a.code).sort((x, y) => x.year - y.year);
      expect(p.years.map((y) => y.fiscalYear)).toEqual(own.map((r) => r.year));
      let previous: Stored | null = null;
      for (const [i, r] of own.entries()) {
        const y = p.years[i];
        if (!y) throw new Error("missing year");
        const yearRows = FIXTURE.filter((x) => x.year === r.year);
        const ranks = competitionRanks(yearRows.map((x) => x.total));
        const rank = ranks[yearRows.findIndex((x) => x.code === a.code)];
        expect(y, `${a.code} ${r.year}`).toMatchObject({
          iit: pts(r.iit),
          eit: pts(r.eit),
          eitPart1: pts(r.eitPart1),
          eitPart2: pts(r.eitPart2),
          oit: pts(r.oit),
          indicators: Object.fromEntries(INDICATOR_NUMBERS.map((n) => [String(n), pts(r.indicators[n])])),
          total: pts(r.total),
          rank,
          ranked: yearRows.filter((x) => x.total !== null).length,
          previous: previous ? { fiscalYear: previous.year, total: pts(previous.total) } : null,
          delta: previous && r.total !== null ? pts(r.total - (previous.total as number)) : null,
        });
        if (r.total !== null) {
          const fw = frameworkFor(r.year);
          expect(y.rating?.key).toBe(r.rating ?? computeResult(fw as never, { indicators: r.indicators }).rating?.key);
          previous = r;
        } else {
          expect(y.rating).toBeNull();
        }
      }
    }
  });

  it("uses the latest earlier year with a total for the change (PS3 has no 2565)", async () => {
    const p = await profile("PS3");
    const y2566 = p.years.find((y) => y.fiscalYear === 2566);
    expect(y2566?.previous?.fiscalYear).toBe(2564);
  });

  it("gives equal totals the same rank", async () => {
    const [a, b] = await Promise.all([profile("PS4"), profile("PS5")]);
    const rank = (p: Profile) => p.years.find((y) => y.fiscalYear === 2566)?.rank;
    expect(rank(a)).toBe(rank(b));
    expect(a.latest?.peerStats.total.percentile).toBe(b.latest?.peerStats.total.percentile);
  });

  it("labels ratings from the year's scheme, and rates a row stored without one (marked derived)", async () => {
    const tn = await profile("TN");
    const y2564 = tn.years.find((y) => y.fiscalYear === 2564);
    expect(y2564?.rating?.derived).toBe(true);
    expect(tn.years.find((y) => y.fiscalYear === 2565)?.rating?.derived).toBe(false);
    const bkk = await profile("BKK");
    expect(bkk.years.find((y) => y.fiscalYear === 2566)?.rating).toEqual({
      key: "pass",
      label: { th: "ผ่าน", en: "Pass" },
      passed: true,
      derived: false,
    });
  });

  it("analyses the latest year with a total: PM3's 2566 row has none, so its latest is 2565", async () => {
    const p = await profile("PM3");
    expect(p.years.find((y) => y.fiscalYear === 2566)).toMatchObject({ total: null, rank: null, rating: null });
    expect(p.latest?.fiscalYear).toBe(2565);
    // 2565 is a letter-grade year: the next rating is the next grade up, with no tool floors.
    expect(p.latest?.nextRating?.toolsBelow).toEqual([]);
  });

  it("answers an unknown agency, and another tenant's agency, with 404 problem+json", async () => {
    for (const path of [`/api/tenants/${T}/agencies/NOPE`, `/api/tenants/${T}/agencies/XOTHER`]) {
      const res = await api(path, { headers: { cookie } });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    }
    const text = JSON.stringify(await profile("BKK"));
    expect(text).not.toContain("OTHER-TENANT-BKK");
  });
});

describe("agency profile: the latest year", () => {
  it("lists weak indicators by gap and what stops ผ่านดี for a ผ่าน agency (Bangkok-like 2566)", async () => {
    const p = await profile("BKK");
    expect(p.latest?.fiscalYear).toBe(2566);
    expect(p.latest?.weakIndicators?.map((w) => [w.indicator, w.tool, w.score, w.gap])).toEqual([
      [6, "eit", 75, 10],
      [2, "iit", 78, 7],
      [3, "iit", 81, 4],
      [5, "iit", 84, 1],
    ]);
    expect(p.latest?.weakIndicators?.[0]?.name.th).toBeTruthy();
    expect(p.latest?.nextRating).toMatchObject({
      next: { key: "good", label: { th: "ผ่านดี", en: "Good pass" } },
      totalNeeded: 0,
      toolsBelow: [
        { tool: "eit", score: 80.82, floor: 85, gap: 4.18 },
        { tool: "iit", score: 82.44, floor: 85, gap: 2.56 },
      ],
    });
  });

  it("compares with the same type and size when that group has 5 agencies with a total (itself included)", async () => {
    const p = await profile("BKK");
    expect(p.latest?.peerGroup).toMatchObject({ basis: "type+size", fallback: false, n: 5, size: "S", typeSizeN: 5 });
    const own = FIXTURE.find((r) => r.code === "BKK" && r.year === 2566) as Stored;
    expectPeerStats(
      p,
      groupRows(2566, (a) => a.type === "sao" && a.size === "S"),
      own,
    );
  });

  it("falls back to the type when fewer than 5 of the same type and size have a total, and says so", async () => {
    // PM1..PM5 are five sao/M agencies, but only PM1 and PM2 have a 2566 total.
    const p = await profile("PM1");
    const sao = groupRows(2566, (a) => a.type === "sao");
    expect(p.latest?.peerGroup).toMatchObject({
      basis: "type",
      fallback: true,
      n: sao.length,
      size: null,
      typeSizeN: 2,
    });
    expect(sao.length).toBe(7);
    expect(p.latest?.peerGroup.reasonTh).toContain("น้อยกว่า 5");
    expect(p.latest?.peerGroup.reasonEn).toContain("fewer than 5");
    expectPeerStats(p, sao, FIXTURE.find((r) => r.code === "PM1" && r.year === 2566) as Stored);

    const tl = await profile("TL1");
    expect(tl.latest?.peerGroup).toMatchObject({ basis: "type", fallback: true, n: 4, typeSizeN: 3 });
  });

  it("compares with the type when the size is unknown (not a fallback)", async () => {
    const p = await profile("TN");
    expect(p.latest?.peerGroup).toMatchObject({ basis: "type", fallback: false, n: 4, typeSizeN: null });
    expectPeerStats(
      p,
      groupRows(2566, (a) => a.type === "town"),
      FIXTURE.find((r) => r.code === "TN" && r.year === 2566) as Stored,
    );
  });

  it("counts a missing indicator out of that indicator's statistics and percentile (PS2's indicator 4)", async () => {
    const p = await profile("PS2");
    const ind4 = p.latest?.peerStats.indicators.find((i) => i.indicator === 4);
    expect(ind4).toMatchObject({ n: 4, value: null, percentile: null });
    expectPeerStats(
      p,
      groupRows(2566, (a) => a.type === "sao" && a.size === "S"),
      FIXTURE.find((r) => r.code === "PS2" && r.year === 2566) as Stored,
    );
  });

  it("peer statistics of a letter-grade year too (PM3's latest is 2565)", async () => {
    const p = await profile("PM3");
    // 2565 sao/M with a total: PM1, PM2, PM3, PM5 (4 < 5) → all sao of 2565.
    const sao = groupRows(2565, (a) => a.type === "sao");
    expect(p.latest?.peerGroup).toMatchObject({ basis: "type", fallback: true, n: sao.length, typeSizeN: 4 });
    expectPeerStats(p, sao, FIXTURE.find((r) => r.code === "PM3" && r.year === 2565) as Stored);
  });
});

describe("agency profile: OIT items", () => {
  it("lists 2566 items with pass/fail and point gain, biggest gain first (10.2 = 2.00, 9.1 = 0.40)", async () => {
    const p = await profile("PS2");
    expect(p.oitUnavailable).toEqual([]);
    expect(p.oit.map((o) => o.fiscalYear)).toEqual([2566]);
    const y = p.oit[0];
    if (!y) throw new Error("no 2566");
    expect(y.items).toHaveLength(43);
    expect(y.passed).toBe(39);
    expect(y.items.slice(0, 4).map((i) => [i.code, i.subIndicator, i.passed, i.known, i.gain])).toEqual([
      ["O39", "10.2", false, true, 2], // 20 / (5 items × 2 sub-indicators)
      ["O31", "10.1", false, false, 1.25], // not stored: counted as failed, 20 / (8 × 2)
      ["O19", "9.3", false, true, 1], // 20 / (4 × 5)
      ["O1", "9.1", false, true, 0.4], // 20 / (10 × 5)
    ]);
    const rest = y.items.slice(4);
    expect(rest.every((i) => i.passed && i.gain === 0)).toBe(true);
    expect(rest.map((i) => i.code)).toEqual(OIT_2566.filter((c) => !PS2_FAILED.includes(c) && c !== PS2_UNSTORED));
    expect(y.items[0]?.title).toBeTruthy();
  });

  it("has no OIT section for an agency without item scores", async () => {
    const p = await profile("BKK");
    expect(p.oit).toEqual([]);
  });
});

// ---- the agency list --------------------------------------------------------------------------------------------

interface ListItem {
  code: string;
  nameTh: string;
  nameEn: string | null;
  district: string | null;
  latestYear: number | null;
  latestTotal: number | null;
  rating: Rating | null;
}

const LIST_AGENCIES: FixtureAgency[] = [
  { code: "L3", name: "คลองท่อม", type: "sao", size: "S" },
  { code: "L1", name: "เขาพระ", nameEn: "Khao Phra", type: "sao", size: "M" },
  { code: "L5", name: "กะเปอร์", type: "sao", size: null, district: "ท่าศาลา" },
  { code: "L6", name: "=1+2", nameEn: "@SUM(A1)", type: "town", size: "L" },
  { code: "L2", name: "ไก่ป่า", type: "sao", size: "S" },
  { code: "L4", name: "ขุนยวม", type: "town", size: null },
];
const LIST_ROWS: Stored[] = [
  { ...(FIXTURE.find((r) => r.code === "BKK" && r.year === 2566) as Stored), code: "L3" },
  { ...(FIXTURE.find((r) => r.code === "PS2" && r.year === 2565) as Stored), code: "L3", year: 2565 },
  { ...(FIXTURE.find((r) => r.code === "PM3" && r.year === 2565) as Stored), code: "L1" },
  { ...(FIXTURE.find((r) => r.code === "PM3" && r.year === 2566) as Stored), code: "L1" }, // no total
  { ...(FIXTURE.find((r) => r.code === "PM4" && r.year === 2564) as Stored), code: "L2" },
];
// Thai order: leading vowels (เ, ไ) sort by their consonant, unlike code-point order.
const THAI_ORDER = ["=1+2", "กะเปอร์", "ไก่ป่า", "ขุนยวม", "เขาพระ", "คลองท่อม"];

describe("agency list", () => {
  it("gives each agency its latest year with a total, that total and its rating (every agency of the profile tenant)", async () => {
    const rows = await getJson<ListItem[]>(`/api/tenants/${T}/agencies`);
    expect(rows).toHaveLength(AGENCIES.length);
    for (const a of AGENCIES) {
      const latest = FIXTURE.filter((r) => r.code === a.code && r.total !== null).sort((x, y) => y.year - x.year)[0];
      const row = rows.find((r) => r.code === a.code);
      expect(row, a.code).toMatchObject({ latestYear: latest?.year ?? null, latestTotal: pts(latest?.total ?? null) });
      const p = await profile(a.code);
      expect(row?.rating).toEqual(p.years.find((y) => y.fiscalYear === latest?.year)?.rating ?? null);
    }
    const thai = new Intl.Collator("th");
    expect(rows.map((r) => r.nameTh)).toEqual(AGENCIES.map((a) => a.name).sort(thai.compare));
  });

  it("sorts in Thai order and searches code, Thai and English name and district", async () => {
    const rows = await getJson<ListItem[]>(`/api/tenants/${T_LIST}/agencies`);
    expect(rows.map((r) => r.nameTh)).toEqual(THAI_ORDER);
    expect(rows.find((r) => r.code === "L3")).toMatchObject({
      latestYear: 2566,
      latestTotal: 88.98,
      rating: { key: "pass", label: { th: "ผ่าน", en: "Pass" }, passed: true, derived: false },
    });
    expect(rows.find((r) => r.code === "L1")?.latestYear).toBe(2565);
    expect(rows.find((r) => r.code === "L4")).toMatchObject({ latestYear: null, latestTotal: null, rating: null });

    const search = async (q: string) =>
      (await getJson<ListItem[]>(`/api/tenants/${T_LIST}/agencies?q=${encodeURIComponent(q)}`)).map((r) => r.code);
    expect(await search("ขุน")).toEqual(["L4"]);
    expect(await search("khao")).toEqual(["L1"]);
    expect(await search("ท่าศาลา")).toEqual(["L5"]);
    expect(await search("l2")).toEqual(["L2"]);
    expect(await search("ก")).toEqual(["L5", "L2"]); // กะเปอร์, ไก่ป่า: Thai order, not code order
  });

  it("gives the same rows as CSV with a UTF-8 BOM and formula-safe text cells", async () => {
    const res = await api(`/api/tenants/${T_LIST}/agencies?format=csv`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toContain(`prongsai-agencies-${T_LIST}.csv`);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    const [header, ...body] = parsed;
    expect(header?.[0]).toContain("agency_code");
    const json = await getJson<ListItem[]>(`/api/tenants/${T_LIST}/agencies`);
    expect(body.map((r) => r[0])).toEqual(json.map((r) => r.code));
    const l6 = body.find((r) => r[0] === "L6");
    expect(l6?.[1]).toBe("'=1+2");
    expect(l6?.[2]).toBe("'@SUM(A1)");
    const l3 = body.find((r) => r[0] === "L3") ?? [];
    const col = (key: string) => header?.findIndex((h) => h.includes(`(${key})`)) ?? -1;
    expect([l3[col("latest_year")], l3[col("latest_total")], l3[col("rating")], l3[col("rating_th")]]).toEqual([
      "2566",
      "88.98",
      "pass",
      "ผ่าน",
    ]);
  });

  it("rejects an unknown format with 400 problem+json", async () => {
    const res = await api(`/api/tenants/${T_LIST}/agencies?format=xml`, { headers: { cookie } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});
