import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import { ProblemSchema } from "@prongsai/contracts";
import type { MiddlewareHandler } from "hono";
import { enforce } from "../auth/middleware";
import type { Access } from "../auth/policy";

/**
 * Declares a route together with who may call it. The access rule runs as the route's first middleware and
 * is published in the OpenAPI document as `x-access`, which the isolation tests enumerate: a route cannot
 * exist without a rule, and every rule is tested.
 */
const SIGNED_IN: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];

export function defineRoute<const R extends RouteConfig>(access: Access, config: R) {
  const middleware: MiddlewareHandler[] = [enforce(access) as unknown as MiddlewareHandler];
  return createRoute({
    ...config,
    middleware,
    "x-access": access,
    security: access.kind === "public" ? [] : SIGNED_IN,
  });
}

export const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/** The error answers every protected route can give. */
export const protectedErrors = {
  401: problem("Not signed in"),
  403: problem("Signed in, but without the right"),
  404: problem("Unknown tenant or resource (also: a tenant you are not a member of)"),
} as const;
