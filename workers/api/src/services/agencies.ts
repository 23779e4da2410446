import type { Principal } from "../auth/principal";
import { runBatch } from "../db/batch";
import type { DB } from "../db/client";
import type { AgencyTypeKey } from "../db/schema";
import { notFound, ProblemError } from "../http/problem";
import { auditInsert } from "./audit";
import type { TenantContext } from "./tenants";

const thai = new Intl.Collator("th");

export interface AgencyInput {
  nameTh: string;
  nameEn?: string | null | undefined;
  type: AgencyTypeKey;
  size?: "S" | "M" | "L" | null | undefined;
  district?: string | null | undefined;
  website?: string | null | undefined;
}

const columns = ["code", "name_th", "name_en", "type", "size", "district", "website"] as const;
type AgencyRow = {
  code: string;
  name_th: string;
  name_en: string | null;
  type: AgencyTypeKey;
  size: "S" | "M" | "L" | null;
  district: string | null;
  website: string | null;
};
const toApi = (r: AgencyRow) => ({
  code: r.code,
  nameTh: r.name_th,
  nameEn: r.name_en,
  type: r.type,
  size: r.size,
  district: r.district,
  website: r.website,
});

/** The tenant's agencies, in Thai alphabetical order; `q` matches code, Thai or English name, district. */
export async function listAgencies(db: DB, tenant: TenantContext, q?: string) {
  const rows = await db.selectFrom("agencies").select(columns).where("tenant_id", "=", tenant.id).execute();
  const needle = q?.trim().toLowerCase();
  return rows
    .filter(
      (r) =>
        !needle || [r.code, r.name_th, r.name_en ?? "", r.district ?? ""].some((f) => f.toLowerCase().includes(needle)),
    )
    .sort((a, b) => thai.compare(a.name_th, b.name_th))
    .map(toApi);
}

export async function getAgency(db: DB, tenant: TenantContext, code: string) {
  const row = await db
    .selectFrom("agencies")
    .select(columns)
    .where("tenant_id", "=", tenant.id)
    .where("code", "=", code)
    .executeTakeFirst();
  if (!row) throw notFound(`ไม่พบหน่วยงานรหัส ${code} (No agency ${code}.)`);
  return toApi(row);
}

/** Creates or updates one agency by code (PUT semantics), with its audit row in the same batch. */
export async function putAgency(
  d1: D1Database,
  db: DB,
  tenant: TenantContext,
  by: Principal,
  code: string,
  input: AgencyInput,
  requestId: string | null,
) {
  if (!/^[\p{L}\p{N}._-]{1,40}$/u.test(code)) {
    throw new ProblemError(400, "invalid-request", "Invalid agency code", `Invalid agency code ${code}.`);
  }
  const before = await db
    .selectFrom("agencies")
    .select(columns)
    .where("tenant_id", "=", tenant.id)
    .where("code", "=", code)
    .executeTakeFirst();
  const values = {
    name_th: input.nameTh,
    name_en: input.nameEn ?? null,
    type: input.type,
    size: input.size ?? null,
    district: input.district ?? null,
    website: input.website ?? null,
  };
  const write = before
    ? db
        .updateTable("agencies")
        .set({ ...values, updated_at: new Date().toISOString() })
        .where("tenant_id", "=", tenant.id)
        .where("code", "=", code)
    : db.insertInto("agencies").values({ tenant_id: tenant.id, code, ...values });
  await runBatch(d1, [
    write,
    auditInsert(db, {
      tenantId: tenant.id,
      actor: { userId: by.userId, label: by.email },
      action: before ? "agency.update" : "agency.create",
      entity: "agency",
      entityId: code,
      before: before ? toApi(before) : undefined,
      after: { code, ...input },
      requestId,
    }),
  ]);
  return { created: !before, agency: await getAgency(db, tenant, code) };
}
