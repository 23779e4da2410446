/**
 * Link health for OIT evidence URLs: does the URL answer, after redirects, with a page or document a NACC
 * consultant can open, on the agency's own website? Pure apart from the global fetch (works in workerd):
 * no database, no environment.
 *
 * Politeness: at most `concurrency` URLs at once, at most one request in flight per host and at least
 * `hostGapMs` between the starts of two requests to one host, a User-Agent that says who we are, HEAD first
 * and never a body read (a GET's body is cancelled as soon as the headers are in).
 */

export type LinkProblem =
  | "invalid_url"
  | "http_error"
  | "timeout"
  | "redirect_loop"
  | "too_many_redirects"
  | "wrong_content_type"
  | "unreachable"
  | "off_site";

/** One URL to check and the website of the agency that put it forward (null: on_site is not judged). */
export interface LinkTarget {
  url: string;
  website: string | null;
}

/** The verdict on one URL; field for field what `link_checks` stores. */
export interface LinkResult {
  url: string;
  checkedAt: string;
  ok: boolean;
  /** Status of the response at finalUrl; null when it gave none (timeout, unreachable, invalid). */
  httpStatus: number | null;
  finalUrl: string | null;
  redirects: number;
  /** Time spent in requests (pacing waits excluded); null when no request was made. */
  elapsedMs: number | null;
  contentType: string | null;
  onSite: boolean | null;
  problem: LinkProblem | null;
}

export interface LinkCheckOptions {
  /** Per request (each redirect hop gets its own). */
  timeoutMs?: number;
  maxRedirects?: number;
  /** URLs checked at once. Workers allow 6 simultaneous outgoing connections per invocation. */
  concurrency?: number;
  /** Minimum time between the starts of two requests to the same host. */
  hostGapMs?: number;
  userAgent?: string;
  /**
   * At most this many requests in the whole run (a Worker invocation has a subrequest limit). A URL starts
   * only when its worst case (every hop plus one refused HEAD) still fits; what it did not use goes back.
   * URLs left over get no result.
   */
  requestBudget?: number;
  /** Start no new URL after this many ms from the start of the run (a scheduled invocation has a wall limit). */
  stopAfterMs?: number;
}

export const LINK_CHECK_DEFAULTS = {
  timeoutMs: 10_000,
  maxRedirects: 5,
  concurrency: 6,
  hostGapMs: 200,
  userAgent: "Prongsai-LinkCheck/1.0 (+ITA evidence check)",
  requestBudget: Number.POSITIVE_INFINITY,
  stopAfterMs: Number.POSITIVE_INFINITY,
} as const satisfies Required<LinkCheckOptions>;

/** What the network said about one URL, before it is judged against an agency's website. */
interface Probe {
  url: string;
  checkedAt: string;
  failure: "invalid_url" | "timeout" | "unreachable" | "redirect_loop" | "too_many_redirects" | null;
  httpStatus: number | null;
  finalUrl: string | null;
  redirects: number;
  elapsedMs: number | null;
  contentType: string | null;
  requests: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Media types a consultant can open as evidence: web pages, PDF, images, office documents, plain text. */
const ACCEPTED_TYPES = new Set([
  "text/html",
  "application/xhtml+xml",
  "application/pdf",
  "text/plain",
  "text/csv",
  "application/rtf",
  "application/msword",
  "application/vnd.ms-excel",
  "application/vnd.ms-powerpoint",
]);
const ACCEPTED_PREFIXES = [
  "image/",
  "application/vnd.openxmlformats-officedocument.",
  "application/vnd.oasis.opendocument.",
  "application/vnd.ms-excel.",
  "application/vnd.ms-powerpoint.",
  "application/vnd.ms-word.",
];

/**
 * Whether a Content-Type is evidence a person can open. No header at all is accepted: it cannot be judged,
 * and browsers sniff such pages fine. JSON, octet-stream, archives, scripts are not.
 */
export function acceptableContentType(contentType: string | null): boolean {
  if (contentType === null || contentType.trim() === "") return true;
  const type = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  return ACCEPTED_TYPES.has(type) || ACCEPTED_PREFIXES.some((p) => type.startsWith(p));
}

function httpUrl(raw: string): URL | null {
  try {
    const u = new URL(raw.trim());
    return u.protocol === "http:" || u.protocol === "https:" ? u : null;
  } catch {
    return null;
  }
}

/**
 * The agency's site domain from its website: the host without port and without a leading "www.", so that
 * https://www.abc.go.th makes abc.go.th and e-service.abc.go.th count as its own. A bare host is accepted.
 */
export function siteDomain(website: string | null): string | null {
  if (!website?.trim()) return null;
  const w = website.trim();
  const u = httpUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(w) ? w : `https://${w}`);
  if (!u?.hostname) return null;
  return u.hostname.toLowerCase().replace(/^www\./, "");
}

