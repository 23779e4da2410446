// `npm run bench:import`: a national-size results file (8,000 agencies, one year, indicators + 43 OIT items)
// through the real local Worker: dry run, commit, re-import (no-op). Prints seconds, rows/s and workerd's peak
// memory. Targets on the 2-core machine: commit ≤ 10 s, re-import ≤ 5 s.
import { mulberry32 } from "../demo/rng";
import { benchTenant, freshDatabase, signIn, startServer, workerdPeakMiB } from "./server";

const ROWS = 8000;
const YEAR = 2566;
const PORT = Number(process.env.BENCH_PORT ?? 8791);

function nationalCsv(): string {
  const r = mulberry32(2566).next; // deterministic: every run imports the same file
  const items = Array.from({ length: 43 }, (_, i) => `o${i + 1}`);
  const head = ["agency_code", "agency_name", "agency_type", "size", "fiscal_year"];
  const inds = ["ind1", "ind2", "ind3", "ind4", "ind5", "ind6", "ind7", "ind8"];
  const lines = [[...head, ...inds, "eit_part1", "eit_part2", ...items].join(",")];
  const score = (lo: number) => (lo + r() * (100 - lo)).toFixed(2);
  for (let i = 0; i < ROWS; i++) {
    const code = String(6000000 + i);
    const ind = inds.map(() => score(70));
    const parts = [score(75), score(75)];
    const oit = items.map(() => (r() < 0.9 ? "1" : "0"));
    lines.push([code, `อบต.ทดสอบ${i}`, "อบต.", "M", YEAR, ...ind, ...parts, ...oit].join(","));
  }
  return `${lines.join("\n")}\n`;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, (performance.now() - t0) / 1000];
}

freshDatabase();
await benchTenant("national", "bench@national.test");
const csv = nationalCsv();
const server = await startServer(PORT);
try {
  const cookie = await signIn(server.url, "bench@national.test");
  const post = (dryRun: boolean) =>
    fetch(`${server.url}/api/tenants/national/imports?dryRun=${dryRun}&fileName=national-${YEAR}.csv`, {
      method: "POST",
      headers: { cookie, origin: server.url, "content-type": "text/csv" },
      body: csv,
    }).then(async (res) => {
      const body = (await res.json()) as { created: number; updated: number; unchanged: number; errors: unknown[] };
      if (!res.ok || body.errors.length > 0)
        throw new Error(`import failed: ${res.status} ${JSON.stringify(body).slice(0, 400)}`);
      return body;
    });
  const rows: [string, number, string][] = [];
  const [dry, tDry] = await timed(() => post(true));
  rows.push(["dry run", tDry, `created ${dry.created}`]);
  const [commit, tCommit] = await timed(() => post(false));
  rows.push(["commit", tCommit, `created ${commit.created}`]);
  const [again, tAgain] = await timed(() => post(false));
  rows.push(["re-import (no-op)", tAgain, `unchanged ${again.unchanged}`]);

  console.log(
    `\nbench:import — ${ROWS} rows × (8 indicators + 2 EIT parts + 43 OIT items), ${(csv.length / 1e6).toFixed(1)} MB CSV`,
  );
  console.log("step                 seconds   rows/s   result");
  for (const [step, s, note] of rows) {
    console.log(
      `${step.padEnd(20)} ${s.toFixed(2).padStart(7)} ${Math.round(ROWS / s)
        .toString()
        .padStart(8)}   ${note}`,
    );
  }
  const peak = workerdPeakMiB();
  console.log(`workerd peak RSS: ${peak === null ? "not available" : `${peak.toFixed(0)} MiB`}`);
  console.log(
    `targets: commit ≤ 10 s (${tCommit <= 10 ? "met" : "MISSED"}), re-import ≤ 5 s (${tAgain <= 5 ? "met" : "MISSED"})`,
  );
} finally {
  server.stop();
}
