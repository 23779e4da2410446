// A throwaway local Worker for benchmarks: its own database under .wrangler/bench-state, its own port.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashPassword } from "better-auth/crypto";
import { insertStatements } from "../demo/sql";
import { ROOT, run, wranglerBin } from "../lib/proc";

export const BENCH_STATE = join(ROOT, ".wrangler", "bench-state");
const quiet = { env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" } };

export function freshDatabase() {
  rmSync(BENCH_STATE, { recursive: true, force: true });
  mkdirSync(BENCH_STATE, { recursive: true });
  applyMigrations();
}

/** Applies the migrations the benchmark database does not have yet. */
export function applyMigrations() {
  const status = run(wranglerBin, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", BENCH_STATE], {
    ...quiet,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (status !== 0) throw new Error("migrations failed");
}

export function executeSql(name: string, statements: string[]) {
  const file = join(ROOT, ".wrangler", name);
  writeFileSync(file, `${statements.join(";\n")};\n`);
  const status = run(wranglerBin, ["d1", "execute", "DB", "--local", "--persist-to", BENCH_STATE, "--file", file], {
    ...quiet,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (status !== 0) throw new Error(`${name} failed`);
}

/** A tenant with an admin whose password is `bench-password`; returns nothing (sign in over HTTP). */
export async function benchTenant(slug: string, email: string) {
  const hash = await hashPassword("bench-password");
  const now = new Date().toISOString();
  const id = `bench-${slug}`;
  executeSql(`bench-${slug}.sql`, [
    ...insertStatements("tenants", ["slug", "name", "synthetic"], [[slug, `Benchmark ${slug}`, 1]]),
    ...insertStatements(
      '"user"',
      ["id", "name", "email", "emailVerified", "createdAt", "updatedAt"],
      [[id, "bench", email, 1, now, now]],
    ),
    ...insertStatements(
      "account",
      ["id", "accountId", "providerId", "userId", "password", "createdAt", "updatedAt"],
      [[`${id}-c`, id, "credential", id, hash, now, now]],
    ),
    `INSERT INTO memberships (tenant_id, user_id, role) SELECT id, '${id}', 'admin' FROM tenants WHERE slug = '${slug}'`,
  ]);
}

/** The SQLite file behind the local D1 database (miniflare keeps one per Durable Object under the persist dir). */
export function d1SqliteFile(): string {
  const dir = join(BENCH_STATE, "v3", "d1", "miniflare-D1DatabaseObject");
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite") : [];
  if (files.length !== 1) throw new Error(`expected one D1 SQLite file in ${dir}, found ${files.length}`);
  return join(dir, files[0] as string);
}

export interface Server {
  url: string;
  process: ChildProcess;
  stop(): void;
  /** Stops the server and resolves when wrangler has exited (SIGKILL after 10 s). */
  stopped(): Promise<void>;
}

export async function startServer(port: number): Promise<Server> {
  const secretFile = join(ROOT, ".dev.vars");
  if (!existsSync(secretFile)) writeFileSync(secretFile, `AUTH_SECRET=${"b".repeat(64)}\n`);
  const child = spawn(
    wranglerBin,
    [
      "dev",
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      BENCH_STATE,
      "--show-interactive-dev-session=false",
      "--log-level",
      "warn",
    ],
    { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
  );
  const url = `http://localhost:${port}`;
  const t0 = Date.now();
  while (Date.now() - t0 < 120_000) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) {
        return { url, process: child, stop: () => child.kill("SIGTERM"), stopped: () => stopChild(child) };
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  child.kill("SIGTERM");
  throw new Error("the benchmark server did not start");
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

export async function signIn(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ email, password: "bench-password" }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** Peak resident memory (VmHWM) of the workerd processes, in MiB, where /proc allows it. */
export function workerdPeakMiB(): number | null {
  try {
    let peak = 0;
    for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
        if (!cmd.includes("workerd") || !cmd.includes("serve")) continue;
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      } catch {
        // process went away
      }
    }
    return peak > 0 ? peak : null;
  } catch {
    return null;
  }
}
