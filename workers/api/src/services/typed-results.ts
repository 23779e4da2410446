import type { ResultWriteSchema } from "@prongsai/contracts";
import { frameworkFor, INDICATOR_NUMBERS, normalizeItemCode, ratingOrder, toCenti } from "@prongsai/ita";
import type { z } from "zod";
import type { Principal } from "../auth/principal";
import { prepared } from "../db/batch";
import type { DB } from "../db/client";
import { badRequest, notFound } from "../http/problem";
import { deriveResult, type Published, SCORE_COLUMNS } from "../import/derive";
import { loadState, rowKey } from "../import/state";
import { auditInsert } from "./audit";
import { resultRow } from "./results";
import type { TenantContext } from "./tenants";

type ResultWrite = z.infer<typeof ResultWriteSchema>;

const centi = (x: number | null | undefined) => (x === null || x === undefined ? null : toCenti(x));

/**
 * One agency-year typed by hand (PUT: the given values replace what was published; the rest is derived,
 * OIT items given are merged). Same validation and derivation as an import, written with its audit row.
 */
export async function putTypedResult(
  d1: D1Database,
  db: DB,
  tenant: TenantContext,
  by: Principal,
  code: string,
  year: number,
  body: ResultWrite,
  requestId: string | null,
) {
  const fw = frameworkFor(year);
  if (!fw) throw notFound(`ไม่มีเกณฑ์การประเมินของปี ${year} (No framework for fiscal year ${year}.)`);
  const state = await loadState(db, tenant.id, [code], [year]);
  const agency = state.agencies.get(code);
  if (!agency) throw notFound(`ไม่พบหน่วยงานรหัส ${code} (No agency ${code}.)`);
  if (body.rating && !ratingOrder(fw).includes(body.rating)) {
    throw badRequest(`Unknown rating ${body.rating} for ${year}`, [
      { path: "rating", message: `ปี ${year} ใช้ผลการประเมิน ${ratingOrder(fw).join(", ")} (use one of these)` },
    ]);
  }
  const known = new Set(fw.oit.subIndicators.flatMap((sub) => sub.items.map((i) => i.code)));
  const items: Record<string, number> = {};
  for (const [raw, passed] of Object.entries(body.oitItems ?? {})) {
    const c = normalizeItemCode(raw);
    if (!known.has(c)) {
      throw badRequest(`OIT item ${raw} is not in the ${year} catalogue`, [
        { path: `oitItems.${raw}`, message: `ไม่มีข้อ ${raw} ในรายการ OIT ปี ${year} (not an item of ${year})` },
      ]);
    }
    items[c] = passed ? 10000 : 0;
  }
  const published: Published = {
    iit: centi(body.iit),
    eit: centi(body.eit),
    eit_part1: centi(body.eitPart1),
    eit_part2: centi(body.eitPart2),
    oit: centi(body.oit),
    total: centi(body.total),
    rating: body.rating ?? null,
  };
  for (const n of INDICATOR_NUMBERS) published[`ind${n}`] = centi(body.indicators?.[String(n) as "1"]);
  const stored = state.results.get(rowKey(code, year)) ?? null;
  const storedItems = state.items.get(rowKey(code, year));
  const derivation = deriveResult(year, published, { ...storedItems?.oit, ...items }, 0);
  if (derivation.errors.length > 0) {
    throw badRequest(
      derivation.errors.map((e) => `${e.message} (${e.messageEn})`).join("; "),
      derivation.errors.map((e) => ({ path: e.column || "body", message: `${e.message} (${e.messageEn})` })),
    );
  }
  const v = derivation.values;
  const now = new Date().toISOString();
  const scores = Object.fromEntries(SCORE_COLUMNS.map((c) => [c, v[c]])) as Record<
    (typeof SCORE_COLUMNS)[number],
    number | null
  >;
  const row = {
    ...scores,
    rating: v.rating,
    derived_fields: JSON.stringify(v.derived_fields),
    source: "manual" as const,
    source_note: "พิมพ์โดยเจ้าหน้าที่ (typed by hand)",
    import_batch_id: null,
    updated_by: by.userId,
    updated_at: now,
  };
  await d1.batch([
    prepared(
      d1,
      db
        .insertInto("results")
        .values({ tenant_id: tenant.id, agency_id: agency.id, fiscal_year: year, ...row })
        .onConflict((oc) =>
          oc.columns(["tenant_id", "agency_id", "fiscal_year"]).doUpdateSet((eb) => ({
            ...row,
            version: eb("results.version", "+", 1),
          })),
        ),
    ),
    ...Object.entries(items).map(([item_code, score]) =>
      prepared(
        d1,
        db
          .insertInto("item_scores")
          .values({
            tenant_id: tenant.id,
            agency_id: agency.id,
            fiscal_year: year,
            tool: "oit",
            item_code,
            score,
            import_batch_id: null,
          })
          .onConflict((oc) =>
            oc
              .columns(["tenant_id", "agency_id", "fiscal_year", "item_code"])
              .doUpdateSet({ score, import_batch_id: null }),
          ),
      ),
    ),
    prepared(
      d1,
      auditInsert(db, {
        tenantId: tenant.id,
        actor: { userId: by.userId, label: by.email },
        action: stored ? "result.update" : "result.create",
        entity: "result",
        entityId: `${code}/${year}`,
        before: stored ?? undefined,
        after: { ...v, oitItems: items },
        requestId,
      }),
    ),
  ]);
  const saved = await db
    .selectFrom("results as r")
    .innerJoin("agencies as a", "a.id", "r.agency_id")
    .selectAll("r")
    .select(["a.code", "a.name_th", "a.type", "a.size", "a.district"])
    .where("r.tenant_id", "=", tenant.id)
    .where("r.agency_id", "=", agency.id)
    .where("r.fiscal_year", "=", year)
    .executeTakeFirstOrThrow();
  return { created: stored === null, result: resultRow(saved), warnings: derivation.warnings };
}
