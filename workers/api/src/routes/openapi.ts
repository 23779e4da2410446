import type { App } from "../app";

export function registerOpenApiRoute(app: App) {
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "prongsai.session_token",
    description: "HttpOnly cookie set by POST /api/session. Writes must come from the same Origin.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "API token from POST /api/tokens; carries its owner's rights.",
  });
  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Prongsai API",
      version: "0.1.0",
      description:
        "ITA results and OIT disclosure readiness of Thai local agencies, per province (tenant). " +
        "Scores are points with two decimals; fiscal years are Buddhist Era. Errors are RFC 9457 problem+json. " +
        "Each operation's `x-access` states who may call it: public, any signed-in user, the platform operator, " +
        "or a tenant permission (roles: admin, analyst, executive, agency).",
    },
  });
}
