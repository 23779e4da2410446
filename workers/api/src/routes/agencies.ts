import { z } from "@hono/zod-openapi";
import { AgencyDisclosuresSchema, AgencySchema, AgencyWriteSchema, FiscalYearSchema } from "@prongsai/contracts";
import type { App } from "../app";
import { requirePrincipal, tenantOf } from "../auth/middleware";
import { getAgency, listAgencies, putAgency } from "../services/agencies";
import { agencyDisclosures } from "../services/disclosures";
import { deps } from "./context";
import { defineRoute, problem, protectedErrors } from "./define";
import { AgencyParams, TenantParams } from "./params";

const listRoute = defineRoute(
  { kind: "tenant", permission: "agencies:read" },
  {
    method: "get",
    path: "/api/tenants/{tenant}/agencies",
    tags: ["agencies"],
    summary: "Agencies of this tenant in Thai order; `q` searches code, names and district",
    request: { params: TenantParams, query: z.object({ q: z.string().max(100).optional() }) },
    responses: {
      200: { description: "Agencies", content: { "application/json": { schema: z.array(AgencySchema) } } },
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
    summary: "One agency",
    request: { params: AgencyParams },
    responses: {
      200: { description: "The agency", content: { "application/json": { schema: AgencySchema } } },
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

const disclosuresRoute = defineRoute(
  { kind: "tenant", permission: "disclosures:read" },
  {
    method: "get",
    path: "/api/tenants/{tenant}/agencies/{code}/disclosures/{year}",
    tags: ["disclosures"],
    summary: "An agency's OIT disclosure records for a cycle (drafts and reviewer notes: private)",
    request: { params: AgencyParams.extend({ year: FiscalYearSchema }) },
    responses: {
      200: { description: "Records", content: { "application/json": { schema: AgencyDisclosuresSchema } } },
      ...protectedErrors,
    },
  },
);

export function registerAgencyRoutes(app: App) {
  app.openapi(listRoute, async (c) =>
    c.json(await listAgencies(c.get("db"), tenantOf(c).tenant, c.req.valid("query").q), 200),
  );
  app.openapi(getRoute, async (c) =>
    c.json(await getAgency(c.get("db"), tenantOf(c).tenant, c.req.valid("param").code), 200),
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
  app.openapi(disclosuresRoute, async (c) => {
    const { code, year } = c.req.valid("param");
    return c.json(await agencyDisclosures(c.get("db"), tenantOf(c).tenant, code, year), 200);
  });
}
