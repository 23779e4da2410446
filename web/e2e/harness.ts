// The small harness of the browser tests: fresh browser contexts, a watch on every page (uncaught errors,
// console errors, failed requests), signing in, waiting until a page has settled, and screenshots.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const DEMO_PASSWORD = "prongsai-demo";
export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };
/** axe-core's browser build, injected into the page for the accessibility checks. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
/** WCAG 2.0/2.1 A and AA rules: what the issue asks for (contrast, labels, names, structure). */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** The impacts that fail a case; "minor" and "moderate" are printed only. */
const AXE_FAILING = new Set(["serious", "critical"]);

interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  nodes: number;
  first: string[];
}

/** Runs in the page: axe with the given tags; the number of rules it ran and its violations, in short. */
async function runAxe(tags: string[]): Promise<{ rules: number; violations: AxeFinding[] }> {
  interface Result {
    id: string;
    impact: string;
    help: string;
    nodes: { target: string[]; failureSummary?: string }[];
  }
  // biome-ignore lint/suspicious/noExplicitAny: axe is the global the injected script defines
  const axe = (window as any).axe;
  const r = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
  return {
    rules: r.passes.length + r.violations.length + r.incomplete.length + r.inapplicable.length,
    violations: (r.violations as Result[]).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      first: v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(" ")} — ${(n.failureSummary ?? "").split("\n").slice(1, 2).join("").trim()}`),
    })),
  };
}

/** The app's loading indicators (components/States.tsx Loading, or anything marked busy). */
const LOADING = 'p.state[role="status"], [aria-busy="true"]';

/** Debian's Chromium, installed through apt-get when missing (never downloaded any other way). */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) throw new Error(`${CHROMIUM} is missing; install it with: apt-get install chromium`);
  console.log(`[e2e] ${CHROMIUM} is missing: apt-get install chromium`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "--no-install-recommends", "chromium"]]) {
    const r = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed (${r.status ?? r.error})`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}

/** A response status a case expects (e.g. 404 for another tenant's API); anything else ≥ 400 is a problem. */
interface Allowed {
  status: number;
  path: RegExp;
}

/** A page with a watch on it: everything that went wrong while it was open ends up in `problems`. */
export interface Watched {
  page: Page;
  context: BrowserContext;
  problems: string[];
  /** Let a case expect an error response (the watch then does not count it). */
  allow(status: number, path: RegExp): void;
  /** Requests in flight (to wait until a page has settled). */
  inflight(): number;
}

export class Harness {
  private contexts: BrowserContext[] = [];
  readonly screenshots: string[] = [];
  /** Every accessibility check made: the page state, the rules axe ran, how many serious/critical failed. */
  readonly axeRuns: { name: string; rules: number; failing: number }[] = [];

  constructor(
    readonly browser: Browser,
    readonly url: string,
    readonly agencyCode: string,
    readonly shotsDir: string,
  ) {
    mkdirSync(shotsDir, { recursive: true });
  }