/** Whether a URL is on the agency's site: its host is the site domain or a subdomain of it. */
export function isOnSite(url: string, website: string | null): boolean | null {
  const domain = siteDomain(website);
  const u = httpUrl(url);
  if (domain === null || u === null) return null;
  const host = u.hostname.toLowerCase();
  return host === domain || host.endsWith(`.${domain}`);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One request at a time per host, starts at least `gapMs` apart. Hosts are compared with their port. */
class HostPace {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly lastStart = new Map<string, number>();
  constructor(private readonly gapMs: number) {}

  async run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    const before = this.tails.get(host) ?? Promise.resolve();
    let release = () => {};
    const done = new Promise<void>((r) => {
      release = r;
    });
    const tail = before.then(() => done);
    this.tails.set(host, tail);
    await before;
    try {
      const wait = (this.lastStart.get(host) ?? Number.NEGATIVE_INFINITY) + this.gapMs - Date.now();
      if (wait > 0) await sleep(wait);
      this.lastStart.set(host, Date.now());
      return await fn();
    } finally {
      release();
      if (this.tails.get(host) === tail) this.tails.delete(host);
    }
  }
}

function isTimeout(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === "TimeoutError" || name === "AbortError";
}

/** Follows one URL's redirects by hand, HEAD first, and records what came back. Never reads a body. */
async function probe(url: string, o: Required<LinkCheckOptions>, pace: HostPace): Promise<Probe> {
  const result: Probe = {
    url,
    checkedAt: new Date().toISOString(),
    failure: null,
    httpStatus: null,
    finalUrl: null,
    redirects: 0,
    elapsedMs: null,
    contentType: null,
    requests: 0,
  };
  let current = httpUrl(url);
  if (current === null) return { ...result, failure: "invalid_url" };
  const seen = new Set<string>();
  let method: "HEAD" | "GET" = "HEAD";
  let elapsed = 0;
  for (;;) {
    seen.add(current.href);
    result.finalUrl = current.href;
    result.httpStatus = null;
    result.contentType = null;
    let response: Response;
    try {
      const target = current;
      response = await pace.run(target.host, async () => {
        const started = Date.now();
        result.requests++;
        try {
          return await fetch(target.href, {
            method,
            redirect: "manual",
            headers: { "user-agent": o.userAgent, accept: "text/html,application/pdf,image/*,*/*;q=0.8" },
            signal: AbortSignal.timeout(o.timeoutMs),
          });
        } finally {
          elapsed += Date.now() - started;
          result.elapsedMs = elapsed;
        }
      });
    } catch (e) {
      return { ...result, failure: isTimeout(e) ? "timeout" : "unreachable" };
    }
    // Headers are all we judge; never download the page or document.
    await response.body?.cancel().catch(() => {});
    // Many government sites answer HEAD with 403/404/405/501 yet serve GET fine: an error to HEAD is only
    // believed once GET says the same (the same URL again, and GET for the rest of the chain).
    if (method === "HEAD" && response.status >= 400) {
      method = "GET";
      continue;
    }
    result.httpStatus = response.status;
    result.contentType = response.headers.get("content-type");
    const location = REDIRECTS.has(response.status) ? response.headers.get("location") : null;
    if (location === null) return result;
    let next: URL | null;
    try {
      next = new URL(location, current);
    } catch {
      next = null;
    }
    next = next && (next.protocol === "http:" || next.protocol === "https:") ? next : null;
    if (next === null) return { ...result, failure: "invalid_url" };
    if (seen.has(next.href)) return { ...result, failure: "redirect_loop" };
    if (result.redirects >= o.maxRedirects) return { ...result, failure: "too_many_redirects" };
    result.redirects++;
    current = next;
  }
}

