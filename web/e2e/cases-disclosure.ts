// Browser cases for Disclosure readiness (issue 7): the whole evidence workflow through the UI (agency submits,
// analyst sends back, agency fixes and resubmits, analyst approves) with the projection moving by exactly the
// item's gain; the province board (stand-in label, sort by open points, CSV, deadlines); agency isolation; and a
// stale save between two browsers ending in the conflict message, not a lost update. Items are picked from the
// API's current state, so the cases do not depend on each other's order.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import type { Case } from "./cases";
import { assertNoProblems, type Harness, settle, type Watched } from "./harness";
import { ACCOUNTS, h1, opens, pageBasics, pts, text } from "./kit";

const YEAR = 2570;
const BOARD = `/api/tenants/demo/disclosures/${YEAR}/board`;
const agencyApi = (code: string) => `/api/tenants/demo/agencies/${code}/disclosures/${YEAR}`;
const agencyPage = (code: string, item?: string) =>
  `/t/demo/disclosure/${code}?year=${YEAR}${item ? `&item=${item}` : ""}`;

// ── API shapes (only the fields read here) ─────────────────────────────────────────────────────────────────

interface RecordApi {
  itemCode: string;
  title: string;
  gain: number;
  status: string;
  evidenceUrls: string[];
  note: string | null;
  reviewComment: string | null;
  version: number;
}
interface AgencyApi {
  website: string | null;
  records: RecordApi[];
  projection: { total: number | null; totalExact: number | null; openPoints: number };
}
interface BoardApi {
  cycle: { standIn: boolean; catalogueYear: number; submitBy: string | null; reviewBy: string | null };
  items: { code: string }[];
  agencies: { agencyCode: string; name: string; openPoints: number }[];
}
interface CyclesApi {
  cycles: { fiscalYear: number; catalogueYear: number; submitBy: string | null; reviewBy: string | null }[];
}

async function getJson<T>(w: Watched, path: string): Promise<T> {
  const res = await w.context.request.get(path);
  assert.equal(res.status(), 200, `GET ${path}: ${res.status()}`);
  return (await res.json()) as T;
}

/** The item's card on the agency page. */
const card = (page: Page, item: string) => page.locator(`#item-${item}`);

/** Waits for the card's "done" line (saved / reviewed) to say `what`. */
async function done(w: Watched, item: string, what: RegExp) {
  await card(w.page, item).locator(".kit-ok", { hasText: what }).waitFor();
  await settle(w);
}

// ── the cases ──────────────────────────────────────────────────────────────────────────────────────────────

