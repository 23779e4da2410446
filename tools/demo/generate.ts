/**
 * Deterministic demo data for Prongsai: two synthetic provinces (tenants `demo` and `demo2`), their local
 * agencies, ITA results 2564–2568, OIT item scores where the year has a complete catalogue, and a 2570
 * disclosure cycle with evidence records in mixed states.
 *
 * - Pure and deterministic: a seeded PRNG (mulberry32, one stream per purpose); never Math.random or the
 *   clock. The same seed gives byte-identical SQL.
 * - Every score derivation goes through @prongsai/ita: OIT items → indicators 9/10
 *   (oitIndicatorsFromItems), indicators → tools → total → rating (computeResult). This file only draws
 *   indicator values and item pass/fail; it never averages or weighs scores itself.
 * - Yearly means follow NACC's national averages (shared/domain/national-results.csv): one level offset per
 *   year is found by bisection so the demo province's mean total lands on the national figure; the spread
 *   (agency effect, laggards, yearly noise) is chosen so the pass rates come out close to the national ones.
 */
import {
  type Centi,
  computeResult,
  type Framework,
  frameworkFor,
  type IndicatorNumber,
  type IndicatorScores,
  oitIndicatorsFromItems,
} from "@prongsai/ita";
import { type PlaceName, PlaceNamePool } from "./names";
import { type Rng, sigmoid, stream } from "./rng";
import { insertStatements, type SqlValue } from "./sql";

export type AgencyType = "pao" | "city" | "town" | "subdistrict" | "sao" | "other";
export type AgencySize = "S" | "M" | "L";
export type DisclosureStatus = "not_started" | "in_progress" | "submitted" | "approved" | "needs_fix";

export interface DemoTenant {
  id: number;
  slug: string;
  name: string;
  nameEn: string;
  synthetic: 0 | 1;
}

export interface DemoAgency {
  id: number;
  tenantId: number;
  /** 7-digit LAO-style code: type digit, province 99/98 (not a real province), district, sequence. */
  code: string;
  nameTh: string;
  nameEn: string | null;
  type: AgencyType;
  size: AgencySize | null;
  district: string;
  website: string;
}

/** One results row; every score in centi (hundredths). */
export interface DemoResult {
  tenantId: number;
  agencyId: number;
  fiscalYear: number;
  /** Indicators 1–10; all null for rows typed from a report that only shows tools and total. */
  indicators: Record<IndicatorNumber, Centi | null>;
  iit: Centi;
  eit: Centi;
  eitPart1: Centi | null;
  eitPart2: Centi | null;
  oit: Centi;
  total: Centi;
  /** Rating key from @prongsai/ita (AA…F until 2565, excellent/good/pass/fail from 2566). */
  rating: string;
  source: "demo";
  sourceNote: string;
}

export interface DemoItemScore {
  tenantId: number;
  agencyId: number;
  fiscalYear: number;
  tool: "oit";
  itemCode: string;
  /** 0 or 10000 (centi). */
  score: Centi;
}

export interface DemoDisclosureCycle {
  tenantId: number;
  fiscalYear: number;
  catalogueYear: number;
  standIn: 0 | 1;
  submitBy: string;
  reviewBy: string;
}

export interface DemoDisclosureRecord {
  tenantId: number;
  agencyId: number;
  fiscalYear: number;
  itemCode: string;
  status: DisclosureStatus;
  evidenceUrls: string[];
  note: string | null;
  reviewVerdict: "approved" | "needs_fix" | null;
  reviewComment: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  updatedBy: string | null;
  updatedAt: string;
  version: number;
}

export interface DemoData {
  seed: number;
  tenants: DemoTenant[];
  agencies: DemoAgency[];
  results: DemoResult[];
  itemScores: DemoItemScore[];
  disclosureCycles: DemoDisclosureCycle[];
  disclosureRecords: DemoDisclosureRecord[];
}

export interface GenerateOptions {
  seed?: number;
}

export const DEFAULT_SEED = 2568;
export const DEMO_YEARS = [2564, 2565, 2566, 2567, 2568] as const;
export const DEMO2_YEARS = [2566, 2567, 2568] as const;
export const SOURCE_NOTE = "ข้อมูลสังเคราะห์ — synthetic demo data";
/**
 * The disclosure cycle under way (fiscal year 2570: 1 Oct 2026 – 30 Sep 2027) and the catalogue standing in
 * for NACC's unpublished list. The demo shows it as of DEMO_AS_OF, seven weeks in, deadlines still ahead.
 */
export const DISCLOSURE_YEAR = 2570;
export const DISCLOSURE_CATALOGUE_YEAR = 2566;

/**
 * National mean totals (national-results.csv) the demo province follows, in points. Pass rates are not
 * calibrated directly; they follow from the spread (see YEAR_MODELS) and are checked by the tests.
 */
