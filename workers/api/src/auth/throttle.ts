import type { DB } from "../db/client";
import { ProblemError } from "../http/problem";

/**
 * Failed sign-ins are counted per account and per client IP within a window; past the limit the key is
 * locked for a while. Guessing one account's password and spraying many accounts from one IP are both slowed.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  accountFailures: 5,
  ipFailures: 20,
} as const;

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

function tooMany(retryAfterS: number) {
  const minutes = Math.max(1, Math.ceil(retryAfterS / 60));
  return new ProblemError(
    429,
    "too-many-attempts",
    "Too many sign-in attempts",
    `ลองเข้าสู่ระบบผิดหลายครั้งเกินไป กรุณารอ ${minutes} นาทีแล้วลองใหม่ (Too many failed sign-ins: try again in ${minutes} min.)`,
    { retryAfter: retryAfterS },
  );
}

/** Throws 429 if the account or the IP is locked. */
export async function assertNotLocked(db: DB, email: string, ip: string, now = Date.now()): Promise<void> {
  const rows = await db
    .selectFrom("login_throttle")
    .select(["key", "locked_until"])
    .where("key", "in", [accountKey(email), ipKey(ip)])
    .execute();
  const until = Math.max(0, ...rows.map((r) => (r.locked_until ? Date.parse(r.locked_until) : 0)));
  if (until > now) throw tooMany(Math.ceil((until - now) / 1000));
}

/** Counts one failure against both keys; locks a key that reaches its limit. */
export async function recordFailure(db: DB, email: string, ip: string, now = Date.now()): Promise<void> {
  for (const [key, limit] of [
    [accountKey(email), THROTTLE.accountFailures],
    [ipKey(ip), THROTTLE.ipFailures],
  ] as const) {
    const row = await db.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
    const fresh = !row || Date.parse(row.window_start) < now - THROTTLE.windowMs;
    const failures = fresh ? 1 : (row?.failures ?? 0) + 1;
    const lockedUntil = failures >= limit ? new Date(now + THROTTLE.lockMs).toISOString() : null;
    const values = {
      failures,
      window_start: fresh ? new Date(now).toISOString() : (row?.window_start ?? new Date(now).toISOString()),
      locked_until: lockedUntil,
    };
    await db
      .insertInto("login_throttle")
      .values({ key, ...values })
      .onConflict((oc) => oc.column("key").doUpdateSet(values))
      .execute();
  }
}

/** A successful sign-in clears the account's count (not the IP's: one good password must not unlock a spray). */
export async function recordSuccess(db: DB, email: string): Promise<void> {
  await db.deleteFrom("login_throttle").where("key", "=", accountKey(email)).execute();
}

export function clientIp(request: Request): string {
  // Set by Cloudflare's edge (clients cannot forge it there); absent in local development.
  return request.headers.get("cf-connecting-ip") ?? "local";
}
