// A throwaway local Worker with the demo data for the browser tests: its own database under
// .wrangler/e2e-state, its own port, the built web app (web/dist) as static assets. Like tools/bench/server.ts.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { demoAccountsSql, demoAgencyOf } from "../../tools/demo/accounts";
import { demoSql, generateDemo } from "../../tools/demo/generate";
import { ROOT, run, wranglerBin } from "../../tools/lib/proc";

// Per port, so two runs on one machine (E2E_PORT=…) never share a database or a copy of the web app.
const RUN_ID = process.env.E2E_PORT ?? "8795";
export const E2E_STATE = join(ROOT, ".wrangler", `e2e-state-${RUN_ID}`);
/**
 * A copy of web/dist taken when the server starts: a build running elsewhere on the machine (npm start, a
 * colleague's npm test) empties web/dist for a moment and renames every chunk, which broke pages mid-run.
 */
export const E2E_ASSETS = join(ROOT, ".wrangler", `e2e-web-${RUN_ID}`);
const quiet = { env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" } };

export interface DemoServer {
  url: string;
  /** The agency the demo `agency` user is bound to. */
  agencyCode: string;
  /** Stops wrangler (and its workerd) and resolves when it has exited (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

function wrangler(args: string[], what: string) {
  const status = run(wranglerBin, args, { ...quiet, stdio: ["ignore", "ignore", "inherit"] });
  if (status !== 0) throw new Error(`${what} failed (wrangler exit ${status})`);
}

/** A fresh database: migrations, the demo data and the demo accounts, loaded as one SQL file. */
export async function seedDatabase(): Promise<{ agencyCode: string }> {
  rmSync(E2E_STATE, { recursive: true, force: true });
  mkdirSync(E2E_STATE, { recursive: true });
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", E2E_STATE], "migrations");
  const data = generateDemo();
  const file = join(ROOT, ".wrangler", `e2e-seed-${RUN_ID}.sql`);
  writeFileSync(file, `${[...demoSql(data), ...(await demoAccountsSql(data))].join(";\n")};\n`);
  wrangler(["d1", "execute", "DB", "--local", "--persist-to", E2E_STATE, "--file", file], "loading the demo data");
  return { agencyCode: demoAgencyOf(data).code };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

export async function startDemoServer(port: number, agencyCode: string): Promise<DemoServer> {
  const url = `http://127.0.0.1:${port}`;
  if (await answers(url)) throw new Error(`something already answers on ${url}: set E2E_PORT to a free port`);
  // The session secret is passed on the command line so the tests need no .dev.vars (a fresh CI clone has none).
  const secret = randomBytes(32).toString("hex");
  rmSync(E2E_ASSETS, { recursive: true, force: true });
  cpSync(join(ROOT, "web", "dist"), E2E_ASSETS, { recursive: true });
  const child = spawn(
    wranglerBin,
    [
      "dev",
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      E2E_STATE,
      "--assets",
      E2E_ASSETS,
      "--var",
      `AUTH_SECRET:${secret}`,
      "--show-interactive-dev-session=false",
      "--log-level",
      "warn",
    ],
    { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], env: quiet.env },
  );
  // Wrangler's warnings pass through, except the one each deliberate wrong-password case causes.
  createInterface({ input: child.stderr as Readable }).on("line", (line) => {
    if (!/\[Better Auth\]: Invalid password/.test(line) && line.trim() !== "") console.error(`[worker] ${line}`);
  });
  const server: DemoServer = { url, agencyCode, stop: () => stopChild(child) };
  const t0 = Date.now();
  while (Date.now() - t0 < 90_000) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early (${child.exitCode})`);
    if (await answers(url)) return server;
    await new Promise((r) => setTimeout(r, 300));
  }
  await server.stop();
  throw new Error(`the Worker did not answer ${url}/api/health within 90 s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
