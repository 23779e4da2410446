/**
 * The agency profile: every year's results with the agency's rank in the tenant, and for its latest year with a
 * total the weak indicators, what stops the next rating, and a comparison with its peers; plus the OIT items of
 * each year with what passing each one is worth. Every number comes from packages/ita; SQL only selects rows and
 * counts ranks (RANK() semantics: 1 + agencies with a higher total), which the tests compare with ita.
 *
 * Decisions:
 * - "Latest year" is the latest fiscal year in which the agency has a total. A later row without a total (only
 *   some indicators known) is still listed under `years`, but the analysis is of a year that can be rated and
 *   ranked. Without any total, `latest` is null.
 * - The peer group counts agencies with a total that year, the agency itself included (it is one of the dots of
 *   the plot, and mean/median/quartiles/percentile all describe the same set). The group is the same type and
 *   size; when the agency's size is unknown it is the same type (basis "type", not a fallback); when the
 *   type+size group has fewer than 5 agencies it falls back to the same type (basis "type", fallback true),
 *   however small the type group is.
 * - A rating is the stored one (what NACC published, or what the import derived); a row stored without one but
 *   with a total is rated by ita `rate` and marked `derived`.
 */
import { AGENCY_TYPES, type AgencyProfile } from "@prongsai/contracts";
import {
  type Centi,
  type Framework,
  frameworkFor,
  fromCenti,
  hasCompleteOitCatalogue,
  INDICATOR_NUMBERS,
  type IndicatorNumber,
  itemPointGains,
  mean,
  median,
  nextRatingBlockers,
  normalizeItemCode,
  percentRank,
  quantiles,
  type Rating,
  rate,
  ratingsOf,
  TOOL_KEYS,
  type ToolKey,
  type ToolScores,
  weakIndicators,
} from "@prongsai/ita";
import { sql } from "kysely";
import type { DB } from "../../db/client";
import type { AgencyTypeKey } from "../../db/schema";
import { notFound } from "../../http/problem";
import type { TenantContext } from "../tenants";
import { thaiCollator } from "./common";

/** A type+size group smaller than this (the agency itself included) falls back to the type. */
export const MIN_PEER_GROUP = 5;

/** Points with two decimals for the API (scores, gaps and percentiles are integer hundredths below it). */
const pts = (c: number | null | undefined): number | null => (c === null || c === undefined ? null : fromCenti(c));

type Size = "S" | "M" | "L";
const SIZE_LABEL: Record<Size, { th: string; en: string }> = {
  S: { th: "เล็ก", en: "small" },
  M: { th: "กลาง", en: "medium" },
  L: { th: "ใหญ่", en: "large" },
};

export interface AgencyRating {
  key: string;
  label: { th: string; en: string };
  passed: boolean;
  derived: boolean;
}

const ratingsCache = new WeakMap<Framework, Map<string, Rating>>();
/** The year's ratings by key (ita `ratingsOf`), built once per framework: lists label thousands of rows. */
function ratingsByKey(fw: Framework): Map<string, Rating> {
  let m = ratingsCache.get(fw);
  if (!m) {
    m = new Map(ratingsOf(fw).map((r) => [r.key, r]));
    ratingsCache.set(fw, m);
  }
  return m;
}

/**
 * The rating of an agency-year with its labels: the stored key (labelled from the year's scheme, ita
 * `ratingsOf`), or — when none is stored but the total is — ita `rate` on the stored tools and total.
 */
export function ratingFor(
  fiscalYear: number,
  stored: string | null,
  tools: Partial<ToolScores>,
  total: Centi | null,
): AgencyRating | null {
  const fw = frameworkFor(fiscalYear);
  if (stored) {
    const r = fw ? ratingsByKey(fw).get(stored) : undefined;
    const passed = fw && total !== null ? total >= fw.passMark : (r?.passed ?? false);
    return { key: stored, label: { ...(r?.label ?? { th: stored, en: stored }) }, passed, derived: false };
  }
  if (total === null || !fw) return null;
  const r = rate(fw, tools, total);
  return { key: r.key, label: { th: r.label.th, en: r.label.en }, passed: r.passed, derived: true };
}

type Raw = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

interface Scores {
  iit: Centi | null;
  eit: Centi | null;
  eitPart1: Centi | null;
  eitPart2: Centi | null;
  oit: Centi | null;
  indicators: Record<IndicatorNumber, Centi | null>;
  total: Centi | null;
  rating: string | null;
}

