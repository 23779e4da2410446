// Disclosure readiness (OIT evidence workflow) schemas. An agency records evidence per OIT item of a cycle's
// catalogue; reviewers approve or send items back; approved items project the OIT score. Scores are points.
import { z } from "zod";
import { AgencySizeSchema, AgencyTypeSchema } from "./agency";
import { FiscalYearSchema } from "./common";
import { LinkCheckSchema } from "./link-check";

const Points = z.number().nullable();
const LocalLabel = z.object({ th: z.string(), en: z.string() });

export const DisclosureStatusSchema = z
  .enum(["not_started", "in_progress", "submitted", "approved", "needs_fix"])
  .meta({ id: "DisclosureStatus" });
export type DisclosureStatus = z.infer<typeof DisclosureStatusSchema>;
export const DISCLOSURE_STATUSES = DisclosureStatusSchema.options;

/** Statuses the agency side sets; `approved` and `needs_fix` are reviewers' verdicts. */
export const AgencyDisclosureStatusSchema = z.enum(["not_started", "in_progress", "submitted"]);

const StatusCounts = z
  .object({
    not_started: z.number().int(),
    in_progress: z.number().int(),
    submitted: z.number().int(),
    approved: z.number().int(),
    needs_fix: z.number().int(),
  })
  .meta({ id: "DisclosureStatusCounts" });

export const DisclosureCycleSchema = z
  .object({
    fiscalYear: z.number().int(),
    catalogueYear: z.number().int().describe("the framework year whose OIT catalogue the cycle uses"),
    standIn: z
      .boolean()
      .describe("true when an earlier year's catalogue stands in for the cycle's unpublished list (shown everywhere)"),
    submitBy: z.string().nullable().describe("agencies submit every item by this date (Asia/Bangkok, YYYY-MM-DD)"),
    reviewBy: z.string().nullable().describe("reviewers decide every submitted item by this date"),
    today: z.string().describe("today's date in Asia/Bangkok, which overdue flags are computed against"),
    items: z.number().int().describe("items in the catalogue"),
  })
  .meta({ id: "DisclosureCycle" });

export const DisclosureCyclesSchema = z
  .object({ cycles: z.array(DisclosureCycleSchema.extend({ agencies: z.number().int(), counts: StatusCounts })) })
  .meta({ id: "DisclosureCycles" });

export const DisclosureCycleWriteSchema = z
  .object({
    catalogueYear: FiscalYearSchema.describe("must have a complete OIT catalogue"),
    submitBy: z.iso.date().nullable(),
    reviewBy: z.iso.date().nullable(),
  })
  .refine((c) => !c.submitBy || !c.reviewBy || c.submitBy <= c.reviewBy, {
    path: ["reviewBy"],
    message: "The review deadline cannot be before the submission deadline",
  })
  .meta({ id: "DisclosureCycleWrite" });

const PersonSchema = z
  .object({ name: z.string(), role: z.string().nullable() })
  .nullable()
  .describe("who; a name and the role in this tenant, never an email");

export const DisclosureRecordSchema = z
  .object({
    itemCode: z.string(),
    title: z.string(),
    criteria: z.array(z.string()).describe("the catalogue's criteria for the item"),
    indicator: z.number().int(),
    subIndicator: z.string(),
    gain: z.number().describe("points approving this item adds to the projected total"),
    status: DisclosureStatusSchema,
    evidenceUrls: z.array(z.string()),
    note: z.string().nullable(),
    reviewVerdict: z.enum(["approved", "needs_fix"]).nullable(),
    reviewComment: z.string().nullable(),
    reviewedBy: PersonSchema,
    reviewedAt: z.string().nullable(),
    updatedBy: PersonSchema,
    updatedAt: z.string().nullable(),
    version: z.number().int().describe("0 until the first write; send it back with every write"),
    links: z.array(LinkCheckSchema).describe("latest check of each evidence URL (none yet: empty)"),
    brokenLinks: z.number().int(),
  })
  .meta({ id: "DisclosureRecord" });
export type DisclosureRecord = z.infer<typeof DisclosureRecordSchema>;

export const DisclosureProjectionSchema = z
  .object({
    basis: z
      .object({ fiscalYear: z.number().int(), iit: Points, eit: Points })
      .nullable()
      .describe("the latest result with IIT and EIT that the total uses; null when there is none"),
    subIndicators: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        indicator: z.number().int(),
        passed: z.number().int(),
        total: z.number().int(),
        score: z.number(),
      }),
    ),
    indicators: z.object({ 9: z.number(), 10: z.number() }),
    oit: z.number(),
    total: Points.describe("published-style total (each step rounded); null without IIT/EIT"),
    totalExact: Points.describe("the same without intermediate rounding; an approval moves it by exactly the gain"),
    rating: z.object({ key: z.string(), label: LocalLabel, passed: z.boolean() }).nullable(),
    openPoints: z.number().describe("points still open: the gains of every item not approved"),
    open: z.array(
      z.object({ itemCode: z.string(), title: z.string(), status: DisclosureStatusSchema, gain: z.number() }),
    ),
  })
  .meta({ id: "DisclosureProjection" });

export const AgencyDisclosuresSchema = z
  .object({
    agencyCode: z.string(),
    agencyName: z.string(),
    website: z.string().nullable(),
    cycle: DisclosureCycleSchema,
    counts: StatusCounts,
    overdue: z.object({
      submit: z.boolean().describe("past submitBy with items not submitted or approved"),
      review: z.boolean().describe("past reviewBy with submitted items not reviewed"),
    }),
    records: z.array(DisclosureRecordSchema).describe("every item of the catalogue, in catalogue order"),
    projection: DisclosureProjectionSchema,
  })
  .meta({ id: "AgencyDisclosures" });
