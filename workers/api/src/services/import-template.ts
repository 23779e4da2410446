import { AGENCY_TYPES } from "@prongsai/contracts";
import { frameworkFor } from "@prongsai/ita";
import Papa from "papaparse";
import type { DB } from "../db/client";
import { csvCell } from "../http/csv";
import { notFound } from "../http/problem";
import { templateHeader } from "../import/columns";
import { thaiCollator } from "./analytics/common";
import type { TenantContext } from "./tenants";

/**
 * The import template of a year: the header in Thai with its column key ("รหัสหน่วยงาน (agency_code)"), one row
 * per agency of the tenant with its code, name, type, size and district filled in and the scores left blank.
 * UTF-8 with a BOM so Excel opens the Thai text correctly.
 */
export async function importTemplateCsv(db: DB, tenant: TenantContext, year: number): Promise<string> {
  if (!frameworkFor(year)) throw notFound(`ไม่มีเกณฑ์การประเมินของปี ${year} (No framework for fiscal year ${year}.)`);
  const header = templateHeader(year);
  const agencies = await db
    .selectFrom("agencies")
    .select(["code", "name_th", "type", "size", "district"])
    .where("tenant_id", "=", tenant.id)
    .execute();
  agencies.sort((a, b) => thaiCollator.compare(a.name_th, b.name_th));
  const rows = agencies.map((a) => {
    const row = new Array<string>(header.length).fill("");
    row[0] = csvCell(a.code);
    row[1] = csvCell(a.name_th);
    row[2] = AGENCY_TYPES[a.type].abbr;
    row[3] = a.size ?? "";
    row[4] = csvCell(a.district ?? "");
    row[5] = String(year);
    return row;
  });
  return `\uFEFF${Papa.unparse([header, ...rows], { newline: "\r\n" })}\r\n`;
}
