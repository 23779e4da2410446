import { z } from "@hono/zod-openapi";
import {
  AcceptInvitationRequestSchema,
  CreatedInvitationSchema,
  CreateInvitationRequestSchema,
  InvitationPreviewSchema,
  InvitationSchema,
  SessionResponseSchema,
} from "@prongsai/contracts";
import type { App } from "../app";
import { requirePrincipal, tenantOf } from "../auth/middleware";
import { clientIp } from "../auth/throttle";
import {
  acceptInvitation,
  createInvitation,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from "../services/invitations";
import { deps, forwardCookies } from "./context";
import { defineRoute, problem, protectedErrors } from "./define";
import { TenantParams } from "./params";

const TokenParams = z.object({ token: z.string().min(10).max(200) });

const previewRoute = defineRoute(
  { kind: "public" },
  {
    method: "get",
    path: "/api/invitations/{token}",
    tags: ["invitations"],
    summary: "What an invitation link offers (for the acceptance page)",
    request: { params: TokenParams },
    responses: {
      200: { description: "Pending invitation", content: { "application/json": { schema: InvitationPreviewSchema } } },
      404: problem("No such invitation"),
      410: problem("Used, revoked or expired"),
    },
  },
);

const acceptRoute = defineRoute(
  { kind: "public" },
  {
    method: "post",
    path: "/api/invitations/{token}",
    tags: ["invitations"],
    summary: "Accept an invitation: set a password (new account) or confirm yours (existing), and sign in",
    request: {
      params: TokenParams,
      body: { required: true, content: { "application/json": { schema: AcceptInvitationRequestSchema } } },
    },
    responses: {
      200: { description: "Joined and signed in", content: { "application/json": { schema: SessionResponseSchema } } },
      400: problem("Password does not meet the policy"),
      401: problem("Wrong password for an existing account"),
      403: problem("Foreign Origin"),
      404: problem("No such invitation"),
      410: problem("Used, revoked or expired"),
      429: problem("Too many failed attempts"),
    },
  },
);

const listRoute = defineRoute(
  { kind: "tenant", permission: "members:write" },
  {
    method: "get",
    path: "/api/tenants/{tenant}/invitations",
    tags: ["members"],
    summary: "Invitations of this tenant",
    request: { params: TenantParams },
    responses: {
      200: { description: "Invitations", content: { "application/json": { schema: z.array(InvitationSchema) } } },
      ...protectedErrors,
    },
  },
);

const createInvitationRoute = defineRoute(
  { kind: "tenant", permission: "members:write" },
  {
    method: "post",
    path: "/api/tenants/{tenant}/invitations",
    tags: ["members"],
    summary: "Invite an email with a role (and agency for the agency role); returns the link to pass on",
    request: {
      params: TenantParams,
      body: { required: true, content: { "application/json": { schema: CreateInvitationRequestSchema } } },
    },
    responses: {
      201: { description: "Invited", content: { "application/json": { schema: CreatedInvitationSchema } } },
      400: problem("Invalid request"),
      ...protectedErrors,
    },
  },
);

const revokeRoute = defineRoute(
  { kind: "tenant", permission: "members:write" },
  {
    method: "delete",
    path: "/api/tenants/{tenant}/invitations/{id}",
    tags: ["members"],
    summary: "Revoke a pending invitation",
    request: { params: TenantParams.extend({ id: z.coerce.number().int().positive() }) },
    responses: { 204: { description: "Revoked" }, 400: problem("Not pending"), ...protectedErrors },
  },
);

export function registerInvitationRoutes(app: App) {
  app.openapi(previewRoute, async (c) => c.json(await previewInvitation(c.get("db"), c.req.valid("param").token), 200));
  app.openapi(acceptRoute, async (c) => {
    const result = await acceptInvitation(
      { ...deps(c), ip: clientIp(c.req.raw) },
      c.req.valid("param").token,
      c.req.valid("json"),
    );
    forwardCookies(c, result.headers);
    return c.json(result.body, 200);
  });
  app.openapi(listRoute, async (c) => c.json(await listInvitations(c.get("db"), tenantOf(c).tenant), 200));
  app.openapi(createInvitationRoute, async (c) => {
    const d = deps(c);
    const body = await createInvitation(
      d.d1,
      d.db,
      tenantOf(c).tenant,
      await requirePrincipal(c),
      c.req.valid("json"),
      d.origin,
      d.requestId,
    );
    return c.json(body, 201);
  });
  app.openapi(revokeRoute, async (c) => {
    const d = deps(c);
    await revokeInvitation(
      d.d1,
      d.db,
      tenantOf(c).tenant,
      await requirePrincipal(c),
      c.req.valid("param").id,
      d.requestId,
    );
    return c.body(null, 204);
  });
}
