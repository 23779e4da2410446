import { AGENCY_TYPES, type AgencyListItem } from "@prongsai/contracts";
import { formatScore, fromCenti, toCenti } from "@prongsai/ita";
import { sql } from "kysely";
import type { Principal } from "../auth/principal";
import { runBatch } from "../db/batch";
import type { DB } from "../db/client";
import type { AgencyTypeKey } from "../db/schema";
import { type CsvColumn, csvBody } from "../http/csv";
import { notFound, ProblemError } from "../http/problem";
import { thaiCollator } from "./analytics/common";
import { ratingFor } from "./analytics/profile";
import { auditInsert } from "./audit";
import type { TenantContext } from "./tenants";

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

/**
 * The tenant's agencies with their latest result, in Thai alphabetical order (then by code); `q` matches code,
 * Thai or English name, district. "Latest" is the latest fiscal year with a total, as in the agency profile.
 * One query: each agency joined to its row of that year, found by a correlated sub-select that walks the
 * (tenant_id, agency_id, fiscal_year DESC) index (faster on SQLite than a max() GROUP BY over every result).
 */
export async function listAgencies(db: DB, tenant: TenantContext, q?: string): Promise<AgencyListItem[]> {
  const rows = await db
    .selectFrom("agencies as a")
    .leftJoin("results as r", (j) =>
      j
        .on("r.tenant_id", "=", tenant.id)
        .onRef("r.agency_id", "=", "a.id")
        .on(
          sql<boolean>`r.fiscal_year = (
            SELECT x.fiscal_year FROM results x
            WHERE x.tenant_id = ${tenant.id} AND x.agency_id = a.id AND x.total IS NOT NULL
            ORDER BY x.fiscal_year DESC LIMIT 1)`,
        ),
    )
    .select([
      "a.code",
      "a.name_th",
      "a.name_en",
      "a.type",
      "a.size",
      "a.district",
      "a.website",
      "r.fiscal_year",
      "r.iit",
      "r.eit",
      "r.oit",
      "r.eit_part1",
      "r.eit_part2",
      "r.total",
      "r.rating",
    ])
    .where("a.tenant_id", "=", tenant.id)
    .execute();
  const needle = q?.normalize("NFC").trim().toLowerCase();
  return rows
    .filter(
      (r) =>
        !needle ||
        [r.code, r.name_th, r.name_en ?? "", r.district ?? ""].some((f) =>
          f.normalize("NFC").toLowerCase().includes(needle),
        ),
    )
    .sort((a, b) => thaiCollator.compare(a.name_th, b.name_th) || a.code.localeCompare(b.code))
    .map((r) => {
      const year = r.fiscal_year ?? null;
      const total = r.total ?? null;
      const tools = { iit: r.iit, eit: r.eit, oit: r.oit, eitPart1: r.eit_part1, eitPart2: r.eit_part2 };
      return {
        ...toApi(r),
        latestYear: year,
        latestTotal: total === null ? null : fromCenti(total),
        rating: year === null ? null : ratingFor(year, r.rating, tools, total),
      };
    });
}

const AGENCY_CSV_COLUMNS: CsvColumn<AgencyListItem>[] = [
  { header: "รหัสหน่วยงาน (agency_code)", value: (r) => r.code },
  { header: "ชื่อหน่วยงาน (agency_name)", value: (r) => r.nameTh },
  { header: "ชื่อภาษาอังกฤษ (agency_name_en)", value: (r) => r.nameEn },
  { header: "ประเภทหน่วยงาน (agency_type)", value: (r) => AGENCY_TYPES[r.type].abbr },
  { header: "ขนาดหน่วยงาน (size)", value: (r) => r.size },
  { header: "อำเภอ (district)", value: (r) => r.district },
  { header: "เว็บไซต์ (website)", value: (r) => r.website },
  { header: "ปีงบประมาณล่าสุด (latest_year)", value: (r) => r.latestYear },
  // Two decimals, as published (88.90, not 88.9).
  {
    header: "คะแนนรวมล่าสุด (latest_total)",
    value: (r) => (r.latestTotal === null ? null : formatScore(toCenti(r.latestTotal))),
  },
  { header: "ผลการประเมิน (rating)", value: (r) => r.rating?.key },
  { header: "ผลการประเมิน ภาษาไทย (rating_th)", value: (r) => r.rating?.label.th },
];

/** The agency list as CSV (UTF-8 with BOM, every text cell formula-safe): the same rows as the JSON. */
export function agencyListCsv(rows: readonly AgencyListItem[]): string {
  return csvBody(AGENCY_CSV_COLUMNS, rows);
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