export const NATIONAL_MEANS: Readonly<Record<number, number>> = {
  2564: 81.25,
  2565: 87.57,
  2566: 90.2,
  2567: 93.05,
  2568: 93.82,
};

const INDICATORS: readonly IndicatorNumber[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

// ---------------------------------------------------------------------------------------------------------
// Agencies
// ---------------------------------------------------------------------------------------------------------

/** First digit of an LAO-style agency code, by type (shared with the benchmarks). */
export const TYPE_DIGIT: Record<AgencyType, string> = {
  pao: "2",
  city: "3",
  town: "4",
  subdistrict: "5",
  sao: "6",
  other: "7",
};

/** The name prefix of each agency type (องค์การบริหารส่วนตำบล…). */
export const TYPE_PREFIX: Record<AgencyType, string> = {
  pao: "องค์การบริหารส่วนจังหวัด",
  city: "เทศบาลนคร",
  town: "เทศบาลเมือง",
  subdistrict: "เทศบาลตำบล",
  sao: "องค์การบริหารส่วนตำบล",
  other: "",
};

/** Website host suffix per type, the way Thai LAO domains are usually built (nongbuacity.go.th …). */
const SITE_SUFFIX: Record<AgencyType, string> = {
  pao: "pao",
  city: "city",
  town: "town",
  subdistrict: "city",
  sao: "",
  other: "",
};

interface TenantPlan {
  id: number;
  slug: string;
  name: string;
  nameEn: string;
  /** Province part of names: สาธิต → องค์การบริหารส่วนจังหวัดสาธิต. */
  provinceTh: string;
  provinceSlug: string;
  provinceCode: string;
  firstAgencyId: number;
  districts: number;
  towns: number;
  subdistricts: number;
  saos: number;
  hasCity: boolean;
  years: readonly number[];
}

const DEMO_PLAN: TenantPlan = {
  id: 1,
  slug: "demo",
  name: "จังหวัดสาธิต",
  nameEn: "Demo Province (synthetic)",
  provinceTh: "สาธิต",
  provinceSlug: "sathit",
  provinceCode: "99",
  firstAgencyId: 1,
  districts: 14,
  towns: 4,
  subdistricts: 70,
  saos: 174,
  hasCity: true,
  years: DEMO_YEARS,
};

const DEMO2_PLAN: TenantPlan = {
  id: 2,
  slug: "demo2",
  name: "จังหวัดสาธิตสอง",
  nameEn: "Second Demo Province (synthetic)",
  provinceTh: "สาธิตสอง",
  provinceSlug: "sathitsong",
  provinceCode: "98",
  firstAgencyId: 1001,
  districts: 3,
  towns: 1,
  subdistricts: 3,
  saos: 7,
  hasCity: false,
  years: DEMO2_YEARS,
};

/** Largest-remainder split of `total` into parts proportional to `weights`. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  let left = total - out.reduce((s, n) => s + n, 0);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  return out;
}

function drawSize(rng: Rng, type: AgencyType): AgencySize {
  const u = rng.next();
  switch (type) {
    case "pao":
    case "city":
      return "L";
    case "town":
      return u < 0.75 ? "L" : "M";
    case "subdistrict":
      return u < 0.45 ? "L" : u < 0.92 ? "M" : "S";
    default:
      // NACC's national split for อบต.: L 2,600 · M 2,327 · S 373 (49 % · 44 % · 7 %).
      return u < 0.49 ? "L" : u < 0.93 ? "M" : "S";
  }
}

function buildAgencies(seed: number, plan: TenantPlan, pool: PlaceNamePool): DemoAgency[] {
  const rng = stream(seed, plan.slug, "agencies");
  const seat: PlaceName = { th: `เมือง${plan.provinceTh}`, slug: `mueang${plan.provinceSlug}` };
  pool.reserve(seat);
  const districts: PlaceName[] = [seat];
  while (districts.length < plan.districts) districts.push(pool.nextDistrict(rng));

  // The provincial seat district is the biggest; the others vary.
  const weights = districts.map((_, i) => (i === 0 ? 1.7 : 0.65 + rng.next() * 0.7));
  const subCounts = apportion(plan.subdistricts, weights);
  const saoCounts = apportion(plan.saos, weights);
  // Towns sit in the seats of the biggest non-seat districts (or the seat district when there is no city).
  const townDistricts = new Set(
    weights
      .map((w, i) => ({ w, i }))
      .filter(({ i }) => plan.hasCity === false || i > 0)
      .sort((a, b) => b.w - a.w || a.i - b.i)
      .slice(0, plan.towns)
      .map(({ i }) => i),
  );

  interface Draft {
    type: AgencyType;
    place: PlaceName;
    district: number;
    nameEn: string | null;
    isSeat: boolean;
  }
  const drafts: Draft[] = [];
  const provincial: PlaceName = { th: plan.provinceTh, slug: plan.provinceSlug };
  drafts.push({
    type: "pao",
    place: provincial,
    district: 0,
    nameEn: `${capitalise(plan.provinceSlug)} Provincial Administrative Organization`,
    isSeat: false,
  });
  if (plan.hasCity) {
    drafts.push({
      type: "city",
      place: provincial,
      district: 0,
      nameEn: `${capitalise(plan.provinceSlug)} City Municipality`,
      isSeat: true,
    });
  }
  districts.forEach((district, d) => {
    let subs = subCounts[d] ?? 0;
    const hasTown = townDistricts.has(d);
    if (hasTown) {
      const place = d === 0 ? provincial : district;
      drafts.push({ type: "town", place, district: d, nameEn: null, isSeat: true });
    } else if (!(d === 0 && plan.hasCity) && subs > 0) {
      // The district seat is a sub-district municipality that carries the district's name.
      drafts.push({ type: "subdistrict", place: district, district: d, nameEn: null, isSeat: true });
      subs--;
    }
    for (let i = 0; i < subs; i++) {
      drafts.push({ type: "subdistrict", place: pool.next(), district: d, nameEn: null, isSeat: false });
    }
    for (let i = 0; i < (saoCounts[d] ?? 0); i++) {
      drafts.push({ type: "sao", place: pool.next(), district: d, nameEn: null, isSeat: false });
    }
  });

  const seq = new Map<string, number>();
  const sites = new Set<string>();
  const agencies: DemoAgency[] = drafts.map((draft, index) => {
    const key = `${draft.type}|${draft.district}`;
    const n = (seq.get(key) ?? 0) + 1;
    seq.set(key, n);
    const code =
      draft.type === "pao"
        ? `${TYPE_DIGIT.pao}${plan.provinceCode}0000`
        : `${TYPE_DIGIT[draft.type]}${plan.provinceCode}${pad2(draft.district + 1)}${pad2(n)}`;
    let host = `${draft.place.slug}${SITE_SUFFIX[draft.type]}`;
    for (let k = 2; sites.has(host); k++) host = `${draft.place.slug}${SITE_SUFFIX[draft.type]}${k}`;
    sites.add(host);
    return {
      id: plan.firstAgencyId + index,
      tenantId: plan.id,
      code,
      nameTh: `${TYPE_PREFIX[draft.type]}${draft.place.th}`,
      nameEn: draft.nameEn,
      type: draft.type,
      size: drawSize(rng, draft.type),
      district: `อำเภอ${(districts[draft.district] as PlaceName).th}`,
      website: `https://${host}.go.th.example`,
    };
  });

  // A handful of LAOs whose size class is not known (size left blank on purpose).
  const unknownSize = plan.slug === "demo" ? 5 : 1;
  const candidates = agencies.filter((a) => a.type === "sao" || a.type === "subdistrict");
  for (const a of rng.shuffle(candidates).slice(0, unknownSize)) a.size = null;
  return agencies;
}

function pad2(n: number): string {
  if (n > 99) throw new RangeError(`code sequence ${n} does not fit two digits`);
  return String(n).padStart(2, "0");
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------------------------
// Scores
// ---------------------------------------------------------------------------------------------------------

/** Level parameters per year on the logit scale; `offset` (bisection) moves all of them together. */
interface YearModel {
  iit: number;
  eit: number;
  /** EIT part 2 relative to part 1 (from 2566). */
  eitPart2: number;
  /** Item years: how often a whole OIT sub-indicator section is on the website at all. */
  oitSection: number;
  /** Item years: how often an item of a present section passes. */
  oitItem: number;
  /** Direct years (no complete catalogue): level of indicators 9/10. */
  oitDirect: number;
  /** Laggards' extra handicap this year (they catch up as the checklist becomes routine). */
  lag: number;
  /** Year-to-year noise of an agency (logit scale). */
  noise: number;
}

const YEAR_MODELS: Readonly<Record<number, YearModel>> = {
  2564: { iit: 1.8, eit: 2.25, eitPart2: 0, oitSection: 0.2, oitItem: 0.9, oitDirect: 0, lag: -2.2, noise: 0.6 },
  2565: { iit: 2.0, eit: 2.35, eitPart2: 0, oitSection: 1.0, oitItem: 1.0, oitDirect: 0, lag: -1.6, noise: 0.55 },
  2566: { iit: 2.05, eit: 2.2, eitPart2: -0.1, oitSection: 1.6, oitItem: 1.9, oitDirect: 0, lag: -1.0, noise: 0.5 },
  2567: { iit: 2.2, eit: 2.35, eitPart2: -0.05, oitSection: 0, oitItem: 0, oitDirect: 2.4, lag: -0.6, noise: 0.45 },
  2568: { iit: 2.3, eit: 2.45, eitPart2: -0.05, oitSection: 0, oitItem: 0, oitDirect: 2.6, lag: -0.4, noise: 0.45 },
};

/** IIT indicators 1–5 and EIT 6–8: small fixed differences (the anti-corruption indicator 5 is lowest). */
const INDICATOR_EASE: Readonly<Record<number, number>> = {
  1: 0.4,
  2: 0,
  3: 0.1,
  4: 0.2,
  5: -0.15,
  6: 0.1,
  7: -0.05,
  8: 0,
};

/** How readily each OIT sub-indicator's section is published (basic information first, measures last). */
const SECTION_EASE: Readonly<Record<string, number>> = {
  "9.1": 1.2,
  "9.2": 0.4,
  "9.3": 0.6,
  "9.4": 0,
  "9.5": 0.1,
  "10.1": -0.1,
  "10.2": -0.5,
};

interface AgencyLatent {
  /** Persistent quality (good agencies stay good). */
  q: number;
  laggard: boolean;
}

function agencyLatent(seed: number, tenant: string, agency: DemoAgency): AgencyLatent {
  const rng = stream(seed, tenant, agency.code, "latent");
  const typeBonus: Record<AgencyType, number> = { pao: 0.7, city: 0.6, town: 0.35, subdistrict: 0.1, sao: 0, other: 0 };
  const sizeBonus = agency.size === "L" ? 0.15 : agency.size === "S" ? -0.35 : agency.size === null ? -0.1 : 0;
  const q = rng.normal() + typeBonus[agency.type] + sizeBonus;
  const laggard = agency.type !== "pao" && agency.type !== "city" && rng.chance(0.12);
  return { q, laggard };
}

/** Fixed random draws of one agency-year; the level offset is applied on top, so bisection is monotone. */
interface Draws {
  e: number;
  w: number;
  ind: number[];
  part1: number;
  part2: number;
  ind10Shared: number;
  section: Map<string, number>;
  item: Map<string, number>;
  direct9: number;
  direct10: number;
}

function drawYear(seed: number, tenant: string, agency: DemoAgency, year: number, fw: Framework): Draws {
  const rng = stream(seed, tenant, agency.code, year, "scores");
  const e = rng.normal();
  const w = rng.normal();
  const ind = INDICATORS.map(() => rng.normal());
  const part1 = rng.normal();
  const part2 = rng.normal();
  const ind10Shared = rng.normal();
  const direct9 = rng.normal();
  const direct10 = rng.normal();
  const section = new Map<string, number>();
  const item = new Map<string, number>();
  for (const sub of fw.oit.subIndicators) {
    section.set(sub.code, rng.normal());
    for (const it of sub.items) item.set(it.code, rng.normal());
  }
  return { e, w, ind, part1, part2, ind10Shared, section, item, direct9, direct10 };
}

function centiOf(x: number): Centi {
  return Math.min(10000, Math.max(0, Math.round(10000 * sigmoid(x))));
}

/** A direct indicator 9/10 value for years without a complete catalogue: steps of 2.5 points, many 100s. */
function directOit(x: number): Centi {
  const shortfall = Math.max(0, Math.min(1, 1.25 * sigmoid(-x) - 0.25));
  return Math.round(10000 - (10000 * Math.round(shortfall * 40)) / 40);
}

interface Drafted {
  indicators: IndicatorScores;
  eitPart1: Centi | null;
  eitPart2: Centi | null;
  /** OIT item results (item years only). */
  items: Record<string, boolean> | null;
}

function draftScores(fw: Framework, model: YearModel, latent: AgencyLatent, d: Draws, offset: number): Drafted {
  const { q } = latent;
  const lag = latent.laggard ? model.lag : 0;
  const e = d.e * model.noise;
  const w = d.w * model.noise;
  const indicators: IndicatorScores = {};
  for (const n of [1, 2, 3, 4, 5] as const) {
    indicators[n] = centiOf(
      model.iit + (INDICATOR_EASE[n] ?? 0) + 0.45 * q + 0.2 * lag + 0.5 * e + 0.3 * offset + 0.3 * (d.ind[n - 1] ?? 0),
    );
  }
  for (const n of [6, 7, 8] as const) {
    indicators[n] = centiOf(
      model.eit + (INDICATOR_EASE[n] ?? 0) + 0.25 * q + 0.4 * e + 0.2 * offset + 0.25 * (d.ind[n - 1] ?? 0),
    );
  }
  const hasParts = (fw.toolByKey.get("eit")?.parts.length ?? 0) > 0;
  const eitBase = model.eit + 0.25 * q + 0.4 * e + 0.2 * offset;
  const eitPart1 = hasParts ? centiOf(eitBase + 0.2 * d.part1) : null;
  const eitPart2 = hasParts ? centiOf(eitBase + model.eitPart2 + 0.35 * d.part2) : null;

  let items: Record<string, boolean> | null = null;
  if (fw.oit.status === "complete") {
    items = {};
    for (const sub of fw.oit.subIndicators) {
      const shared = sub.indicator === 10 ? 0.9 * d.ind10Shared : 0;
      const present =
        model.oitSection +
          (SECTION_EASE[sub.code] ?? 0) +
          1.1 * q +
          lag +
          1.2 * w +
          offset +
          0.8 * (d.section.get(sub.code) ?? 0) +
          shared >
        0;
      for (const it of sub.items) {
        items[it.code] =
          present && model.oitItem + 0.6 * q + 0.5 * lag + 0.6 * w + offset + (d.item.get(it.code) ?? 0) > 0;
      }
    }
    const fromItems = oitIndicatorsFromItems(fw, items).indicators;
    indicators[9] = fromItems[9];
    indicators[10] = fromItems[10];
  } else {
    const base = model.oitDirect + 1.0 * q + lag + 1.2 * w + offset;
    indicators[9] = directOit(base + 0.5 * d.direct9);
    indicators[10] = directOit(base - 0.4 + 0.7 * d.direct10);
  }
  return { indicators, eitPart1, eitPart2, items };
}

interface Scored extends Drafted {
  iit: Centi;
  eit: Centi;
  oit: Centi;
  total: Centi;
  rating: string;
}

function score(fw: Framework, drafted: Drafted): Scored {
  const computed = computeResult(fw, {
    indicators: drafted.indicators,
    tools: { eitPart1: drafted.eitPart1, eitPart2: drafted.eitPart2 },
  });
  const { iit, eit, oit } = computed.tools;
  if (iit === null || eit === null || oit === null || computed.total === null || computed.rating === null) {
    throw new Error(`demo: incomplete result for FY ${fw.fiscalYear}`);
  }
  return { ...drafted, iit, eit, oit, total: computed.total, rating: computed.rating.key };
}

interface AgencyYear {
  agency: DemoAgency;
  latent: AgencyLatent;
  draws: Draws;
}

/** Finds the level offset whose mean total (points) is closest to `target`; deterministic bisection. */
function calibrate(fw: Framework, model: YearModel, rows: readonly AgencyYear[], target: number): number {
  const meanAt = (offset: number) => {
    let sum = 0;
    for (const r of rows) sum += score(fw, draftScores(fw, model, r.latent, r.draws, offset)).total;
    return sum / rows.length / 100;
  };
  let lo = -6;
  let hi = 6;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (meanAt(mid) < target) lo = mid;
    else hi = mid;
  }
  return Math.abs(meanAt(lo) - target) <= Math.abs(meanAt(hi) - target) ? lo : hi;
}

