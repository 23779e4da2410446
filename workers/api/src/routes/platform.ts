import { z } from "@hono/zod-openapi";
import { CreateTenantRequestSchema, CreateTenantResponseSchema, TenantSummarySchema } from "@prongsai/contracts";
import type { App } from "../app";
import { requirePrincipal } from "../auth/middleware";
import { createTenant, listTenants } from "../services/platform";
import { deps } from "./context";
import { defineRoute, problem, protectedErrors } from "./define";

const listRoute = defineRoute(
  { kind: "operator" },
  {
    method: "get",
    path: "/api/tenants",
    tags: ["platform"],
    summary: "Platform operator: list tenants (names only, no tenant data)",
    responses: {
      200: { description: "Tenants", content: { "application/json": { schema: z.array(TenantSummarySchema) } } },
      401: protectedErrors[401],
      403: protectedErrors[403],
    },
  },
);

const createTenantRoute = defineRoute(
  { kind: "operator" },
  {
    method: "post",
    path: "/api/tenants",
    tags: ["platform"],
    summary: "Platform operator: create a tenant and invite its first admin",
    request: { body: { required: true, content: { "application/json": { schema: CreateTenantRequestSchema } } } },
    responses: {
      201: { description: "Created", content: { "application/json": { schema: CreateTenantResponseSchema } } },
      400: problem("Invalid request"),
      401: protectedErrors[401],
      403: protectedErrors[403],
      409: problem("Slug taken"),
    },
  },
);

export function registerPlatformRoutes(app: App) {
  app.openapi(listRoute, async (c) => c.json(await listTenants(c.get("db")), 200));
  app.openapi(createTenantRoute, async (c) => {
    const d = deps(c);
    const body = await createTenant(d.d1, d.db, await requirePrincipal(c), c.req.valid("json"), d.origin, d.requestId);
    return c.json(body, 201);
  });
}