function scoresOf(r: Raw): Scores {
  const indicators = {} as Record<IndicatorNumber, Centi | null>;
  for (const n of INDICATOR_NUMBERS) indicators[n] = num(r[`ind${n}`]);
  return {
    iit: num(r.iit),
    eit: num(r.eit),
    eitPart1: num(r.eit_part1),
    eitPart2: num(r.eit_part2),
    oit: num(r.oit),
    indicators,
    total: num(r.total),
    rating: (r.rating as string | null) ?? null,
  };
}

const toolsOf = (s: Scores): ToolScores => ({
  iit: s.iit,
  eit: s.eit,
  oit: s.oit,
  eitPart1: s.eitPart1,
  eitPart2: s.eitPart2,
});

const SCORE_COLUMNS = sql.raw(
  [
    "r.fiscal_year",
    "r.iit",
    "r.eit",
    "r.eit_part1",
    "r.eit_part2",
    "r.oit",
    ...INDICATOR_NUMBERS.map((n) => `r.ind${n}`),
    "r.total",
    "r.rating",
  ].join(", "),
);

/** The agency profile (404 for a code the tenant does not have). */
export async function agencyProfile(db: DB, tenant: TenantContext, code: string): Promise<AgencyProfile> {
  const agency = await db
    .selectFrom("agencies")
    .select(["id", "code", "name_th", "name_en", "type", "size", "district", "website"])
    .where("tenant_id", "=", tenant.id)
    .where("code", "=", code)
    .executeTakeFirst();
  if (!agency) throw notFound(`ไม่พบหน่วยงานรหัส ${code} (No agency ${code}.)`);

  const [yearRows, peerRows, itemRows] = await Promise.all([
    // Every year of the agency with its rank among the tenant's agencies with a total that year.
    sql<Raw>`
      SELECT ${SCORE_COLUMNS}, r.source,
             CASE WHEN r.total IS NULL THEN NULL ELSE 1 + (
               SELECT count(*) FROM results x
               WHERE x.tenant_id = ${tenant.id} AND x.fiscal_year = r.fiscal_year AND x.total > r.total) END AS rank,
             (SELECT count(*) FROM results x
              WHERE x.tenant_id = ${tenant.id} AND x.fiscal_year = r.fiscal_year AND x.total IS NOT NULL) AS ranked
      FROM results r
      WHERE r.tenant_id = ${tenant.id} AND r.agency_id = ${agency.id}
      ORDER BY r.fiscal_year`.execute(db),
    // Agencies of the same type with a total in the agency's latest year with a total (itself included); only
    // those of its size as well when there are enough of them (choosePeers decides, on these rows).
    sql<Raw>`
      WITH y AS (
        SELECT max(fiscal_year) AS fy FROM results
        WHERE tenant_id = ${tenant.id} AND agency_id = ${agency.id} AND total IS NOT NULL),
      sized AS (
        SELECT count(*) AS n FROM agencies a JOIN results r ON r.tenant_id = a.tenant_id AND r.agency_id = a.id
        WHERE a.tenant_id = ${tenant.id} AND a.type = ${agency.type} AND a.size = ${agency.size}
          AND r.fiscal_year = (SELECT fy FROM y) AND r.total IS NOT NULL)
      SELECT a.code, a.name_th, a.size, ${SCORE_COLUMNS}
      FROM results r JOIN agencies a ON a.id = r.agency_id AND a.tenant_id = r.tenant_id
      WHERE r.tenant_id = ${tenant.id} AND a.type = ${agency.type} AND r.total IS NOT NULL
        AND r.fiscal_year = (SELECT fy FROM y)
        AND (${agency.size} IS NULL OR a.size = ${agency.size} OR (SELECT n FROM sized) < ${MIN_PEER_GROUP})`.execute(
      db,
    ),
    db
      .selectFrom("item_scores")
      .select(["fiscal_year", "item_code", "score"])
      .where("tenant_id", "=", tenant.id)
      .where("agency_id", "=", agency.id)
      .where("tool", "=", "oit")
      .execute(),
  ]);

  const years = yearResults(yearRows.rows);
  const latestRaw = [...yearRows.rows].reverse().find((r) => r.total !== null && r.total !== undefined);
  const latest = latestRaw
    ? latestAnalysis(agency, Number(latestRaw.fiscal_year), scoresOf(latestRaw), peerRows.rows)
    : null;
  return {
    code: agency.code,
    nameTh: agency.name_th,
    nameEn: agency.name_en,
    type: agency.type,
    size: agency.size,
    district: agency.district,
    website: agency.website,
    years,
    latest,
    ...oitYears(itemRows),
  };
}

