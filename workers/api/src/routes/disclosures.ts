import { z } from "@hono/zod-openapi";
import {
  AgencyDisclosuresSchema,
  BoardQuerySchema,
  DisclosureBoardSchema,
  DisclosureBulkWriteSchema,
  DisclosureConflictSchema,
  DisclosureCycleSchema,
  DisclosureCyclesSchema,
  DisclosureCycleWriteSchema,
  DisclosureItemDetailSchema,
  DisclosureItemParams,
  DisclosureRecordSchema,
  DisclosureReviewSchema,
  DisclosureWriteSchema,
  DisclosureYearParams,
  LinkCheckRunSchema,
} from "@prongsai/contracts";
import type { App } from "../app";
import { requirePrincipal, tenantOf } from "../auth/middleware";
import { csvResponse } from "../http/csv";
import {
  agencyDisclosures,
  boardCsv,
  disclosureBoard,
  disclosureItem,
  listCycles,
  putCycle,
  reviewDisclosure,
  writeDisclosures,
} from "../services/disclosures";
import { checkAgencyLinks } from "../services/link-health";
import { deps } from "./context";
import { defineRoute, problem, protectedErrors } from "./define";
import { AgencyParams, TenantParams } from "./params";

const body = <S extends z.ZodType>(schema: S) => ({
  required: true,
  content: { "application/json": { schema } },
});
const ok = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const conflictAnswer = {
  description: "Stale version (someone else wrote first) or an item not in a reviewable state: the current records",
  content: { "application/problem+json": { schema: DisclosureConflictSchema } },
};
const writeErrors = {
  400: problem("Invalid request (field errors in `errors`)"),
  409: conflictAnswer,
  ...protectedErrors,
};
const AGENCY_CYCLE = "/api/tenants/{tenant}/agencies/{code}/disclosures/{year}";
const TAGS = ["disclosures"];

const cyclesRoute = defineRoute(
  { kind: "tenant", permission: "results:read" },
  {
    method: "get",
    path: "/api/tenants/{tenant}/disclosures",
    tags: TAGS,
    summary: "Disclosure cycles of this tenant, newest first, with status counts",
    request: { params: TenantParams },
    responses: { 200: ok(DisclosureCyclesSchema, "Cycles"), ...protectedErrors },
  },
);

const putCycleRoute = defineRoute(
  { kind: "tenant", permission: "settings:write" },
  {
    method: "put",
    path: "/api/tenants/{tenant}/disclosures/{year}",
    tags: TAGS,
    summary: "Create a cycle or set its deadlines (agencies submit by, reviewers decide by)",
    description:
      "The catalogue year must have a complete OIT catalogue and cannot be later than the cycle. A catalogue of an " +
      "earlier year is a stand-in (labelled wherever the cycle shows). Once records exist the catalogue is fixed (409).",
    request: { params: TenantParams.extend(DisclosureYearParams.shape), body: body(DisclosureCycleWriteSchema) },
    responses: {
      200: ok(DisclosureCycleSchema, "Updated"),
      201: ok(DisclosureCycleSchema, "Created"),
      400: problem("Invalid request"),
      409: problem("The catalogue cannot change once records exist"),
      ...protectedErrors,
    },
  },
);

const boardRoute = defineRoute(
  { kind: "tenant", permission: "disclosures:board" },
  {
    method: "get",
    path: "/api/tenants/{tenant}/disclosures/{year}/board",
    tags: TAGS,
    summary: "Province board: agencies × items with status, broken links, projection, counts and overdue agencies",
    description:
      "Sorted by projected total (default), points still open, share approved, name or code. `format=csv` gives " +
      "the same rows as CSV (UTF-8 with BOM, formula-safe), one status column per item.",
    request: { params: TenantParams.extend(DisclosureYearParams.shape), query: BoardQuerySchema },
    responses: {
      200: {
        description: "The board",
        content: {
          "application/json": { schema: DisclosureBoardSchema },
          "text/csv": { schema: z.string().meta({ format: "binary" }) },
        },
      },
      400: problem("Invalid filter"),
      ...protectedErrors,
    },
  },
);

const agencyGetRoute = defineRoute(
  { kind: "tenant", permission: "disclosures:read" },
  {
    method: "get",
    path: AGENCY_CYCLE,
    tags: TAGS,
    summary: "An agency's cycle: every item with criteria, gain, evidence, review and link health; the projection",
    description:
      "Drafts and reviewer notes are private: an agency member reads only its own agency. Items never written are " +
      "`not_started` with version 0. The projection counts approved items as passing and uses the agency's latest " +
      "IIT and EIT.",
    request: { params: AgencyParams.extend(DisclosureYearParams.shape) },
    responses: { 200: ok(AgencyDisclosuresSchema, "The agency's cycle"), ...protectedErrors },
  },
);

const agencyPutRoute = defineRoute(
  { kind: "tenant", permission: "disclosures:write" },
  {
    method: "put",
    path: AGENCY_CYCLE,
    tags: TAGS,
    summary: "Write several items at once, all or nothing (each with the version it read)",
    request: { params: AgencyParams.extend(DisclosureYearParams.shape), body: body(DisclosureBulkWriteSchema) },
    responses: { 200: ok(AgencyDisclosuresSchema, "The agency's cycle after the write"), ...writeErrors },
  },
);

const itemGetRoute = defineRoute(
  { kind: "tenant", permission: "disclosures:read" },
  {
    method: "get",
    path: `${AGENCY_CYCLE}/{item}`,
    tags: TAGS,
    summary: "One item with its history (who, when, what) and every check of its evidence URLs",
    request: { params: AgencyParams.extend(DisclosureItemParams.shape) },
    responses: { 200: ok(DisclosureItemDetailSchema, "The item"), ...protectedErrors },
  },
);

