import { z } from "zod";

export const DisclosureStatusSchema = z
  .enum(["not_started", "in_progress", "submitted", "approved", "needs_fix"])
  .meta({ id: "DisclosureStatus" });

export const DisclosureRecordSchema = z
  .object({
    itemCode: z.string(),
    title: z.string().nullable(),
    status: DisclosureStatusSchema,
    evidenceUrls: z.array(z.string()),
    note: z.string().nullable(),
    reviewVerdict: z.enum(["approved", "needs_fix"]).nullable(),
    reviewComment: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: "DisclosureRecord" });

export const AgencyDisclosuresSchema = z
  .object({
    agencyCode: z.string(),
    fiscalYear: z.number().int(),
    catalogueYear: z.number().int(),
    standIn: z.boolean().describe("true when the catalogue of an earlier year stands in for an unpublished list"),
    records: z.array(DisclosureRecordSchema),
  })
  .meta({ id: "AgencyDisclosures" });
