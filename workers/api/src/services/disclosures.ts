/**
 * Disclosure readiness: per tenant, cycle (fiscal year) and agency, the evidence an agency puts forward for each
 * OIT item of the cycle's catalogue, the reviewers' verdicts, and the score that the approved items project.
 *
 * Concurrency: every write carries the version the writer read. A write is one D1 batch (one transaction): the
 * guarded UPDATE (… WHERE version = ?) or INSERT (… ON CONFLICT DO NOTHING), then a history row whose version is
 * NULL unless that statement changed exactly one row — the NOT NULL constraint then fails the whole batch, so a
 * write that lost a race leaves nothing behind (no history, no audit) and is answered with 409 and the current
 * record. A stale version seen before writing gets the same answer without touching the database.
 */
import type {
  AgencyDisclosures,
  DisclosureBoard,
  DisclosureRecord,
  DisclosureStatus,
  DisclosureWrite,
  LinkCheck,
} from "@prongsai/contracts";
import {
  type Framework,
  fiscalYearDays,
  formatScore,
  frameworkFor,
  fromCenti,
  hasCompleteOitCatalogue,
  itemPointGain,
  normalizeItemCode,
  type OitItemRef,
  type Projection,
  projectDisclosure,
  roundHalfUpDiv,
} from "@prongsai/ita";
import { type Compilable, sql, type Updateable } from "kysely";
import type { Principal } from "../auth/principal";
import { prepared } from "../db/batch";
import type { DB } from "../db/client";
import type { DisclosureRecordsTable } from "../db/schema";
import { type CsvColumn, csvBody } from "../http/csv";
import { badRequest, notFound, ProblemError } from "../http/problem";
import { thaiCollator } from "./analytics/common";
import { type AuditEntry, auditInsert } from "./audit";
import { latestLinkChecks, linkCheckHistory } from "./link-health";
import type { TenantContext } from "./tenants";

type Counts = Record<DisclosureStatus, number>;
const emptyCounts = (): Counts => ({ not_started: 0, in_progress: 0, submitted: 0, approved: 0, needs_fix: 0 });

/** Today's date in Thailand (YYYY-MM-DD): deadlines are Thai calendar days. */
export function bangkokToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Bangkok" }).format(now);
}

interface CycleRow {
  fiscal_year: number;
  catalogue_year: number;
  stand_in: number;
  submit_by: string | null;
  review_by: string | null;
}

interface Cycle {
  row: CycleRow;
  fw: Framework;
  today: string;
}

const conflict = (detail: string, current: DisclosureRecord[]) =>
  new ProblemError(409, "conflict", "Conflict", detail, { current });

async function cycleOf(db: DB, tenant: TenantContext, year: number): Promise<Cycle> {
  const cycles = await db
    .selectFrom("disclosure_cycles")
    .select(["fiscal_year", "catalogue_year", "stand_in", "submit_by", "review_by"])
    .where("tenant_id", "=", tenant.id)
    .orderBy("fiscal_year", "desc")
    .execute();
  const row = cycles.find((c) => c.fiscal_year === year);
  if (!row) {
    throw notFound(`ยังไม่มีรอบการเปิดเผยข้อมูลปีงบประมาณ ${year} (No disclosure cycle for fiscal year ${year}.)`, {
      availableYears: cycles.map((c) => c.fiscal_year),
    });
  }
  const fw = frameworkFor(row.catalogue_year);
  // A cycle is only created on a complete catalogue (putCycle), so this is a data error, not a user error.
  if (!fw || !hasCompleteOitCatalogue(fw))
    throw new Error(`Cycle ${year}: catalogue ${row.catalogue_year} is not complete`);
  return { row, fw, today: bangkokToday() };
}

function cycleView(c: Cycle) {
  return {
    fiscalYear: c.row.fiscal_year,
    catalogueYear: c.row.catalogue_year,
    standIn: c.row.stand_in === 1,
    submitBy: c.row.submit_by,
    reviewBy: c.row.review_by,
    today: c.today,
    items: c.fw.oit.items.length,
  };
}

function itemRef(fw: Framework, rawCode: string): OitItemRef | undefined {
  return fw.oit.itemByCode.get(normalizeItemCode(rawCode));
}

async function agencyOf(db: DB, tenant: TenantContext, code: string) {
  const agency = await db
    .selectFrom("agencies")
    .select(["id", "code", "name_th", "website", "type", "size", "district"])
    .where("tenant_id", "=", tenant.id)
    .where("code", "=", code)
    .executeTakeFirst();
  if (!agency) throw notFound(`ไม่พบหน่วยงานรหัส ${code} (No agency ${code}.)`);
  return agency;
}

type RecordRow = {
  id: number;
  agency_id: number;
  item_code: string;
  status: DisclosureStatus;
  evidence_urls: string;
  note: string | null;
  review_verdict: "approved" | "needs_fix" | null;
  review_comment: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  updated_by: string | null;
  updated_at: string;
  version: number;
};

