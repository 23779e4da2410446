// `npm test`: lint+format, types, unit, component and worker tests (workerd + real local D1), browser tests
// (Chromium against a local Worker), a deployability check.
// Runs every step even after a failure, then prints one summary line and exits non-zero on any failure.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT, run, wranglerBin } from "./lib/proc";

interface Step {
  name: string;
  ok: boolean;
  seconds: number;
}
const steps: Step[] = [];
let passed = 0;
let failed = 0;
/** Failed tests by name, repeated in the summary: CI keeps only the tail of the log. */
const failures: string[] = [];

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults?: {
    name: string;
    message?: string;
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}

function collectFailures(dir: string, r: VitestReport) {
  for (const file of r.testResults ?? []) {
    const where = file.name.slice(file.name.indexOf(dir));
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === "failed");
    for (const t of failedTests) failures.push(`${where} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    if (failedTests.length === 0 && file.message) failures.push(`${where}: ${firstLine(file.message)}`);
  }
}

function firstLine(text = ""): string {
  const line = text.split("\n").find((l) => l.trim()) ?? "";
  return line.trim().slice(0, 300);
}

function step(name: string, fn: () => boolean) {
  console.log(`\n━━ ${name}`);
  const t0 = Date.now();
  let ok = false;
  try {
    ok = fn();
  } catch (e) {
    console.error(e);
  }
  steps.push({ name, ok, seconds: (Date.now() - t0) / 1000 });
}

/** Workspace packages that have tests, in dependency order (the formulas first). */
const testedPackages = ["packages/ita", "packages/contracts", "tools", "workers/api", "web"].filter((dir) => {
  const pkg = JSON.parse(readFileSync(join(ROOT, dir, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  return Boolean(pkg.scripts?.test);
});

const outDir = join(ROOT, "test-output");
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

step("lint and format (biome)", () => run("pnpm", ["exec", "biome", "ci", "."]) === 0);
step(
  "type check (tsc, every package)",
  () => run("pnpm", ["-r", "--workspace-concurrency=2", "run", "typecheck"]) === 0,
);
step("build the web app", () => run("pnpm", ["--filter", "@prongsai/web", "build"]) === 0);

for (const dir of testedPackages) {
  const report = join(outDir, `vitest-${dir.replaceAll("/", "-")}.json`);
  step(`tests: ${dir}`, () => {
    const status = run(
      "pnpm",
      ["exec", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
      { cwd: join(ROOT, dir) },
    );
    if (existsSync(report)) {
      const r = JSON.parse(readFileSync(report, "utf8")) as VitestReport;
      passed += r.numPassedTests;
      failed += r.numFailedTests;
      collectFailures(dir, r);
    }
    return status === 0;
  });
}

// The dashboard in Debian's Chromium against a local Worker with the demo data (web/e2e/run.ts: installs
// Chromium through apt-get when missing, own port and database, screenshots under test-output/screenshots/).
step("browser tests (Chromium)", () => {
  if (!steps.find((s) => s.name === "build the web app")?.ok) {
    console.error("skipped: the web app did not build");
    return false;
  }
  const report = join(outDir, "e2e.json");
  const status = run("pnpm", ["exec", "tsx", join("web", "e2e", "run.ts")]);
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, "utf8")) as {
      passed: number;
      failed: number;
      setupError?: string;
      cases?: { name: string; ok: boolean; error?: string }[];
    };
    passed += r.passed;
    failed += r.failed;
    for (const c of r.cases ?? []) if (!c.ok) failures.push(`browser › ${c.name}: ${firstLine(c.error)}`);
    if (r.setupError) failures.push(`browser (set-up): ${firstLine(r.setupError)}`);
  }
  return status === 0;
});

step(
  "worker stays deployable (wrangler deploy --dry-run)",
  () =>
    run(wranglerBin, ["deploy", "--dry-run", "--outdir", join(ROOT, ".wrangler", "dry-run")], {
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    }) === 0,
);

console.log("\n━━ summary");
for (const s of steps) console.log(`${s.ok ? "ok  " : "FAIL"} ${s.name} (${s.seconds.toFixed(1)} s)`);
const failedSteps = steps.filter((s) => !s.ok).length;
if (failures.length > 0) console.log(`\nfailed tests:\n${failures.map((f) => `  ${f}`).join("\n")}`);
if (failedSteps > 0 && failed === 0) failed = failedSteps; // a failing non-vitest step still counts as a failure
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failedSteps > 0 ? 1 : 0);