const itemPutRoute = defineRoute(
  { kind: "tenant", permission: "disclosures:write" },
  {
    method: "put",
    path: `${AGENCY_CYCLE}/{item}`,
    tags: TAGS,
    summary: "Record an item's status, evidence URLs and note (agency side), with the version read",
    description:
      "Statuses: not_started, in_progress, submitted (needs at least one http(s) evidence URL). A stale version gets " +
      "409 with the current record, so two people never silently overwrite each other.",
    request: { params: AgencyParams.extend(DisclosureItemParams.shape), body: body(DisclosureWriteSchema) },
    responses: { 200: ok(DisclosureRecordSchema, "The record after the write"), ...writeErrors },
  },
);

const reviewRoute = defineRoute(
  { kind: "tenant", permission: "disclosures:review" },
  {
    method: "post",
    path: `${AGENCY_CYCLE}/{item}/review`,
    tags: TAGS,
    summary: "Approve a submitted item or send it back with a comment",
    request: { params: AgencyParams.extend(DisclosureItemParams.shape), body: body(DisclosureReviewSchema) },
    responses: { 200: ok(DisclosureRecordSchema, "The record after the review"), ...writeErrors },
  },
);

const linkCheckRoute = defineRoute(
  { kind: "tenant", permission: "disclosures:write" },
  {
    method: "post",
    path: `${AGENCY_CYCLE}/link-check`,
    tags: TAGS,
    summary: "Check this agency's evidence URLs now (status after redirects, time, content type, own site)",
    request: { params: AgencyParams.extend(DisclosureYearParams.shape) },
    responses: { 200: ok(LinkCheckRunSchema, "What was checked"), ...protectedErrors },
  },
);

/** The record as it is after a write: the same view the agency's page shows. */
async function recordAfter(c: Parameters<Parameters<App["openapi"]>[1]>[0], code: string, year: number, item: string) {
  return (await disclosureItem(c.get("db"), tenantOf(c).tenant, code, year, item)).record;
}

export function registerDisclosureRoutes(app: App) {
  app.openapi(cyclesRoute, async (c) => c.json(await listCycles(c.get("db"), tenantOf(c).tenant), 200));

  app.openapi(putCycleRoute, async (c) => {
    const d = deps(c);
    const { created, cycle } = await putCycle(
      d.d1,
      d.db,
      tenantOf(c).tenant,
      await requirePrincipal(c),
      c.req.valid("param").year,
      c.req.valid("json"),
      d.requestId,
    );
    return created ? c.json(cycle, 201) : c.json(cycle, 200);
  });

  app.openapi(boardRoute, async (c) => {
    const { format, ...query } = c.req.valid("query");
    const { tenant } = tenantOf(c);
    const year = c.req.valid("param").year;
    const board = await disclosureBoard(c.get("db"), tenant, year, query);
    if (format === "csv") return csvResponse(c, boardCsv(board), `prongsai-disclosure-${tenant.slug}-${year}.csv`);
    return c.json(board, 200);
  });

  app.openapi(agencyGetRoute, async (c) => {
    const { code, year } = c.req.valid("param");
    return c.json(await agencyDisclosures(c.get("db"), tenantOf(c).tenant, code, year), 200);
  });

  app.openapi(agencyPutRoute, async (c) => {
    const d = deps(c);
    const { code, year } = c.req.valid("param");
    const { tenant } = tenantOf(c);
    await writeDisclosures(
      d.d1,
      d.db,
      tenant,
      await requirePrincipal(c),
      code,
      year,
      c.req.valid("json").items,
      d.requestId,
    );
    return c.json(await agencyDisclosures(d.db, tenant, code, year), 200);
  });

  app.openapi(itemGetRoute, async (c) => {
    const { code, year, item } = c.req.valid("param");
    const detail = await disclosureItem(c.get("db"), tenantOf(c).tenant, code, year, item);
    c.header("etag", `W/"${detail.record.version}"`);
    return c.json(detail, 200);
  });

  app.openapi(itemPutRoute, async (c) => {
    const d = deps(c);
    const { code, year, item } = c.req.valid("param");
    const write = c.req.valid("json");
    await writeDisclosures(
      d.d1,
      d.db,
      tenantOf(c).tenant,
      await requirePrincipal(c),
      code,
      year,
      [{ itemCode: item, ...write }],
      d.requestId,
    );
    const record = await recordAfter(c, code, year, item);
    c.header("etag", `W/"${record.version}"`);
    return c.json(record, 200);
  });

  app.openapi(reviewRoute, async (c) => {
    const d = deps(c);
    const { code, year, item } = c.req.valid("param");
    await reviewDisclosure(
      d.d1,
      d.db,
      tenantOf(c).tenant,
      await requirePrincipal(c),
      code,
      year,
      item,
      c.req.valid("json"),
      d.requestId,
    );
    const record = await recordAfter(c, code, year, item);
    c.header("etag", `W/"${record.version}"`);
    return c.json(record, 200);
  });

  app.openapi(linkCheckRoute, async (c) => {
    const { code, year } = c.req.valid("param");
    const d = deps(c);
    // The agency waits for this one: a shorter pace than the cron's on its own site (one request in flight still).
    const run = await checkAgencyLinks(d.d1, d.db, tenantOf(c).tenant, code, year, { hostGapMs: 50 });
    return c.json(run, 200);
  });
}