function recordsQuery(db: DB, tenantId: number, year: number) {
  return db
    .selectFrom("disclosure_records")
    .select([
      "id",
      "agency_id",
      "item_code",
      "status",
      "evidence_urls",
      "note",
      "review_verdict",
      "review_comment",
      "reviewed_by",
      "reviewed_at",
      "updated_by",
      "updated_at",
      "version",
    ])
    .where("tenant_id", "=", tenantId)
    .where("fiscal_year", "=", year);
}

type Person = { name: string; role: string | null } | null;

/**
 * Names (never emails) and tenant roles of the people behind `updated_by`/`reviewed_by`. Those hold user ids;
 * imported or demo rows may hold a plain label instead, which is shown as it is.
 */
async function peopleOf(
  db: DB,
  tenantId: number,
  ids: Iterable<string | null>,
): Promise<(id: string | null) => Person> {
  const wanted = [...new Set([...ids].filter((x): x is string => x !== null))];
  const known = new Map<string, { name: string; role: string | null }>();
  if (wanted.length > 0) {
    const rows = await db
      .selectFrom("user as u")
      .leftJoin("memberships as m", (j) => j.onRef("m.user_id", "=", "u.id").on("m.tenant_id", "=", tenantId))
      .select(["u.id", "u.name", "m.role"])
      .where("u.id", "in", wanted)
      .execute();
    for (const r of rows) known.set(r.id, { name: r.name, role: r.role });
  }
  return (id) => {
    if (id === null) return null;
    // A user id that is gone (account deleted) is not shown as it is: ids may embed an email.
    return known.get(id) ?? { name: id.includes("@") ? "ผู้ใช้ที่ถูกลบ (deleted user)" : id, role: null };
  };
}

function recordView(
  fw: Framework,
  ref: OitItemRef,
  row: RecordRow | undefined,
  person: (id: string | null) => Person,
  links: readonly LinkCheck[],
): DisclosureRecord {
  const urls = row ? (JSON.parse(row.evidence_urls) as string[]) : [];
  const latest = links.filter((l) => urls.includes(l.url));
  return {
    itemCode: ref.item.code,
    title: ref.item.title,
    criteria: [...ref.item.criteria],
    indicator: ref.subIndicator.indicator,
    subIndicator: ref.subIndicator.code,
    gain: fromCenti(itemPointGain(fw, ref.item.code).centi),
    status: row?.status ?? "not_started",
    evidenceUrls: urls,
    note: row?.note ?? null,
    reviewVerdict: row?.review_verdict ?? null,
    reviewComment: row?.review_comment ?? null,
    reviewedBy: person(row?.reviewed_by ?? null),
    reviewedAt: row?.reviewed_at ?? null,
    updatedBy: person(row?.updated_by ?? null),
    updatedAt: row?.updated_at ?? null,
    version: row?.version ?? 0,
    links: latest,
    brokenLinks: latest.filter((l) => !l.ok).length,
  };
}

/** The latest result (up to the cycle's year) with both IIT and EIT, per agency: what projections build on. */
async function surveyBasis(db: DB, tenantId: number, year: number, agencyId?: number) {
  let q = db
    .selectFrom("results")
    .select(["agency_id", "fiscal_year", "iit", "eit"])
    .where("tenant_id", "=", tenantId)
    .where("fiscal_year", "<=", year)
    .where("iit", "is not", null)
    .where("eit", "is not", null);
  if (agencyId !== undefined) q = q.where("agency_id", "=", agencyId);
  const rows = await q.orderBy("agency_id").orderBy("fiscal_year", "desc").execute();
  const basis = new Map<number, { fiscalYear: number; iit: number; eit: number }>();
  for (const r of rows) {
    if (!basis.has(r.agency_id) && r.iit !== null && r.eit !== null) {
      basis.set(r.agency_id, { fiscalYear: r.fiscal_year, iit: r.iit, eit: r.eit });
    }
  }
  return basis;
}

function projectionView(
  fw: Framework,
  projection: Projection,
  statusOf: (code: string) => DisclosureStatus,
  basis: { fiscalYear: number; iit: number; eit: number } | undefined,
): AgencyDisclosures["projection"] {
  const subNames = new Map(fw.oit.subIndicators.map((s) => [s.code, s.name]));
  return {
    basis: basis ? { fiscalYear: basis.fiscalYear, iit: fromCenti(basis.iit), eit: fromCenti(basis.eit) } : null,
    subIndicators: projection.subIndicators.map((s) => ({
      code: s.code,
      name: subNames.get(s.code) ?? s.code,
      indicator: s.indicator,
      passed: s.passed,
      total: s.total,
      score: fromCenti(s.score ?? 0),
    })),
    indicators: { 9: fromCenti(projection.indicators[9]), 10: fromCenti(projection.indicators[10]) },
    oit: fromCenti(projection.oit),
    total: projection.total === null ? null : fromCenti(projection.total),
    totalExact: projection.totalExact,
    rating: projection.rating
      ? { key: projection.rating.key, label: projection.rating.label, passed: projection.rating.passed }
      : null,
    openPoints: projection.openPoints,
    open: projection.open.map((o) => ({
      itemCode: o.code,
      title: o.title,
      status: statusOf(o.code),
      gain: fromCenti(o.gain.centi),
    })),
  };
}

