// Response types come from the shared zod contracts (types only: no zod in the browser bundle).
import type {
  AgencyDisclosuresSchema,
  AgencySchema,
  CreateTenantResponseSchema,
  DisclosureBoardSchema,
  DisclosureCyclesSchema,
  DisclosureHistoryEntrySchema,
  DisclosureItemDetailSchema,
  DisclosureRecordSchema,
  DisclosureStatusSchema,
  HeatmapSchema,
  ImportBatchSchema,
  ImportReportSchema,
  LinkCheckRunSchema,
  LinkCheckSchema,
  MemberSchema,
  MovementSchema,
  RankingsSchema,
  SessionResponseSchema,
  SummarySchema,
  TenantSummarySchema,
  WeakIndicatorsSchema,
  YearsResponseSchema,
} from "@prongsai/contracts";
import type { z } from "zod";

export type Session = z.infer<typeof SessionResponseSchema>;
export type Membership = Session["memberships"][number];
export type YearsResponse = z.infer<typeof YearsResponseSchema>;
export type Rankings = z.infer<typeof RankingsSchema>;
export type RankingRow = Rankings["rows"][number];
export type Summary = z.infer<typeof SummarySchema>;
export type WeakIndicators = z.infer<typeof WeakIndicatorsSchema>;
export type Movement = z.infer<typeof MovementSchema>;
export type Heatmap = z.infer<typeof HeatmapSchema>;
export type Agency = z.infer<typeof AgencySchema>;
export type ImportReport = z.infer<typeof ImportReportSchema>;
export type ImportBatch = z.infer<typeof ImportBatchSchema>;
export type Member = z.infer<typeof MemberSchema>;
/** Platform operator: one tenant of the list, and what creating one answers (its first-admin invitation). */
export type TenantSummary = z.infer<typeof TenantSummarySchema>;
export type CreatedTenant = z.infer<typeof CreateTenantResponseSchema>;

// Disclosure readiness (OIT evidence workflow).
export type DisclosureStatus = z.infer<typeof DisclosureStatusSchema>;
export type DisclosureCycles = z.infer<typeof DisclosureCyclesSchema>;
export type DisclosureCycle = DisclosureCycles["cycles"][number];
export type DisclosureBoard = z.infer<typeof DisclosureBoardSchema>;
export type BoardAgency = DisclosureBoard["agencies"][number];
export type AgencyDisclosures = z.infer<typeof AgencyDisclosuresSchema>;
export type DisclosureRecord = z.infer<typeof DisclosureRecordSchema>;
export type DisclosureItemDetail = z.infer<typeof DisclosureItemDetailSchema>;
export type DisclosureHistoryEntry = z.infer<typeof DisclosureHistoryEntrySchema>;
export type LinkCheck = z.infer<typeof LinkCheckSchema>;
export type LinkCheckRun = z.infer<typeof LinkCheckRunSchema>;
