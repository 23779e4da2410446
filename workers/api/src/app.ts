import { OpenAPIHono } from "@hono/zod-openapi";
import { requestId } from "hono/request-id";
import { createDb, type DB } from "./db/client";
import type { Env } from "./env";
import { ProblemError, problemResponse } from "./http/problem";
import { registerHealthRoutes } from "./routes/health";
import { registerOpenApiRoute } from "./routes/openapi";
import { registerResultRoutes } from "./routes/results";

export interface AppVariables {
  db: DB;
  requestId: string;
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
          new ProblemError(400, "invalid-request", "Invalid request", "Some parameters are invalid.", { errors }),
        );
      }
    },
  });

  app.use("/api/*", requestId({ headerName: "x-request-id" }));
  app.use("/api/*", async (c, next) => {
    c.set("db", createDb(c.env.DB));
    await next();
  });

  registerHealthRoutes(app);
  registerResultRoutes(app);
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
