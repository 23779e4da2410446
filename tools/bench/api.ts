// `npm run bench:api`: the analytics endpoints on a national-size tenant (8,000 agencies × 5 years with OIT items
// for 2564–2566) and a provincial one (400 × 5) in a fresh local D1, measured over loopback HTTP against
// `wrangler dev` (p50/p95), and the SQL each endpoint issues run directly on the same SQLite file with node:sqlite.
// Targets on the 2-core machine: every provincial endpoint p50 ≤ 30 ms; national rankings p50 ≤ 150 ms;
// p50 ≤ 3 × raw SQL for every endpoint. A benchmark, not a test: it exits 0 and prints MISSED for a missed target.
//
// The raw SQL is not copied by hand: the Worker's own service functions (workers/api/src/services) run in Node on a
// D1 stand-in over node:sqlite that records every statement they issue with its parameters; those statements are
// then timed and explained (EXPLAIN QUERY PLAN; suspicious lines are marked).
//
// The floor is what any request costs through `wrangler dev` before our code does real work: GET of an unrouted
// /api path (a 404 problem+json: no auth, no database). "above floor" = (p50 − floor) / raw SQL, the ratio of
// what the endpoint adds over that fixed cost to its SQL; GET /api/health (two small queries) and GET
// /api/session (the auth check alone) are printed next to it. p50/p95 are of requests that accept gzip, as
// browsers send them (`wrangler dev` then gzips in workerd what Cloudflare's edge gzips in production); "p50
// plain" asks for no compression. Env: BENCH_PORT (8792),
// BENCH_REQUESTS (50), BENCH_RAW_RUNS (25), BENCH_PLANS=1 prints every plan, not only the marked ones;
// BENCH_REUSE=1 keeps the last run's database (applying new migrations) instead of building it again.

import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import { pathToFileURL } from "node:url";
import {
  type Centi,
  computeResult,
  type Framework,
  frameworkFor,
  type IndicatorScores,
  oitIndicatorsFromItems,
} from "@prongsai/ita";
import { TYPE_DIGIT, TYPE_PREFIX } from "../demo/generate";
import { type PlaceName, PlaceNamePool } from "../demo/names";
import { type Rng, sigmoid, stream } from "../demo/rng";
import { insertStatements, type SqlValue } from "../demo/sql";
import { ROOT } from "../lib/proc";
import {
  applyMigrations,
  BENCH_STATE,
  benchTenant,
  d1SqliteFile,
  executeSql,
  freshDatabase,
  type Server,
  signIn,
  startServer,
} from "./server";

const PORT = Number(process.env.BENCH_PORT ?? 8792);
const REQUESTS = Math.max(50, Number(process.env.BENCH_REQUESTS ?? 50));
const WARMUPS = 5;
const RAW_RUNS = Math.max(20, Number(process.env.BENCH_RAW_RUNS ?? 25));
/** Runs of the whole service function in Node (orientation only: where JavaScript time goes). */
const SERVICE_RUNS = 5;
const PRINT_ALL_PLANS = process.env.BENCH_PLANS === "1";
const REUSE = process.env.BENCH_REUSE === "1";
const SEED = 2568;
const YEARS = [2564, 2565, 2566, 2567, 2568] as const;
const started = performance.now();

// ---------------------------------------------------------------------------------------------------------
// Data: agencies and results drawn here, every score derivation through @prongsai/ita
// ---------------------------------------------------------------------------------------------------------

type AgencyType = "pao" | "city" | "town" | "subdistrict" | "sao" | "other";
type Size = "S" | "M" | "L";

interface TenantSpec {
  slug: string;
  email: string;
  /** Provinces of 400 agencies (the national tenant is 20 of them). */
  provinces: number;
  firstProvinceCode: number;
}

const TENANTS: TenantSpec[] = [
  { slug: "national", email: "bench@national.test", provinces: 20, firstProvinceCode: 10 },
  { slug: "provincial", email: "bench@provincial.test", provinces: 1, firstProvinceCode: 90 },
];
const PER_PROVINCE = 400;
const DISTRICTS_PER_PROVINCE = 15;

interface Agency {
  id: number;
  slug: string;
  code: string;
  name: string;
  type: AgencyType;
  size: Size | null;
  district: string;
  q: number;
}

function drawSize(rng: Rng, type: AgencyType): Size | null {
  const u = rng.next();
  if (rng.chance(0.01)) return null;
  if (type === "pao" || type === "city" || type === "other") return "L";
  if (type === "town") return u < 0.75 ? "L" : "M";
  if (type === "subdistrict") return u < 0.45 ? "L" : u < 0.92 ? "M" : "S";
  return u < 0.49 ? "L" : u < 0.93 ? "M" : "S";
}

