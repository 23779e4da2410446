import { z } from "@hono/zod-openapi";
import { ApiTokenSchema, CreatedTokenSchema, CreateTokenRequestSchema } from "@prongsai/contracts";
import type { App } from "../app";
import { forbidden, requirePrincipal } from "../auth/middleware";
import { createToken, listTokens, revokeToken } from "../services/tokens";
import { deps } from "./context";
import { defineRoute, problem, protectedErrors } from "./define";

const listRoute = defineRoute(
  { kind: "user" },
  {
    method: "get",
    path: "/api/tokens",
    tags: ["tokens"],
    summary: "My API tokens (never the token values)",
    responses: {
      200: { description: "Tokens", content: { "application/json": { schema: z.array(ApiTokenSchema) } } },
      401: protectedErrors[401],
    },
  },
);

const createRouteDef = defineRoute(
  { kind: "user" },
  {
    method: "post",
    path: "/api/tokens",
    tags: ["tokens"],
    summary: "Create an API token carrying my rights; the value is shown once",
    request: { body: { required: true, content: { "application/json": { schema: CreateTokenRequestSchema } } } },
    responses: {
      201: { description: "Created", content: { "application/json": { schema: CreatedTokenSchema } } },
      400: problem("Invalid request"),
      401: protectedErrors[401],
      403: problem("Foreign Origin, or called with an API token"),
    },
  },
);

const revokeRoute = defineRoute(
  { kind: "user" },
  {
    method: "delete",
    path: "/api/tokens/{id}",
    tags: ["tokens"],
    summary: "Revoke one of my API tokens",
    request: { params: z.object({ id: z.coerce.number().int().positive() }) },
    responses: { 204: { description: "Revoked" }, ...protectedErrors },
  },
);

export function registerTokenRoutes(app: App) {
  app.openapi(listRoute, async (c) => c.json(await listTokens(c.get("db"), await requirePrincipal(c)), 200));
  app.openapi(createRouteDef, async (c) => {
    const { name, expiresInDays } = c.req.valid("json");
    const d = deps(c);
    const principal = await requirePrincipal(c);
    // A token must not mint tokens: a leaked one could otherwise outlive its own revocation.
    if (principal.via === "token")
      throw forbidden("สร้างโทเค็นได้จากการเข้าสู่ระบบเท่านั้น (Create tokens while signed in, not with a token.)");
    return c.json(await createToken(d.d1, d.db, principal, name, expiresInDays, d.requestId), 201);
  });
  app.openapi(revokeRoute, async (c) => {
    const d = deps(c);
    await revokeToken(d.d1, d.db, await requirePrincipal(c), c.req.valid("param").id, d.requestId);
    return c.body(null, 204);
  });
}