export type AgencyDisclosures = z.infer<typeof AgencyDisclosuresSchema>;

const EvidenceUrl = z
  .url({ protocol: /^https?$/, message: "Evidence must be an http(s) address" })
  .max(2048)
  .describe("a page or file on the agency's website");

export const DisclosureWriteSchema = z
  .object({
    version: z.number().int().min(0).describe("the version you read (0 for an item never written)"),
    status: AgencyDisclosureStatusSchema,
    evidenceUrls: z.array(EvidenceUrl).max(10),
    note: z.string().trim().max(2000).nullable().default(null),
  })
  .refine((w) => w.status !== "submitted" || w.evidenceUrls.length > 0, {
    path: ["evidenceUrls"],
    message: "A submitted item needs at least one evidence URL",
  })
  .meta({ id: "DisclosureWrite" });
export type DisclosureWrite = z.infer<typeof DisclosureWriteSchema>;

export const DisclosureBulkWriteSchema = z
  .object({
    items: z
      .array(z.object({ itemCode: z.string().min(1).max(20) }).and(DisclosureWriteSchema))
      .min(1)
      .max(200),
  })
  .refine((b) => new Set(b.items.map((i) => i.itemCode.toUpperCase())).size === b.items.length, {
    path: ["items"],
    message: "An item appears twice",
  })
  .meta({ id: "DisclosureBulkWrite" });

export const DisclosureReviewSchema = z
  .object({
    version: z.number().int().min(1),
    verdict: z.enum(["approved", "needs_fix"]),
    comment: z.string().trim().max(2000).nullable().default(null),
  })
  .refine((r) => r.verdict !== "needs_fix" || (r.comment ?? "").length > 0, {
    path: ["comment"],
    message: "Say what to fix: a comment is required when sending an item back",
  })
  .meta({ id: "DisclosureReview" });

export const DisclosureHistoryEntrySchema = z
  .object({
    version: z.number().int(),
    status: DisclosureStatusSchema,
    evidenceUrls: z.array(z.string()),
    note: z.string().nullable(),
    reviewVerdict: z.enum(["approved", "needs_fix"]).nullable(),
    reviewComment: z.string().nullable(),
    changedBy: PersonSchema,
    changedAt: z.string(),
  })
  .meta({ id: "DisclosureHistoryEntry" });

export const DisclosureItemDetailSchema = z
  .object({
    agencyCode: z.string(),
    cycle: DisclosureCycleSchema,
    record: DisclosureRecordSchema,
    history: z.array(DisclosureHistoryEntrySchema).describe("newest first"),
    linkHistory: z.array(LinkCheckSchema).describe("every check of this item's URLs, newest first"),
  })
  .meta({ id: "DisclosureItemDetail" });

export const DisclosureConflictSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.literal(409),
    detail: z.string(),
    requestId: z.string().optional(),
    current: z.array(DisclosureRecordSchema).describe("the records as they are now: read, merge, send again"),
  })
  .meta({ id: "DisclosureConflict" });

export const LinkCheckRunSchema = z
  .object({
    checked: z.number().int(),
    broken: z.number().int(),
    skipped: z.number().int().describe("URLs left for a later run (request budget)"),
    results: z.array(LinkCheckSchema.extend({ itemCode: z.string() })),
  })
  .meta({ id: "LinkCheckRun" });

export const BoardQuerySchema = z.object({
  format: z.enum(["json", "csv"]).default("json").describe("csv: one row per agency, a column per item"),
  sort: z
    .enum(["projected", "open", "progress", "name", "code"])
    .default("projected")
    .describe("projected: projected total; open: points still open; progress: share approved"),
  dir: z.enum(["asc", "desc"]).optional().describe("default: desc for numbers, asc for name and code"),
  type: AgencyTypeSchema.optional(),
  district: z.string().min(1).max(120).optional(),
  overdue: z.enum(["submit", "review", "any"]).optional().describe("only overdue agencies"),
});

export const DisclosureBoardSchema = z
  .object({
    cycle: DisclosureCycleSchema,
    items: z.array(
      z.object({
        code: z.string(),
        title: z.string(),
        indicator: z.number().int(),
        subIndicator: z.string(),
        gain: z.number(),
      }),
    ),
    agencies: z.array(
      z.object({
        agencyCode: z.string(),
        name: z.string(),
        type: AgencyTypeSchema,
        size: AgencySizeSchema.nullable(),
        district: z.string().nullable(),
        statuses: z.array(DisclosureStatusSchema).describe("one per item, in the order of `items`"),
        brokenItems: z.array(z.string()).describe("items whose latest link check found a broken evidence URL"),
        counts: StatusCounts,
        approvedShare: z.number().describe("percent of items approved, two decimals"),
        overdueSubmit: z.boolean(),
        overdueReview: z.boolean(),
        projectedOit: z.number(),
        projectedTotal: Points,
        projectedRating: z.string().nullable(),
        openPoints: z.number(),
      }),
    ),
    counts: StatusCounts.describe("all agencies together"),
    overdue: z.object({ submit: z.array(z.string()), review: z.array(z.string()) }).describe("agency codes"),
  })
  .meta({ id: "DisclosureBoard" });
export type DisclosureBoard = z.infer<typeof DisclosureBoardSchema>;

export const DisclosureYearParams = z.object({ year: FiscalYearSchema });
export const DisclosureItemParams = z.object({
  year: FiscalYearSchema,
  item: z
    .string()
    .min(1)
    .max(20)
    .meta({ description: "OIT item code of the cycle's catalogue, e.g. O12", example: "O12" }),
});
