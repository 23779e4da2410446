import { z } from "zod";
import { AgencySizeSchema, AgencyTypeSchema } from "./agency";
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
    years: z.array(z.object({ fiscalYear: z.number().int(), agencies: z.number().int() })),
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
