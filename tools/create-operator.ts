// Creates a platform operator account (the person who creates tenants) in the local or the remote D1.
//   OPERATOR_PASSWORD=… pnpm exec tsx tools/create-operator.ts --email ops@example.org [--name "…"] [--remote]
// Deployments have no other way to get the first account: accounts otherwise come from invitations.
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { hashPassword } from "better-auth/crypto";
import { insertStatements } from "./demo/sql";
import { ROOT, run, wranglerBin } from "./lib/proc";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, remote: { type: "boolean" } },
});
const password = process.env.OPERATOR_PASSWORD ?? "";
if (!values.email || password.length < 10) {
  console.error(
    "usage: OPERATOR_PASSWORD=<10+ chars> tsx tools/create-operator.ts --email <email> [--name <name>] [--remote]",
  );
  process.exit(2);
}
const id = randomUUID();
const now = new Date().toISOString();
const statements = [
  ...insertStatements(
    '"user"',
    ["id", "name", "email", "emailVerified", "createdAt", "updatedAt"],
    [[id, values.name ?? values.email, values.email.toLowerCase(), 1, now, now]],
  ),
  ...insertStatements(
    "account",
    ["id", "accountId", "providerId", "userId", "password", "createdAt", "updatedAt"],
    [[`${id}-credential`, id, "credential", id, await hashPassword(password), now, now]],
  ),
  ...insertStatements("platform_operators", ["user_id"], [[id]]),
];
mkdirSync(join(ROOT, ".wrangler"), { recursive: true });
const file = join(ROOT, ".wrangler", "create-operator.sql");
writeFileSync(file, `${statements.join(";\n")};\n`);
process.exit(run(wranglerBin, ["d1", "execute", "DB", values.remote ? "--remote" : "--local", "--file", file]));
