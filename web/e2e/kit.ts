// Helpers the browser test cases share: reading the page (text, h1, error states), opening a page and checking
// the basics, reading the API from inside the page, reading every row of a virtualised table, counting PDF pages.
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { assertNoProblems, pathOf, settle, type Watched } from "./harness";

export const ACCOUNTS = {
  admin: "admin@demo.prongsai.test",
  analyst: "analyst@demo.prongsai.test",
  executive: "executive@demo.prongsai.test",
  agency: "agency@demo.prongsai.test",
  demo2: "admin@demo2.prongsai.test",
  operator: "operator@prongsai.test",
} as const;

/** The text of an element (trimmed; empty when missing). */
export async function text(l: Locator): Promise<string> {
  return ((await l.textContent()) ?? "").trim();
}

/** No error state and no alert on the page. */
export async function assertNoErrorState(page: Page) {
  const errors = await page.locator('.state.error, [role="alert"]').allTextContents();
  assert.deepEqual(errors, [], `error state on ${pathOf(page)}: ${errors.join(" | ")}`);
}

/** The text of the page's first h1 (fails without one). */
export async function h1(page: Page): Promise<string> {
  const count = await page.locator("h1").count();
  assert.ok(count >= 1, `no h1 on ${pathOf(page)}`);
  const title = await text(page.locator("h1").first());
  assert.ok(title.length > 0, `empty h1 on ${pathOf(page)}`);
  return title;
}

/** Opens a path in the app and checks that it stayed there, shows no error and nothing went wrong. */
export async function opens(w: Watched, path: string) {
  await w.page.goto(path);
  await settle(w);
  assert.equal(new URL(w.page.url()).pathname, new URL(path, "http://x").pathname, `${path} redirected`);
  await assertNoErrorState(w.page);
  assertNoProblems(w, path);
}

/** The basics every page must pass: opens (see above) and has an h1. Returns the h1's text. */
export async function pageBasics(w: Watched, path: string): Promise<string> {
  await opens(w, path);
  return h1(w.page);
}

/**
 * An API answer fetched from inside the page, the way the app fetches it (same origin, the page's cookies):
 * what the page shows is compared with this.
 */
export async function apiInPage<T>(w: Watched, path: string): Promise<T> {
  return (await w.page.evaluate(async (p) => {
    const res = await fetch(p, { credentials: "same-origin" });
    if (!res.ok) throw new Error(`GET ${p}: HTTP ${res.status}`);
    return res.json();
  }, path)) as T;
}

/** One rendered row of a table: its cells' text (trimmed) and classes, and the first link's last path segment. */
export interface RowRead {
  index: number;
  cells: { text: string; cls: string }[];
  code: string;
}

/**
 * Every row of a virtualised table (components/VirtualTable.tsx): only the rows in view are in the DOM, so the
 * scroll region is scrolled from top to bottom and the rows are collected by aria-rowindex.
 */
export async function virtualRows(scroller: Locator): Promise<RowRead[]> {
  return scroller.evaluate(async (el) => {
    const seen = new Map<number, { index: number; cells: { text: string; cls: string }[]; code: string }>();
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const collect = () => {
      for (const tr of Array.from(el.querySelectorAll("tbody tr[aria-rowindex]"))) {
        const index = Number(tr.getAttribute("aria-rowindex")) - 2;
        if (seen.has(index)) continue;
        seen.set(index, {
          index,
          cells: Array.from(tr.children).map((c) => ({ text: (c.textContent ?? "").trim(), cls: c.className })),
          code: tr.querySelector("a")?.getAttribute("href")?.split("/").at(-1) ?? "",
        });
      }
    };
    el.scrollTop = 0;
    await frame();
    for (let guard = 0; guard < 2000; guard++) {
      collect();
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) break;
      el.scrollTop += Math.max(40, el.clientHeight * 0.7);
      await frame();
    }
    collect();
    el.scrollTop = 0;
    return [...seen.values()].sort((a, b) => a.index - b.index);
  });
}

/** A score as the app shows it in Thai: two decimals (scores stay below 1,000, so no grouping). */
export const pts = (n: number | null | undefined) => (n === null || n === undefined ? "–" : n.toFixed(2));

/** Two decimals of a difference, rounded the way the API rounds points (to hundredths). */
export const gapOf = (pass: number, score: number) => (Math.round((pass - score) * 100) / 100).toFixed(2);

/**
 * The number of pages of a PDF as Chromium writes it: the page objects (/Type /Page, not /Pages), which must
 * agree with the page tree's /Count.
 */
export function pdfPages(pdf: Buffer): number {
  const s = pdf.toString("latin1");
  const objects = s.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  const tree = [...s.matchAll(/<<[^>]*\/Type\s*\/Pages\b[^>]*>>/g)].map((m) =>
    Number(/\/Count\s+(\d+)/.exec(m[0])?.[1]),
  );
  assert.ok(s.startsWith("%PDF-"), "a PDF");
  assert.equal(Math.max(...tree), objects, `page objects ${objects} vs the page tree's /Count ${tree.join(", ")}`);
  return objects;
}
