import { z } from "@hono/zod-openapi";
import {
  FiscalYearSchema,
  ImportBatchSchema,
  ImportReportSchema,
  ResultWriteSchema,
  TypedResultResponseSchema,
} from "@prongsai/contracts";
import type { App } from "../app";
import { requirePrincipal, tenantOf } from "../auth/middleware";
import { ProblemError } from "../http/problem";
import { IMPORT_LIMITS } from "../import/types";
import { importTemplateCsv } from "../services/import-template";
import { type ImportFile, listImports, rollbackImport, runImport } from "../services/imports";
import { putTypedResult } from "../services/typed-results";
import { deps } from "./context";
import { defineRoute, problem, protectedErrors } from "./define";
import { AgencyParams, TenantParams } from "./params";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const binary = { schema: z.string().meta({ format: "binary" }) };

const importRoute = defineRoute(
  { kind: "tenant", permission: "imports:write" },
  {
    method: "post",
    path: "/api/tenants/{tenant}/imports",
    tags: ["imports"],
    summary: "Import results from CSV or XLSX: a dry run (default) reports, a commit writes all rows or none",
    description:
      "Send the file as the body (text/csv or the XLSX type; name it with `?fileName=`) or as multipart with a " +
      "`file` field. Files over 10 MB or 20,000 rows are refused whole. Re-importing the same file changes nothing.",
    request: {
      params: TenantParams,
      query: z.object({
        dryRun: z.enum(["true", "false"]).default("true"),
        fileName: z.string().max(200).optional(),
      }),
      body: {
        required: true,
        content: {
          "text/csv": binary,
          [XLSX]: binary,
          // A plain schema object (not zod): documented, but not parsed by a validator before the handler.
          "multipart/form-data": {
            schema: { type: "object", properties: { file: { type: "string", format: "binary" } }, required: ["file"] },
          },
        },
      },
    },
    responses: {
      200: {
        description: "The report (errors: nothing was written)",
        content: { "application/json": { schema: ImportReportSchema } },
      },
      400: problem("Unreadable or empty file"),
      413: problem("File over 10 MB"),
      ...protectedErrors,
    },
  },
);

const historyRoute = defineRoute(
  { kind: "tenant", permission: "imports:read" },
  {
    method: "get",
    path: "/api/tenants/{tenant}/imports",
    tags: ["imports"],
    summary: "Import history: who, when, file, sha256, counts, status",
    request: { params: TenantParams },
    responses: {
      200: {
        description: "Imports, newest first",
        content: { "application/json": { schema: z.array(ImportBatchSchema) } },
      },
      ...protectedErrors,
    },
  },
);

const rollbackRoute = defineRoute(
  { kind: "tenant", permission: "imports:write" },
  {
    method: "post",
    path: "/api/tenants/{tenant}/imports/{id}/rollback",
    tags: ["imports"],
    summary: "Restore exactly what an import replaced (refused if those rows changed since)",
    request: { params: TenantParams.extend({ id: z.coerce.number().int().positive() }) },
    responses: {
      200: {
        description: "Rolled back",
        content: {
          "application/json": {
            schema: z.object({ id: z.number(), status: z.literal("rolled_back"), restored: z.number() }),
          },
        },
      },
      409: problem("Already rolled back, or rows changed since (listed in `conflicts`)"),
      ...protectedErrors,
    },
  },
);

const templateRoute = defineRoute(
  { kind: "tenant", permission: "imports:read" },
  {
    method: "get",
    path: "/api/tenants/{tenant}/imports/template",
    tags: ["imports"],
    summary: "The import template of a fiscal year as CSV (UTF-8 with BOM), pre-filled with this tenant's agencies",
    request: { params: TenantParams, query: z.object({ year: FiscalYearSchema }) },
    responses: {
      200: { description: "CSV", content: { "text/csv": binary } },
      ...protectedErrors,
    },
  },
);

const typedRoute = defineRoute(
  { kind: "tenant", permission: "imports:write" },
  {
    method: "put",
    path: "/api/tenants/{tenant}/agencies/{code}/results/{year}",
    tags: ["imports"],
    summary: "Type one agency-year by hand (same validation and derivation as an import)",
    request: {
      params: AgencyParams.extend({ year: FiscalYearSchema }),
      body: { required: true, content: { "application/json": { schema: ResultWriteSchema } } },
    },
    responses: {
      200: { description: "Updated", content: { "application/json": { schema: TypedResultResponseSchema } } },
      201: { description: "Created", content: { "application/json": { schema: TypedResultResponseSchema } } },
      400: problem("Invalid values"),
      ...protectedErrors,
    },
  },
);

/** The uploaded file, however it was sent; the size is checked before the body is read. */
async function uploadedFile(request: Request, fileName: string | undefined): Promise<ImportFile> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > IMPORT_LIMITS.maxBytes + 64 * 1024) throw tooLarge();
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await request.formData();
    const file = form.get("file");
    if (!file || typeof file === "string") {
      throw new ProblemError(400, "no-file", "No file", "ไม่พบไฟล์ในช่อง file (No `file` field in the form.)");
    }
    if (file.size > IMPORT_LIMITS.maxBytes) throw tooLarge();
    return {
      bytes: new Uint8Array(await file.arrayBuffer()),
      contentType: file.type || null,
      fileName: file.name || "upload",
    };
  }
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > IMPORT_LIMITS.maxBytes) throw tooLarge();
  return { bytes, contentType: type.split(";")[0]?.trim() || null, fileName: fileName ?? "upload" };
}

const tooLarge = () =>
  new ProblemError(413, "file-too-large", "File too large", "ไฟล์ใหญ่เกิน 10 MB (The file is over 10 MB.)");

export function registerImportRoutes(app: App) {
  app.openapi(importRoute, async (c) => {
    const d = deps(c);
    const query = c.req.valid("query");
    const file = await uploadedFile(c.req.raw, query.fileName);
    const report = await runImport(
      d.d1,
      d.db,
      tenantOf(c).tenant,
      await requirePrincipal(c),
      file,
      query.dryRun !== "false",
      d.requestId,
    );
    return c.json(report, 200);
  });
  app.openapi(historyRoute, async (c) => c.json(await listImports(c.get("db"), tenantOf(c).tenant), 200));
  app.openapi(rollbackRoute, async (c) => {
    const d = deps(c);
    const body = await rollbackImport(
      d.d1,
      d.db,
      tenantOf(c).tenant,
      await requirePrincipal(c),
      c.req.valid("param").id,
      d.requestId,
    );
    return c.json(body, 200);
  });
  app.openapi(templateRoute, async (c) => {
    const { year } = c.req.valid("query");
    const csv = await importTemplateCsv(c.get("db"), tenantOf(c).tenant, year);
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="prongsai-template-${year}.csv"`,
    });
  });
  app.openapi(typedRoute, async (c) => {
    const d = deps(c);
    const { code, year } = c.req.valid("param");
    const body = await putTypedResult(
      d.d1,
      d.db,
      tenantOf(c).tenant,
      await requirePrincipal(c),
      code,
      year,
      c.req.valid("json"),
      d.requestId,
    );
    return body.created ? c.json(body, 201) : c.json(body, 200);
  });
}
