/**
 * Writes the demo data as SQL for an empty database with schema migrations/0001_core.sql.
 *
 *   tsx tools/demo/cli.ts --out demo.sql [--seed N]
 *   wrangler d1 execute <db> --local --file demo.sql
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_SEED, demoSql, generateDemo } from "./generate";

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: "string", short: "o" },
      seed: { type: "string", short: "s" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help || !values.out) {
    console.log("usage: tsx tools/demo/cli.ts --out path.sql [--seed N]");
    process.exit(values.help ? 0 : 2);
  }
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
    console.error(`--seed must be an integer between 0 and ${0xffffffff}, got ${values.seed}`);
    process.exit(2);
  }

  const data = generateDemo({ seed });
  const statements = demoSql(data);
  const header = [
    `-- Prongsai demo data: SYNTHETIC, not real ITA results (seed ${data.seed}).`,
    "-- Load into an empty database whose schema is migrations/0001_core.sql.",
    "",
  ].join("\n");
  const text = `${header}${statements.join("\n\n")}\n`;
  writeFileSync(values.out, text);

  const count = (tenantId: number, rows: readonly { tenantId: number }[]) =>
    rows.filter((r) => r.tenantId === tenantId).length;
  console.log(
    `wrote ${values.out}: ${statements.length} statements, ${Buffer.byteLength(text)} bytes, seed ${data.seed}`,
  );
  console.log(`tenants             ${data.tenants.length}`);
  for (const [label, rows] of [
    ["agencies", data.agencies],
    ["results", data.results],
    ["item_scores", data.itemScores],
    ["disclosure_cycles", data.disclosureCycles],
    ["disclosure_records", data.disclosureRecords],
  ] as const) {
    const perTenant = data.tenants.map((t) => `${t.slug} ${count(t.id, rows)}`).join(", ");
    console.log(`${label.padEnd(20)}${rows.length} (${perTenant})`);
  }
}

main();