function project(fw: Framework, approved: Iterable<string>, basis: { iit: number; eit: number } | undefined) {
  return projectDisclosure(fw, { approved, iit: basis?.iit ?? null, eit: basis?.eit ?? null });
}

function overdueOf(c: Cycle, counts: Counts) {
  const unsubmitted = counts.not_started + counts.in_progress + counts.needs_fix;
  return {
    submit: c.row.submit_by !== null && c.today > c.row.submit_by && unsubmitted > 0,
    review: c.row.review_by !== null && c.today > c.row.review_by && counts.submitted > 0,
  };
}

function countStatuses(fw: Framework, byCode: ReadonlyMap<string, { status: DisclosureStatus }>): Counts {
  const counts = emptyCounts();
  for (const item of fw.oit.items) counts[byCode.get(item.code)?.status ?? "not_started"]++;
  return counts;
}

/** One agency's whole cycle: every catalogue item with its record, counts, overdue flags and the projection. */
export async function agencyDisclosures(
  db: DB,
  tenant: TenantContext,
  code: string,
  year: number,
): Promise<AgencyDisclosures> {
  const cycle = await cycleOf(db, tenant, year);
  const agency = await agencyOf(db, tenant, code);
  const [rows, basis, links] = await Promise.all([
    recordsQuery(db, tenant.id, year).where("agency_id", "=", agency.id).execute(),
    surveyBasis(db, tenant.id, year, agency.id),
    latestLinkChecks(db, tenant.id, year, agency.id),
  ]);
  const byCode = new Map(rows.map((r) => [r.item_code, r]));
  const person = await peopleOf(
    db,
    tenant.id,
    rows.flatMap((r) => [r.updated_by, r.reviewed_by]),
  );
  const records = cycle.fw.oit.items.map((item) => {
    const ref = cycle.fw.oit.itemByCode.get(item.code) as OitItemRef;
    return recordView(
      cycle.fw,
      ref,
      byCode.get(item.code),
      person,
      links.filter((l) => l.itemCode === item.code),
    );
  });
  const counts = countStatuses(cycle.fw, byCode);
  const approved = records.filter((r) => r.status === "approved").map((r) => r.itemCode);
  const agencyBasis = basis.get(agency.id);
  return {
    agencyCode: agency.code,
    agencyName: agency.name_th,
    website: agency.website,
    cycle: cycleView(cycle),
    counts,
    overdue: overdueOf(cycle, counts),
    records,
    projection: projectionView(
      cycle.fw,
      project(cycle.fw, approved, agencyBasis),
      (c) => byCode.get(c)?.status ?? "not_started",
      agencyBasis,
    ),
  };
}

/** One item with its full history (newest first) and every check of its evidence URLs. */
export async function disclosureItem(db: DB, tenant: TenantContext, code: string, year: number, itemCode: string) {
  const cycle = await cycleOf(db, tenant, year);
  const agency = await agencyOf(db, tenant, code);
  const ref = itemRef(cycle.fw, itemCode);
  if (!ref) throw unknownItem(itemCode, cycle);
  const row = await recordsQuery(db, tenant.id, year)
    .where("agency_id", "=", agency.id)
    .where("item_code", "=", ref.item.code)
    .executeTakeFirst();
  const history = row
    ? await db
        .selectFrom("disclosure_history")
        .selectAll()
        .where("tenant_id", "=", tenant.id)
        .where("record_id", "=", row.id)
        .orderBy("version", "desc")
        .orderBy("id", "desc")
        .execute()
    : [];
  const linkHistory = await linkCheckHistory(db, tenant.id, year, agency.id, ref.item.code);
  const person = await peopleOf(db, tenant.id, [
    row?.updated_by ?? null,
    row?.reviewed_by ?? null,
    ...history.map((h) => h.changed_by),
  ]);
  const links = (await latestLinkChecks(db, tenant.id, year, agency.id)).filter((l) => l.itemCode === ref.item.code);
  return {
    agencyCode: agency.code,
    cycle: cycleView(cycle),
    record: recordView(cycle.fw, ref, row, person, links),
    history: history.map((h) => ({
      version: h.version,
      status: h.status as DisclosureStatus,
      evidenceUrls: JSON.parse(h.evidence_urls) as string[],
      note: h.note,
      reviewVerdict: h.review_verdict as "approved" | "needs_fix" | null,
      reviewComment: h.review_comment,
      changedBy: person(h.changed_by),
      changedAt: h.changed_at,
    })),
    linkHistory: linkHistory.map(({ agencyId: _a, itemCode: _i, ...check }) => check),
  };
}

