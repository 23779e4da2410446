import { env } from "cloudflare:test";
import { hashPassword } from "better-auth/crypto";
import { api } from "./helpers";

export const PASSWORD = "prongsai-test-pw";
let hashed: Promise<string> | undefined;

/** Creates a user with a credential account directly in D1 (as the demo seed does), hashing once per file. */
export async function createUser(
  email: string,
  opts: { operator?: boolean; memberships?: { tenantId: number; role: string; agencyId?: number | null }[] } = {},
): Promise<string> {
  hashed ??= hashPassword(PASSWORD);
  const id = `u-${email}`;
  const now = new Date().toISOString();
  const statements = [
    env.DB.prepare(
      'INSERT INTO "user" (id, name, email, emailVerified, createdAt, updatedAt) VALUES (?, ?, ?, 1, ?, ?)',
    ).bind(id, email.split("@")[0] ?? email, email, now, now),
    env.DB.prepare(
      "INSERT INTO account (id, accountId, providerId, userId, password, createdAt, updatedAt) VALUES (?, ?, 'credential', ?, ?, ?, ?)",
    ).bind(`a-${email}`, id, id, await hashed, now, now),
  ];
  if (opts.operator) statements.push(env.DB.prepare("INSERT INTO platform_operators (user_id) VALUES (?)").bind(id));
  for (const m of opts.memberships ?? []) {
    statements.push(
      env.DB.prepare("INSERT INTO memberships (tenant_id, user_id, role, agency_id) VALUES (?, ?, ?, ?)").bind(
        m.tenantId,
        id,
        m.role,
        m.agencyId ?? null,
      ),
    );
  }
  await env.DB.batch(statements);
  return id;
}

/** Signs in through the real endpoint and returns the Cookie header value for later requests. */
export async function signIn(email: string, password = PASSWORD): Promise<string> {
  const res = await api("/api/session", {
    method: "POST",
    headers: { "content-type": "application/json", origin: "http://localhost" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
