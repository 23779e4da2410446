// Browser (end-to-end) tests of the dashboard: Debian's Chromium driven by playwright-core against a local
// Worker with the demo data, on its own port (E2E_PORT, default 8795) and its own database. Needs the built web
// app (web/dist; `npm test` builds it first). Screenshots of every page at desktop and phone width go to
// test-output/screenshots/. Prints one line per case and a final "N passed, N failed"; exits non-zero on failure.
//
//   pnpm exec tsx web/e2e/run.ts [part of a case name …]
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { ROOT } from "../../tools/lib/proc";
import { cases } from "./cases";
import { ensureChromium, Harness, launchChromium } from "./harness";
import { type DemoServer, seedDatabase, startDemoServer } from "./server";

const port = Number(process.env.E2E_PORT ?? 8795);
const CASE_TIMEOUT_MS = 60_000;
const RUN_TIMEOUT_MS = 15 * 60_000; // a watchdog, not a target: a loaded CI machine runs the suite in 4–8 min
const outDir = process.env.E2E_OUT ?? join(ROOT, "test-output"); // E2E_OUT: a second run elsewhere
const shotsDir = join(outDir, "screenshots");
const only = process.argv.slice(2).map((s) => s.toLowerCase());

let server: DemoServer | undefined;
let browser: Browser | undefined;

async function cleanUp() {
  await browser?.close().catch(() => undefined);
  await server?.stop();
}

// Whatever happens, the Worker and the browser do not outlive the run.
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => void cleanUp().finally(() => process.exit(130)));
}
const watchdog = setTimeout(() => {
  console.error(`[e2e] the run took over ${RUN_TIMEOUT_MS / 60_000} min: stopping`);
  void cleanUp().finally(() => process.exit(1));
}, RUN_TIMEOUT_MS);

function seconds(t0: number) {
  return ((Date.now() - t0) / 1000).toFixed(1);
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

interface Outcome {
  name: string;
  ok: boolean;
  seconds: number;
  error?: string;
}

async function main(): Promise<number> {
  const t0 = Date.now();
  if (!existsSync(join(ROOT, "web", "dist", "index.html"))) {
    console.error("[e2e] web/dist is missing: build the web app first (pnpm --filter @prongsai/web build)");
    return 1;
  }
  ensureChromium();
  rmSync(shotsDir, { recursive: true, force: true });
  mkdirSync(shotsDir, { recursive: true });

  console.log("[e2e] loading the demo data into .wrangler/e2e-state");
  const { agencyCode } = await seedDatabase();
  console.log(`[e2e] starting the Worker on 127.0.0.1:${port} (${seconds(t0)} s)`);
  server = await startDemoServer(port, agencyCode);
  browser = await launchChromium();
  console.log(`[e2e] Chromium ${browser.version()} against ${server.url} (${seconds(t0)} s)\n`);

  const h = new Harness(browser, server.url, agencyCode, shotsDir);
  const selected = cases(h).filter((c) => only.length === 0 || only.some((s) => c.name.toLowerCase().includes(s)));
  const outcomes: Outcome[] = [];
  for (const c of selected) {
    const t1 = Date.now();
    let error: string | undefined;
    try {
      await withTimeout(c.run(h), CASE_TIMEOUT_MS, c.name);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    } finally {
      await h.closeAll();
    }
    const outcome = { name: c.name, ok: !error, seconds: Number(seconds(t1)), ...(error ? { error } : {}) };
    outcomes.push(outcome);
    console.log(`${outcome.ok ? "ok  " : "FAIL"} ${c.name} (${outcome.seconds} s)`);
    if (error) console.log(`     ${error.split("\n").join("\n     ")}`);
  }

  const passed = outcomes.filter((o) => o.ok).length;
  const failed = outcomes.length - passed;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, "e2e.json"),
    JSON.stringify(
      { passed, failed, seconds: Number(seconds(t0)), cases: outcomes, screenshots: h.screenshots },
      null,
      2,
    ),
  );
  console.log(`\n[e2e] ${h.screenshots.length} screenshots in test-output/screenshots/ (${seconds(t0)} s in all)`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || outcomes.length === 0 ? 1 : 0;
}

let status = 1;
try {
  status = await main();
} catch (e) {
  // Setup failed (database, Worker, browser): counted as one failure so the summary says so.
  console.error("[e2e] could not run the browser tests:", e);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "e2e.json"), JSON.stringify({ passed: 0, failed: 1, setupError: String(e) }, null, 2));
  console.log("0 passed, 1 failed");
} finally {
  await cleanUp();
  clearTimeout(watchdog);
}
process.exit(status);