/** The verdict for one agency: the fetch outcome first, then the status, the type, and the site. */
function judge(p: Probe, website: string | null): LinkResult {
  const onSite = p.finalUrl === null ? null : isOnSite(p.finalUrl, website);
  let problem: LinkProblem | null = p.failure;
  if (problem === null) {
    const status = p.httpStatus ?? 0;
    if (status < 200 || status > 299) problem = "http_error";
    else if (!acceptableContentType(p.contentType)) problem = "wrong_content_type";
    else if (onSite === false) problem = "off_site";
  }
  return {
    url: p.url,
    checkedAt: p.checkedAt,
    ok: problem === null,
    httpStatus: p.httpStatus,
    finalUrl: p.finalUrl,
    redirects: p.redirects,
    elapsedMs: p.elapsedMs,
    contentType: p.contentType,
    onSite,
    problem,
  };
}

/** Host names first-come, then round-robin, so the workers start on different hosts instead of queueing. */
function interleaveByHost(urls: readonly string[]): string[] {
  const byHost = new Map<string, string[]>();
  for (const url of urls) {
    const key = httpUrl(url)?.host.toLowerCase() ?? "";
    const list = byHost.get(key) ?? [];
    list.push(url);
    byHost.set(key, list);
  }
  const lists = [...byHost.values()];
  const out: string[] = [];
  for (let i = 0; out.length < urls.length; i++) for (const l of lists) if (i < l.length) out.push(l[i] as string);
  return out;
}

export interface LinkRun {
  /** Index-aligned with the targets; undefined where the request budget ran out first. */
  results: (LinkResult | undefined)[];
  /** Requests actually made. */
  requests: number;
  /** Targets not checked because of the budget. */
  skipped: number;
}

/**
 * Checks URLs within a request budget. Each distinct URL is fetched once, then judged against each target's
 * website. See LinkCheckOptions for the limits.
 */
export async function runLinkChecks(targets: readonly LinkTarget[], options: LinkCheckOptions = {}): Promise<LinkRun> {
  const o = { ...LINK_CHECK_DEFAULTS, ...options };
  const worstCase = o.maxRedirects + 2;
  const pace = new HostPace(o.hostGapMs);
  const queue = interleaveByHost([...new Set(targets.map((t) => t.url))]);
  const probes = new Map<string, Probe>();
  let budget = o.requestBudget;
  const stopAt = Date.now() + o.stopAfterMs;
  let requests = 0;
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const url = queue[next] as string;
      const needs = httpUrl(url) === null ? 0 : worstCase;
      // This URL and what follows wait for the next run.
      if (needs > budget || Date.now() > stopAt) return;
      next++;
      budget -= needs;
      const p = await probe(url, o, pace);
      budget += needs - p.requests;
      requests += p.requests;
      probes.set(url, p);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, queue.length)) }, worker));
  const results = targets.map((t) => {
    const p = probes.get(t.url);
    return p && judge(p, t.website);
  });
  return { results, requests, skipped: results.filter((r) => r === undefined).length };
}

/** Checks every URL (no budget): one result per target, in order. */
export async function checkLinks(
  targets: readonly LinkTarget[],
  options: Omit<LinkCheckOptions, "requestBudget"> = {},
): Promise<LinkResult[]> {
  const run = await runLinkChecks(targets, options);
  return run.results as LinkResult[];
}
