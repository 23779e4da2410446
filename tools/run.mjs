#!/usr/bin/env node
// Entry point of the two commands a newcomer needs (`npm start`, `npm test`).
// Runs on the machine's Node 20: it installs the pinned Node 22 and pnpm from the npm registry into
// .toolchain/ (wrangler 4 needs Node >= 22.12), puts them first on PATH and hands over to pnpm scripts.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const toolchainDir = join(root, ".toolchain");
const TOOLCHAIN = { node: "22.23.3", pnpm: "10.34.9" };

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function ensureToolchain() {
  const manifest = join(toolchainDir, "package.json");
  const wanted = JSON.stringify({ private: true, dependencies: TOOLCHAIN }, null, 2);
  const node22 = join(toolchainDir, "node_modules", "node", "bin", "node");
  const pnpm = join(toolchainDir, "node_modules", "pnpm", "package.json");
  const upToDate =
    existsSync(manifest) && readFileSync(manifest, "utf8") === wanted && existsSync(node22) && existsSync(pnpm);
  if (!upToDate) {
    console.log(`[prongsai] installing Node ${TOOLCHAIN.node} and pnpm ${TOOLCHAIN.pnpm} into .toolchain/ (one time)`);
    mkdirSync(toolchainDir, { recursive: true });
    writeFileSync(manifest, wanted);
    const status = run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: toolchainDir });
    if (status !== 0) {
      console.error("[prongsai] could not install the toolchain from the npm registry");
      process.exit(status);
    }
  }
  const binDirs = [join(toolchainDir, "node_modules", "node", "bin"), join(toolchainDir, "node_modules", ".bin")];
  const env = { ...process.env, PATH: [...binDirs, process.env.PATH].join(":") };
  // The machine's npmrc points native builds at Node 20's headers; Node 22 must not use them.
  delete env.npm_config_nodedir;
  delete env.NPM_CONFIG_NODEDIR;
  return env;
}

const command = process.argv[2] ?? "start";
const env = ensureToolchain();
const pnpm = (...args) => run("pnpm", args, { env });

let status = pnpm(
  "install",
  "--prefer-offline",
  ...(existsSync(join(root, "pnpm-lock.yaml")) && process.env.CI ? ["--frozen-lockfile"] : []),
);
if (status !== 0) process.exit(status);

const scripts = {
  start: "tools/start.ts",
  test: "tools/test.ts",
  "demo-reset": "tools/start.ts",
  "bench-import": "tools/bench/import.ts",
  "bench-api": "tools/bench/api.ts",
};
const script = scripts[command];
if (!script) {
  console.error(`[prongsai] unknown command ${command}; use start or test`);
  process.exit(2);
}
const extra = command === "demo-reset" ? ["--reset"] : [];
status = pnpm("exec", "tsx", script, ...extra, ...process.argv.slice(3));
process.exit(status);