function provinceTypes(p: number): AgencyType[] {
  const types: AgencyType[] = ["pao", "town", "town", "town", "town"];
  if (p % 3 === 0) types.push("city");
  if (p % 5 === 0) types.push("other");
  for (let i = 0; i < 110; i++) types.push("subdistrict");
  while (types.length < PER_PROVINCE) types.push("sao");
  return types;
}

function buildAgencies(spec: TenantSpec, firstId: number): Agency[] {
  const rng = stream(SEED, spec.slug, "agencies");
  const national = new PlaceNamePool(rng);
  const agencies: Agency[] = [];
  for (let p = 0; p < spec.provinces; p++) {
    const province = national.next();
    const districts: PlaceName[] = Array.from({ length: DISTRICTS_PER_PROVINCE }, () => national.nextDistrict(rng));
    const places = new PlaceNamePool(stream(SEED, spec.slug, "places", p));
    const seq = new Map<string, number>();
    const provinceCode = String(spec.firstProvinceCode + p);
    for (const type of provinceTypes(p)) {
      const d = type === "pao" || type === "city" ? 0 : rng.int(0, DISTRICTS_PER_PROVINCE - 1);
      const key = `${type}|${d}`;
      const n = (seq.get(key) ?? 0) + 1;
      seq.set(key, n);
      const code = `${TYPE_DIGIT[type]}${provinceCode}${String(d + 1).padStart(2, "0")}${String(n).padStart(2, "0")}`;
      const place = type === "pao" || type === "city" ? province : places.next();
      const size = drawSize(rng, type);
      const typeBonus = { pao: 0.7, city: 0.6, town: 0.35, subdistrict: 0.1, sao: 0, other: 0.3 }[type];
      const sizeBonus = size === "L" ? 0.15 : size === "S" ? -0.35 : size === null ? -0.1 : 0;
      agencies.push({
        id: firstId + agencies.length,
        slug: spec.slug,
        code,
        name: `${TYPE_PREFIX[type]}${place.th}`,
        type,
        size,
        district: `อำเภอ${(districts[d] as PlaceName).th}`,
        q: rng.normal() + typeBonus + sizeBonus,
      });
    }
  }
  return agencies;
}

/** Year levels on the logit scale (IIT, EIT, OIT items or direct OIT): totals rise from ~81 to ~94 points. */
const LEVEL: Record<number, { iit: number; eit: number; oit: number }> = {
  2564: { iit: 1.8, eit: 2.25, oit: 0.9 },
  2565: { iit: 2.0, eit: 2.35, oit: 1.4 },
  2566: { iit: 2.05, eit: 2.2, oit: 1.9 },
  2567: { iit: 2.2, eit: 2.35, oit: 2.4 },
  2568: { iit: 2.3, eit: 2.45, oit: 2.6 },
};

const centiOf = (x: number): Centi => Math.min(10000, Math.max(0, Math.round(10000 * sigmoid(x))));
/** Direct indicators 9/10 (years without a complete catalogue) move in steps of 2.5 points: many ties. */
const directOit = (x: number): Centi =>
  Math.round(10000 - (10000 * Math.round(Math.max(0, Math.min(1, 1.25 * sigmoid(-x) - 0.25)) * 40)) / 40);

interface Scored {
  agencyId: number;
  year: number;
  row: SqlValue[];
  /** '1'/'0' per catalogue item in catalogue order (years with a complete catalogue). */
  mask: string | null;
}

