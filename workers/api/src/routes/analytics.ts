import { z } from "@hono/zod-openapi";
import {
  HeatmapSchema,
  MovementQuerySchema,
  MovementSchema,
  RankingQuerySchema,
  RankingsSchema,
  SummarySchema,
  WeakIndicatorsSchema,
  YearQuerySchema,
} from "@prongsai/contracts";
import type { Context } from "hono";
import type { App, AppEnv } from "../app";
import { tenantOf } from "../auth/middleware";
import { cachedAnswer } from "../http/answer-cache";
import { csvBody, csvResponse } from "../http/csv";
import { heatmap } from "../services/analytics/heatmap";
import { movement } from "../services/analytics/movement";
import { rankings } from "../services/analytics/rankings";
import { summary } from "../services/analytics/summary";
import { weakIndicatorsReport } from "../services/analytics/weak";
import { defineRoute, problem, protectedErrors } from "./define";
import { TenantParams } from "./params";

const json = (schema: z.ZodType, description: string) => ({
  description: `${description} (\`?format=csv\`: the same rows as CSV)`,
  content: {
    "application/json": { schema },
    "text/csv": { schema: z.string() },
  },
});
const errors = { 400: problem("Invalid filter"), ...protectedErrors };
const IND = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

const get = <Q extends z.ZodObject>(
  path: string,
  summaryText: string,
  query: Q,
  schema: z.ZodType,
  description: string,
) =>
  defineRoute(
    { kind: "tenant", permission: "results:read" },
    {
      method: "get",
      path: `/api/tenants/{tenant}/${path}`,
      tags: ["analytics"],
      summary: summaryText,
      request: { params: TenantParams, query },
      responses: { 200: json(schema, description), ...errors },
    },
  );

const rankingsRoute = get(
  "rankings",
  "Ranking of a year by total (equal totals share a rank); filters apply before ranking; `limit`/`offset` page it",
  RankingQuerySchema,
  RankingsSchema,
  "Ranked rows with previous result and change",
);
const summaryRoute = get("summary", "Leadership summary of a year", YearQuerySchema, SummarySchema, "Summary");
const weakRoute = get(
  "weak-indicators",
  "Indicators below 85: who, by how much; each agency's weak indicators and tools",
  YearQuerySchema,
  WeakIndicatorsSchema,
  "Weak indicators",
);
const movementRoute = get(
  "movement",
  "Year-over-year movement with rating transitions and a comparability flag",
  MovementQuerySchema,
  MovementSchema,
  "Movement",
);
const heatmapRoute = get(
  "heatmap",
  "Agencies × indicators, best total first",
  YearQuerySchema,
  HeatmapSchema,
  "Heatmap",
);

/** The answer as JSON, or with `?format=csv` its rows as CSV; either way kept by the answer cache. */
function answer<B>(
  c: Context<AppEnv>,
  format: "json" | "csv" | undefined,
  compute: () => Promise<B>,
  csv: (body: B) => { fileName: string; text: string },
) {
  return cachedAnswer(c, async () => {
    const body = await compute();
    if (format !== "csv") return c.json(body, 200);
    const { fileName, text } = csv(body);
    return csvResponse(c, text, fileName);
  });
}

