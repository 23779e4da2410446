import { z } from "@hono/zod-openapi";
import {
  AgencyListQuerySchema,
  AgencyListSchema,
  AgencyProfileSchema,
  AgencySchema,
  AgencyWriteSchema,
} from "@prongsai/contracts";
import type { App } from "../app";
import { requirePrincipal, tenantOf } from "../auth/middleware";
import { cachedAnswer } from "../http/answer-cache";
import { agencyListCsv, listAgencies, putAgency } from "../services/agencies";
import { agencyProfile } from "../services/analytics/profile";
import { deps } from "./context";
import { defineRoute, problem, protectedErrors } from "./define";
import { AgencyParams, TenantParams } from "./params";

const listRoute = defineRoute(
  { kind: "tenant", permission: "agencies:read" },
  {
    method: "get",
    path: "/api/tenants/{tenant}/agencies",
    tags: ["agencies"],
    summary: "Agencies of this tenant in Thai order, with their latest total and rating",
    description:
      "`q` searches code, Thai and English name and district. The latest result is the latest fiscal year with a " +
      "total. `format=csv` gives the same rows as CSV (UTF-8 with BOM, formula-safe text cells).",
    request: { params: TenantParams, query: AgencyListQuerySchema },
    responses: {
      200: {
        description: "Agencies",
        content: {
          "application/json": { schema: AgencyListSchema },
          "text/csv": { schema: z.string().meta({ format: "binary" }) },
        },
      },
      400: problem("Invalid query"),
      ...protectedErrors,
    },
  },
);

const getRoute = defineRoute(
  { kind: "tenant", permission: "agencies:read" },
  {
    method: "get",
    path: "/api/tenants/{tenant}/agencies/{code}",
    tags: ["agencies"],
    summary: "Agency profile: results of every year, weak indicators, next-rating blockers, peers, OIT items",
    description:
      "Every year's tools, indicators, total, rating and rank in the tenant with the change from the previous year " +
      "with a total. For the latest year with a total: weak indicators (below 85), what stops the next rating, and " +
      "peer statistics (same type and size; same type when that group has fewer than 5 agencies, the agency itself " +
      "counted). OIT items of years with a complete catalogue, biggest point gain first.",
    request: { params: AgencyParams },
    responses: {
      200: { description: "The profile", content: { "application/json": { schema: AgencyProfileSchema } } },
      400: problem("Invalid agency code"),
      ...protectedErrors,
    },
  },
);

const putRoute = defineRoute(
  { kind: "tenant", permission: "agencies:write" },
  {
    method: "put",
    path: "/api/tenants/{tenant}/agencies/{code}",
    tags: ["agencies"],
    summary: "Create or update an agency by code",
    request: {
      params: AgencyParams,
      body: { required: true, content: { "application/json": { schema: AgencyWriteSchema } } },
    },
    responses: {
      200: { description: "Updated", content: { "application/json": { schema: AgencySchema } } },
      201: { description: "Created", content: { "application/json": { schema: AgencySchema } } },
      400: problem("Invalid request"),
      ...protectedErrors,
    },
  },
);

export function registerAgencyRoutes(app: App) {
  // Agencies and results only (no item scores), so the answer cache's data version covers it.
  app.openapi(listRoute, (c) =>
    cachedAnswer(c, async () => {
      const { q, format } = c.req.valid("query");
      const { tenant } = tenantOf(c);
      const rows = await listAgencies(c.get("db"), tenant, q);
      if (format === "csv") {
        // c.body, not a bare Response: headers set by middleware (x-request-id) must stay on the answer.
        return c.body(agencyListCsv(rows), 200, {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="prongsai-agencies-${tenant.slug}.csv"`,
        });
      }
      return c.json(rows, 200);
    }),
  );
  app.openapi(getRoute, async (c) =>
    c.json(await agencyProfile(c.get("db"), tenantOf(c).tenant, c.req.valid("param").code), 200),
  );
  app.openapi(putRoute, async (c) => {
    const d = deps(c);
    const { created, agency } = await putAgency(
      d.d1,
      d.db,
      tenantOf(c).tenant,
      await requirePrincipal(c),
      c.req.valid("param").code,
      c.req.valid("json"),
      d.requestId,
    );
    return created ? c.json(agency, 201) : c.json(agency, 200);
  });
}