export const disclosureCases: Case[] = [
  {
    name: "disclosure: agency submits an item, analyst sends it back, agency fixes and resubmits, analyst approves; the projected total moves by exactly the item's gain",
    async run(h: Harness) {
      const code = h.agencyCode;
      // The agency user signs in through the form and follows the navigation to its own page.
      const agency = await h.open();
      await h.signIn(agency, ACCOUNTS.agency);
      await agency.page.locator('nav[aria-label="main"] a[href="/t/demo/disclosure"]').click();
      await agency.page.waitForURL((u) => u.pathname === `/t/demo/disclosure/${code}`);
      await settle(agency);
      const before = await getJson<AgencyApi>(agency, agencyApi(code));
      const target = before.records.find((r) => r.status === "not_started");
      assert.ok(target, "the demo agency has an item not started");
      const item = target.itemCode;
      assert.ok(before.projection.totalExact !== null, "the agency has IIT/EIT, so a projected total");
      assert.equal(await text(agency.page.getByTestId("projected-total")), pts(before.projection.total));
      const site = before.website ?? "https://agency.example";
      const firstUrl = `${site}/e2e/${item.toLowerCase()}-draft`;
      const fixedUrl = `${site}/e2e/${item.toLowerCase()}-report.pdf`;

      // 1. The agency fills the item (URL + note) and submits it.
      await opens(agency, agencyPage(code, item));
      const c = card(agency.page, item);
      await c.locator('input[type="url"]').first().fill(firstUrl);
      await c.getByLabel("หมายเหตุ").fill("เผยแพร่บนเว็บไซต์แล้ว (e2e)");
      await c.getByRole("button", { name: "ส่งตรวจ", exact: true }).click();
      await done(agency, item, /บันทึกแล้ว \(ส่งแล้ว รอตรวจ\)/);
      let rec = (await getJson<AgencyApi>(agency, agencyApi(code))).records.find((r) => r.itemCode === item);
      assert.equal(rec?.status, "submitted");
      assert.deepEqual(rec?.evidenceUrls, [firstUrl]);
      assert.equal(rec?.note, "เผยแพร่บนเว็บไซต์แล้ว (e2e)");

      // 2. The analyst sends it back with a comment (a comment is required).
      const analyst = await h.signedIn(ACCOUNTS.analyst);
      await opens(analyst, agencyPage(code, item));
      const ac = card(analyst.page, item);
      const comment = "ลิงก์ยังเป็นร่าง โปรดใส่ไฟล์รายงานฉบับจริง (e2e)";
      await ac.getByLabel("ความเห็นถึงหน่วยงาน (จำเป็นเมื่อส่งกลับ)").fill(comment);
      await ac.getByRole("button", { name: "✗ ส่งกลับให้แก้ไข" }).click();
      await done(analyst, item, /บันทึกผลการตรวจแล้ว: ส่งกลับให้แก้ไข/);

      // 3. The agency sees the comment (without opening the item), fixes the link and resubmits.
      await opens(agency, agencyPage(code));
      assert.match(await text(card(agency.page, item).locator(".dsc-review-note")), new RegExp(comment.slice(0, 20)));
      assert.match(await text(card(agency.page, item).locator(".dsc-badge")), /ส่งกลับให้แก้ไข/);
      await h.shot(agency, "disclosure-agency-needs-fix");
      await card(agency.page, item).locator(".dsc-toggle").click();
      await agency.page.waitForURL((u) => u.searchParams.get("item") === item);
      await c.locator('input[type="url"]').first().fill(fixedUrl);
      await c.getByRole("button", { name: "แก้ไขแล้ว ส่งตรวจอีกครั้ง" }).click();
      await done(agency, item, /บันทึกแล้ว \(ส่งแล้ว รอตรวจ\)/);

      // 4. The analyst approves.
      await opens(analyst, agencyPage(code, item));
      assert.equal(await ac.locator('input[type="url"]').first().inputValue(), fixedUrl);
      await h.shot(analyst, "disclosure-agency-review");
      await ac.getByRole("button", { name: "✓ ผ่าน" }).click();
      await done(analyst, item, /บันทึกผลการตรวจแล้ว: ผ่านการตรวจ/);

      // 5. The projection moved by exactly the item's gain, and the page shows the new total.
      const after = await getJson<AgencyApi>(analyst, agencyApi(code));
      rec = after.records.find((r) => r.itemCode === item);
      assert.equal(rec?.status, "approved");
      assert.equal(rec?.reviewComment, null, "approving clears the comment");
      const moved = (after.projection.totalExact ?? 0) - (before.projection.totalExact ?? 0);
      assert.equal(moved.toFixed(2), target.gain.toFixed(2), `total moved by ${moved}, the gain is ${target.gain}`);
      assert.equal(
        (before.projection.openPoints - after.projection.openPoints).toFixed(2),
        target.gain.toFixed(2),
        "points still open shrink by the gain",
      );
      assert.equal(await text(analyst.page.getByTestId("projected-total")), pts(after.projection.total));
      await opens(agency, agencyPage(code));
      assert.equal(await text(agency.page.getByTestId("projected-total")), pts(after.projection.total));
      assert.match(await text(card(agency.page, item).locator(".dsc-badge")), /ผ่านการตรวจ/);
      assert.equal(await card(agency.page, item).locator(".dsc-review-note").count(), 0);
      // The history keeps every step, newest first.
      await card(agency.page, item).locator(".dsc-toggle").click();
      await card(agency.page, item).getByRole("button", { name: "ดูประวัติ" }).click();
      const history = card(agency.page, item).locator(".dsc-history-list > li");
      await history.first().waitFor();
      const steps = (await history.locator(".dsc-badge").allTextContents()).map((s) => s.trim());
      assert.deepEqual(
        steps.slice(0, 4).map((s) => s.replace(/^\S+\s/, "")),
        ["ผ่านการตรวจ", "ส่งแล้ว รอตรวจ", "ส่งกลับให้แก้ไข", "ส่งแล้ว รอตรวจ"],
      );
      await settle(agency);
      await h.shot(agency, "disclosure-agency-history");
      assertNoProblems(agency);
      assertNoProblems(analyst);
    },
  },
  {
    name: "disclosure board: stand-in label, 250 × 43 virtualised, sort by points still open, CSV export, admin edits a deadline",
    async run(h: Harness) {
      const w = await h.signedIn(ACCOUNTS.admin);
      const api = await getJson<BoardApi>(w, BOARD);
      assert.match(await pageBasics(w, "/t/demo/disclosure"), new RegExp(`· ${YEAR}$`));
      assert.ok(api.cycle.standIn, "the demo cycle is a stand-in");
      assert.match(
        await text(w.page.locator(".dsc-standin")),
        new RegExp(`ใช้รายการของปี ${api.cycle.catalogueYear} แทน`),
      );
      const table = w.page.locator(".dsc-board table");
      assert.equal(await table.getAttribute("aria-rowcount"), String(api.agencies.length + 1));
      const rendered = await w.page.locator(".dsc-board tbody tr").count();
      assert.ok(rendered > 0 && rendered < api.agencies.length / 2, `${rendered} <tr> for ${api.agencies.length} rows`);
      const cells = await w.page.locator(".dsc-board tbody tr").first().locator("td.dsc-cell").count();
      assert.equal(cells, api.items.length, "one cell per item");
      // Every cell says its item and status in words, not only in colour.
      const label = await w.page
        .locator(".dsc-board tbody tr")
        .first()
        .locator("td.dsc-cell")
        .first()
        .getAttribute("aria-label");
      assert.match(label ?? "", new RegExp(`^${api.items[0]?.code} .+: .+`));
      await h.shot(w, "disclosure-board");

      // Sort by points still open (largest first): the URL keeps it, rows follow the API's order.
      await w.page.getByRole("button", { name: "ยังเปิด" }).click();
      await w.page.waitForURL((u) => u.searchParams.get("sort") === "open" && u.searchParams.get("dir") === "desc");
      await settle(w);
      const sorted = await getJson<BoardApi>(w, `${BOARD}?sort=open&dir=desc`);
      const open = sorted.agencies.map((a) => a.openPoints);
      assert.ok(
        open.every((v, i) => i === 0 || (open[i - 1] ?? 0) >= v),
        "open points do not increase",
      );
      const shown = await w.page.locator(".dsc-board tbody tr").evaluateAll((trs) =>
        trs
          .map((tr) => ({
            i: Number(tr.getAttribute("aria-rowindex")),
            code: tr.querySelector("a")?.getAttribute("href")?.split("/").at(-1)?.split("?")[0] ?? "",
            open: tr.children[3]?.textContent?.trim() ?? "",
          }))
          .sort((a, b) => a.i - b.i),
      );
      assert.deepEqual(
        shown.slice(0, 10).map((r) => r.code),
        sorted.agencies.slice(0, 10).map((a) => a.agencyCode),
      );
      assert.equal(shown[0]?.open, pts(sorted.agencies[0]?.openPoints));

      // The CSV link carries the same view and downloads CSV.
      const href = (await w.page.getByRole("link", { name: "ส่งออก CSV" }).getAttribute("href")) ?? "";
      assert.ok(href.includes("sort=open") && href.includes("format=csv"), href);
      const csv = await w.context.request.get(href);
      assert.equal(csv.status(), 200);
      assert.match(csv.headers()["content-type"] ?? "", /^text\/csv/);
      const lines = (await csv.text())
        .replace(/^\uFEFF/, "")
        .trim()
        .split(/\r?\n/);
      assert.equal(lines.length, sorted.agencies.length + 1, "a header and one line per agency");
      assert.match(lines[0] ?? "", /agency_code/);
      assert.ok(lines[1]?.startsWith(sorted.agencies[0]?.agencyCode ?? "?"), "same order as the board");

      // An admin moves the review deadline in place; the API has it; then it is put back.
      const cycles = await getJson<CyclesApi>(w, "/api/tenants/demo/disclosures");
      const original = cycles.cycles.find((c) => c.fiscalYear === YEAR);
      assert.ok(original);
      await w.page.getByRole("button", { name: "แก้ไขกำหนดเวลา" }).click();
      await w.page.getByLabel("ตรวจเสร็จภายใน").fill("2027-06-30");
      await w.page.getByRole("button", { name: "บันทึกกำหนดเวลา" }).click();
      await w.page.locator(".dsc-deadlines", { hasText: "บันทึกกำหนดเวลาแล้ว" }).waitFor();
      await settle(w);
      assert.match(await text(w.page.locator(".dsc-deadlines")), /30 มิ\.ย\. 2570/);
      const changed = (await getJson<CyclesApi>(w, "/api/tenants/demo/disclosures")).cycles.find(
        (c) => c.fiscalYear === YEAR,
      );
      assert.equal(changed?.reviewBy, "2027-06-30");
      const restore = await w.context.request.put(`/api/tenants/demo/disclosures/${YEAR}`, {
        data: { catalogueYear: original.catalogueYear, submitBy: original.submitBy, reviewBy: original.reviewBy },
        headers: { origin: h.url },
      });
      assert.equal(restore.status(), 200);
      assertNoProblems(w);
    },
  },
  {
    name: "disclosure: an executive reads the board and an agency's summary, with no editing",
    async run(h: Harness) {
      const w = await h.signedIn(ACCOUNTS.executive);
      await opens(w, "/t/demo/disclosure");
      assert.equal(await w.page.getByRole("button", { name: "แก้ไขกำหนดเวลา" }).count(), 0, "no deadline editing");
      const href = await w.page.locator(".dsc-board tbody tr a").first().getAttribute("href");
      assert.match(href ?? "", new RegExp(`^/t/demo/disclosure/\\d+\\?year=${YEAR}$`), "rows open the agency's page");
      await w.page.goto(agencyPage(h.agencyCode));
      await settle(w);
      assert.match(await h1(w.page), /^การเปิดเผยข้อมูล OIT · /);
      assert.match(await text(w.page.locator(".dsc-summary-only")), /มุมมองผู้บริหาร/);
      assert.equal(await w.page.locator("main input, main textarea").count(), 0, "nothing to edit");
      assert.ok((await w.page.locator(".dsc-item").count()) > 0);
      assert.ok(await w.page.locator(".dsc-standin").isVisible(), "the stand-in label shows here too");
      await h.shot(w, "disclosure-executive-agency");
      assertNoProblems(w);
    },
  },
  {
    name: "disclosure: an agency user cannot reach another agency's records (UI refuses, API 403)",
    async run(h: Harness) {
      const w = await h.signedIn(ACCOUNTS.agency);
      const own = h.agencyCode;
      const board = await w.context.request.get(BOARD);
      assert.equal(board.status(), 403, "the board is not for agencies");
      // The board's address sends the agency to its own page.
      await w.page.goto("/t/demo/disclosure");
      await w.page.waitForURL((u) => u.pathname === `/t/demo/disclosure/${own}`);
      await settle(w);
      const other = (await getJson<{ code: string }[]>(w, "/api/tenants/demo/agencies")).find(
        (a) => a.code !== own,
      )?.code;
      assert.ok(other);
      assert.equal((await w.context.request.get(agencyApi(other))).status(), 403);
      const put = await w.context.request.put(`${agencyApi(other)}/O1`, {
        data: { version: 0, status: "in_progress", evidenceUrls: [], note: null },
        headers: { origin: h.url },
      });
      assert.equal(put.status(), 403);
      await w.page.goto(agencyPage(other));
      await settle(w);
      assert.match(await text(w.page.locator(".no-access")), /เฉพาะข้อมูลการเปิดเผยของหน่วยงานตนเอง/);
      assert.equal(await w.page.locator(".dsc-item").count(), 0);
      assert.equal(
        await w.page.getByRole("link", { name: "ไปหน้าหน่วยงานของฉัน" }).getAttribute("href"),
        `/t/demo/disclosure/${own}`,
      );
      await h.shot(w, "disclosure-agency-refused");
      assertNoProblems(w); // in particular: the page itself never asked for the other agency's records
    },
  },
  {
    name: "disclosure: a stale save in a second browser shows who changed the item and merges, not a lost update",
    async run(h: Harness) {
      const code = h.agencyCode;
      const a = await h.signedIn(ACCOUNTS.agency);
      const b = await h.signedIn(ACCOUNTS.analyst);
      b.allow(409, /\/disclosures\//);
      const start = await getJson<AgencyApi>(a, agencyApi(code));
      const target = start.records.find((r) => r.status === "in_progress");
      assert.ok(target, "the demo agency has an item in progress");
      const item = target.itemCode;
      // Both open the same item (same version).
      await opens(a, agencyPage(code, item));
      await opens(b, agencyPage(code, item));
      // A saves first.
      await card(a.page, item).getByLabel("หมายเหตุ").fill("บันทึกจากเบราว์เซอร์ A (e2e)");
      await card(a.page, item).getByRole("button", { name: "บันทึกร่าง" }).click();
      await done(a, item, /บันทึกแล้ว/);
      // B, still on the old version, adds a link and saves: 409 → the conflict message with A's note.
      const bUrl = `${start.website ?? "https://agency.example"}/e2e/${item.toLowerCase()}-b`;
      await card(b.page, item)
        .getByRole("button", { name: /เพิ่มลิงก์/ })
        .click();
      await card(b.page, item).locator('input[type="url"]').last().fill(bUrl);
      await card(b.page, item).getByRole("button", { name: "บันทึกร่าง" }).click();
      const conflict = card(b.page, item).locator(".dsc-conflict");
      await conflict.waitFor();
      await settle(b);
      assert.match(await text(conflict), /มีผู้อื่นแก้ไขข้อนี้ไปแล้ว/);
      assert.match(await text(conflict), /บันทึกจากเบราว์เซอร์ A \(e2e\)/);
      await h.shot(b, "disclosure-conflict");
      // B merges (keeps A's note, adds its link) and saves again.
      await conflict.getByRole("button", { name: "รวมการแก้ไขของฉันเข้ากับข้อมูลล่าสุด" }).click();
      assert.equal(await card(b.page, item).getByLabel("หมายเหตุ").inputValue(), "บันทึกจากเบราว์เซอร์ A (e2e)");
      await card(b.page, item).getByRole("button", { name: "บันทึกร่าง" }).click();
      await done(b, item, /บันทึกแล้ว/);
      const end = (await getJson<AgencyApi>(a, agencyApi(code))).records.find((r) => r.itemCode === item);
      assert.equal(end?.version, target.version + 2, "two writes, none lost");
      assert.equal(end?.note, "บันทึกจากเบราว์เซอร์ A (e2e)");
      assert.deepEqual(end?.evidenceUrls, [...target.evidenceUrls, bUrl]);
      assertNoProblems(a);
      assertNoProblems(b);
    },
  },
];
