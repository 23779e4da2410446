// Browser cases for the Overview on paper (one A4 page), Weak indicators, Movement, Agency profile and
// Administration: what each page shows is compared with the API's own answer, fetched inside the page (same
// cookies, same origin), and where possible with a second, independent derivation from other answers (the
// heatmap's values, the movement rows). Each case signs in afresh; the Administration case creates and removes
// what it checks, with names of its own.
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Locator } from "playwright-core";
import type { Case } from "./cases";
import { assertNoProblems, type Harness, settle, type Watched } from "./harness";
import { ACCOUNTS, apiInPage, gapOf, pageBasics, pdfPages, pts, type RowRead, text, virtualRows } from "./kit";

// ── API shapes (only the fields read here) ─────────────────────────────────────────────────────────────────

interface WeakApi {
  passMark: number;
  indicators: {
    indicator: number;
    belowCount: number;
    assessed: number;
    below: { agencyCode: string; score: number; gap: number }[];
  }[];
}
interface HeatApi {
  passMark: number;
  indicators: { indicator: number }[];
  rows: { rank: number | null; agencyCode: string; total: number | null; values: Record<string, number | null> }[];
}
interface MoveRowApi {
  agencyCode: string;
  from: { total: number | null; rating: string | null };
  to: { total: number | null; rating: string | null };
  delta: number;
}
interface MovementApi {
  comparable: boolean;
  reasons: { code: string; th: string; en: string }[];
  agencies: MoveRowApi[];
  improvers: MoveRowApi[];
  decliners: MoveRowApi[];
  transitions: { from: string[]; to: string[]; counts: number[][] };
}
type Tool = "iit" | "eit" | "oit";
interface ProfileApi {
  nameTh: string;
  years: ({
    fiscalYear: number;
    total: number | null;
    rank: number | null;
    ranked: number;
    indicators: Record<string, number | null>;
    rating: { key: string; label: { th: string } } | null;
  } & Record<Tool, number | null>)[];
  latest: {
    fiscalYear: number;
    weakIndicators: { indicator: number; score: number; gap: number }[] | null;
    nextRating: {
      next: { key: string; label: { th: string } } | null;
      totalNeeded: number | null;
      toolsBelow: { tool: Tool; score: number | null; floor: number; gap: number | null }[];
    } | null;
    peers: { code: string; total: number; self: boolean }[];
  } | null;
  oit: { fiscalYear: number; items: { code: string; passed: boolean; gain: number }[] }[];
}

interface YearsApi {
  tenant: { name: string; nameEn: string | null; synthetic: boolean };
}

// ── helpers ────────────────────────────────────────────────────────────────────────────────────────────────

const DASH = "\u2212"; // the minus sign the app writes gaps and falls with

/** A number in a cell's text ("−8.16" → -8.16, "+1.25" → 1.25); NaN when there is none. */
function numberIn(s: string): number {
  const m = /([+\u2212-]?)(\d[\d,]*(?:\.\d+)?)/.exec(s);
  if (!m) return Number.NaN;
  return (m[1] === DASH || m[1] === "-" ? -1 : 1) * Number((m[2] ?? "").replaceAll(",", ""));
}

function nonIncreasing(values: number[], what: string) {
  for (let i = 1; i < values.length; i++) {
    assert.ok((values[i] as number) <= (values[i - 1] as number), `${what}: ${values[i - 1]} then ${values[i]}`);
  }
}

/** The rows of an ordinary table: each cell's text, and the agency code of the row's first link. */
async function tableRows(rows: Locator): Promise<{ cells: string[]; code: string }[]> {
  return rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      cells: Array.from(tr.children).map((c) => (c.textContent ?? "").trim()),
      code: tr.querySelector("a")?.getAttribute("href")?.split("/").at(-1) ?? "",
    })),
  );
}

/**
 * Chooses an option of a labelled select and waits until the URL says so. (Not an exact label match: a label
 * wrapping a select names it with the option shown as well, "ปี ข (หลัง) 2565".)
 */
async function choose(w: Watched, label: string, value: string, param: string) {
  const name = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
  await w.page.getByRole("combobox", { name }).selectOption(value);
  await w.page.waitForURL((u) => u.searchParams.get(param) === value);
  await settle(w);
}

/** A4 at 96 px per inch, and the 12 mm margins of the print stylesheet (web/src/styles.css, @page). */
const A4 = { width: 794, height: 1123, margin: 45 };

