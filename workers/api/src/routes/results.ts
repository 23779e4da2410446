import { ResultsQuerySchema, ResultsResponseSchema, YearsResponseSchema } from "@prongsai/contracts";
import type { App } from "../app";
import { tenantOf } from "../auth/middleware";
import { cachedAnswer } from "../http/answer-cache";
import { listResults, listYears } from "../services/results";
import { defineRoute, problem, protectedErrors } from "./define";
import { TenantParams } from "./params";

const yearsRoute = defineRoute(
  { kind: "tenant", permission: "results:read" },
  {
    method: "get",
    path: "/api/tenants/{tenant}/years",
    tags: ["results"],
    summary: "Fiscal years with official results in this tenant",
    request: { params: TenantParams },
    responses: {
      200: { description: "Years with data", content: { "application/json": { schema: YearsResponseSchema } } },
      ...protectedErrors,
    },
  },
);

const resultsRoute = defineRoute(
  { kind: "tenant", permission: "results:read" },
  {
    method: "get",
    path: "/api/tenants/{tenant}/results",
    tags: ["results"],
    summary: "Official ITA results of every agency for one fiscal year",
    request: { params: TenantParams, query: ResultsQuerySchema },
    responses: {
      200: { description: "One row per agency", content: { "application/json": { schema: ResultsResponseSchema } } },
      400: problem("Invalid year"),
      ...protectedErrors,
    },
  },
);

export function registerResultRoutes(app: App) {
  app.openapi(yearsRoute, (c) =>
    cachedAnswer(c, async () => c.json(await listYears(c.get("db"), tenantOf(c).tenant), 200)),
  );
  app.openapi(resultsRoute, (c) =>
    cachedAnswer(c, async () =>
      c.json(await listResults(c.get("db"), tenantOf(c).tenant, c.req.valid("query").year), 200),
    ),
  );
}
