import { z } from "zod";

export const HealthSchema = z
  .object({
    status: z.literal("ok"),
    service: z.literal("prongsai-api"),
    database: z.object({ ok: z.boolean(), migrations: z.number().int(), tenants: z.number().int() }),
    time: z.string(),
  })
  .meta({ id: "Health" });
export type Health = z.infer<typeof HealthSchema>;