/** Today (Bangkok) as the print header writes it; around midnight either day. */
function printDates(lang: "th" | "en"): string[] {
  const f = new Intl.DateTimeFormat(lang === "th" ? "th-TH-u-ca-buddhist" : "en-GB", {
    dateStyle: "long",
    timeZone: "Asia/Bangkok",
  });
  const now = Date.now();
  return [...new Set([f.format(now - 60_000), f.format(now), f.format(now + 60_000)])];
}

/**
 * The page as printed (print media already emulated): the A4 PDF's page count; then, laid out at the width of
 * the A4 page's printable area, how many rows the key figures take and which elements stick out sideways, and
 * a screenshot of the page with its margins (`<name>.png` under test-output/screenshots).
 */
async function printedPage(h: Harness, w: Watched, name: string) {
  const pages = pdfPages(await w.page.pdf({ format: "A4", printBackground: true }));
  const viewport = w.page.viewportSize();
  await w.page.setViewportSize({ width: A4.width - 2 * A4.margin, height: A4.height - 2 * A4.margin });
  await settle(w, 300);
  const layout = await w.page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const kpiTops = new Set(Array.from(document.querySelectorAll(".kpi")).map((k) => k.getBoundingClientRect().top));
    const overflowing = Array.from(document.querySelectorAll("main *"))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5) && !el.closest(".sr-only");
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute("class") ?? ""}`);
    return { kpiRows: kpiTops.size, overflowing: overflowing.slice(0, 5) };
  });
  // The screenshot: a whole A4 sheet, the margins drawn as padding.
  await w.page.setViewportSize({ width: A4.width, height: A4.height });
  const margin = await w.page.addStyleTag({ content: `body { padding: ${A4.margin}px !important; }` });
  await settle(w, 300);
  const file = join(h.shotsDir, `${name}.png`);
  await w.page.screenshot({ path: file, fullPage: true });
  h.screenshots.push(file);
  await margin.evaluate((el) => (el as Element).remove());
  if (viewport) await w.page.setViewportSize(viewport);
  await settle(w, 300);
  return { pages, ...layout };
}

// ── the cases ──────────────────────────────────────────────────────────────────────────────────────────────

export function detailedPageCases(h: Harness): Case[] {
  const code = h.agencyCode;
  return [
    {
      name: "page: Overview prints on one A4 page, in Thai and in English, headed with the province, the year and the date",
      async run() {
        const w = await h.signedIn(ACCOUNTS.executive);
        assert.match(await pageBasics(w, "/t/demo/overview"), /^ภาพรวมจังหวัด · 2568$/);
        const { tenant } = await apiInPage<YearsApi>(w, "/api/tenants/demo/years");
        assert.equal(tenant.synthetic, true, "the demo tenant is flagged synthetic");
        // A count changes by whole agencies; scores and percentages keep two decimals.
        const deltas = (await w.page.locator(".kpi .kpi-delta .delta").allTextContents()).map((s) => s.trim());
        assert.equal(deltas.length, 4);
        assert.match(deltas[0] ?? "", /^[▲▼■] [+\u2212]?\d+ \(/, `agencies assessed: ${deltas[0]}`);
        for (const d of deltas.slice(1)) assert.match(d, /^[▲▼■] [+\u2212]?\d+\.\d\d \(/, d);

        for (const lang of ["th", "en"] as const) {
          if (lang === "en") {
            // In English and in the dark theme: paper stays light.
            await w.page.getByRole("button", { name: "English", exact: true }).click();
            await w.page.waitForFunction(() => document.documentElement.lang === "en");
            await w.page.getByRole("button", { name: "Dark/light mode" }).click();
            await w.page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
            await settle(w);
          }
          const head = w.page.locator(".print-head");
          assert.equal(await head.isVisible(), false, `${lang}: the print header is not on screen`);
          await w.page.emulateMedia({ media: "print" });
          await settle(w, 300);
          const province = lang === "en" ? (tenant.nameEn ?? tenant.name) : tenant.name;
          const printed = await printedPage(h, w, `overview-print-${lang}`);
          assert.equal(printed.pages, 1, `${lang}: the overview prints on ${printed.pages} A4 pages, not 1`);
          assert.equal(await head.isVisible(), true, `${lang}: the print header is printed`);
          const headText = (await text(head)).replace(/\s+/g, " ");
          assert.ok(headText.includes(province), `${lang}: "${headText}" names ${province}`);
          assert.ok(headText.includes("2568"), `${lang}: "${headText}" names the year 2568`);
          assert.ok(
            printDates(lang).some((d) => headText.includes(d)),
            `${lang}: "${headText}" gives the print date (${printDates(lang).join(" or ")})`,
          );
          assert.equal(await w.page.locator(".synthetic").isVisible(), true, `${lang}: the demo-data line is printed`);
          assert.equal(await w.page.locator("nav, .topbar, .page-head button, select").first().isVisible(), false);
          const colours = await w.page.evaluate(() => {
            const style = getComputedStyle(document.querySelector(".kpi") as Element);
            return { paper: style.backgroundColor, ink: style.color };
          });
          assert.deepEqual(colours, { paper: "rgb(255, 255, 255)", ink: "rgb(26, 29, 35)" }, `${lang}: light colours`);
          assert.equal(printed.kpiRows, 1, `${lang}: the four key figures in one row`);
          assert.deepEqual(printed.overflowing, [], `${lang}: nothing wider than the page`);
          await w.page.emulateMedia({ media: "screen" });
          await settle(w, 300);
          assert.equal(await head.isVisible(), false, `${lang}: back on screen, no print header`);
        }
        assertNoProblems(w);
      },
    },
    {
      name: "page: Weak indicators — summary, drill-down (exactly who is below 85, with gaps) and the ⚠ heatmap match the API",
      async run() {
        const w = await h.signedIn(ACCOUNTS.admin);
        assert.equal(await pageBasics(w, "/t/demo/weak?year=2568"), "ตัวชี้วัดที่อ่อน · 2568");
        const weak = await apiInPage<WeakApi>(w, "/api/tenants/demo/weak-indicators?year=2568");
        const heat = await apiInPage<HeatApi>(w, "/api/tenants/demo/heatmap?year=2568");
        const pass = weak.passMark;
        assert.equal(pass, 85);
        // Independently of the weak-indicators answer: who is below the pass mark, from the heatmap's values.
        const belowFromHeat = (indicator: number) =>
          heat.rows
            .flatMap((r) => {
              const v = r.values[String(indicator)];
              return typeof v === "number" && v < pass ? [{ code: r.agencyCode, score: v }] : [];
            })
            .sort((a, b) => a.score - b.score);

        // The summary: one row per indicator in the API's order, with its count below the pass mark.
        const summary = await tableRows(w.page.locator("table.indicator-summary tbody tr"));
        assert.deepEqual(
          summary.map((r) => Number(/^(\d+)\./.exec(r.cells[0] ?? "")?.[1])),
          weak.indicators.map((i) => i.indicator),
        );
        weak.indicators.forEach((stat, n) => {
          assert.equal(stat.belowCount, belowFromHeat(stat.indicator).length, `indicator ${stat.indicator}`);
          assert.equal(numberIn(summary[n]?.cells[1] ?? ""), stat.belowCount, `summary of ${stat.indicator}`);
        });

        const drillRows = () => virtualRows(w.page.locator('section[aria-labelledby="weak-drill"] .table-scroll'));
        const checkDrill = async (stat: WeakApi["indicators"][number]) => {
          assert.match(await text(w.page.locator("#weak-drill")), new RegExp(`^ตัวชี้วัด ${stat.indicator} `));
          const shown = (await drillRows()).map((r) => ({
            code: r.code,
            score: r.cells[2]?.text,
            gap: r.cells[3]?.text,
          }));
          assert.deepEqual(
            shown,
            stat.below.map((b) => ({ code: b.agencyCode, score: pts(b.score), gap: `${DASH}${pts(b.gap)}` })),
            `drill-down of indicator ${stat.indicator} = the API's list`,
          );
          const expected = belowFromHeat(stat.indicator);
          assert.deepEqual(new Set(shown.map((r) => r.code)), new Set(expected.map((r) => r.code)), "same agencies");
          for (const r of shown) {
            const score = expected.find((e) => e.code === r.code)?.score as number;
            assert.equal(r.gap, `${DASH}${gapOf(pass, score)}`, `gap of ${r.code}`);
          }
          nonIncreasing(
            shown.map((r) => -numberIn(r.gap ?? "")),
            "largest gap first",
          );
        };
        // Without a choice: the indicator with the most agencies below.
        const [most] = weak.indicators;
        assert.ok(most && most.belowCount > 20, "the demo has an indicator with many agencies below 85");
        await checkDrill(most);
        // Another indicator through its link: the URL keeps the choice.
        const few = [...weak.indicators].filter((i) => i.belowCount > 0).sort((a, b) => a.belowCount - b.belowCount)[0];
        assert.ok(few && few.indicator !== most.indicator);
        await w.page.locator("table.indicator-summary a", { hasText: new RegExp(`^${few.indicator}\\. `) }).click();
        await w.page.waitForURL((u) => u.searchParams.get("indicator") === String(few.indicator));
        await settle(w);
        await checkDrill(few);

        // The heatmap, weakest first: every agency, every cell with its score; ⚠ and a warm band exactly below 85.
        await choose(w, "เรียงตามคะแนนรวม", "asc", "order");
        const rows: RowRead[] = await virtualRows(w.page.locator(".heat-card .table-scroll"));
        const known = heat.rows.filter((r) => r.total !== null);
        const order = [...known.reverse(), ...heat.rows.filter((r) => r.total === null)];
        assert.deepEqual(
          rows.map((r) => r.code),
          order.map((r) => r.agencyCode),
          "all agencies, weakest total first",
        );
        let marked = 0;
        rows.forEach((row, n) => {
          const api = order[n] as HeatApi["rows"][number];
          assert.equal(row.cells[0]?.text, api.rank === null ? "–" : String(api.rank));
          assert.equal(row.cells[2]?.text, pts(api.total));
          heat.indicators.forEach((ind, j) => {
            const cell = row.cells[3 + j] as { text: string; cls: string };
            const v = api.values[String(ind.indicator)] ?? null;
            const where = `${api.agencyCode} indicator ${ind.indicator}`;
            if (v === null) {
              assert.match(cell.cls, /\bheat-none\b/, where);
              return;
            }
            const below = v < pass;
            if (below) marked++;
            assert.equal(cell.text, below ? `⚠ ${pts(v)} (ต่ำกว่า ${pass})` : pts(v), where);
            assert.equal(/\bheat-b\d\b/.test(cell.cls), below, `${where}: warm band iff below ${pass}`);
            assert.equal(/\bheat-g2\b/.test(cell.cls), v >= 95, `${where}: top band iff ≥ 95`);
          });
        });
        const belowTotal = weak.indicators.reduce((s, i) => s + i.belowCount, 0);
        assert.equal(marked, belowTotal, "as many ⚠ cells as scores below the pass mark");
        // The colours: one per band, the same in the legend, and no warm band shares a colour with a cool one.
        const colours = await w.page.evaluate(() => {
          const bg = (el: Element | null) => (el ? getComputedStyle(el).backgroundColor : null);
          return ["b4", "b3", "b2", "b1", "g1", "g2"].map((k) => ({
            key: k,
            legend: bg(document.querySelector(`.heat-legend .swatch.heat-${k}`)),
            cells: [...new Set(Array.from(document.querySelectorAll(`.heatmap td.heat-${k}`)).map((c) => bg(c)))],
          }));
        });
        for (const c of colours) {
          assert.ok(c.legend, `legend swatch ${c.key}`);
          assert.ok(c.cells.length <= 1, `band ${c.key} has one colour: ${c.cells.join(", ")}`);
          if (c.cells.length === 1) assert.equal(c.cells[0], c.legend, `band ${c.key}: cells as in the legend`);
        }
        const warm = new Set(colours.filter((c) => c.key.startsWith("b")).map((c) => c.legend));
        const cool = new Set(colours.filter((c) => c.key.startsWith("g")).map((c) => c.legend));
        assert.equal(warm.size, 4, "four warm bands");
        assert.ok(
          [...cool].every((c) => !warm.has(c)),
          "cool and warm bands differ",
        );
        assertNoProblems(w);
        await h.shot(w, "weak");
      },
    },
    {
      name: "page: Movement — a comparable pair (movers, counts, matrix totals) and a pair that is not (notice with the API's reasons)",
      async run() {
        const w = await h.signedIn(ACCOUNTS.admin);
        assert.equal(await pageBasics(w, "/t/demo/movement?from=2564&to=2565"), "การเปลี่ยนแปลงระหว่างปี · 2564 → 2565");
        const mv = await apiInPage<MovementApi>(w, "/api/tenants/demo/movement?from=2564&to=2565");
        assert.equal(mv.comparable, true, "2564 and 2565 share a framework");
        assert.equal(await w.page.locator('.movement-page .notice[role="note"]').count(), 0, "no notice");

        // The four counts, recounted from the rows.
        const up = mv.agencies.filter((r) => r.delta > 0);
        const down = mv.agencies.filter((r) => r.delta < 0);
        const kpis = (await w.page.locator(".movement-page .kpi .kpi-value").allTextContents()).map(numberIn);
        assert.deepEqual(kpis, [
          mv.agencies.length,
          up.length,
          down.length,
          mv.agencies.length - up.length - down.length,
        ]);

        // Improvers and decliners: the API's lists, in order, and truly the largest changes each way.
        for (const [id, list, sign] of [
          ["mv-improvers", mv.improvers, 1],
          ["mv-decliners", mv.decliners, -1],
        ] as const) {
          const shown = await tableRows(w.page.locator(`section[aria-labelledby="${id}"] tbody tr`));
          assert.ok(shown.length > 0 && shown.length <= 10, `${id}: ${shown.length} rows`);
          assert.deepEqual(
            shown.map((r) => r.code),
            list.map((r) => r.agencyCode),
            id,
          );
          shown.forEach((r, n) => {
            const api = list[n] as MoveRowApi;
            assert.equal(r.cells[1], pts(api.from.total));
            assert.equal(r.cells[2], pts(api.to.total));
            assert.equal(numberIn(r.cells[3] ?? ""), api.delta, `${id} change of ${api.agencyCode}`);
            assert.equal(Math.sign(api.delta), sign);
            assert.equal(Math.round((api.to.total ?? 0) * 100 - (api.from.total ?? 0) * 100) / 100, api.delta);
          });
          nonIncreasing(
            list.map((r) => sign * r.delta),
            `${id} largest change first`,
          );
          const edge = sign * (list.at(-1) as MoveRowApi).delta;
          const listed = new Set(list.map((r) => r.agencyCode));
          const beyond = mv.agencies.filter((r) => !listed.has(r.agencyCode) && sign * r.delta > edge);
          assert.deepEqual(beyond, [], `${id}: nobody outside the list moved more`);
        }

        // The transition matrix: the API's counts, recounted from the rows; totals add up to the agencies.
        const { from: fk, to: tk, counts } = mv.transitions;
        assert.deepEqual(fk, tk, "one rating scale");
        const matrix = await tableRows(w.page.locator("table.matrix tbody tr"));
        assert.equal(matrix.length, fk.length);
        matrix.forEach((r, i) => {
          const cells = r.cells.slice(1).map(numberIn);
          const recount = tk.map((k) => mv.agencies.filter((a) => a.from.rating === fk[i] && a.to.rating === k).length);
          assert.deepEqual(cells.slice(0, -1), counts[i], `row ${fk[i]}`);
          assert.deepEqual(cells.slice(0, -1), recount, `row ${fk[i]} recounted`);
          assert.equal(
            cells.at(-1),
            recount.reduce((s, n) => s + n, 0),
            `row total ${fk[i]}`,
          );
        });
        const foot = (await tableRows(w.page.locator("table.matrix tfoot tr")))[0]?.cells.slice(1).map(numberIn) ?? [];
        assert.deepEqual(
          foot.slice(0, -1),
          tk.map((_, j) => counts.reduce((s, row) => s + (row[j] ?? 0), 0)),
          "column totals",
        );
        assert.equal(foot.at(-1), mv.agencies.length, "the grand total is every agency in both years");
        assert.equal(await w.page.locator("table.matrix td.cell-same").count(), fk.length, "a diagonal");
        await h.shot(w, "movement");

        // Through the year selects to 2565 → 2566: different rating schemes, so a notice with the API's reasons.
        await choose(w, "ปี ข (หลัง)", "2566", "to");
        await choose(w, "ปี ก (ก่อน)", "2565", "from");
        assert.match(await text(w.page.locator("h1")), /2565 → 2566$/);
        const bad = await apiInPage<MovementApi>(w, "/api/tenants/demo/movement?from=2565&to=2566");
        assert.equal(bad.comparable, false);
        assert.ok(
          bad.reasons.some((r) => r.code === "rating-scheme"),
          "the rating scheme is one of the reasons",
        );
        const notice = w.page.locator('.movement-page .notice[role="note"]');
        assert.equal(await text(notice.locator("strong")), "⚠ ผลปี 2565 และ 2566 เปรียบเทียบกันได้ไม่ตรงนัก เพราะ");
        assert.deepEqual(
          (await notice.locator("li").allTextContents()).map((s) => s.trim()),
          bad.reasons.map((r) => r.th),
        );
        assert.equal(await w.page.locator("table.matrix td.cell-same").count(), 0, "no diagonal across scales");
        assert.match(await text(w.page.locator('section[aria-labelledby="mv-matrix"] .hint')), /ใช้ระบบระดับต่างกัน/);
        const foot2 = (await tableRows(w.page.locator("table.matrix tfoot tr")))[0]?.cells.map(numberIn) ?? [];
        assert.equal(foot2.at(-1), bad.agencies.length);
        assertNoProblems(w);
        await h.shot(w, "movement-not-comparable");
      },
    },
    {
      name: `page: Agency profile (${code}) — score card, next-rating blockers, weak indicators, peers and OIT "fix first" match the API`,
      async run() {
        const w = await h.signedIn(ACCOUNTS.admin);
        const path = `/t/demo/agencies/${code}`;
        const title = await pageBasics(w, path);
        const p = await apiInPage<ProfileApi>(w, `/api/tenants/demo/agencies/${code}`);
        assert.equal(title, p.nameTh);
        const latest = p.latest;
        assert.ok(latest, "the demo agency has a latest year");
        const row = p.years.find((y) => y.fiscalYear === latest.fiscalYear);
        assert.ok(row && row.total !== null && row.rating && row.rank !== null);

        // Score card: total, rating, rank, and each tool with ⚠ when below 85.
        const card = w.page.locator(".ap-score-card");
        assert.match(await text(card.locator("h2")), new RegExp(`^ผลการประเมินปี ${row.fiscalYear}`));
        assert.equal(await text(card.locator(".ap-total")), pts(row.total));
        assert.equal(await text(card.locator(".ap-total-line .badge")), row.rating.label.th);
        assert.match(await text(card), new RegExp(`อันดับ ${row.rank} จาก ${row.ranked} หน่วยงาน`));
        const tools = (await card.locator(".ap-tools dd").allTextContents()).map((s) => s.trim());
        (["iit", "eit", "oit"] as const).forEach((tool, n) => {
          const v = row[tool];
          assert.ok(tools[n]?.startsWith(pts(v)), `${tool}: ${tools[n]}`);
          assert.equal(tools[n]?.includes("⚠"), v !== null && v < 85, `${tool} marked iff below 85`);
        });

        // What stops the next rating: every tool under its floor (independently: the row's own tool scores).
        const nr = latest.nextRating;
        assert.ok(nr?.next, "the demo agency is not at the top rating");
        assert.ok(nr.toolsBelow.length > 0, "the demo agency has a blocker (its IIT is below 85)");
        assert.equal(await text(card.locator(".ap-next h3")), `สิ่งที่กั้นไม่ให้ได้ระดับถัดไป: ${nr.next.label.th}`);
        const blockers = (await card.locator(".ap-blockers li").allTextContents()).map((s) => s.trim());
        assert.equal(blockers.length, nr.toolsBelow.length + ((nr.totalNeeded ?? 0) > 0 ? 1 : 0));
        nr.toolsBelow.forEach((b, n) => {
          assert.equal(b.score, row[b.tool], `${b.tool} score`);
          assert.ok(b.score !== null && b.score < b.floor && b.gap === Math.round((b.floor - b.score) * 100) / 100);
          assert.match(blockers[n] ?? "", new RegExp(`^⚠ ${b.tool.toUpperCase()} ${pts(b.score)} .* ${pts(b.gap)}$`));
        });

        // Weak indicators: exactly the row's indicators below 85, with their gaps.
        const weakShown = (await card.locator(".ap-weak-list li").allTextContents()).map((s) => s.trim());
        const weakExpected = Object.entries(row.indicators)
          .filter(([, v]) => typeof v === "number" && v < 85)
          .map(([n]) => Number(n));
        assert.deepEqual(
          new Set(latest.weakIndicators?.map((i) => i.indicator)),
          new Set(weakExpected),
          "the API's weak indicators are the row's indicators below 85",
        );
        assert.equal(weakShown.length, weakExpected.length);
        latest.weakIndicators?.forEach((i, n) => {
          assert.match(
            weakShown[n] ?? "",
            new RegExp(`ตัวชี้วัดที่ ${i.indicator} .*: ${pts(i.score)} — ขาดอีก ${gapOf(85, i.score)}`),
          );
        });

        // The peer table: the API's group in its order, shared places for equal totals, this agency marked.
        const peers = await w.page.locator(".ap-peer-table tbody tr").evaluateAll((trs) =>
          trs.map((tr) => ({
            code: tr.getAttribute("data-code") ?? "",
            place: (tr.children[0]?.textContent ?? "").trim(),
            total: (tr.children[4]?.textContent ?? "").trim(),
            current: tr.getAttribute("aria-current"),
          })),
        );
        assert.deepEqual(
          peers.map((r) => r.code),
          latest.peers.map((r) => r.code),
        );
        assert.deepEqual(
          peers.map((r) => r.total),
          latest.peers.map((r) => pts(r.total)),
        );
        nonIncreasing(
          latest.peers.map((r) => r.total),
          "peers by total",
        );
        latest.peers.forEach((r, i) => {
          const first = latest.peers.findIndex((q) => q.total === r.total);
          assert.equal(peers[i]?.place, String(first + 1), `place of ${r.code}`);
        });
        assert.deepEqual(
          peers.filter((r) => r.current === "true").map((r) => r.code),
          [code],
          "only this agency is marked",
        );

        // OIT: the latest year with items by default, its failed items biggest gain first; another year by select.
        const checkOit = async (year: number) => {
          const oit = p.oit.find((o) => o.fiscalYear === year);
          assert.ok(oit, `OIT items of ${year}`);
          assert.equal(await text(w.page.locator("#ap-oit")), `ข้อ OIT รายข้อ · ${year}`);
          const failed = oit.items.filter((i) => !i.passed);
          assert.ok(failed.length > 0, `${year} has failed items`);
          const fix = await w.page
            .locator(".ap-oit-table")
            .first()
            .locator("tbody tr")
            .evaluateAll((trs) =>
              trs.map((tr) => ({
                code: (tr.querySelector(".ap-item-code")?.textContent ?? "").trim(),
                gain: (tr.lastElementChild?.textContent ?? "").trim(),
              })),
            );
          assert.deepEqual(
            fix,
            failed.map((i) => ({ code: i.code, gain: `+${pts(i.gain)}` })),
            `fix first ${year}`,
          );
          nonIncreasing(
            fix.map((f) => numberIn(f.gain)),
            `fix first ${year}: biggest gain first`,
          );
        };
        const years = p.oit.map((o) => o.fiscalYear).sort((a, b) => a - b);
        assert.ok(years.length >= 2, "the demo agency has OIT items in several years");
        await checkOit(years.at(-1) as number);
        await choose(w, "ปีของข้อ OIT", String(years[0]), "oitYear");
        await checkOit(years[0] as number);
        assertNoProblems(w);
        await h.shot(w, "agency-profile");
      },
    },
    {
      name: "page: Administration — invitation (link shown, revoked), agencies, API token (shown once, revoked), audit filter",
      async run() {
        const w = await h.signedIn(ACCOUNTS.admin);
        assert.equal(await pageBasics(w, "/t/demo/admin?tab=invitations"), "ผู้ดูแลระบบ");
        const stamp = Date.now().toString(36);
        const email = `e2e-admin-${stamp}@demo.prongsai.test`;
        const tab = async (name: string, key: string) => {
          await w.page.getByRole("tab", { name, exact: true }).click();
          await w.page.waitForURL((u) => u.searchParams.get("tab") === key);
          await settle(w);
        };

        // 1. An invitation: the copyable link is shown and works; revoked, it no longer does.
        const form = w.page.locator("form.section-card");
        await form.locator('input[type="email"]').fill(email);
        await form.locator("select").first().selectOption("executive");
        await form.getByRole("button", { name: "สร้างคำเชิญ" }).click();
        const box = w.page.locator(".created-box");
        await box.waitFor();
        assert.match(await text(box), new RegExp(`สร้างคำเชิญสำหรับ ${email.replaceAll(".", "\\.")} \\(ผู้บริหาร\\) แล้ว`));
        const link = await box.locator("input").inputValue();
        assert.match(link, new RegExp(`^${h.url.replaceAll(".", "\\.")}/invite/[A-Za-z0-9_-]{20,}$`));
        assert.equal(await box.getByRole("button", { name: "คัดลอก" }).count(), 1, "a copy button");
        const token = link.split("/").at(-1) as string;
        const invitations = () =>
          apiInPage<{ id: number; email: string; status: string }[]>(w, "/api/tenants/demo/invitations");
        assert.equal((await invitations()).find((i) => i.email === email)?.status, "pending");
        assert.equal((await w.context.request.get(`/api/invitations/${token}`)).status(), 200, "the link opens");
        await settle(w);
        const inviteRow = w.page.locator(".admin-table tbody tr", { hasText: email });
        assert.equal(await text(inviteRow.locator(".status-badge")), "รอตอบรับ");
        w.page.once("dialog", (d) => void d.accept());
        await inviteRow.getByRole("button", { name: `ยกเลิกคำเชิญของ ${email}` }).click();
        await inviteRow.locator(".status-badge", { hasText: "ยกเลิกแล้ว" }).waitFor();
        assert.equal(await text(w.page.locator(".tab-panel .kit-ok")), `ยกเลิกคำเชิญของ ${email} แล้ว`);
        assert.equal((await invitations()).find((i) => i.email === email)?.status, "revoked");
        assert.equal((await w.context.request.get(`/api/invitations/${token}`)).status(), 410, "the link is dead");
        await h.shot(w, "admin-invitations");

        // 2. Agencies: the count and the rows are the API's; a search narrows to the API's matches.
        await tab("หน่วยงาน", "agencies");
        const all = await apiInPage<{ code: string }[]>(w, "/api/tenants/demo/agencies");
        assert.equal(numberIn(await text(w.page.locator(".tab-panel .count"))), all.length);
        const codesShown = () =>
          w.page.locator(".agencies-table tbody tr td.mono").evaluateAll((tds) => tds.map((td) => td.textContent));
        assert.deepEqual(
          await codesShown(),
          all.slice(0, 200).map((a) => a.code),
          "the first 200, in the API's order",
        );
        await w.page.getByLabel("ค้นหา (รหัส ชื่อ หรืออำเภอ)").fill("ทุ่ง");
        await w.page.waitForURL((u) => u.searchParams.get("q") === "ทุ่ง");
        const some = await apiInPage<{ code: string }[]>(w, `/api/tenants/demo/agencies?q=${encodeURIComponent("ทุ่ง")}`);
        assert.ok(some.length > 0 && some.length < all.length, `${some.length} of ${all.length} match`);
        await w.page.waitForFunction(
          (n) => document.querySelectorAll(".agencies-table tbody tr").length === n,
          some.length,
        );
        assert.deepEqual(
          await codesShown(),
          some.map((a) => a.code),
        );

        // 3. An API token: shown once, works, hidden for good, revoked, refused.
        await tab("โทเค็น API", "tokens");
        const name = `e2e token ${stamp}`;
        await w.page.getByPlaceholder("เช่น สคริปต์นำเข้ารายเดือน").fill(name);
        await w.page.getByRole("button", { name: "สร้างโทเค็น" }).click();
        const secret = w.page.locator(".created-box.secret");
        await secret.waitFor();
        const value = await secret.locator("input").inputValue();
        assert.match(value, /^pst_[A-Za-z0-9_-]{20,}$/);
        const bearer = async () =>
          (await fetch(`${h.url}/api/session`, { headers: { authorization: `Bearer ${value}` } })).status;
        assert.equal(await bearer(), 200, "the token signs a script in");
        await secret.getByRole("button", { name: "คัดลอกแล้ว ซ่อนโทเค็น" }).click();
        await secret.waitFor({ state: "detached" });
        assert.ok(!(await w.page.content()).includes(value), "the token is gone from the page");
        assert.ok(!JSON.stringify(await apiInPage(w, "/api/tokens")).includes(value), "and never listed again");
        const tokenRow = w.page.locator(".admin-table tbody tr", { hasText: name });
        assert.equal(await text(tokenRow.locator(".status-badge")), "ใช้งานได้");
        w.page.once("dialog", (d) => void d.accept());
        await tokenRow.getByRole("button", { name: `ยกเลิกโทเค็น ${name}` }).click();
        await tokenRow.locator(".status-badge", { hasText: "ยกเลิกแล้ว" }).waitFor();
        assert.equal(await bearer(), 401, "a revoked token is refused");

        // 4. The audit log filtered by action: exactly the API's entries, our invitation's among them.
        // (Token events belong to the user, not the tenant, and are not in this log.)
        await tab("บันทึกการใช้งาน", "audit");
        for (const action of ["invitation.create", "invitation.revoke"]) {
          await choose(w, "การกระทำ", action, "action");
          const entries = (
            await apiInPage<{ entries: { action: string; entityId: string | null }[] }>(
              w,
              `/api/tenants/demo/audit?action=${action}&limit=50`,
            )
          ).entries;
          assert.ok(
            entries.some((e) => e.entityId === email),
            `${action} of ${email} is logged`,
          );
          const shown = await tableRows(w.page.locator(".audit-table tbody tr"));
          assert.equal(shown.length, entries.length, `${action}: as many rows as the API's entries`);
          shown.forEach((r, n) => {
            assert.ok(r.cells[2]?.endsWith(action), `row ${n}: ${r.cells[2]}`);
            assert.ok(r.cells[3]?.endsWith(entries[n]?.entityId ?? "–"), `row ${n}: ${r.cells[3]}`);
          });
        }
        assertNoProblems(w);
        await h.shot(w, "admin-audit");
      },
    },
  ];
}
