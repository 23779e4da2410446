import { z } from "zod";

/** RFC 9457 problem details: the shape of every error the API returns. */
export const ProblemSchema = z
  .object({
    type: z.string().describe("URI identifying the problem type"),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe("Field-level validation problems"),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof ProblemSchema>;

/** A Buddhist Era fiscal year, as used in all data and API parameters. */
export const FiscalYearSchema = z.coerce
  .number()
  .int()
  .min(2560)
  .max(2600)
  .meta({ id: "FiscalYear", description: "Buddhist Era fiscal year, e.g. 2568", example: 2568 });

export const TenantSlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/)
  .meta({ description: "Tenant slug, e.g. demo", example: "demo" });

/** A score as published: points with two decimals (0–100). Stored as integer hundredths. */
export const ScoreSchema = z.number().min(0).max(100).meta({ id: "Score", example: 88.98 });
