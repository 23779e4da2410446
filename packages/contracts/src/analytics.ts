// Analytics schemas: years, rankings, summary, weak indicators, movement, heatmap. Scores are points (2 decimals).
import { z } from "zod";
import { AgencySizeSchema, AgencyTypeSchema } from "./agency";
import { FiscalYearSchema } from "./common";

const Score = z.number().nullable();
const Label = z.object({ th: z.string(), en: z.string() });
const IndicatorMap = z.record(z.string(), Score).describe("indicator number (1–10) → score");

export const FormatQuery = z.object({
  format: z.enum(["json", "csv"]).default("json").describe("csv: the same rows as CSV (UTF-8 with BOM)"),
});

export const RankingQuerySchema = FormatQuery.extend({
  year: FiscalYearSchema,
  type: AgencyTypeSchema.optional(),
  size: AgencySizeSchema.optional(),
  district: z.string().min(1).max(120).optional(),
  // Optional paging of the ranked list; without `limit` the whole list comes back (what the dashboard uses).
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(20000)
    .optional()
    .describe("return at most this many rows of the ranking (default: all)"),
  offset: z.coerce.number().int().min(0).default(0).describe("skip this many rows of the ranking first"),
});

export const YearQuerySchema = FormatQuery.extend({ year: FiscalYearSchema });
export const MovementQuerySchema = FormatQuery.extend({ from: FiscalYearSchema, to: FiscalYearSchema });

export const FrameworkSummarySchema = z
  .object({
    fiscalYear: z.number().int(),
    label: Label,
    passMark: z.number(),
    tools: z.array(
      z.object({
        key: z.string(),
        name: Label,
        weight: z.number(),
        indicators: z.array(z.number()),
        parts: z.array(z.object({ key: z.string(), name: Label })),
      }),
    ),
    indicators: z.array(z.object({ number: z.number(), tool: z.string(), name: Label })),
    rating: z.object({
      kind: z.enum(["letter", "pass-levels"]),
      levels: z.array(
        z.object({ key: z.string(), label: Label, minTotal: z.number(), minEachTool: z.number().nullable() }),
      ),
    }),
    oit: z.object({
      status: z.enum(["complete", "partial", "unknown"]),
      catalogueId: z.string().nullable(),
      items: z.number(),
    }),
  })
  .meta({ id: "FrameworkSummary" });

const Previous = z
  .object({ year: z.number(), total: Score, rank: z.number(), rating: z.string().nullable() })
  .nullable();

export const RankingRowSchema = z
  .object({
    rank: z.number().int().nullable(),
    agencyCode: z.string(),
    name: z.string(),
    type: AgencyTypeSchema,
    size: AgencySizeSchema.nullable(),
    district: z.string().nullable(),
    total: Score,
    rating: z.string().nullable(),
    iit: Score,
    eit: Score,
    oit: Score,
    indicators: IndicatorMap,
    weakCount: z.number().int(),
    previous: Previous,
    delta: Score,
    rankChange: z.number().int().nullable().describe("positive = moved up"),
  })
  .meta({ id: "RankingRow" });

export const RankingsSchema = z
  .object({
    year: z.number(),
    filters: z.record(z.string(), z.string().optional()),
    total: z.number().int().describe("rows in the whole ranking under the filters, before limit/offset"),
    offset: z.number().int(),
    limit: z.number().int().nullable().describe("null: every row from offset on"),
    rows: z.array(RankingRowSchema).describe("ranks are those of the whole ranking, also on a page"),
  })
  .meta({ id: "Rankings" });

const YearStats = z.object({
  year: z.number(),
  assessed: z.number(),
  mean: Score,
  median: Score,
  passRate: Score.describe("percent with total ≥ 85"),
  ratingCounts: z.array(z.object({ rating: z.string(), label: Label, count: z.number() })),
});

const Comparison = z.object({
  comparable: z.boolean(),
  reasons: z.array(z.object({ code: z.string(), th: z.string(), en: z.string() })),
});

const Brief = z.object({
  agencyCode: z.string(),
  name: z.string(),
  type: AgencyTypeSchema,
  total: Score,
  rating: z.string().nullable(),
  previous: z.object({ year: z.number(), total: Score, rating: z.string().nullable() }).nullable(),
});

export const SummarySchema = YearStats.extend({
  previous: YearStats.nullable(),
  comparable: Comparison.nullable(),
  meanDelta: Score,
  passRateDelta: Score,
  top: z.array(RankingRowSchema),
  bottom: z.array(RankingRowSchema),
  indicators: z.array(
    z.object({
      indicator: z.number(),
      name: Label.nullable(),
      assessed: z.number(),
      mean: Score,
      median: Score,
      belowPass: z.number(),
    }),
  ),
  newlyPassing: z.array(Brief),
  newlyFailing: z.array(Brief),
}).meta({ id: "Summary" });

export const WeakIndicatorsSchema = z
  .object({
    year: z.number(),
    passMark: Score,
    indicators: z.array(
      z.object({
        indicator: z.number(),
        name: Label.nullable(),
        tool: z.string().nullable(),
        assessed: z.number(),
        mean: Score,
        median: Score,
        belowCount: z.number(),
        below: z.array(z.object({ agencyCode: z.string(), name: z.string(), score: Score, gap: Score })),
      }),
    ),
    agencies: z.array(
      z.object({
        agencyCode: z.string(),
        name: z.string(),
        total: Score,
        rating: z.string().nullable(),
        weak: z.array(z.object({ indicator: z.number(), score: Score, gap: Score })),
        toolsBelow: z.array(z.object({ tool: z.string(), score: Score, gap: Score })),
        nextRating: z.object({ rating: z.string(), label: Label, totalNeeded: Score }).nullable(),
      }),
    ),
  })
  .meta({ id: "WeakIndicators" });

const Side = z.object({ total: Score, rating: z.string().nullable(), rank: z.number().nullable() });
export const MovementRowSchema = z
  .object({
    agencyCode: z.string(),
    name: z.string(),
    type: AgencyTypeSchema,
    size: AgencySizeSchema.nullable(),
    district: z.string().nullable(),
    from: Side,
    to: Side,
    delta: z.number(),
    ratingTransition: z.string(),
    rankChange: z.number().nullable(),
    indicatorDeltas: IndicatorMap,
  })
  .meta({ id: "MovementRow" });

export const MovementSchema = z
  .object({
    from: z.number(),
    to: z.number(),
    comparable: z.boolean(),
    reasons: Comparison.shape.reasons,
    agencies: z.array(MovementRowSchema),
    improvers: z.array(MovementRowSchema),
    decliners: z.array(MovementRowSchema),
    transitions: z.object({ from: z.array(z.string()), to: z.array(z.string()), counts: z.array(z.array(z.number())) }),
    onlyInFrom: z.number(),
    onlyInTo: z.number(),
  })
  .meta({ id: "Movement" });

export const HeatmapSchema = z
  .object({
    year: z.number(),
    passMark: Score,
    indicators: z.array(z.object({ indicator: z.number(), name: Label.nullable() })),
    rows: z.array(
      z.object({
        rank: z.number().nullable(),
        agencyCode: z.string(),
        name: z.string(),
        total: Score,
        rating: z.string().nullable(),
        values: IndicatorMap,
      }),
    ),
  })
  .meta({ id: "Heatmap" });
