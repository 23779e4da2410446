import { z } from "@hono/zod-openapi";
import { AuditPageSchema, AuditQuerySchema, MemberSchema, UpdateMemberRequestSchema } from "@prongsai/contracts";
import type { App } from "../app";
import { requirePrincipal, tenantOf } from "../auth/middleware";
import { listAudit } from "../services/audit";
import { listMembers, removeMember, updateMember } from "../services/members";
import { deps } from "./context";
import { defineRoute, problem, protectedErrors } from "./define";
import { TenantParams } from "./params";

const MemberParams = TenantParams.extend({ userId: z.string().min(1).max(64) });

const listRoute = defineRoute(
  { kind: "tenant", permission: "members:read" },
  {
    method: "get",
    path: "/api/tenants/{tenant}/members",
    tags: ["members"],
    summary: "Users of this tenant and their roles",
    request: { params: TenantParams },
    responses: {
      200: { description: "Members", content: { "application/json": { schema: z.array(MemberSchema) } } },
      ...protectedErrors,
    },
  },
);

const updateRoute = defineRoute(
  { kind: "tenant", permission: "members:write" },
  {
    method: "patch",
    path: "/api/tenants/{tenant}/members/{userId}",
    tags: ["members"],
    summary: "Change a member's role (a tenant keeps at least one admin)",
    request: {
      params: MemberParams,
      body: { required: true, content: { "application/json": { schema: UpdateMemberRequestSchema } } },
    },
    responses: {
      200: { description: "Updated", content: { "application/json": { schema: MemberSchema } } },
      400: problem("Invalid request"),
      409: problem("Would leave the tenant without an admin"),
      ...protectedErrors,
    },
  },
);

const removeRoute = defineRoute(
  { kind: "tenant", permission: "members:write" },
  {
    method: "delete",
    path: "/api/tenants/{tenant}/members/{userId}",
    tags: ["members"],
    summary: "Remove a member from this tenant",
    request: { params: MemberParams },
    responses: { 204: { description: "Removed" }, 409: problem("Last admin"), ...protectedErrors },
  },
);

const auditRoute = defineRoute(
  { kind: "tenant", permission: "audit:read" },
  {
    method: "get",
    path: "/api/tenants/{tenant}/audit",
    tags: ["audit"],
    summary: "Audit log of this tenant, newest first (filter by action, entity, actor, time; page with `before`)",
    request: { params: TenantParams, query: AuditQuerySchema },
    responses: {
      200: { description: "One page", content: { "application/json": { schema: AuditPageSchema } } },
      400: problem("Invalid filter"),
      ...protectedErrors,
    },
  },
);

export function registerMemberRoutes(app: App) {
  app.openapi(listRoute, async (c) => c.json(await listMembers(c.get("db"), tenantOf(c).tenant), 200));
  app.openapi(updateRoute, async (c) => {
    const d = deps(c);
    const member = await updateMember(
      d.d1,
      d.db,
      tenantOf(c).tenant,
      await requirePrincipal(c),
      c.req.valid("param").userId,
      c.req.valid("json"),
      d.requestId,
    );
    return c.json(member, 200);
  });
  app.openapi(removeRoute, async (c) => {
    const d = deps(c);
    await removeMember(
      d.d1,
      d.db,
      tenantOf(c).tenant,
      await requirePrincipal(c),
      c.req.valid("param").userId,
      d.requestId,
    );
    return c.body(null, 204);
  });
  app.openapi(auditRoute, async (c) =>
    c.json(await listAudit(c.get("db"), tenantOf(c).tenant.id, c.req.valid("query")), 200),
  );
}
