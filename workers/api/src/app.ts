import { OpenAPIHono } from "@hono/zod-openapi";
import { csrfGuard } from "./auth/middleware";
import type { Membership, Principal } from "./auth/principal";
import { createDb, type DB } from "./db/client";
import type { Env } from "./env";
import { ProblemError, problemResponse } from "./http/problem";
import { registerAgencyRoutes } from "./routes/agencies";
import { registerAnalyticsRoutes } from "./routes/analytics";
import { registerDisclosureRoutes } from "./routes/disclosures";
import { registerHealthRoutes } from "./routes/health";
import { registerImportRoutes } from "./routes/imports";
import { registerInvitationRoutes } from "./routes/invitations";
import { registerMemberRoutes } from "./routes/members";
import { registerOpenApiRoute } from "./routes/openapi";
import { registerPlatformRoutes } from "./routes/platform";
import { registerResultRoutes } from "./routes/results";
import { registerSessionRoutes } from "./routes/session";
import { registerTokenRoutes } from "./routes/tokens";
import type { TenantContext } from "./services/tenants";

export interface AppVariables {
  db: DB;
  requestId: string;
  /** Resolved lazily by auth/middleware (undefined = not looked up yet, null = anonymous). */
  principal?: Principal | null;
  /** Set by the access rule of tenant routes. */
  tenant?: TenantContext;
  member?: Membership;
}
export type AppEnv = { Bindings: Env; Variables: AppVariables };
export type App = OpenAPIHono<AppEnv>;

/** Builds the API. Dependencies are injected once per request by middleware; routes stay thin. */
export function createApp(): App {
  const app: App = new OpenAPIHono<AppEnv>({
    // zod failures of params/query/body become problem+json naming each field.
    defaultHook: (result, c) => {
      if (!result.success) {
        const errors = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
        return problemResponse(
          c,
          new ProblemError(
            400,
            "invalid-request",
            "Invalid request",
            "ข้อมูลบางรายการไม่ถูกต้อง (Some parameters are invalid.)",
            { errors },
          ),
        );
      }
    },
  });

  // The request id is always ours (a client-sent one could forge or collide in the audit log).
  app.use("/api/*", async (c, next) => {
    const id = crypto.randomUUID();
    c.set("requestId", id);
    c.header("x-request-id", id);
    await next();
  });
  app.use("/api/*", async (c, next) => {
    c.set("db", createDb(c.env.DB));
    await next();
  });

  app.use("/api/*", csrfGuard);

  registerHealthRoutes(app);
  registerSessionRoutes(app);
  registerTokenRoutes(app);
  registerPlatformRoutes(app);
  registerInvitationRoutes(app);
  registerMemberRoutes(app);
  registerAgencyRoutes(app);
  registerResultRoutes(app);
  registerImportRoutes(app);
  registerAnalyticsRoutes(app);
  registerDisclosureRoutes(app);
  registerOpenApiRoute(app);

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith("/api/")) {
      return problemResponse(c, new ProblemError(404, "not-found", "Not found", `No API route for ${path}.`));
    }
    // Outside /api the static assets answer first; anything reaching here is served by the SPA.
    return c.env.ASSETS.fetch(c.req.raw);
  });

  app.onError((err, c) => {
    if (err instanceof ProblemError) return problemResponse(c, err);
    console.error("unhandled error", c.get("requestId"), err);
    return problemResponse(
      c,
      new ProblemError(500, "internal", "Internal error", "Something went wrong on our side. Quote the request id."),
    );
  });

  return app;
}
