import type { App } from "../app";

export function registerOpenApiRoute(app: App) {
  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Prongsai API",
      version: "0.1.0",
      description:
        "ITA results and OIT disclosure readiness of Thai local agencies, per province (tenant). " +
        "Scores are points with two decimals; fiscal years are Buddhist Era. Errors are RFC 9457 problem+json.",
    },
  });
}