function emptyIndicators(): Record<IndicatorNumber, Centi | null> {
  return { 1: null, 2: null, 3: null, 4: null, 5: null, 6: null, 7: null, 8: null, 9: null, 10: null };
}

/** Which agency-years have no row at all, and which rows only show tools and total. */
interface Gaps {
  missing: Set<string>;
  toolsOnly: Set<string>;
}

function planGaps(seed: number, plan: TenantPlan, agencies: readonly DemoAgency[]): Gaps {
  const missing = new Set<string>();
  const toolsOnly = new Set<string>();
  if (plan.slug !== "demo") return { missing, toolsOnly };
  const rng = stream(seed, plan.slug, "gaps");
  const subs = rng.shuffle(agencies.filter((a) => a.type === "subdistrict"));
  const saos = rng.shuffle(agencies.filter((a) => a.type === "sao"));
  // Two municipalities upgraded (new code) in 2565: no 2564 row.
  for (const a of subs.slice(0, 2)) missing.add(`${a.id}|2564`);
  // Three agencies not assessed (or not reported) in one year.
  for (const a of saos.slice(0, 3)) missing.add(`${a.id}|${rng.pick([2565, 2566, 2567])}`);
  // Five rows typed from a printed report: tools and total only.
  for (const a of saos.slice(3, 6)) toolsOnly.add(`${a.id}|2564`);
  for (const a of saos.slice(6, 8)) toolsOnly.add(`${a.id}|2565`);
  return { missing, toolsOnly };
}

