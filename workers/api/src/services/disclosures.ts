import { frameworkFor } from "@prongsai/ita";
import type { DB } from "../db/client";
import { notFound } from "../http/problem";
import type { TenantContext } from "./tenants";

/**
 * One agency's disclosure records for a cycle, with each item's title from the cycle's catalogue.
 * Drafts and reviewer notes are private: the route lets an agency member read only its own agency.
 */
export async function agencyDisclosures(db: DB, tenant: TenantContext, code: string, year: number) {
  const cycle = await db
    .selectFrom("disclosure_cycles")
    .selectAll()
    .where("tenant_id", "=", tenant.id)
    .where("fiscal_year", "=", year)
    .executeTakeFirst();
  if (!cycle) throw notFound(`No disclosure cycle for fiscal year ${year}.`);
  const agency = await db
    .selectFrom("agencies")
    .select("id")
    .where("tenant_id", "=", tenant.id)
    .where("code", "=", code)
    .executeTakeFirst();
  if (!agency) throw notFound(`No agency ${code}.`);
  const rows = await db
    .selectFrom("disclosure_records")
    .selectAll()
    .where("tenant_id", "=", tenant.id)
    .where("agency_id", "=", agency.id)
    .where("fiscal_year", "=", year)
    .execute();
  const fw = frameworkFor(cycle.catalogue_year);
  const titles = new Map<string, string | null>();
  for (const sub of fw?.oit.subIndicators ?? []) for (const item of sub.items) titles.set(item.code, item.title);
  const order = [...titles.keys()];
  rows.sort((a, b) => order.indexOf(a.item_code) - order.indexOf(b.item_code));
  return {
    agencyCode: code,
    fiscalYear: year,
    catalogueYear: cycle.catalogue_year,
    standIn: cycle.stand_in === 1,
    records: rows.map((r) => ({
      itemCode: r.item_code,
      title: titles.get(r.item_code) ?? null,
      status: r.status,
      evidenceUrls: JSON.parse(r.evidence_urls) as string[],
      note: r.note,
      reviewVerdict: r.review_verdict,
      reviewComment: r.review_comment,
      reviewedAt: r.reviewed_at,
      updatedAt: r.updated_at,
      version: r.version,
    })),
  };
}
