// Response types come from the shared zod contracts (types only: no zod in the browser bundle).
import type {
  AgencySchema,
  HeatmapSchema,
  ImportBatchSchema,
  ImportReportSchema,
  MemberSchema,
  MovementSchema,
  RankingsSchema,
  SessionResponseSchema,
  SummarySchema,
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
