import { createRoute, z } from "@hono/zod-openapi";
import {
  ProblemSchema,
  ResultsQuerySchema,
  ResultsResponseSchema,
  TenantSlugSchema,
  YearsResponseSchema,
} from "@prongsai/contracts";
import type { App } from "../app";
import { listResults, listYears } from "../services/results";
import { tenantBySlug } from "../services/tenants";

const TenantParams = z.object({ tenant: TenantSlugSchema });
const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

const yearsRoute = createRoute({
  method: "get",
  path: "/api/tenants/{tenant}/years",
  tags: ["results"],
  summary: "Fiscal years with official results in this tenant",
  request: { params: TenantParams },
  responses: {
    200: { description: "Years with data", content: { "application/json": { schema: YearsResponseSchema } } },
    404: problem("Unknown tenant"),
  },
});

const resultsRoute = createRoute({
  method: "get",
  path: "/api/tenants/{tenant}/results",
  tags: ["results"],
  summary: "Official ITA results of every agency for one fiscal year",
  request: { params: TenantParams, query: ResultsQuerySchema },
  responses: {
    200: { description: "One row per agency", content: { "application/json": { schema: ResultsResponseSchema } } },
    400: problem("Invalid year"),
    404: problem("Unknown tenant or year"),
  },
});

export function registerResultRoutes(app: App) {
  app.openapi(yearsRoute, async (c) => {
    const tenant = await tenantBySlug(c.get("db"), c.req.valid("param").tenant);
    return c.json(await listYears(c.get("db"), tenant), 200);
  });
  app.openapi(resultsRoute, async (c) => {
    const tenant = await tenantBySlug(c.get("db"), c.req.valid("param").tenant);
    return c.json(await listResults(c.get("db"), tenant, c.req.valid("query").year), 200);
  });
}