  /** A fresh context (own cookies and storage: a new visitor) with one watched page at desktop width. */
  async open(): Promise<Watched> {
    const context = await this.browser.newContext({
      baseURL: this.url,
      viewport: DESKTOP,
      locale: "th-TH",
      timezoneId: "Asia/Bangkok",
      reducedMotion: "reduce",
      acceptDownloads: true,
    });
    this.contexts.push(context);
    context.setDefaultTimeout(15_000);
    // tsx compiles the tests with esbuild's keepNames, which wraps inner functions in __name(); functions passed
    // to page.evaluate() run in the page, where no __name exists.
    await context.addInitScript({ content: "globalThis.__name = (f) => f;" });
    const page = await context.newPage();
    const problems: string[] = [];
    // Signed-out visitors ask for the session and get 401: the app's normal way of learning it.
    const allowed: Allowed[] = [{ status: 401, path: /^\/api\/session$/ }];
    let inflight = 0;
    page.on("pageerror", (e) => problems.push(`uncaught error: ${e.message}`));
    page.on("console", (msg) => {
      // Chromium logs every HTTP error response as "Failed to load resource"; responses are judged below.
      if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) {
        problems.push(`console error: ${msg.text()}`);
      }
    });
    page.on("request", () => inflight++);
    page.on("requestfinished", () => inflight--);
    page.on("requestfailed", (r) => {
      inflight--;
      // Downloads and aborted fetches on navigation are not errors of the app.
      const reason = r.failure()?.errorText ?? "";
      if (!/ERR_ABORTED/.test(reason)) problems.push(`request failed: ${r.method()} ${r.url()} ${reason}`);
    });
    page.on("response", (res) => {
      const status = res.status();
      if (status < 400) return;
      const path = new URL(res.url()).pathname;
      if (allowed.some((a) => a.status === status && a.path.test(path))) return;
      problems.push(`HTTP ${status}: ${res.request().method()} ${path}`);
    });
    return {
      page,
      context,
      problems,
      allow: (status, path) => allowed.push({ status, path }),
      inflight: () => inflight,
    };
  }

  /** Closes every context the case opened. */
  async closeAll() {
    const open = this.contexts;
    this.contexts = [];
    await Promise.all(open.map((c) => c.close().catch(() => undefined)));
  }

  /** Signs in through the sign-in form and waits until the app has left it. */
  async signIn(w: Watched, email: string, password = DEMO_PASSWORD) {
    await w.page.goto("/signin");
    await w.page.locator('input[type="email"]').fill(email);
    await w.page.locator('input[type="password"]').fill(password);
    await w.page.locator('button[type="submit"]').click();
    await w.page.waitForURL((u) => !u.pathname.startsWith("/signin"));
    await settle(w);
  }

  /** A new visitor already signed in (through the API: faster where the form is not what is tested). */
  async signedIn(email: string): Promise<Watched> {
    const w = await this.open();
    const res = await w.context.request.post("/api/session", {
      data: { email, password: DEMO_PASSWORD },
      headers: { origin: this.url },
    });
    assert.equal(res.status(), 200, `sign-in of ${email} through the API: ${res.status()}`);
    return w;
  }

  /**
   * axe-core on the page as it is: at desktop width in the light and the dark theme, and at phone width (light).
   * Fails on serious or critical violations (contrast, labels, names…), naming each rule, its impact and the first
   * elements it found; prints the number of rules checked and any minor or moderate findings.
   */
  async axe(w: Watched, name: string) {
    const page = w.page;
    if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE_SOURCE });
    const theme = await page.evaluate(() => document.documentElement.dataset.theme ?? "");
    const failures: string[] = [];
    const notes: string[] = [];
    let rules = 0;
    const t0 = Date.now();
    for (const [size, mode] of [
      ["desktop", "light"],
      ["desktop", "dark"],
      ["phone", "light"],
    ] as const) {
      await page.setViewportSize(size === "phone" ? PHONE : DESKTOP);
      await page.evaluate((m) => {
        document.documentElement.dataset.theme = m;
      }, mode);
      await settle(w, 100);
      const result = await page.evaluate(runAxe, AXE_TAGS);
      const before = failures.length;
      rules = Math.max(rules, result.rules);
      for (const v of result.violations) {
        const where = `${size}/${mode}`;
        if (!AXE_FAILING.has(v.impact)) {
          notes.push(`${v.id} (${v.impact}, ${where})`);
          continue;
        }
        failures.push(
          `${where}: ${v.id} (${v.impact}, ${v.nodes} element(s)): ${v.help}\n      ${v.first.join("\n      ")}`,
        );
      }
      this.axeRuns.push({ name: `${name} ${size}/${mode}`, rules: result.rules, failing: failures.length - before });
    }
    await page.setViewportSize(DESKTOP);
    await page.evaluate((t) => {
      if (t) document.documentElement.dataset.theme = t;
      else delete document.documentElement.dataset.theme;
    }, theme);
    await settle(w, 100);
    console.log(
      `     [axe] ${name}: ${rules} rules checked × 3 (desktop light/dark, phone), ` +
        `${failures.length} serious/critical${notes.length ? `; also ${notes.join(", ")}` : ""} (${Date.now() - t0} ms)`,
    );
    assert.deepEqual(failures, [], `accessibility (axe-core) on ${name}:\n  ${failures.join("\n  ")}`);
  }

  /**
   * Screenshots of the page as it is, at desktop and phone width (full page), under test-output/screenshots;
   * first the accessibility check (axe) of the same state, unless `axe: false`.
   */
  async shot(w: Watched, name: string, { axe = true } = {}) {
    if (axe) await this.axe(w, name);
    for (const [size, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      await w.page.setViewportSize(viewport);
      await settle(w, 300);
      const file = join(this.shotsDir, `${name}-${size}.png`);
      await w.page.screenshot({ path: file, fullPage: true });
      this.screenshots.push(file);
    }
    await w.page.setViewportSize(DESKTOP);
    await settle(w, 100);
  }
}

/**
 * Waits until the page has settled: no request in flight for `quietMs`, no loading indicator, fonts loaded.
 * (Playwright's "networkidle" only covers full page loads, not the app's own navigations and fetches.)
 */
export async function settle(w: Watched, quietMs = 250, timeoutMs = 20_000) {
  const t0 = Date.now();
  let quietSince = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const busy =
      w.inflight() > 0 ||
      (await w.page
        .evaluate((sel) => document.readyState !== "complete" || document.querySelector(sel) !== null, LOADING)
        .catch(() => true));
    if (busy) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) {
      await w.page.evaluate(() => document.fonts.ready.then(() => undefined)).catch(() => undefined);
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the page did not settle within ${timeoutMs / 1000} s (${w.page.url()})`);
}

/** Fails with everything the watch saw going wrong on a page. */
export function assertNoProblems(w: Watched, where = w.page.url()) {
  assert.deepEqual(w.problems, [], `problems on ${where}:\n  ${w.problems.join("\n  ")}`);
}

/** The path of the page now shown, with its query. */
export function pathOf(page: Page): string {
  const u = new URL(page.url());
  return `${u.pathname}${u.search}`;
}