function yearResults(rows: Raw[]): AgencyProfile["years"] {
  let previous: { fiscalYear: number; total: Centi } | null = null;
  return rows.map((r) => {
    const s = scoresOf(r);
    const fiscalYear = Number(r.fiscal_year);
    const out = {
      fiscalYear,
      iit: pts(s.iit),
      eit: pts(s.eit),
      eitPart1: pts(s.eitPart1),
      eitPart2: pts(s.eitPart2),
      oit: pts(s.oit),
      indicators: Object.fromEntries(INDICATOR_NUMBERS.map((n) => [String(n), pts(s.indicators[n])])),
      total: pts(s.total),
      rating: ratingFor(fiscalYear, s.rating, toolsOf(s), s.total),
      rank: num(r.rank),
      ranked: Number(r.ranked),
      previous: previous ? { fiscalYear: previous.fiscalYear, total: pts(previous.total) as number } : null,
      delta: previous && s.total !== null ? pts(s.total - previous.total) : null,
      source: r.source as "import" | "manual" | "demo",
    };
    if (s.total !== null) previous = { fiscalYear, total: s.total };
    return out;
  });
}

interface AgencyFacts {
  code: string;
  type: AgencyTypeKey;
  size: Size | null;
}

interface PeerRow extends Scores {
  code: string;
  name: string;
  size: Size | null;
}

function latestAnalysis(
  agency: AgencyFacts,
  fiscalYear: number,
  own: Scores,
  rows: Raw[],
): NonNullable<AgencyProfile["latest"]> {
  const fw = frameworkFor(fiscalYear);
  const total = own.total as Centi;
  const typeRows: PeerRow[] = rows.map((r) => ({
    ...scoresOf(r),
    code: String(r.code),
    name: String(r.name_th),
    size: (r.size as Size | null) ?? null,
  }));
  const { group, peerGroup } = choosePeers(agency, fiscalYear, typeRows);

  const toolKeys: readonly ToolKey[] = fw ? fw.tools.map((t) => t.key) : TOOL_KEYS;
  const indicatorNumbers: readonly IndicatorNumber[] = fw ? fw.indicators.map((i) => i.number) : INDICATOR_NUMBERS;
  const stat = (pick: (s: Scores) => Centi | null) =>
    peerStat(
      group.map(pick).filter((v): v is Centi => v !== null),
      pick(own),
    );

  let weak: NonNullable<AgencyProfile["latest"]>["weakIndicators"] = null;
  let nextRating: NonNullable<AgencyProfile["latest"]>["nextRating"] = null;
  if (fw) {
    weak = weakIndicators(fw, own.indicators).map((w) => {
      const ind = fw.indicatorByNumber.get(w.indicator);
      return {
        indicator: w.indicator,
        tool: ind?.tool ?? "iit",
        name: { th: ind?.name.th ?? "", en: ind?.name.en ?? "" },
        score: pts(w.score) as number,
        gap: pts(w.gap) as number,
      };
    });
    const b = nextRatingBlockers(fw, toolsOf(own), total);
    nextRating = {
      next: b.next ? { key: b.next.key, label: { th: b.next.label.th, en: b.next.label.en } } : null,
      totalNeeded: pts(b.totalNeeded),
      toolsBelow: b.toolsBelow.map((t) => {
        const name = fw.toolByKey.get(t.tool)?.name;
        return {
          tool: t.tool,
          name: { th: name?.th ?? t.tool, en: name?.en ?? t.tool },
          score: pts(t.score),
          floor: pts(t.floor) as number,
          gap: pts(t.gap),
        };
      }),
    };
  }

  const peers = group
    .map((p) => ({
      code: p.code,
      name: p.name,
      size: p.size,
      total: pts(p.total) as number,
      rating: ratingFor(fiscalYear, p.rating, toolsOf(p), p.total),
      self: p.code === agency.code,
      sortTotal: p.total as Centi,
    }))
    .sort((a, b) => b.sortTotal - a.sortTotal || thaiCollator.compare(a.name, b.name) || a.code.localeCompare(b.code))
    .map(({ sortTotal: _, ...p }) => p);

  return {
    fiscalYear,
    weakIndicators: weak,
    nextRating,
    peerGroup,
    peerStats: {
      total: stat((s) => s.total),
      tools: toolKeys.map((tool) => ({ tool, ...stat((s) => s[tool]) })),
      indicators: indicatorNumbers.map((indicator) => ({ indicator, ...stat((s) => s.indicators[indicator]) })),
    },
    peers,
  };
}

