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
      const r = JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number };
      passed += r.numPassedTests;
      failed += r.numFailedTests;
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
    const r = JSON.parse(readFileSync(report, "utf8")) as { passed: number; failed: number };
    passed += r.passed;
    failed += r.failed;
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
if (failedSteps > 0 && failed === 0) failed = failedSteps; // a failing non-vitest step still counts as a failure
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failedSteps > 0 ? 1 : 0);