function requireFramework(year: number): Framework {
  const fw = frameworkFor(year);
  if (!fw) throw new Error(`demo: no ITA framework for FY ${year}`);
  return fw;
}

function buildResults(
  seed: number,
  plans: readonly { plan: TenantPlan; agencies: DemoAgency[] }[],
): { results: DemoResult[]; itemScores: DemoItemScore[]; latents: Map<number, AgencyLatent> } {
  const latents = new Map<number, AgencyLatent>();
  for (const { plan, agencies } of plans) {
    for (const a of agencies) latents.set(a.id, agencyLatent(seed, plan.slug, a));
  }
  const gaps = new Map(plans.map(({ plan, agencies }) => [plan.slug, planGaps(seed, plan, agencies)]));
  const results: DemoResult[] = [];
  const itemScores: DemoItemScore[] = [];
  const calibrationPlan = plans[0];
  if (!calibrationPlan) return { results, itemScores, latents };

  for (const year of DEMO_YEARS) {
    const fw = requireFramework(year);
    const model = YEAR_MODELS[year] as YearModel;
    const rowsByTenant = plans.map(({ plan, agencies }) => {
      const g = gaps.get(plan.slug) as Gaps;
      const rows: AgencyYear[] = plan.years.includes(year)
        ? agencies
            .filter((a) => !g.missing.has(`${a.id}|${year}`))
            .map((agency) => ({
              agency,
              latent: latents.get(agency.id) as AgencyLatent,
              draws: drawYear(seed, plan.slug, agency, year, fw),
            }))
        : [];
      return { plan, rows, gaps: g };
    });
    // The demo province's mean follows the national one; demo2 shares the year's level.
    const calibrationRows = rowsByTenant[0]?.rows ?? [];
    const offset = calibrate(fw, model, calibrationRows, NATIONAL_MEANS[year] as number);

    for (const { rows, gaps: g } of rowsByTenant) {
      for (const { agency, latent, draws } of rows) {
        const s = score(fw, draftScores(fw, model, latent, draws, offset));
        const toolsOnly = g.toolsOnly.has(`${agency.id}|${year}`);
        let indicators = emptyIndicators();
        if (!toolsOnly) {
          indicators = { ...indicators };
          for (const n of INDICATORS) indicators[n] = s.indicators[n] ?? null;
        }
        results.push({
          tenantId: agency.tenantId,
          agencyId: agency.id,
          fiscalYear: year,
          indicators,
          iit: s.iit,
          eit: s.eit,
          eitPart1: s.eitPart1,
          eitPart2: s.eitPart2,
          oit: s.oit,
          total: s.total,
          rating: s.rating,
          source: "demo",
          sourceNote: SOURCE_NOTE,
        });
        if (s.items && !toolsOnly) {
          for (const it of fw.oit.items) {
            itemScores.push({
              tenantId: agency.tenantId,
              agencyId: agency.id,
              fiscalYear: year,
              tool: "oit",
              itemCode: it.code,
              score: s.items[it.code] ? 10000 : 0,
            });
          }
        }
      }
    }
  }
  return { results, itemScores, latents };
}