/** Same type and size (≥ MIN_PEER_GROUP agencies, itself included), else same type; explained in Thai and English. */
function choosePeers(agency: AgencyFacts, fiscalYear: number, typeRows: PeerRow[]) {
  const typeName = AGENCY_TYPES[agency.type];
  const typeN = typeRows.length;
  if (agency.size !== null) {
    const sized = typeRows.filter((r) => r.size === agency.size);
    const size = SIZE_LABEL[agency.size];
    if (sized.length >= MIN_PEER_GROUP) {
      return {
        group: sized,
        peerGroup: {
          basis: "type+size" as const,
          fallback: false,
          n: sized.length,
          type: agency.type,
          size: agency.size,
          typeSizeN: sized.length,
          reasonTh: `${typeName.th} ขนาด${size.th} ที่มีคะแนนรวมปี ${fiscalYear} จำนวน ${sized.length} แห่ง (รวมหน่วยงานนี้)`,
          reasonEn: `${typeName.en}s of ${size.en} size with a total in ${fiscalYear}: ${sized.length}, this agency included.`,
        },
      };
    }
    return {
      group: typeRows,
      peerGroup: {
        basis: "type" as const,
        fallback: true,
        n: typeN,
        type: agency.type,
        size: null,
        typeSizeN: sized.length,
        reasonTh:
          `${typeName.th} ขนาด${size.th} ที่มีคะแนนรวมปี ${fiscalYear} มีเพียง ${sized.length} แห่ง (น้อยกว่า ${MIN_PEER_GROUP}) ` +
          `จึงเทียบกับ${typeName.th}ทุกขนาด ${typeN} แห่ง (รวมหน่วยงานนี้)`,
        reasonEn:
          `Only ${sized.length} ${typeName.en}s of ${size.en} size have a total in ${fiscalYear} ` +
          `(fewer than ${MIN_PEER_GROUP}), so the comparison is with all ${typeN} of the type, this agency included.`,
      },
    };
  }
  return {
    group: typeRows,
    peerGroup: {
      basis: "type" as const,
      fallback: false,
      n: typeN,
      type: agency.type,
      size: null,
      typeSizeN: null,
      reasonTh: `ไม่ทราบขนาดของหน่วยงาน จึงเทียบกับ${typeName.th}ที่มีคะแนนรวมปี ${fiscalYear} ทั้งหมด ${typeN} แห่ง (รวมหน่วยงานนี้)`,
      reasonEn: `The agency's size is unknown, so the comparison is with all ${typeN} ${typeName.en}s with a total in ${fiscalYear}, this agency included.`,
    },
  };
}

/** n, mean, median, quartiles of the known values, and the agency's percentile among them (all ita). */
function peerStat(values: Centi[], value: Centi | null) {
  if (values.length === 0) {
    return { n: 0, mean: null, median: null, p25: null, p75: null, value: pts(value), percentile: null };
  }
  const [p25, p75] = quantiles(values, [0.25, 0.75]);
  return {
    n: values.length,
    mean: pts(mean(values)),
    median: pts(median(values)),
    p25: pts(p25),
    p75: pts(p75),
    value: pts(value),
    percentile: value === null ? null : pts(percentRank(value, values)),
  };
}

/**
 * OIT items by year, with ita `itemPointGains` (biggest gain first; items without a stored score count as
 * failed). A stored score of 100.00 is a pass, anything else a fail (as the import reads them). Codes outside
 * the year's catalogue cannot come from an import; they are skipped rather than failing the whole profile.
 */
function oitYears(rows: { fiscal_year: number; item_code: string; score: number }[]) {
  const byYear = new Map<number, { item_code: string; score: number }[]>();
  for (const r of rows) {
    const list = byYear.get(r.fiscal_year) ?? [];
    list.push(r);
    byYear.set(r.fiscal_year, list);
  }
  const oit: AgencyProfile["oit"] = [];
  const oitUnavailable: AgencyProfile["oitUnavailable"] = [];
  for (const [fiscalYear, list] of [...byYear].sort((a, b) => a[0] - b[0])) {
    const fw = frameworkFor(fiscalYear);
    if (!fw || !hasCompleteOitCatalogue(fw)) {
      oitUnavailable.push({ fiscalYear, catalogueStatus: fw?.oit.status ?? "no-framework" });
      continue;
    }
    const items: Record<string, boolean> = {};
    for (const r of list) {
      const c = normalizeItemCode(r.item_code);
      if (fw.oit.itemByCode.has(c)) items[c] = r.score >= 10000;
    }
    const gains = itemPointGains(fw, items);
    oit.push({
      fiscalYear,
      catalogueId: fw.oit.catalogueId,
      passed: gains.filter((g) => g.passed).length,
      items: gains.map((g) => ({
        code: g.code,
        title: g.title,
        subIndicator: g.subIndicator,
        indicator: g.indicator,
        passed: g.passed,
        known: g.code in items,
        gain: pts(g.gain.centi) as number,
      })),
    });
  }
  return { oit, oitUnavailable };
}