function scoreYear(fw: Framework, a: Agency, year: number): Scored {
  const rng = stream(SEED, a.code, a.slug, year);
  const lv = LEVEL[year] as { iit: number; eit: number; oit: number };
  const e = 0.5 * rng.normal();
  const w = rng.normal();
  const indicators: IndicatorScores = {};
  for (const n of [1, 2, 3, 4, 5] as const) indicators[n] = centiOf(lv.iit + 0.45 * a.q + e + 0.3 * rng.normal());
  for (const n of [6, 7, 8] as const) indicators[n] = centiOf(lv.eit + 0.25 * a.q + 0.8 * e + 0.25 * rng.normal());
  const hasParts = (fw.toolByKey.get("eit")?.parts.length ?? 0) > 0;
  const eitPart1 = hasParts ? centiOf(lv.eit + 0.25 * a.q + 0.8 * e + 0.2 * rng.normal()) : null;
  const eitPart2 = hasParts ? centiOf(lv.eit - 0.05 + 0.25 * a.q + 0.8 * e + 0.35 * rng.normal()) : null;
  let mask: string | null = null;
  if (fw.oit.status === "complete") {
    const items: Record<string, boolean> = {};
    for (const sub of fw.oit.subIndicators) {
      const present = lv.oit + 0.8 + 1.1 * a.q + w + 0.8 * rng.normal() > 0;
      for (const it of sub.items) items[it.code] = present && lv.oit + 0.6 * a.q + 0.6 * w + rng.normal() > 0;
    }
    const fromItems = oitIndicatorsFromItems(fw, items).indicators;
    indicators[9] = fromItems[9];
    indicators[10] = fromItems[10];
    mask = fw.oit.items.map((it) => (items[it.code] ? "1" : "0")).join("");
  } else {
    const base = lv.oit + a.q + 1.2 * w;
    indicators[9] = directOit(base + 0.5 * rng.normal());
    indicators[10] = directOit(base - 0.4 + 0.7 * rng.normal());
  }
  const c = computeResult(fw, { indicators, tools: { eitPart1, eitPart2 } });
  if (c.total === null || c.rating === null) throw new Error(`bench: incomplete result for ${a.code} ${year}`);
  const ind = ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const).map((n) => c.indicators[n] ?? null);
  return {
    agencyId: a.id,
    year,
    row: [a.id, year, c.tools.iit, c.tools.eit, eitPart1, eitPart2, c.tools.oit, ...ind, c.total, c.rating.key],
    mask,
  };
}

/** The load script: staging tables with compact rows, expanded by INSERT … SELECT (item scores from bit masks). */
function dataSql(agencies: Agency[]): { statements: string[]; results: number; items: number } {
  const scored: Scored[] = [];
  for (const year of YEARS) {
    const fw = frameworkFor(year) as Framework;
    for (const a of agencies) {
      // A few agency-years have no row (not assessed that year): "previous" then reaches further back.
      if (stream(SEED, a.code, a.slug, year, "missing").chance(0.004)) continue;
      scored.push(scoreYear(fw, a, year));
    }
  }
  const ind = Array.from({ length: 10 }, (_, i) => `ind${i + 1}`);
  const resultCols = [
    "agency_id",
    "fiscal_year",
    "iit",
    "eit",
    "eit_part1",
    "eit_part2",
    "oit",
    ...ind,
    "total",
    "rating",
  ];
  const codes: SqlValue[][] = [];
  for (const year of YEARS) {
    const fw = frameworkFor(year) as Framework;
    if (fw.oit.status !== "complete") continue;
    for (const [i, it] of fw.oit.items.entries()) codes.push([year, i + 1, it.code]);
  }
  const masks = scored.filter((s) => s.mask !== null).map((s) => [s.agencyId, s.year, s.mask]);
  const statements = [
    "DROP TABLE IF EXISTS bench_agencies",
    "DROP TABLE IF EXISTS bench_results",
    "DROP TABLE IF EXISTS bench_items",
    "DROP TABLE IF EXISTS bench_item_codes",
    "CREATE TABLE bench_agencies (id INTEGER PRIMARY KEY, slug TEXT, code TEXT, name_th TEXT, type TEXT, size TEXT, district TEXT)",
    `CREATE TABLE bench_results (${resultCols.join(", ")})`,
    "CREATE TABLE bench_items (agency_id INTEGER, fiscal_year INTEGER, mask TEXT)",
    "CREATE TABLE bench_item_codes (fiscal_year INTEGER, pos INTEGER, code TEXT)",
    ...insertStatements(
      "bench_agencies",
      ["id", "slug", "code", "name_th", "type", "size", "district"],
      agencies.map((a) => [a.id, a.slug, a.code, a.name, a.type, a.size, a.district]),
    ),
    ...insertStatements(
      "bench_results",
      resultCols,
      scored.map((s) => s.row),
    ),
    ...insertStatements("bench_items", ["agency_id", "fiscal_year", "mask"], masks),
    ...insertStatements("bench_item_codes", ["fiscal_year", "pos", "code"], codes),
    `INSERT INTO agencies (id, tenant_id, code, name_th, type, size, district)
     SELECT b.id, t.id, b.code, b.name_th, b.type, b.size, b.district
     FROM bench_agencies b JOIN tenants t ON t.slug = b.slug ORDER BY b.id`,
    `INSERT INTO results (tenant_id, ${resultCols.join(", ")}, source, source_note)
     SELECT a.tenant_id, ${resultCols.map((c) => `b.${c}`).join(", ")}, 'demo', 'bench:api synthetic data'
     FROM bench_results b JOIN agencies a ON a.id = b.agency_id`,
    `INSERT INTO item_scores (tenant_id, agency_id, fiscal_year, tool, item_code, score)
     SELECT a.tenant_id, b.agency_id, b.fiscal_year, 'oit', c.code,
            CASE substr(b.mask, c.pos, 1) WHEN '1' THEN 10000 ELSE 0 END
     FROM bench_items b JOIN agencies a ON a.id = b.agency_id JOIN bench_item_codes c ON c.fiscal_year = b.fiscal_year`,
    "DROP TABLE bench_agencies",
    "DROP TABLE bench_results",
    "DROP TABLE bench_items",
    "DROP TABLE bench_item_codes",
  ];
  const perMask = (y: number) => codes.filter((c) => c[0] === y).length;
  return { statements, results: scored.length, items: masks.reduce((n, m) => n + perMask(m[1] as number), 0) };
}