// ---------------------------------------------------------------------------------------------------------
// Disclosure cycle 2570 (2566 catalogue as a stand-in)
// ---------------------------------------------------------------------------------------------------------

const AGENCY_LABEL = "demo-agency";
const REVIEWER_LABEL = "demo-analyst";

const NOTES_IN_PROGRESS = [
  "อยู่ระหว่างรวบรวมข้อมูล",
  "รอผู้บริหารลงนาม",
  "อยู่ระหว่างจัดทำร่างเอกสาร",
  "รอข้อมูลจากกองคลัง",
  "รอข้อมูลจากสำนักปลัด",
  "กำลังปรับปรุงหน้าเว็บไซต์",
];
const NOTES_SUBMITTED = [
  "เผยแพร่บนเว็บไซต์หน่วยงานแล้ว",
  `ปรับปรุงข้อมูลเป็นปีงบประมาณ พ.ศ. ${DISCLOSURE_YEAR} แล้ว`,
  "แนบไฟล์ PDF ที่ผู้บริหารลงนามแล้ว",
  "ข้อมูลรายเดือนจะอัปเดตทุกสิ้นเดือน",
];
const COMMENTS_NEEDS_FIX = [
  "ลิงก์ไม่เปิด กรุณาตรวจสอบ",
  "ลิงก์ชี้ไปหน้าแรกของเว็บไซต์ กรุณาระบุหน้าที่มีข้อมูลโดยตรง",
  `ข้อมูลเป็นของปีงบประมาณ พ.ศ. ${DISCLOSURE_YEAR - 1} กรุณาปรับปรุงเป็นปี ${DISCLOSURE_YEAR}`,
  "ไม่พบข้อมูลตามลิงก์ที่แนบ",
  "ข้อมูลยังไม่ครบตามเกณฑ์ กรุณาเพิ่มเติม",
  "ไฟล์ PDF เปิดไม่ได้ กรุณาอัปโหลดใหม่",
  "เอกสารยังไม่มีลายมือชื่อผู้บริหาร",
];
const COMMENTS_APPROVED = ["ครบถ้วนตามเกณฑ์", "ถูกต้อง", "เรียบร้อย"];