function unknownItem(itemCode: string, cycle: Cycle) {
  return notFound(
    `ไม่มีข้อ ${itemCode} ในรายการ OIT ปี ${cycle.row.catalogue_year} (Item ${itemCode} is not in the FY ${cycle.row.catalogue_year} OIT catalogue.)`,
  );
}

export interface ItemWrite extends DisclosureWrite {
  itemCode: string;
}

const sameUrls = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((u, i) => u === b[i]);

/** The history row that proves the statement before it changed exactly one row (see the file comment). */
interface RecordKey {
  tenantId: number;
  agencyId: number;
  year: number;
  itemCode: string;
}

/** An UPDATE of one record that only applies while the record still has the version its writer read. */
function guardedUpdate(
  db: DB,
  key: RecordKey,
  version: number,
  set: Omit<Updateable<DisclosureRecordsTable>, "version">,
) {
  return db
    .updateTable("disclosure_records")
    .set({ ...set, version: sql`version + 1` })
    .where("tenant_id", "=", key.tenantId)
    .where("agency_id", "=", key.agencyId)
    .where("fiscal_year", "=", key.year)
    .where("item_code", "=", key.itemCode)
    .where("version", "=", version);
}

/** A record write as its three batch statements: the guarded write, the history row that checks it, the audit. */
function guardedWrite(
  d1: D1Database,
  db: DB,
  key: RecordKey,
  write: Compilable,
  by: Principal,
  at: string,
  audit: Omit<AuditEntry, "tenantId" | "actor" | "entity">,
) {
  return [
    prepared(d1, write),
    preparedSql(d1, guardedHistory(key, by.userId, at).compile(db)),
    prepared(
      d1,
      auditInsert(db, {
        ...audit,
        tenantId: key.tenantId,
        actor: { userId: by.userId, label: by.name },
        entity: "disclosure",
      }),
    ),
  ];
}

function guardedHistory(key: RecordKey, by: string, at: string) {
  const { tenantId, agencyId, year, itemCode } = key;
  return sql`INSERT INTO disclosure_history
      (tenant_id, record_id, version, status, evidence_urls, note, review_verdict, review_comment, changed_by, changed_at)
    SELECT tenant_id, id, CASE WHEN changes() = 1 THEN version END, status, evidence_urls, note, review_verdict,
      review_comment, ${by}, ${at}
    FROM disclosure_records
    WHERE tenant_id = ${tenantId} AND agency_id = ${agencyId} AND fiscal_year = ${year} AND item_code = ${itemCode}`;
}

function preparedSql(d1: D1Database, q: { sql: string; parameters: readonly unknown[] }) {
  return d1.prepare(q.sql).bind(...q.parameters);
}

const LOST_RACE = /NOT NULL constraint failed: disclosure_history\.version/;

/**
 * Writes one or more items of one agency's cycle, all or nothing. Each write must carry the version its writer
 * read (0 for an item never written); any stale version → 409 with the current records of the stale items.
 * Writes that change nothing are skipped (no new version, no history).
 */
