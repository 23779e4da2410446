import { HealthSchema } from "@prongsai/contracts";
import type { App } from "../app";
import { checkHealth } from "../services/health";
import { defineRoute } from "./define";

const route = defineRoute(
  { kind: "public" },
  {
    method: "get",
    path: "/api/health",
    tags: ["system"],
    summary: "Liveness and database check",
    responses: {
      200: {
        description: "The API and its database answer",
        content: { "application/json": { schema: HealthSchema } },
      },
    },
  },
);

export function registerHealthRoutes(app: App) {
  app.openapi(route, async (c) => c.json(await checkHealth(c.get("db")), 200));
}