/**
 * The cycle opened with the fiscal year (1 Oct 2026, 08:30 Bangkok); agencies update on the 50 days from then
 * (Bangkok office hours) and reviewers follow, all before DEMO_AS_OF (20 Nov 2026, 17:00 Bangkok).
 */
const CYCLE_OPENED = Date.UTC(2026, 9, 1, 1, 30, 0);
const DEMO_AS_OF = Date.UTC(2026, 10, 20, 10, 0, 0);
const ACTIVE_DAYS = 50;
const DAY_MS = 86_400_000;

function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

function officeTime(rng: Rng, dayStart: number, days: number): number {
  const day = dayStart + rng.int(0, days) * DAY_MS;
  // 08:30–16:30 Bangkok = 01:30–09:30 UTC, whole minutes.
  return day + (90 + rng.int(0, 480)) * 60_000;
}

function buildDisclosure(
  seed: number,
  plan: TenantPlan,
  agencies: readonly DemoAgency[],
  latents: ReadonlyMap<number, AgencyLatent>,
): { cycle: DemoDisclosureCycle; records: DemoDisclosureRecord[] } {
  const fw = requireFramework(DISCLOSURE_CATALOGUE_YEAR);
  const cycle: DemoDisclosureCycle = {
    tenantId: plan.id,
    fiscalYear: DISCLOSURE_YEAR,
    catalogueYear: DISCLOSURE_CATALOGUE_YEAR,
    standIn: 1,
    submitBy: "2027-04-30",
    reviewBy: "2027-05-31",
  };
  const rng = stream(seed, plan.slug, "disclosure");
  // A few agencies have not opened the checklist at all; a few are completely done.
  const order = [...agencies].sort((a, b) => (latents.get(a.id)?.q ?? 0) - (latents.get(b.id)?.q ?? 0) || a.id - b.id);
  const idle = new Set(
    rng
      .shuffle(order.slice(0, 40))
      .slice(0, 5)
      .map((a) => a.id),
  );
  const done = new Set(
    rng
      .shuffle(order.slice(-40))
      .slice(0, 4)
      .map((a) => a.id),
  );
  const dayFirst = Date.UTC(2026, 9, 1);

  const records: DemoDisclosureRecord[] = [];
  for (const agency of agencies) {
    const r = stream(seed, plan.slug, agency.code, "disclosure");
    const latent = latents.get(agency.id) as AgencyLatent;
    const readiness = 0.9 * latent.q + 0.5 * r.normal() + 0.2 - (latent.laggard ? 0.5 : 0);
    const needsFixRate = 0.08 + 0.2 * sigmoid(-readiness);
    for (const sub of fw.oit.subIndicators) {
      const ease = SECTION_EASE[sub.code] ?? 0;
      for (const item of sub.items) {
        // Six-month reports cannot be published before April.
        const itemEase = 0.5 * ease - (item.title.includes("6 เดือน") ? 0.9 : 0);
        const s = readiness + itemEase + 0.9 * r.normal();
        let status: DisclosureStatus;
        if (idle.has(agency.id)) status = "not_started";
        else if (done.has(agency.id)) status = "approved";
        else if (s < -1.0) status = "not_started";
        else if (s < -0.3) status = "in_progress";
        else if (s < 0.5) status = "submitted";
        else status = r.chance(needsFixRate) ? "needs_fix" : "approved";
        records.push(disclosureRecord(r, plan, agency, item.code, status, dayFirst));
      }
    }
  }
  return { cycle, records };
}

