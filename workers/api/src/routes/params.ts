import { z } from "@hono/zod-openapi";
import { FiscalYearSchema, TenantSlugSchema } from "@prongsai/contracts";

/** Path parameters shared by tenant routes. */
export const TenantParams = z.object({ tenant: TenantSlugSchema });
export const AgencyCode = z
  .string()
  .min(1)
  .max(40)
  .meta({ description: "Agency code (รหัสหน่วยงาน)", example: "6990101" });
export const AgencyParams = TenantParams.extend({ code: AgencyCode });
export const AgencyYearParams = AgencyParams.extend({ year: FiscalYearSchema });
