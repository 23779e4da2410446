import { z } from "zod";
import { AgencySizeSchema, AgencyTypeSchema } from "./agency";
import { FrameworkSummarySchema } from "./analytics";
import { FiscalYearSchema, ScoreSchema } from "./common";

const NullableScore = ScoreSchema.nullable();

export const TenantInfoSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    synthetic: z.boolean().describe("true for demo data: shown as such wherever it appears"),
  })
  .meta({ id: "TenantInfo" });

export const YearsResponseSchema = z
  .object({
    tenant: TenantInfoSchema,
    years: z.array(
      z.object({
        fiscalYear: z.number().int(),
        agencies: z.number().int(),
        framework: FrameworkSummarySchema.nullable().describe("the year's tools, indicators, rating scheme, OIT list"),
      }),
    ),
  })
  .meta({ id: "YearsResponse" });

export const ResultsQuerySchema = z.object({ year: FiscalYearSchema });

export const ResultRowSchema = z
  .object({
    agencyCode: z.string(),
    name: z.string(),
    type: AgencyTypeSchema,
    size: AgencySizeSchema.nullable(),
    district: z.string().nullable(),
    fiscalYear: z.number().int(),
    iit: NullableScore,
    eit: NullableScore,
    eitPart1: NullableScore,
    eitPart2: NullableScore,
    oit: NullableScore,
    indicators: z.record(z.string(), NullableScore).describe("indicator number (1–10) → score"),
    total: NullableScore,
    rating: z.string().nullable(),
    source: z.enum(["import", "manual", "demo"]),
  })
  .meta({ id: "ResultRow" });

export const ResultsResponseSchema = z
  .object({ tenant: TenantInfoSchema, fiscalYear: z.number().int(), rows: z.array(ResultRowSchema) })
  .meta({ id: "ResultsResponse" });
export type ResultsResponse = z.infer<typeof ResultsResponseSchema>;

/** A score typed by hand: points with at most two decimals. */
const TypedScore = z
  .number()
  .min(0)
  .max(100)
  .refine((x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6, "at most two decimals");

export const ResultWriteSchema = z
  .object({
    iit: TypedScore.nullable().optional(),
    eit: TypedScore.nullable().optional(),
    eitPart1: TypedScore.nullable().optional(),
    eitPart2: TypedScore.nullable().optional(),
    oit: TypedScore.nullable().optional(),
    indicators: z
      .record(z.enum(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]), TypedScore.nullable())
      .optional()
      .describe("indicator number → score"),
    total: TypedScore.nullable().optional(),
    rating: z
      .string()
      .max(20)
      .nullable()
      .optional()
      .describe("rating key of the year: AA…F or excellent/good/pass/fail"),
    oitItems: z.record(z.string().max(10), z.boolean()).optional().describe("OIT item code → passed"),
  })
  .strict()
  .meta({ id: "ResultWrite", description: "One agency-year typed by hand; what is not given is derived" });

export const ImportIssueSchema = z
  .object({
    row: z.number().int().describe("row number as the spreadsheet shows it (header = 1); 0 for typed results"),
    column: z.string(),
    value: z.string(),
    code: z.string(),
    message: z.string().describe("Thai"),
    messageEn: z.string(),
  })
  .meta({ id: "ImportIssue" });

export const ImportReportSchema = z
  .object({
    id: z.number().int().optional().describe("the import's id, when it was committed"),
    dryRun: z.boolean(),
    fileName: z.string(),
    sha256: z.string(),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    agencies: z.object({ created: z.number().int(), updated: z.number().int() }),
    errors: z.array(ImportIssueSchema),
    warnings: z.array(ImportIssueSchema),
  })
  .meta({ id: "ImportReport" });

export const ImportBatchSchema = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    sha256: z.string(),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    warnings: z.number().int(),
    status: z.enum(["committed", "rolled_back"]),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    rolledBackAt: z.string().nullable(),
    rolledBackBy: z.string().nullable(),
  })
  .meta({ id: "ImportBatch" });

export const TypedResultResponseSchema = z
  .object({ created: z.boolean(), result: ResultRowSchema, warnings: z.array(ImportIssueSchema) })
  .meta({ id: "TypedResultResponse" });