// ---------------------------------------------------------------------------------------------------------
// The Worker's services in Node, on a recording D1 stand-in over node:sqlite
// ---------------------------------------------------------------------------------------------------------

interface Statement {
  sql: string;
  params: SQLInputValue[];
}

/** Just enough of D1Database for kysely-d1 (prepare → bind → all), recording what runs when `log` is set. */
function sqliteD1(db: DatabaseSync, log: { statements: Statement[] | null }) {
  return {
    prepare(sql: string) {
      return {
        bind(...params: SQLInputValue[]) {
          return {
            async all() {
              log.statements?.push({ sql, params });
              const results = db.prepare(sql).all(...params);
              return { success: true, results, meta: { changes: 0, last_row_id: null } };
            },
          };
        },
      };
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: the Worker's modules are loaded at run time, outside tools' types
type Module = any;
/** A module of workers/api/src (loaded at run time: its types need the Workers runtime's, not tools'). */
const workerModule = (path: string): Promise<Module> =>
  import(pathToFileURL(join(ROOT, "workers", "api", "src", path)).href);

interface TenantCase {
  spec: TenantSpec;
  profileCode: string;
}

interface Endpoint {
  name: string;
  path: (t: TenantCase) => string;
  /** The service call the route makes (the route's own work beyond it is JSON or CSV rendering). */
  service: (db: Module, tenant: Module, t: TenantCase) => Promise<unknown>;
}

const svc = (path: string, name: string) => async () => (await workerModule(path))[name];
const services = {
  listYears: svc("services/results.ts", "listYears"),
  rankings: svc("services/analytics/rankings.ts", "rankings"),
  summary: svc("services/analytics/summary.ts", "summary"),
  weak: svc("services/analytics/weak.ts", "weakIndicatorsReport"),
  movement: svc("services/analytics/movement.ts", "movement"),
  heatmap: svc("services/analytics/heatmap.ts", "heatmap"),
  listAgencies: svc("services/agencies.ts", "listAgencies"),
  profile: svc("services/analytics/profile.ts", "agencyProfile"),
};

const ENDPOINTS: Endpoint[] = [
  { name: "years", path: () => "years", service: async (db, t) => (await services.listYears())(db, t) },
  {
    name: "rankings",
    path: () => "rankings?year=2568",
    service: async (db, t) => (await services.rankings())(db, t, 2568, {}),
  },
  {
    name: "rankings type=sao",
    path: () => "rankings?year=2568&type=sao",
    service: async (db, t) => (await services.rankings())(db, t, 2568, { type: "sao" }),
  },
  {
    name: "rankings limit=100",
    path: () => "rankings?year=2568&limit=100",
    service: async (db, t) => (await services.rankings())(db, t, 2568, {}, { limit: 100 }),
  },
  {
    name: "summary",
    path: () => "summary?year=2568",
    service: async (db, t) => (await services.summary())(db, t, 2568),
  },
  {
    name: "weak-indicators",
    path: () => "weak-indicators?year=2568",
    service: async (db, t) => (await services.weak())(db, t, 2568),
  },
  {
    name: "movement",
    path: () => "movement?from=2567&to=2568",
    service: async (db, t) => (await services.movement())(db, t, 2567, 2568),
  },
  {
    name: "heatmap",
    path: () => "heatmap?year=2568",
    service: async (db, t) => (await services.heatmap())(db, t, 2568),
  },
  { name: "agencies", path: () => "agencies", service: async (db, t) => (await services.listAgencies())(db, t) },
  {
    name: "agencies/{code}",
    path: (c) => `agencies/${c.profileCode}`,
    service: async (db, t, c) => (await services.profile())(db, t, c.profileCode),
  },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
}

interface RawMeasure {
  statements: Statement[];
  /** Median wall time of running every statement the endpoint issues, in order (prepare + all rows). */
  rawMs: number;
  /** Median of the slowest statement alone. */
  mainMs: number;
  mainIndex: number;
  /** Median wall time of the whole service function in Node (SQL + JavaScript), for orientation. */
  serviceMs: number;
  error?: string;
}

async function measureRaw(sqlite: DatabaseSync, endpoint: Endpoint, c: TenantCase): Promise<RawMeasure> {
  const log: { statements: Statement[] | null } = { statements: null };
  const { createDb } = await workerModule("db/client.ts");
  const { tenantBySlug } = await workerModule("services/tenants.ts");
  const db = createDb(sqliteD1(sqlite, log));
  const tenant = await tenantBySlug(db, c.spec.slug);
  const statements: Statement[] = [];
  log.statements = statements;
  try {
    await endpoint.service(db, tenant, c);
  } catch (e) {
    return {
      statements,
      rawMs: Number.NaN,
      mainMs: Number.NaN,
      mainIndex: -1,
      serviceMs: Number.NaN,
      error: String(e),
    };
  }
  log.statements = null;
  const serviceRuns: number[] = [];
  for (let i = 0; i < SERVICE_RUNS + 1; i++) {
    const t0 = performance.now();
    await endpoint.service(db, tenant, c);
    if (i >= 1) serviceRuns.push(performance.now() - t0);
  }
  const totals: number[] = [];
  const each: number[][] = statements.map(() => []);
  for (let i = 0; i < RAW_RUNS + 2; i++) {
    let total = 0;
    statements.forEach((s, k) => {
      const t0 = performance.now();
      sqlite.prepare(s.sql).all(...s.params);
      const dt = performance.now() - t0;
      total += dt;
      if (i >= 2) (each[k] as number[]).push(dt);
    });
    if (i >= 2) totals.push(total);
  }
  const medians = each.map(median);
  const mainIndex = medians.indexOf(Math.max(...medians));
  return {
    statements,
    rawMs: median(totals),
    mainMs: medians[mainIndex] as number,
    mainIndex,
    serviceMs: median(serviceRuns),
  };
}

/**
 * Plan lines worth a look: a SCAN of results/item_scores (the whole table, or a whole index of it, instead of a
 * seek into it), and any SCAN that is the inner loop of a join (it runs once per row of the outer loop, as a
 * CTE joined without an index does), and a correlated subquery that seeks into results/item_scores by tenant
 * alone (it walks the tenant's rows once per outer row).
 */
function planOf(sqlite: DatabaseSync, s: Statement): { lines: string[]; flagged: string[] } {
  const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params) as {
    id: number;
    parent: number;
    detail: string;
  }[];
  const depth = new Map<number, number>([[0, 0]]);
  const lines = rows.map((r) => {
    const d = (depth.get(r.parent) ?? 0) + 1;
    depth.set(r.id, d);
    return `${"  ".repeat(d)}${r.detail}`;
  });
  const names = new Set(["results", "item_scores"]);
  for (const m of s.sql.matchAll(/\b(?:results|item_scores)"?\s+(?:as\s+)?("?)(\w+)\1/gi)) {
    const alias = (m[2] as string).toLowerCase();
    if (!["where", "join", "on", "left", "inner", "group", "order", "limit"].includes(alias)) names.add(alias);
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const correlated = (r: { parent: number }): boolean => {
    const p = byId.get(r.parent);
    return p !== undefined && (p.detail.startsWith("CORRELATED") || correlated(p));
  };
  const loopsSeen = new Set<number>();
  const flagged: string[] = [];
  for (const r of rows) {
    const scan = /^SCAN (\S+)/.exec(r.detail);
    const search = /^SEARCH (\S+) .*\(tenant_id=\?\)$/.exec(r.detail);
    const onTable = (m: RegExpExecArray | null) => m !== null && names.has((m[1] as string).toLowerCase());
    if (onTable(scan) || (scan && loopsSeen.has(r.parent)) || (onTable(search) && correlated(r))) {
      flagged.push(r.detail);
    }
    if (/^(SCAN|SEARCH) /.test(r.detail)) loopsSeen.add(r.parent);
  }
  return { lines, flagged };
}

// ---------------------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------------------

interface HttpMeasure {
  p50: number;
  p95: number;
  status: number;
  bytes: number;
  /** The answer cache's verdicts (`x-answer-cache`) over the measured requests, e.g. "hit 50". */
  cache?: string;
  /** SHA-256 of the last measured answer's (decoded) body: a cached answer must equal a computed one. */
  digest?: string;
  error?: string;
}

/** How an endpoint is asked: as a browser does (gzip), and whether the answer cache may answer. */
interface Ask {
  plain?: boolean;
  /** `cache-control: no-cache`: the Worker computes every answer (the path the raw SQL comparison is about). */
  cold?: boolean;
}

/**
 * `wrangler dev` reloads the Worker when a source file changes (others may be editing): a request cut off by a
 * reload is retried from the warm-ups on, up to three times.
 */
async function measureHttp(
  base: string,
  cookie: string,
  path: string,
  expect = 200,
  ask: Ask = {},
): Promise<HttpMeasure> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await measureHttpOnce(base, cookie, path, expect, ask);
    } catch (e) {
      if (attempt >= 3) return { p50: Number.NaN, p95: Number.NaN, status: 0, bytes: 0, error: String(e) };
      console.log(`[bench:api]   ${path}: ${String(e)}; the server may be reloading, retrying`);
      await waitHealthy(base);
    }
  }
}