function disclosureRecord(
  r: Rng,
  plan: TenantPlan,
  agency: DemoAgency,
  itemCode: string,
  status: DisclosureStatus,
  dayFirst: number,
): DemoDisclosureRecord {
  const base: DemoDisclosureRecord = {
    tenantId: plan.id,
    agencyId: agency.id,
    fiscalYear: DISCLOSURE_YEAR,
    itemCode,
    status,
    evidenceUrls: [],
    note: null,
    reviewVerdict: null,
    reviewComment: null,
    reviewedBy: null,
    reviewedAt: null,
    updatedBy: null,
    updatedAt: isoAt(CYCLE_OPENED),
    version: 1,
  };
  if (status === "not_started") return base;

  const code = itemCode.toLowerCase();
  const urls = [`${agency.website}/ita/${DISCLOSURE_YEAR}/${code}`];
  if (r.chance(0.35)) urls.push(`${agency.website}/files/ita${DISCLOSURE_YEAR}/${code}-${r.int(1, 3)}.pdf`);
  const updated = officeTime(r, dayFirst, ACTIVE_DAYS - 1);
  const record: DemoDisclosureRecord = {
    ...base,
    evidenceUrls: urls,
    updatedBy: AGENCY_LABEL,
    updatedAt: isoAt(updated),
  };
  if (status === "in_progress") {
    if (r.chance(0.45)) record.note = r.pick(NOTES_IN_PROGRESS);
    return record;
  }
  if (r.chance(0.2)) record.note = r.pick(NOTES_SUBMITTED);
  if (status === "submitted") return record;

  const reviewed = Math.min(officeTime(r, updated - (updated % DAY_MS) + DAY_MS, 12), DEMO_AS_OF - 3_600_000);
  record.reviewedBy = REVIEWER_LABEL;
  record.reviewedAt = isoAt(Math.min(Math.max(reviewed, updated + 3_600_000), DEMO_AS_OF));
  if (status === "needs_fix") {
    record.reviewVerdict = "needs_fix";
    record.reviewComment = r.pick(COMMENTS_NEEDS_FIX);
    // A link to the home page is a classic reason to send an item back.
    if (record.reviewComment.startsWith("ลิงก์ชี้ไปหน้าแรก")) record.evidenceUrls = [`${agency.website}/`];
  } else {
    record.reviewVerdict = "approved";
    if (r.chance(0.15)) record.reviewComment = r.pick(COMMENTS_APPROVED);
  }
  return record;
}

