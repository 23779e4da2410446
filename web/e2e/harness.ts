// The small harness of the browser tests: fresh browser contexts, a watch on every page (uncaught errors,
// console errors, failed requests), signing in, waiting until a page has settled, and screenshots.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const DEMO_PASSWORD = "prongsai-demo";
export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };
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

  /** Screenshots of the page as it is, at desktop and phone width (full page), under test-output/screenshots. */
  async shot(w: Watched, name: string) {
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