export async function writeDisclosures(
  d1: D1Database,
  db: DB,
  tenant: TenantContext,
  principal: Principal,
  code: string,
  year: number,
  writes: readonly ItemWrite[],
  requestId: string | null,
): Promise<void> {
  const cycle = await cycleOf(db, tenant, year);
  const agency = await agencyOf(db, tenant, code);
  const refs = writes.map((w) => {
    const ref = itemRef(cycle.fw, w.itemCode);
    if (!ref) {
      if (writes.length === 1) throw unknownItem(w.itemCode, cycle);
      throw badRequest(`Item ${w.itemCode} is not in the FY ${cycle.row.catalogue_year} OIT catalogue.`, [
        { path: `items.${writes.indexOf(w)}.itemCode`, message: `ไม่มีข้อ ${w.itemCode} ในรายการ OIT` },
      ]);
    }
    return ref;
  });
  const codes = refs.map((r) => r.item.code);
  const current = await recordsQuery(db, tenant.id, year)
    .where("agency_id", "=", agency.id)
    .where("item_code", "in", codes)
    .execute();
  const byCode = new Map(current.map((r) => [r.item_code, r]));

  const stale = writes.filter((w, i) => (byCode.get(codes[i] as string)?.version ?? 0) !== w.version);
  if (stale.length > 0)
    throw await staleConflict(
      db,
      tenant,
      cycle,
      agency.id,
      stale.map((w) => w.itemCode),
    );

  const at = new Date().toISOString();
  const statements: D1PreparedStatement[] = [];
  writes.forEach((w, i) => {
    const itemCode = codes[i] as string;
    const before = byCode.get(itemCode);
    const urls = JSON.stringify(w.evidenceUrls);
    if (
      before &&
      before.status === w.status &&
      before.note === w.note &&
      sameUrls(JSON.parse(before.evidence_urls) as string[], w.evidenceUrls)
    ) {
      return;
    }
    const key = { tenantId: tenant.id, agencyId: agency.id, year, itemCode };
    const fields = {
      status: w.status,
      evidence_urls: urls,
      note: w.note,
      updated_by: principal.userId,
      updated_at: at,
    };
    const write = before
      ? guardedUpdate(db, key, w.version, fields)
      : db
          .insertInto("disclosure_records")
          .values({
            tenant_id: tenant.id,
            agency_id: agency.id,
            fiscal_year: year,
            item_code: itemCode,
            ...fields,
            version: 1,
          })
          .onConflict((oc) => oc.columns(["tenant_id", "agency_id", "fiscal_year", "item_code"]).doNothing());
    statements.push(
      ...guardedWrite(d1, db, key, write, principal, at, {
        action: "disclosure.update",
        entityId: `${code}/${year}/${itemCode}`,
        before: before
          ? {
              status: before.status,
              evidenceUrls: JSON.parse(before.evidence_urls),
              note: before.note,
              version: before.version,
            }
          : null,
        after: { status: w.status, evidenceUrls: w.evidenceUrls, note: w.note, version: w.version + 1 },
        requestId,
      }),
    );
  });
  await runGuarded(d1, statements, () => staleConflict(db, tenant, cycle, agency.id, codes));
}

async function runGuarded(d1: D1Database, statements: D1PreparedStatement[], onLostRace: () => Promise<ProblemError>) {
  if (statements.length === 0) return;
  try {
    await d1.batch(statements);
  } catch (err) {
    if (err instanceof Error && LOST_RACE.test(err.message)) throw await onLostRace();
    throw err;
  }
}

async function staleConflict(db: DB, tenant: TenantContext, cycle: Cycle, agencyId: number, itemCodes: string[]) {
  const codes = itemCodes.map(normalizeItemCode);
  const rows = await recordsQuery(db, tenant.id, cycle.row.fiscal_year)
    .where("agency_id", "=", agencyId)
    .where("item_code", "in", codes)
    .execute();
  const byCode = new Map(rows.map((r) => [r.item_code, r]));
  const person = await peopleOf(
    db,
    tenant.id,
    rows.flatMap((r) => [r.updated_by, r.reviewed_by]),
  );
  const links = await latestLinkChecks(db, tenant.id, cycle.row.fiscal_year, agencyId);
  const current = codes.map((c) =>
    recordView(
      cycle.fw,
      cycle.fw.oit.itemByCode.get(c) as OitItemRef,
      byCode.get(c),
      person,
      links.filter((l) => l.itemCode === c),
    ),
  );
  return conflict(
    `มีผู้อื่นแก้ไขรายการนี้ไปแล้ว: ${codes.join(", ")} — โปรดโหลดข้อมูลล่าสุดแล้วบันทึกอีกครั้ง ` +
      `(Someone else changed ${codes.join(", ")} since you read it: reload, merge and save again.)`,
    current,
  );
}

/** A reviewer approves a submitted item or sends it back with a comment. */
export async function reviewDisclosure(
  d1: D1Database,
  db: DB,
  tenant: TenantContext,
  principal: Principal,
  code: string,
  year: number,
  rawItem: string,
  review: { version: number; verdict: "approved" | "needs_fix"; comment: string | null },
  requestId: string | null,
): Promise<void> {
  const cycle = await cycleOf(db, tenant, year);
  const agency = await agencyOf(db, tenant, code);
  const ref = itemRef(cycle.fw, rawItem);
  if (!ref) throw unknownItem(rawItem, cycle);
  const itemCode = ref.item.code;
  const before = await recordsQuery(db, tenant.id, year)
    .where("agency_id", "=", agency.id)
    .where("item_code", "=", itemCode)
    .executeTakeFirst();
  if ((before?.version ?? 0) !== review.version) {
    throw await staleConflict(db, tenant, cycle, agency.id, [itemCode]);
  }
  if (before?.status !== "submitted") {
    const current = await staleConflict(db, tenant, cycle, agency.id, [itemCode]);
    throw conflict(
      `ตรวจได้เฉพาะรายการที่ส่งแล้ว: ข้อ ${itemCode} มีสถานะ ${before?.status ?? "not_started"} ` +
        `(Only a submitted item can be reviewed; ${itemCode} is ${before?.status ?? "not_started"}.)`,
      current.extra.current as DisclosureRecord[],
    );
  }
  const at = new Date().toISOString();
  const key = { tenantId: tenant.id, agencyId: agency.id, year, itemCode };
  const update = guardedUpdate(db, key, review.version, {
    status: review.verdict,
    review_verdict: review.verdict,
    review_comment: review.comment,
    reviewed_by: principal.userId,
    reviewed_at: at,
  }).where("status", "=", "submitted");
  await runGuarded(
    d1,
    guardedWrite(d1, db, key, update, principal, at, {
      action: review.verdict === "approved" ? "disclosure.approve" : "disclosure.needs_fix",
      entityId: `${code}/${year}/${itemCode}`,
      before: { status: before.status, version: before.version },
      after: { status: review.verdict, comment: review.comment, version: before.version + 1 },
      requestId,
    }),
    () => staleConflict(db, tenant, cycle, agency.id, [itemCode]),
  );
}