// ---------------------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------------------

/** Generates the whole demo data set. Pure: the same seed always gives the same data. */
export function generateDemo(options: GenerateOptions = {}): DemoData {
  const seed = (options.seed ?? DEFAULT_SEED) >>> 0;
  const pool = new PlaceNamePool(stream(seed, "place-names"));
  const plans = [DEMO_PLAN, DEMO2_PLAN].map((plan) => ({ plan, agencies: buildAgencies(seed, plan, pool) }));
  const tenants: DemoTenant[] = plans.map(({ plan }) => ({
    id: plan.id,
    slug: plan.slug,
    name: plan.name,
    nameEn: plan.nameEn,
    synthetic: 1,
  }));
  const agencies = plans.flatMap((p) => p.agencies);
  const { results, itemScores, latents } = buildResults(seed, plans);
  const demo = plans[0] as { plan: TenantPlan; agencies: DemoAgency[] };
  const disclosure = buildDisclosure(seed, demo.plan, demo.agencies, latents);
  return {
    seed,
    tenants,
    agencies,
    results,
    itemScores,
    disclosureCycles: [disclosure.cycle],
    disclosureRecords: disclosure.records,
  };
}

/**
 * SQL statements that load `data` into an empty database with schema migrations/0001_core.sql: multi-row
 * INSERTs in dependency order, explicit tenant and agency ids, no transaction statements.
 */
export function demoSql(data: DemoData): string[] {
  const statements: string[] = [];
  statements.push(
    ...insertStatements(
      "tenants",
      ["id", "slug", "name", "name_en", "synthetic"],
      data.tenants.map((t) => [t.id, t.slug, t.name, t.nameEn, t.synthetic]),
    ),
  );
  statements.push(
    ...insertStatements(
      "agencies",
      ["id", "tenant_id", "code", "name_th", "name_en", "type", "size", "district", "website"],
      data.agencies.map((a) => [a.id, a.tenantId, a.code, a.nameTh, a.nameEn, a.type, a.size, a.district, a.website]),
    ),
  );
  statements.push(
    ...insertStatements(
      "results",
      [
        "tenant_id",
        "agency_id",
        "fiscal_year",
        "iit",
        "eit",
        "eit_part1",
        "eit_part2",
        "oit",
        ...INDICATORS.map((n) => `ind${n}`),
        "total",
        "rating",
        "source",
        "source_note",
      ],
      data.results.map((r): SqlValue[] => [
        r.tenantId,
        r.agencyId,
        r.fiscalYear,
        r.iit,
        r.eit,
        r.eitPart1,
        r.eitPart2,
        r.oit,
        ...INDICATORS.map((n) => r.indicators[n]),
        r.total,
        r.rating,
        r.source,
        r.sourceNote,
      ]),
    ),
  );
  statements.push(
    ...insertStatements(
      "item_scores",
      ["tenant_id", "agency_id", "fiscal_year", "tool", "item_code", "score"],
      data.itemScores.map((s) => [s.tenantId, s.agencyId, s.fiscalYear, s.tool, s.itemCode, s.score]),
    ),
  );
  statements.push(
    ...insertStatements(
      "disclosure_cycles",
      ["tenant_id", "fiscal_year", "catalogue_year", "stand_in", "submit_by", "review_by"],
      data.disclosureCycles.map((c) => [c.tenantId, c.fiscalYear, c.catalogueYear, c.standIn, c.submitBy, c.reviewBy]),
    ),
  );
  statements.push(
    ...insertStatements(
      "disclosure_records",
      [
        "tenant_id",
        "agency_id",
        "fiscal_year",
        "item_code",
        "status",
        "evidence_urls",
        "note",
        "review_verdict",
        "review_comment",
        "reviewed_by",
        "reviewed_at",
        "updated_by",
        "updated_at",
        "version",
      ],
      data.disclosureRecords.map((d) => [
        d.tenantId,
        d.agencyId,
        d.fiscalYear,
        d.itemCode,
        d.status,
        JSON.stringify(d.evidenceUrls),
        d.note,
        d.reviewVerdict,
        d.reviewComment,
        d.reviewedBy,
        d.reviewedAt,
        d.updatedBy,
        d.updatedAt,
        d.version,
      ]),
    ),
  );
  return statements;
}
