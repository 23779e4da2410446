import { type SpawnOptions, spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Runs a command to completion with inherited output; returns its exit status. */
export function run(cmd: string, args: string[], opts: SpawnOptions = {}): number {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: ROOT, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

/** Runs a command and captures its stdout (stderr passes through). Throws on failure. */
export function capture(cmd: string, args: string[], opts: SpawnOptions = {}): string {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}):\n${r.stderr}${r.stdout}`);
  return String(r.stdout);
}

export { spawn };

export const wranglerBin = join(ROOT, "node_modules", ".bin", "wrangler");