/** The tenant's cycles, newest first, with how far their agencies are. */
export async function listCycles(db: DB, tenant: TenantContext) {
  const [cycles, agencies, counts] = await Promise.all([
    db
      .selectFrom("disclosure_cycles")
      .select(["fiscal_year", "catalogue_year", "stand_in", "submit_by", "review_by"])
      .where("tenant_id", "=", tenant.id)
      .orderBy("fiscal_year", "desc")
      .execute(),
    db
      .selectFrom("agencies")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("tenant_id", "=", tenant.id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("disclosure_records")
      .select(["fiscal_year", "status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("tenant_id", "=", tenant.id)
      .groupBy(["fiscal_year", "status"])
      .execute(),
  ]);
  const today = bangkokToday();
  return {
    cycles: cycles.flatMap((row) => {
      const fw = frameworkFor(row.catalogue_year);
      if (!fw) return [];
      const c = emptyCounts();
      let written = 0;
      for (const r of counts) {
        if (r.fiscal_year !== row.fiscal_year) continue;
        c[r.status] += Number(r.n);
        written += Number(r.n);
      }
      // Items never written are not started.
      c.not_started += Number(agencies.n) * fw.oit.items.length - written;
      return [{ ...cycleView({ row, fw, today }), agencies: Number(agencies.n), counts: c }];
    }),
  };
}

/**
 * Deadlines fall between the cycle's fiscal year's first day and the end of the next one (leeway for a late
 * review). What this catches in practice: a Buddhist Era year typed into a Common Era date field (the
 * browser's date input is CE): "2570-04-30" is 543 years out, not a deadline.
 */
function assertDeadlinesInCycle(year: number, input: { submitBy: string | null; reviewBy: string | null }) {
  const first = fiscalYearDays(year).first;
  const last = fiscalYearDays(year + 1).last;
  const errors = (["submitBy", "reviewBy"] as const).flatMap((path) => {
    const day = input[path];
    if (!day || (day >= first && day <= last)) return [];
    const typed = Number(day.slice(0, 4));
    const be = typed > 2400;
    const thai =
      `วันที่ ${day} อยู่นอกช่วงของรอบปีงบประมาณ ${year} (${first} ถึง ${last})` +
      (be ? ` ดูเหมือนใส่ปี พ.ศ.: ช่องวันที่ใช้ปี ค.ศ. (พ.ศ. ${typed} = ค.ศ. ${typed - 543})` : "");
    const english =
      `Date ${day} is outside the FY ${year} cycle, ${first} to ${last}.` +
      (be
        ? ` It looks like a Buddhist Era year: the date field takes the Common Era year (BE ${typed} = CE ${typed - 543}).`
        : "");
    return [{ path, message: `${thai} (${english})` }];
  });
  if (errors.length > 0) {
    throw badRequest(
      `กำหนดเวลาต้องอยู่ในปีงบประมาณ ${year} หรือปีถัดไป (Deadlines must fall in FY ${year} or the year after.)`,
      errors,
    );
  }
}

/** Creates a cycle or changes its catalogue and deadlines (admin). */
export async function putCycle(
  d1: D1Database,
  db: DB,
  tenant: TenantContext,
  principal: Principal,
  year: number,
  input: { catalogueYear: number; submitBy: string | null; reviewBy: string | null },
  requestId: string | null,
) {
  const fw = frameworkFor(input.catalogueYear);
  if (!fw || !hasCompleteOitCatalogue(fw)) {
    throw badRequest(
      `ปี ${input.catalogueYear} ไม่มีรายการ OIT ครบถ้วน (FY ${input.catalogueYear} has no complete OIT catalogue.)`,
      [{ path: "catalogueYear", message: "ต้องเป็นปีที่มีรายการ OIT ครบถ้วน (a year with a complete OIT catalogue)" }],
    );
  }
  if (input.catalogueYear > year) {
    throw badRequest("The catalogue cannot be of a later year than the cycle.", [
      { path: "catalogueYear", message: "ปีของรายการต้องไม่เกินปีของรอบ (not later than the cycle's year)" },
    ]);
  }
  assertDeadlinesInCycle(year, input);
  const before = await db
    .selectFrom("disclosure_cycles")
    .selectAll()
    .where("tenant_id", "=", tenant.id)
    .where("fiscal_year", "=", year)
    .executeTakeFirst();
  if (before && before.catalogue_year !== input.catalogueYear) {
    const written = await db
      .selectFrom("disclosure_records")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("tenant_id", "=", tenant.id)
      .where("fiscal_year", "=", year)
      .executeTakeFirstOrThrow();
    // Item codes mean different things in different catalogues: records would silently change meaning.
    if (Number(written.n) > 0) {
      throw new ProblemError(
        409,
        "conflict",
        "Conflict",
        `รอบนี้มีข้อมูลแล้ว ${written.n} รายการ จึงเปลี่ยนปีของรายการ OIT ไม่ได้ ` +
          `(The cycle already has ${written.n} records; its catalogue cannot change.)`,
      );
    }
  }
  const values = {
    catalogue_year: input.catalogueYear,
    stand_in: input.catalogueYear === year ? 0 : 1,
    submit_by: input.submitBy,
    review_by: input.reviewBy,
  };
  await d1.batch([
    prepared(
      d1,
      db
        .insertInto("disclosure_cycles")
        .values({ tenant_id: tenant.id, fiscal_year: year, ...values })
        .onConflict((oc) => oc.columns(["tenant_id", "fiscal_year"]).doUpdateSet(values)),
    ),
    prepared(
      d1,
      auditInsert(db, {
        tenantId: tenant.id,
        actor: { userId: principal.userId, label: principal.name },
        action: before ? "disclosure_cycle.update" : "disclosure_cycle.create",
        entity: "disclosure_cycle",
        entityId: year,
        before: before
          ? { catalogueYear: before.catalogue_year, submitBy: before.submit_by, reviewBy: before.review_by }
          : null,
        after: { catalogueYear: input.catalogueYear, submitBy: input.submitBy, reviewBy: input.reviewBy },
        requestId,
      }),
    ),
  ]);
  return { created: !before, cycle: cycleView({ row: { fiscal_year: year, ...values }, fw, today: bangkokToday() }) };
}

export interface BoardQuery {
  sort: "projected" | "open" | "progress" | "name" | "code";
  dir?: "asc" | "desc" | undefined;
  type?: string | undefined;
  district?: string | undefined;
  overdue?: "submit" | "review" | "any" | undefined;
}

/** The province board: agencies × items with statuses, broken links, projections, counts and who is overdue. */
export async function disclosureBoard(
  db: DB,
  tenant: TenantContext,
  year: number,
  query: BoardQuery,
): Promise<DisclosureBoard> {
  const cycle = await cycleOf(db, tenant, year);
  const fw = cycle.fw;
  let agencyQuery = db
    .selectFrom("agencies")
    .select(["id", "code", "name_th", "type", "size", "district"])
    .where("tenant_id", "=", tenant.id);
  if (query.type) agencyQuery = agencyQuery.where("type", "=", query.type as never);
  if (query.district) agencyQuery = agencyQuery.where("district", "=", query.district);
  const [agencies, rows, basis, links] = await Promise.all([
    agencyQuery.execute(),
    db
      .selectFrom("disclosure_records")
      .select(["agency_id", "item_code", "status"])
      .where("tenant_id", "=", tenant.id)
      .where("fiscal_year", "=", year)
      .execute(),
    surveyBasis(db, tenant.id, year),
    latestLinkChecks(db, tenant.id, year, undefined, { brokenOnly: true }),
  ]);
  const statusByAgency = new Map<number, Map<string, { status: DisclosureStatus }>>();
  for (const r of rows) {
    const m = statusByAgency.get(r.agency_id) ?? new Map<string, { status: DisclosureStatus }>();
    statusByAgency.set(r.agency_id, m);
    m.set(r.item_code, r);
  }
  const brokenByAgency = new Map<number, Set<string>>();
  for (const l of links) {
    if (l.ok) continue;
    const s = brokenByAgency.get(l.agencyId) ?? new Set<string>();
    brokenByAgency.set(l.agencyId, s);
    s.add(l.itemCode);
  }
  const codes = fw.oit.items.map((i) => i.code);
  const totals = emptyCounts();
  const boardRows = agencies.map((a) => {
    const byCode = statusByAgency.get(a.id) ?? new Map();
    const statuses = codes.map((c) => (byCode.get(c)?.status ?? "not_started") as DisclosureStatus);
    const counts = countStatuses(fw, byCode);
    for (const s of statuses) totals[s]++;
    const p = project(
      fw,
      codes.filter((_, i) => statuses[i] === "approved"),
      basis.get(a.id),
    );
    const overdue = overdueOf(cycle, counts);
    const broken = brokenByAgency.get(a.id);
    return {
      agencyCode: a.code,
      name: a.name_th,
      type: a.type,
      size: a.size,
      district: a.district,
      statuses,
      brokenItems: broken ? codes.filter((c) => broken.has(c)) : [],
      counts,
      approvedShare: fromCenti(roundHalfUpDiv(10000 * counts.approved, codes.length)),
      overdueSubmit: overdue.submit,
      overdueReview: overdue.review,
      projectedOit: fromCenti(p.oit),
      projectedTotal: p.total === null ? null : fromCenti(p.total),
      projectedRating: p.rating?.key ?? null,
      // Rounded for display; sorting uses the same two decimals the user sees.
      openPoints: fromCenti(Math.round(p.openPoints * 100)),
    };
  });
  const filtered = boardRows.filter(
    (r) =>
      !query.overdue ||
      (query.overdue === "submit" && r.overdueSubmit) ||
      (query.overdue === "review" && r.overdueReview) ||
      (query.overdue === "any" && (r.overdueSubmit || r.overdueReview)),
  );
  sortBoard(filtered, query);
  return {
    cycle: cycleView(cycle),
    items: fw.oit.items.map((item) => {
      const ref = fw.oit.itemByCode.get(item.code) as OitItemRef;
      return {
        code: item.code,
        title: item.title,
        indicator: ref.subIndicator.indicator,
        subIndicator: ref.subIndicator.code,
        gain: fromCenti(itemPointGain(fw, item.code).centi),
      };
    }),
    agencies: filtered,
    counts: totals,
    overdue: {
      submit: boardRows.filter((r) => r.overdueSubmit).map((r) => r.agencyCode),
      review: boardRows.filter((r) => r.overdueReview).map((r) => r.agencyCode),
    },
  };
}

type BoardRow = DisclosureBoard["agencies"][number];

function sortBoard(rows: BoardRow[], q: BoardQuery) {
  const byName = (a: BoardRow, b: BoardRow) =>
    thaiCollator.compare(a.name, b.name) || a.agencyCode.localeCompare(b.agencyCode);
  const numeric: Record<string, (r: BoardRow) => number | null> = {
    projected: (r) => r.projectedTotal,
    open: (r) => r.openPoints,
    progress: (r) => r.approvedShare,
  };
  const key = numeric[q.sort];
  const dir = q.dir ?? (key ? "desc" : "asc");
  const sign = dir === "asc" ? 1 : -1;
  rows.sort((a, b) => {
    if (key) {
      const x = key(a);
      const y = key(b);
      // Unknown values (no IIT/EIT yet) go last whichever the direction.
      if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
      return (x - y) * sign || byName(a, b);
    }
    if (q.sort === "code") return a.agencyCode.localeCompare(b.agencyCode) * sign;
    return byName(a, b) * sign;
  });
}

const STATUS_TH: Record<DisclosureStatus, string> = {
  not_started: "ยังไม่เริ่ม",
  in_progress: "กำลังดำเนินการ",
  submitted: "ส่งแล้ว",
  approved: "ผ่าน",
  needs_fix: "ต้องแก้ไข",
};

/** The board as CSV: one row per agency, the same order, a status column per item. */
export function boardCsv(board: DisclosureBoard): string {
  const columns: CsvColumn<BoardRow>[] = [
    { header: "รหัสหน่วยงาน (agency_code)", value: (r) => r.agencyCode },
    { header: "ชื่อหน่วยงาน (agency_name)", value: (r) => r.name },
    { header: "อำเภอ (district)", value: (r) => r.district },
    { header: "คะแนนรวมที่คาดการณ์ (projected_total)", value: (r) => points(r.projectedTotal) },
    { header: "OIT ที่คาดการณ์ (projected_oit)", value: (r) => points(r.projectedOit) },
    { header: "คะแนนที่ยังเปิดอยู่ (open_points)", value: (r) => points(r.openPoints) },
    { header: "ผ่านแล้ว % (approved_share)", value: (r) => points(r.approvedShare) },
    { header: "เลยกำหนดส่ง (overdue_submit)", value: (r) => (r.overdueSubmit ? "yes" : "no") },
    { header: "เลยกำหนดตรวจ (overdue_review)", value: (r) => (r.overdueReview ? "yes" : "no") },
    { header: "ลิงก์เสีย (broken_links)", value: (r) => r.brokenItems.join(" ") },
    ...board.items.map(
      (item, i): CsvColumn<BoardRow> => ({
        header: item.code,
        value: (r) => {
          const s = r.statuses[i] as DisclosureStatus;
          return `${STATUS_TH[s]} (${s})`;
        },
      }),
    ),
  ];
  return csvBody(columns, board.agencies);
}

const points = (p: number | null) => (p === null ? null : formatScore(Math.round(p * 100)));