async function waitHealthy(base: string) {
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 300));
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // still reloading
    }
  }
}

/**
 * Node's fetch, like a browser, accepts gzip, and `wrangler dev` then compresses every answer in workerd (as
 * Cloudflare's edge would in production, outside the Worker): for the 2–4 MB answers that is most of the time.
 * `plain` asks for the answer uncompressed (`accept-encoding: identity`): the Worker's own time.
 */
async function measureHttpOnce(
  base: string,
  cookie: string,
  path: string,
  expect: number,
  ask: Ask,
): Promise<HttpMeasure> {
  const headers: Record<string, string> = { cookie };
  if (ask.plain) headers["accept-encoding"] = "identity";
  if (ask.cold) headers["cache-control"] = "no-cache";
  const verdicts = new Map<string, number>();
  const get = async () => {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, { headers });
    const body = await res.arrayBuffer();
    return { ms: performance.now() - t0, status: res.status, body, cache: res.headers.get("x-answer-cache") };
  };
  const first = await get();
  if (first.status !== expect) {
    const text = new TextDecoder().decode(first.body).slice(0, 300);
    return { p50: Number.NaN, p95: Number.NaN, status: first.status, bytes: 0, error: text };
  }
  for (let i = 1; i < WARMUPS; i++) await get();
  const times: number[] = [];
  let last = first.body;
  for (let i = 0; i < REQUESTS; i++) {
    const r = await get();
    last = r.body;
    if (r.status !== expect)
      return { p50: Number.NaN, p95: Number.NaN, status: r.status, bytes: 0, error: "flaky status" };
    times.push(r.ms);
    if (r.cache) verdicts.set(r.cache, (verdicts.get(r.cache) ?? 0) + 1);
  }
  const cache = [...verdicts].map(([v, n]) => `${v} ${n}`).join(", ") || undefined;
  const digest = createHash("sha256").update(new Uint8Array(last)).digest("hex");
  return {
    p50: median(times),
    p95: percentile(times, 95),
    status: expect,
    bytes: first.body.byteLength,
    cache,
    digest,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Run
// ---------------------------------------------------------------------------------------------------------

const ms = (x: number) => (Number.isNaN(x) ? "—" : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

let t = performance.now();
const agencies: Agency[] = [];
for (const spec of TENANTS) agencies.push(...buildAgencies(spec, agencies.length + 1));
if (REUSE && existsSync(BENCH_STATE)) {
  applyMigrations();
  console.log(`[bench:api] BENCH_REUSE=1: kept the data of the last run, applied new migrations: ${secs(t)}`);
} else {
  freshDatabase();
  for (const spec of TENANTS) await benchTenant(spec.slug, spec.email);
  const data = dataSql(agencies);
  console.log(`[bench:api] generated ${agencies.length} agencies, ${data.results} results, ${data.items} item scores`);
  executeSql("bench-api-data.sql", data.statements);
  console.log(`[bench:api] fresh local D1 with both tenants: ${secs(t)}`);
}

const cases: TenantCase[] = TENANTS.map((spec) => {
  const own = agencies.filter((a) => a.slug === spec.slug && a.type === "sao");
  return { spec, profileCode: (own[Math.floor(own.length / 2)] as Agency).code };
});

// Raw SQL first, on the quiescent file (no server running).
t = performance.now();
const sqlite = new DatabaseSync(d1SqliteFile());
// Fold the load's write-ahead log into the database file first, so neither side reads through a 60 MB WAL.
sqlite.exec("PRAGMA wal_checkpoint(TRUNCATE)");
const version = sqlite.prepare("SELECT sqlite_version() AS v").get() as { v: string };
console.log(`[bench:api] node:sqlite on ${d1SqliteFile().slice(ROOT.length + 1)} (SQLite ${version.v})`);
const raw = new Map<string, RawMeasure>();
const plans = new Map<string, { endpoints: Set<string>; lines: string[]; flagged: string[] }>();
for (const c of cases) {
  for (const e of ENDPOINTS) {
    const m = await measureRaw(sqlite, e, c);
    console.log(
      `[bench:api]   ${c.spec.slug} ${e.name}: ${m.statements.length} statement(s), SQL ${ms(m.rawMs)} ms, service in Node ${ms(m.serviceMs)} ms`,
    );
    raw.set(`${c.spec.slug}|${e.name}`, m);
    for (const s of m.statements) {
      const entry = plans.get(s.sql) ?? { endpoints: new Set<string>(), ...planOf(sqlite, s) };
      entry.endpoints.add(e.name);
      plans.set(s.sql, entry);
    }
  }
}
sqlite.close();
console.log(`[bench:api] raw SQL and query plans with node:sqlite: ${secs(t)}`);

t = performance.now();
let server: Server | null = null;
const http = new Map<string, HttpMeasure>();
const coldHttp = new Map<string, HttpMeasure>();
const plainHttp = new Map<string, HttpMeasure>();
const baseline = new Map<string, HttpMeasure>();
/** An /api path no route answers: the app's 404 problem+json, with no auth and no database. */
const FLOOR_PATH = "/api/bench-floor";
const floors: HttpMeasure[] = [];
try {
  server = await startServer(PORT);
  const base = server.url.replace("localhost", "127.0.0.1");
  floors.push(await measureHttp(base, "", FLOOR_PATH, 404));
  baseline.set("health", await measureHttp(base, "", "/api/health"));
  for (const c of cases) {
    const cookie = await signIn(server.url, c.spec.email);
    baseline.set(`session|${c.spec.slug}`, await measureHttp(base, cookie, "/api/session"));
    for (const e of ENDPOINTS) {
      const path = `/api/tenants/${c.spec.slug}/${e.path(c)}`;
      const h = await measureHttp(base, cookie, path);
      const k = await measureHttp(base, cookie, path, 200, { cold: true });
      const p = await measureHttp(base, cookie, path, 200, { cold: true, plain: true });
      console.log(
        `[bench:api]   ${c.spec.slug} ${e.name}: HTTP ${h.status}, p50 ${ms(h.p50)} ms, p95 ${ms(h.p95)} ms` +
          ` (${h.cache ?? "not cached"}); computed every time: p50 ${ms(k.p50)} ms (${k.cache ?? "—"}),` +
          ` uncompressed ${ms(p.p50)} ms`,
      );
      http.set(`${c.spec.slug}|${e.name}`, h);
      coldHttp.set(`${c.spec.slug}|${e.name}`, k);
      plainHttp.set(`${c.spec.slug}|${e.name}`, p);
    }
  }
  floors.push(await measureHttp(base, "", FLOOR_PATH, 404));
} finally {
  await server?.stopped();
}
console.log(`[bench:api] HTTP against wrangler dev: ${secs(t)}`);

// Report.
console.log(
  `\nbench:api — ${REQUESTS} requests per endpoint after ${WARMUPS} warm-ups, accepting gzip as a browser does.` +
    " p50/p95: as served (a repeated query comes from the answer cache until the tenant's data changes);" +
    " cold p50/p95: computed every time (`cache-control: no-cache`); cold plain: the same, uncompressed." +
    ` raw SQL = every statement the endpoint's service issues, run with node:sqlite, median of ${RAW_RUNS};` +
    " ratio = p50 / raw SQL, cold ratio = cold p50 / raw SQL; times in ms",
);
// The lower of the floor's two measurements (before and after the endpoints): other load only ever raises it.
const floor = Math.min(...floors.map((f) => f.p50));
const head = [
  "endpoint",
  "tenant",
  "p50",
  "p95",
  "cold p50",
  "cold p95",
  "cold plain",
  "raw SQL",
  "ratio",
  "cold ratio",
  "cold above floor",
  "queries",
  "main q",
  "node svc",
  "KB",
];
const widths = [20, 11, 7, 7, 9, 9, 11, 8, 7, 11, 17, 8, 7, 9, 7];
const line = (cells: string[]) =>
  cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(" ");
console.log(line(head));
const times = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)}×` : "—");
const missed: string[] = [];
const coldMissed: string[] = [];
const aboveMissed: string[] = [];
const notes: string[] = [];
for (const c of cases) {
  const slug = c.spec.slug;
  for (const e of ENDPOINTS) {
    const h = http.get(`${slug}|${e.name}`) as HttpMeasure;
    const k = coldHttp.get(`${slug}|${e.name}`) as HttpMeasure;
    const p = plainHttp.get(`${slug}|${e.name}`) as HttpMeasure;
    const r = raw.get(`${slug}|${e.name}`) as RawMeasure;
    const ratio = h.p50 / r.rawMs;
    const coldRatio = k.p50 / r.rawMs;
    const aboveFloor = (k.p50 - floor) / r.rawMs;
    console.log(
      line([
        e.name,
        slug,
        h.status === 200 ? ms(h.p50) : `HTTP ${h.status}`,
        ms(h.p95),
        ms(k.p50),
        ms(k.p95),
        ms(p.p50),
        ms(r.rawMs),
        times(ratio),
        times(coldRatio),
        times(aboveFloor),
        String(r.statements.length),
        ms(r.mainMs),
        ms(r.serviceMs),
        h.bytes ? String(Math.round(h.bytes / 1024)) : "—",
      ]),
    );
    for (const m of [h, k, p]) if (m.error) notes.push(`${e.name} (${slug}): HTTP ${m.status} ${m.error}`);
    if (h.digest !== k.digest || k.digest !== p.digest)
      notes.push(`${e.name} (${slug}): the answer as served differs from the one computed afresh`);
    if (r.error) notes.push(`${e.name} (${slug}): the service failed in Node: ${r.error}`);
    const label = `${e.name} (${slug})`;
    const check = (into: string[], m: HttpMeasure, x: number) => {
      if (slug === "provincial" && !(m.p50 <= 30)) into.push(`${label}: p50 ${ms(m.p50)} ms > 30 ms`);
      if (slug === "national" && e.name.startsWith("rankings") && !(m.p50 <= 150))
        into.push(`${label}: p50 ${ms(m.p50)} ms > 150 ms`);
      if (!(x <= 3)) into.push(`${label}: p50/raw ${times(x)} > 3×`);
    };
    check(missed, h, ratio);
    check(coldMissed, k, coldRatio);
    if (!(aboveFloor <= 3)) aboveMissed.push(label);
  }
}
const verdicts = [...http.values()].map((h) => h.cache ?? "not cached");
console.log(
  `answer cache over the measured "p50" requests: ${[...new Set(verdicts)].join("; ")} (per endpoint); every "cold" request computed`,
);
console.log(
  `floor GET ${FLOOR_PATH} (404, no auth, no database): p50 ${floors.map((f) => ms(f.p50)).join(" before, ")} after` +
    ` the endpoints; ${ms(floor)} used for "above floor"`,
);
for (const [k, h] of baseline) {
  const [what, slug] = k.split("|");
  console.log(
    `${what === "health" ? "GET /api/health (no auth, two small queries)" : `GET /api/session (auth only, ${slug})`}: p50 ${ms(h.p50)}, p95 ${ms(h.p95)}`,
  );
}
for (const n of notes) console.log(`note: ${n}`);

const scanning = [...plans.entries()].filter(([, p]) => p.flagged.length > 0);
console.log(
  `\nquery plans: ${plans.size} distinct statements, ${scanning.length} with a SCAN of results/item_scores or a` +
    " SCAN as the inner loop of a join (marked !)",
);
for (const [sqlText, p] of PRINT_ALL_PLANS ? [...plans.entries()] : scanning) {
  console.log(`\n— ${[...p.endpoints].join(", ")}: ${sqlText.replace(/\s+/g, " ").trim().slice(0, 160)}…`);
  for (const l of p.lines) console.log(`${p.flagged.some((f) => l.trim() === f) ? "!" : " "}${l}`);
}

console.log(
  `\ntargets: provincial p50 ≤ 30 ms, national rankings p50 ≤ 150 ms, p50/raw ≤ 3× — as served: ${
    missed.length === 0 ? "all met" : `MISSED ${missed.length}:`
  }`,
);
for (const m of missed) console.log(`  MISSED ${m}`);
console.log(`computed every time (cold): ${coldMissed.length === 0 ? "all met" : `MISSED ${coldMissed.length}:`}`);
for (const m of coldMissed) console.log(`  MISSED ${m}`);
console.log(
  `cold above floor ≤ 3×: ${aboveMissed.length === 0 ? "every endpoint" : `all but ${aboveMissed.length}: ${aboveMissed.join(", ")}`}`,
);
console.log(
  `total benchmark time: ${secs(started)}; load average now ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")} on ${availableParallelism()} cores (other work on the machine inflates every figure)`,
);
