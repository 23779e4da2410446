import type { Context } from "hono";
import type { AppEnv } from "../app";

/**
 * Analytics answers kept in the isolate's memory, keyed by tenant, the tenant's data version and the query.
 *
 * Why this is safe: the data version is read in the same statement as the caller's session (auth/principal.ts),
 * and triggers move it on every change to agencies or results (migration 0007). A request that read version v
 * began after every change up to v, so an answer stored under v was computed from data at least that new, and
 * any later change makes the next request look under a new key. Nothing is ever invalidated by hand, and a
 * write path added later cannot forget to.
 *
 * Answers are kept gzipped (a national ranking is ~3.8 MB of JSON, ~0.4 MB gzipped: the 24 MB budget holds dozens)
 * and decompressed on the way out; the runtime then encodes the answer for the client as it does any other.
 * Sending the stored gzip as it is (`encodeBody: "manual"`) would save ~45 ms on a national answer, but the
 * Worker cannot tell which clients take gzip: `wrangler dev` (and presumably the edge) hands it
 * `Accept-Encoding: br, gzip` whatever the client sent, and a client that sent none (curl) would get gzip bytes.
 */
export interface CachedAnswer {
  body: Uint8Array<ArrayBuffer>;
  gzipped: boolean;
  headers: [string, string][];
}

/** Least recently used first out, within a byte budget. */
export class AnswerCache {
  private readonly entries = new Map<string, CachedAnswer>();
  private readonly latest = new Map<number, number>();
  private used = 0;

  constructor(private readonly budgetBytes: number) {}

  get size() {
    let gzipped = 0;
    for (const entry of this.entries.values()) if (entry.gzipped) gzipped++;
    return { entries: this.entries.size, bytes: this.used, gzipped };
  }

  get(tenantId: number, version: number, query: string): CachedAnswer | undefined {
    const key = keyOf(tenantId, version, query);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(tenantId: number, version: number, query: string, answer: CachedAnswer) {
    // Versions are random (migration 0007), not ordered: a different one means the data moved on, and the
    // answers under the old one will not be asked for again.
    const seen = this.latest.get(tenantId);
    if (seen !== undefined && version !== seen) this.dropTenant(tenantId);
    this.latest.set(tenantId, version);
    if (answer.body.byteLength > this.budgetBytes / 4) return;
    const key = keyOf(tenantId, version, query);
    this.delete(key);
    this.entries.set(key, answer);
    this.used += answer.body.byteLength;
    for (const [oldest, entry] of this.entries) {
      if (this.used <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.used -= entry.body.byteLength;
    }
  }

  /** Puts `next` in place of `expected` (the gzipped form of an answer stored plain), if it is still there. */
  replace(tenantId: number, version: number, query: string, expected: CachedAnswer, next: CachedAnswer) {
    const key = keyOf(tenantId, version, query);
    if (this.entries.get(key) !== expected) return;
    this.entries.set(key, next);
    this.used += next.body.byteLength - expected.body.byteLength;
  }

  private delete(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.body.byteLength;
  }

  private dropTenant(tenantId: number) {
    const prefix = `${tenantId}|`;
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.delete(key);
  }
}

const keyOf = (tenantId: number, version: number, query: string) => `${tenantId}|${version}|${query}`;

/** 24 MB: a few dozen national answers, hundreds of provincial ones, well inside a Worker's 128 MB. */
const answers = new AnswerCache(24 * 1024 * 1024);
/** What this isolate holds (tests, diagnostics). */
export const answerCacheSize = () => answers.size;
export const storedAnswer = (tenantId: number, version: number, path: string) => answers.get(tenantId, version, path);

/** Below this an answer is stored as it is: gzip would save little and cost a stream each way. */
const GZIP_FROM_BYTES = 1024;
/** Headers that describe the answer itself; the rest (request id, cookies) belong to each request. */
const KEPT_HEADERS = ["content-type", "content-disposition"];

/** The path and its query parameters in a fixed order, so `?a=1&b=2` and `?b=2&a=1` share an answer. */
function queryOf(url: URL): string {
  const params = [...url.searchParams].sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1));
  return `${url.pathname}?${new URLSearchParams(params).toString()}`;
}

async function gzip(bytes: Uint8Array<ArrayBuffer>) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function send(c: Context<AppEnv>, answer: CachedAnswer, state: "hit" | "miss") {
  for (const [name, value] of answer.headers) c.header(name, value);
  c.header("x-answer-cache", state);
  if (!answer.gzipped) return c.body(answer.body, 200);
  return c.body(new Blob([answer.body]).stream().pipeThrough(new DecompressionStream("gzip")), 200);
}

/**
 * Answers a tenant route from the cache, or computes it with `produce`, stores a 200 and sends it. Errors
 * (thrown ProblemErrors, non-200 answers) are never stored. `Cache-Control: no-cache` on the request computes
 * afresh and leaves the cache alone (the benchmark's cold path; a browser's hard reload).
 *
 * A miss costs what an uncached answer did: it is sent at once and stored plain; the gzipped copy replaces it
 * after the response, in `waitUntil`.
 */
export async function cachedAnswer<R extends Response>(c: Context<AppEnv>, produce: () => Promise<R>): Promise<R> {
  // The answer sent is `produce`'s own (its bytes and content headers), so it keeps the route's response type.
  return (await answerFromCache(c, produce)) as R;
}

async function answerFromCache(c: Context<AppEnv>, produce: () => Promise<Response>): Promise<Response> {
  const tenant = c.get("tenant");
  if (!tenant || tenant.dataVersion === undefined) return produce();
  if (/\bno-cache\b/i.test(c.req.header("cache-control") ?? "")) {
    const res = await produce();
    if (res.status === 200) res.headers.set("x-answer-cache", "bypass");
    return res;
  }
  const { id, dataVersion } = tenant;
  const query = queryOf(new URL(c.req.url));
  const hit = answers.get(id, dataVersion, query);
  if (hit) return send(c, hit, "hit");

  const res = await produce();
  if (res.status !== 200) return res;
  const plain: CachedAnswer = {
    body: new Uint8Array(await res.arrayBuffer()),
    gzipped: false,
    headers: KEPT_HEADERS.flatMap((name) => {
      const value = res.headers.get(name);
      return value === null ? [] : [[name, value] as [string, string]];
    }),
  };
  answers.set(id, dataVersion, query, plain);
  if (plain.body.byteLength >= GZIP_FROM_BYTES) {
    const compressed = gzip(plain.body).then((body) =>
      answers.replace(id, dataVersion, query, plain, { ...plain, body, gzipped: true }),
    );
    c.executionCtx.waitUntil(compressed);
  }
  return send(c, plain, "miss");
}
