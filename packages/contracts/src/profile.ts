// Agency profile and agency list schemas. Scores are points with two decimals; percentiles are percent with two
// decimals. Every number is computed by packages/ita (see workers/api/src/services/analytics/profile.ts).
import { z } from "zod";
import { AgencySizeSchema, AgencyTypeSchema } from "./agency";
import { AgencySchema } from "./auth";

const Points = z.number().nullable();
const LocalLabel = z.object({ th: z.string(), en: z.string() });
const ToolKey = z.enum(["iit", "eit", "oit"]);

export const AgencyRatingSchema = z
  .object({
    key: z.string().describe("rating key of the year's scheme: AA…F (2562–2565) or excellent/good/pass/fail (2566–)"),
    label: LocalLabel,
    passed: z.boolean().describe("total ≥ the pass mark (85.00)"),
    derived: z.boolean().describe("true when no rating was stored and packages/ita rated the stored scores"),
  })
  .meta({ id: "AgencyRating" });

export const AgencyYearResultSchema = z
  .object({
    fiscalYear: z.number().int(),
    iit: Points,
    eit: Points,
    eitPart1: Points,
    eitPart2: Points,
    oit: Points,
    indicators: z.record(z.string(), Points).describe("indicator number (1–10) → score"),
    total: Points,
    rating: AgencyRatingSchema.nullable(),
    rank: z.number().int().nullable().describe("rank by total in the tenant that year (ties share: 1, 2, 2, 4)"),
    ranked: z.number().int().describe("agencies of the tenant with a total that year"),
    previous: z
      .object({ fiscalYear: z.number().int(), total: z.number() })
      .nullable()
      .describe("the latest earlier year with a total for this agency"),
    delta: z.number().nullable().describe("total − previous total, in points"),
    source: z.enum(["import", "manual", "demo"]),
  })
  .meta({ id: "AgencyYearResult" });

export const AgencyWeakIndicatorSchema = z
  .object({
    indicator: z.number().int(),
    tool: ToolKey,
    name: LocalLabel,
    score: z.number(),
    gap: z.number().describe("pass mark − score, in points"),
  })
  .meta({ id: "AgencyWeakIndicator" });

export const AgencyNextRatingSchema = z
  .object({
    next: z
      .object({ key: z.string(), label: LocalLabel })
      .nullable()
      .describe("the next better rating; null when the agency already has the best"),
    totalNeeded: Points.describe("how much the total must still rise for `next` (0 = the total suffices)"),
    toolsBelow: z
      .array(
        z.object({
          tool: ToolKey,
          name: LocalLabel,
          score: Points,
          floor: z.number(),
          gap: Points.describe("floor − score; null when the tool score is unknown"),
        }),
      )
      .describe("tools under the next level's per-tool floor, biggest gap first"),
  })
  .meta({
    id: "AgencyNextRating",
    description: "What stops the next better rating (ita nextRatingBlockers); null without a framework for the year",
  });

export const AgencyPeerGroupSchema = z
  .object({
    basis: z.enum(["type+size", "type"]),
    fallback: z.boolean().describe("true when the type+size group had fewer than 5 agencies and type was used"),
    n: z.number().int().describe("agencies in the group with a total that year, the agency itself included"),
    type: AgencyTypeSchema,
    size: AgencySizeSchema.nullable().describe("the size compared on (null when basis is type)"),
    typeSizeN: z
      .number()
      .int()
      .nullable()
      .describe("agencies of the same type and size (itself included); null when the size is unknown"),
    reasonTh: z.string(),
    reasonEn: z.string(),
  })
  .meta({ id: "AgencyPeerGroup" });

export const AgencyPeerStatSchema = z
  .object({
    n: z.number().int().describe("peers with this score known"),
    mean: Points,
    median: Points,
    p25: Points,
    p75: Points,
    value: Points.describe("the agency's score"),
    percentile: Points.describe("share of peers below the agency, ties counted half, in percent"),
  })
  .meta({ id: "AgencyPeerStat" });

export const AgencyPeerSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    size: AgencySizeSchema.nullable(),
    total: z.number(),
    rating: AgencyRatingSchema.nullable(),
    self: z.boolean(),
  })
  .meta({ id: "AgencyPeer" });

export const AgencyLatestSchema = z
  .object({
    fiscalYear: z.number().int().describe("the agency's latest fiscal year with a total"),
    weakIndicators: z
      .array(AgencyWeakIndicatorSchema)
      .nullable()
      .describe("indicators below the pass mark, biggest gap first; null without a framework for the year"),
    nextRating: AgencyNextRatingSchema.nullable(),
    peerGroup: AgencyPeerGroupSchema,
    peerStats: z.object({
      total: AgencyPeerStatSchema,
      tools: z.array(AgencyPeerStatSchema.extend({ tool: ToolKey })),
      indicators: z.array(AgencyPeerStatSchema.extend({ indicator: z.number().int() })),
    }),
    peers: z.array(AgencyPeerSchema).describe("the peer group, total descending, equal totals in Thai name order"),
  })
  .meta({
    id: "AgencyLatest",
    description: "Analysis of the agency's latest fiscal year with a total; null when it has no total in any year",
  });

export const AgencyOitItemSchema = z
  .object({
    code: z.string(),
    title: z.string(),
    subIndicator: z.string(),
    indicator: z.number().int(),
    passed: z.boolean(),
    known: z.boolean().describe("false when no score is stored for the item (counted as failed)"),
    gain: z.number().describe("points the total gains when the item passes; 0 for passed items"),
  })
  .meta({ id: "AgencyOitItem" });

export const AgencyOitYearSchema = z
  .object({
    fiscalYear: z.number().int(),
    catalogueId: z.string().nullable(),
    passed: z.number().int(),
    items: z.array(AgencyOitItemSchema).describe("biggest gain first (failed items first), then by code"),
  })
  .meta({ id: "AgencyOitYear" });

/**
 * The profile is the agency (every field of `Agency`, where it always was: the route used to answer with the bare
 * agency, so existing clients keep working) plus its results and their analysis.
 */
export const AgencyProfileSchema = AgencySchema.extend({
  years: z.array(AgencyYearResultSchema).describe("every fiscal year with a stored result, oldest first"),
  latest: AgencyLatestSchema.nullable(),
  oit: z
    .array(AgencyOitYearSchema)
    .describe("years with OIT item scores stored and a complete catalogue, oldest first"),
  oitUnavailable: z
    .array(z.object({ fiscalYear: z.number().int(), catalogueStatus: z.string() }))
    .describe("years with OIT item scores stored whose catalogue is not complete (no item gains)"),
}).meta({ id: "AgencyProfile" });
export type AgencyProfile = z.infer<typeof AgencyProfileSchema>;

export const AgencyListQuerySchema = z.object({
  q: z.string().max(100).optional().describe("searches code, Thai and English name, district"),
  format: z.enum(["json", "csv"]).default("json").describe("csv: the same rows as CSV (UTF-8 with BOM)"),
});

export const AgencyListItemSchema = AgencySchema.extend({
  latestYear: z.number().int().nullable().describe("the latest fiscal year with a total"),
  latestTotal: Points,
  rating: AgencyRatingSchema.nullable(),
}).meta({ id: "AgencyListItem" });
export type AgencyListItem = z.infer<typeof AgencyListItemSchema>;

export const AgencyListSchema = z.array(AgencyListItemSchema).meta({ id: "AgencyList" });
