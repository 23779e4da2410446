// `npm start`: migrations → demo data (only into an empty database) → web build → API + web on one port.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoAccountsSql, demoAgencyOf } from "./demo/accounts";
import { demoSql, generateDemo } from "./demo/generate";
import { capture, ROOT, run, spawn, wranglerBin } from "./lib/proc";

const port = Number(process.env.PORT ?? 8787);
const reset = process.argv.includes("--reset");
const statePath = join(ROOT, ".wrangler", "state");
// Wrangler must not prompt (it would wait forever without a terminal).
const quiet = { env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" } };

function step(title: string, fn: () => void) {
  const t0 = Date.now();
  console.log(`\n[prongsai] ${title}`);
  fn();
  console.log(`[prongsai] ${title}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function stepAsync(title: string, fn: () => Promise<void>) {
  const t0 = Date.now();
  console.log(`\n[prongsai] ${title}`);
  await fn();
  console.log(`[prongsai] ${title}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** Writes statements to a file under .wrangler/ and runs it against the local database. */
function executeFile(name: string, statements: string[]) {
  const file = join(ROOT, ".wrangler", name);
  mkdirSync(join(ROOT, ".wrangler"), { recursive: true });
  writeFileSync(file, `${statements.join(";\n")};\n`);
  must(run(wranglerBin, ["d1", "execute", "DB", "--local", "--file", file], quiet), `loading ${name}`);
}

/** Local development needs a session secret; it lives in .dev.vars (git-ignored), made once per checkout. */
function ensureLocalSecret() {
  const file = join(ROOT, ".dev.vars");
  const current = existsSync(file) ? readFileSync(file, "utf8") : "";
  if (/^AUTH_SECRET=.{32,}$/m.test(current)) return;
  writeFileSync(file, `${current}AUTH_SECRET=${randomBytes(32).toString("hex")}\n`);
  console.log("[prongsai] wrote a local AUTH_SECRET to .dev.vars");
}

function must(status: number, what: string) {
  if (status !== 0) {
    console.error(`[prongsai] ${what} failed (exit ${status})`);
    process.exit(status);
  }
}

if (reset && existsSync(statePath)) {
  console.log("[prongsai] --reset: removing the local database");
  rmSync(statePath, { recursive: true, force: true });
}

step("applying D1 migrations to the local database", () =>
  must(run(wranglerBin, ["d1", "migrations", "apply", "DB", "--local"], quiet), "migrations"),
);

/** Runs one read-only SQL count against the local database. */
function count(sql: string): number {
  const out = capture(wranglerBin, ["d1", "execute", "DB", "--local", "--json", "--command", sql], quiet);
  return Number(JSON.parse(out)[0]?.results?.[0]?.n ?? 0);
}

step("loading demo data if the database is empty", () => {
  const n = count("SELECT count(*) AS n FROM tenants");
  if (n > 0) {
    console.log(`[prongsai] the database already holds ${n} tenant(s): keeping it (npm run demo:reset starts over)`);
    return;
  }
  executeFile("demo-seed.sql", demoSql(generateDemo()));
});

await stepAsync("creating the demo accounts if there are none", async () => {
  if (count('SELECT count(*) AS n FROM "user"') > 0) {
    console.log("[prongsai] accounts exist: keeping them");
    return;
  }
  if (count("SELECT count(*) AS n FROM tenants WHERE slug IN ('demo', 'demo2')") < 2) {
    console.log("[prongsai] no demo tenants in this database: no demo accounts");
    return;
  }
  executeFile("demo-accounts.sql", await demoAccountsSql(generateDemo()));
});

ensureLocalSecret();

step("building the web app", () => must(run("pnpm", ["--filter", "@prongsai/web", "build"]), "web build"));

const dev = spawn(
  wranglerBin,
  ["dev", "--port", String(port), "--ip", "127.0.0.1", "--show-interactive-dev-session=false"],
  { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => dev.kill(sig));
dev.on("exit", (code) => process.exit(code ?? 0));

const url = `http://localhost:${port}`;
const started = Date.now();
(async function announceWhenReady() {
  while (Date.now() - started < 120_000) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) {
        console.log(banner());
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  console.error("[prongsai] the server did not answer /api/health within 2 minutes");
})();

const demoLogins = [
  `Demo logins (password: ${DEMO_PASSWORD}):`,
  ...DEMO_ACCOUNTS.map(
    (a) =>
      `    ${a.email.padEnd(32)} ${a.operator ? "platform operator" : `${a.role} of ${a.tenant}`}${
        a.role === "agency" ? ` (agency ${demoAgencyOf(generateDemo()).code})` : ""
      }`,
  ),
].join("\n");

function banner() {
  return `
  โปร่งใส · Prongsai is running: ${url}
  API health: ${url}/api/health · OpenAPI: ${url}/api/openapi.json
  Demo data (synthetic): tenant "demo" จังหวัดสาธิต, tenant "demo2" จังหวัดสาธิตสอง
    e.g. ${url}/api/tenants/demo/results?year=2568
  ${demoLogins}
  Stop with Ctrl+C. Start over with: npm run demo:reset
`;
}