export function registerAnalyticsRoutes(app: App) {
  app.openapi(rankingsRoute, (c) => {
    const { year, format, limit, offset, ...filters } = c.req.valid("query");
    return answer(
      c,
      format,
      () => rankings(c.get("db"), tenantOf(c).tenant, year, filters, { limit, offset }),
      (body) => ({
        fileName: `rankings-${year}.csv`,
        text: csvBody(
          [
            { header: "rank", value: (r) => r.rank },
            { header: "agency_code", value: (r) => r.agencyCode },
            { header: "name", value: (r) => r.name },
            { header: "type", value: (r) => r.type },
            { header: "size", value: (r) => r.size },
            { header: "district", value: (r) => r.district },
            { header: "total", value: (r) => r.total },
            { header: "rating", value: (r) => r.rating },
            { header: "iit", value: (r) => r.iit },
            { header: "eit", value: (r) => r.eit },
            { header: "oit", value: (r) => r.oit },
            ...IND.map((n) => ({
              header: `ind${n}`,
              value: (r: (typeof body.rows)[number]) => r.indicators[String(n)],
            })),
            { header: "weak_count", value: (r) => r.weakCount },
            { header: "previous_year", value: (r) => r.previous?.year },
            { header: "previous_total", value: (r) => r.previous?.total },
            { header: "previous_rank", value: (r) => r.previous?.rank },
            { header: "delta", value: (r) => r.delta },
            { header: "rank_change", value: (r) => r.rankChange },
          ],
          body.rows,
        ),
      }),
    );
  });

  app.openapi(summaryRoute, (c) => {
    const { year, format } = c.req.valid("query");
    return answer(
      c,
      format,
      () => summary(c.get("db"), tenantOf(c).tenant, year),
      (body) => ({
        fileName: `summary-${year}.csv`,
        text: csvBody(
          [
            { header: "indicator", value: (r) => r.indicator },
            { header: "name", value: (r) => r.name?.th },
            { header: "assessed", value: (r) => r.assessed },
            { header: "mean", value: (r) => r.mean },
            { header: "median", value: (r) => r.median },
            { header: "below_85", value: (r) => r.belowPass },
          ],
          body.indicators,
        ),
      }),
    );
  });

  app.openapi(weakRoute, (c) => {
    const { year, format } = c.req.valid("query");
    return answer(
      c,
      format,
      () => weakIndicatorsReport(c.get("db"), tenantOf(c).tenant, year),
      (body) => ({
        fileName: `weak-indicators-${year}.csv`,
        text: csvBody(
          [
            { header: "agency_code", value: (r) => r.agencyCode },
            { header: "name", value: (r) => r.name },
            { header: "total", value: (r) => r.total },
            { header: "rating", value: (r) => r.rating },
            {
              header: "weak_indicators",
              value: (r) => r.weak.map((w) => `${w.indicator} (${w.score}; -${w.gap})`).join("; "),
            },
            { header: "tools_below_85", value: (r) => r.toolsBelow.map((t) => `${t.tool} (${t.score})`).join("; ") },
          ],
          body.agencies,
        ),
      }),
    );
  });

  app.openapi(movementRoute, (c) => {
    const { from, to, format } = c.req.valid("query");
    return answer(
      c,
      format,
      () => movement(c.get("db"), tenantOf(c).tenant, from, to),
      (body) => ({
        fileName: `movement-${from}-${to}.csv`,
        text: csvBody(
          [
            { header: "agency_code", value: (r) => r.agencyCode },
            { header: "name", value: (r) => r.name },
            { header: `total_${from}`, value: (r) => r.from.total },
            { header: `total_${to}`, value: (r) => r.to.total },
            { header: "delta", value: (r) => r.delta },
            { header: "rating_transition", value: (r) => r.ratingTransition },
            { header: "rank_change", value: (r) => r.rankChange },
            ...IND.map((n) => ({
              header: `ind${n}_delta`,
              value: (r: (typeof body.agencies)[number]) => r.indicatorDeltas[String(n)],
            })),
          ],
          body.agencies,
        ),
      }),
    );
  });

  app.openapi(heatmapRoute, (c) => {
    const { year, format } = c.req.valid("query");
    return answer(
      c,
      format,
      () => heatmap(c.get("db"), tenantOf(c).tenant, year),
      (body) => ({
        fileName: `heatmap-${year}.csv`,
        text: csvBody(
          [
            { header: "rank", value: (r) => r.rank },
            { header: "agency_code", value: (r) => r.agencyCode },
            { header: "name", value: (r) => r.name },
            { header: "total", value: (r) => r.total },
            ...IND.map((n) => ({ header: `ind${n}`, value: (r: (typeof body.rows)[number]) => r.values[String(n)] })),
          ],
          body.rows,
        ),
      }),
    );
  });
}
