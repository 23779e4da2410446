// The logic of the Disclosure readiness pages, kept out of the components so it can be tested: status marks and
// grouping, board queries and sorting, the evidence URL list, drafts, and merging after a 409.
import { ApiError } from "../api/client";
import type { DisclosureRecord, DisclosureStatus } from "../api/types";
import type { Lang } from "../format";

export const STATUSES: readonly DisclosureStatus[] = [
  "not_started",
  "in_progress",
  "submitted",
  "needs_fix",
  "approved",
] as const;

/** A mark per status, so a cell never says it by colour alone (explained in the legend). */
export const STATUS_MARK: Record<DisclosureStatus, string> = {
  not_started: "○",
  in_progress: "◐",
  submitted: "➤",
  needs_fix: "✗",
  approved: "✓",
};

export type StatusCounts = Record<DisclosureStatus, number>;

export function emptyCounts(): StatusCounts {
  return { not_started: 0, in_progress: 0, submitted: 0, needs_fix: 0, approved: 0 };
}

export function countStatuses(statuses: Iterable<DisclosureStatus>): StatusCounts {
  const c = emptyCounts();
  for (const s of statuses) c[s]++;
  return c;
}

/** "O2" before "O10": item codes in catalogue order. */
export function compareItemCodes(a: string, b: string): number {
  const na = Number(/\d+/.exec(a)?.[0] ?? Number.NaN);
  const nb = Number(/\d+/.exec(b)?.[0] ?? Number.NaN);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a.localeCompare(b);
}

export interface ItemGroup<T> {
  subIndicator: string;
  indicator: number;
  items: T[];
  counts: StatusCounts;
}

/** Items grouped by sub-indicator ("9.1", "9.2", … "10.2"), groups and items in catalogue order. */
export function groupBySubIndicator<T extends { subIndicator: string; indicator: number; status: DisclosureStatus }>(
  items: readonly T[],
): ItemGroup<T>[] {
  const groups = new Map<string, ItemGroup<T>>();
  for (const item of items) {
    let g = groups.get(item.subIndicator);
    if (!g) {
      g = { subIndicator: item.subIndicator, indicator: item.indicator, items: [], counts: emptyCounts() };
      groups.set(item.subIndicator, g);
    }
    g.items.push(item);
    g.counts[item.status]++;
  }
  const part = (s: string) => s.split(".").map(Number);
  return [...groups.values()].sort((a, b) => {
    const [a1 = 0, a2 = 0] = part(a.subIndicator);
    const [b1 = 0, b2 = 0] = part(b.subIndicator);
    return a1 - b1 || a2 - b2;
  });
}

/** The status filter of the agency page: one status, "open" (everything not approved) or all. */
export type StatusFilter = DisclosureStatus | "open" | "";

export function parseStatusFilter(value: string | null): StatusFilter {
  if (value === "open") return "open";
  return (STATUSES as readonly string[]).includes(value ?? "") ? (value as DisclosureStatus) : "";
}

/** Records the filter keeps; the item being edited stays, so saving it does not make it vanish. */
export function filterRecords<T extends { itemCode: string; status: DisclosureStatus }>(
  records: readonly T[],
  filter: StatusFilter,
  keep?: string | null,
): T[] {
  if (!filter) return [...records];
  return records.filter(
    (r) => r.itemCode === keep || (filter === "open" ? r.status !== "approved" : r.status === filter),
  );
}

/** "Fix these first": items not yet approved, largest point gain first, then in catalogue order. */
export function fixFirst<T extends { itemCode: string; gain: number; status: DisclosureStatus }>(
  items: readonly T[],
  limit = Number.POSITIVE_INFINITY,
): T[] {
  return items
    .filter((i) => i.status !== "approved")
    .sort((a, b) => b.gain - a.gain || compareItemCodes(a.itemCode, b.itemCode))
    .slice(0, limit);
}

// The usual short forms of agency names live in format.ts (Rankings' search uses them too).
export { shortName } from "../format";

// ── the province board ─────────────────────────────────────────────────────────────────────────────────────

export const BOARD_SORTS = ["projected", "open", "progress", "name", "code"] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];
export type SortDir = "asc" | "desc";
const OVERDUE = ["submit", "review", "any"] as const;
const TYPES = ["pao", "city", "town", "subdistrict", "sao", "other"] as const;

/** The direction a column sorts in first: numbers from the largest, names and codes from A. */
export function defaultDir(sort: BoardSort): SortDir {
  return sort === "name" || sort === "code" ? "asc" : "desc";
}

export interface BoardView {
  sort: BoardSort;
  dir: SortDir;
  type?: string;
  district?: string;
  overdue?: string;
}

/** The board's view from the URL, keeping only values the API accepts (a hand-edited link cannot break it). */
export function boardViewFrom(params: URLSearchParams): BoardView {
  const sortRaw = params.get("sort") ?? "";
  const sort: BoardSort = (BOARD_SORTS as readonly string[]).includes(sortRaw) ? (sortRaw as BoardSort) : "projected";
  const dirRaw = params.get("dir");
  const dir: SortDir = dirRaw === "asc" || dirRaw === "desc" ? dirRaw : defaultDir(sort);
  const type = params.get("type") ?? "";
  const overdue = params.get("overdue") ?? "";
  const district = (params.get("district") ?? "").trim();
  return {
    sort,
    dir,
    ...((TYPES as readonly string[]).includes(type) ? { type } : {}),
    ...(district ? { district } : {}),
    ...((OVERDUE as readonly string[]).includes(overdue) ? { overdue } : {}),
  };
}

/** The API query of a view (also the CSV export's, so the file has the rows and order shown). */
export function boardQuery(v: BoardView): Record<string, string | undefined> {
  return { sort: v.sort, dir: v.dir, type: v.type, district: v.district, overdue: v.overdue };
}

/** Clicking a column header: the same column flips direction, another starts in its natural direction. */
export function nextSort(v: BoardView, sort: BoardSort): { sort: BoardSort; dir: SortDir } {
  if (v.sort === sort) return { sort, dir: v.dir === "asc" ? "desc" : "asc" };
  return { sort, dir: defaultDir(sort) };
}

// ── evidence URLs, drafts and conflicts ────────────────────────────────────────────────────────────────────

export const MAX_URLS = 10;
const MAX_URL_LENGTH = 2048;

export type UrlProblem = "invalid" | "protocol" | "duplicate" | "tooLong";

/**
 * An address typed without its scheme ("abc.go.th/ita/o1", "www.abc.go.th") gets https:// in front, as a
 * browser's address bar would; anything with a scheme, or that does not start like a host name, is left as is.
 */
export function withScheme(value: string): string {
  if (/^[a-z][a-z\d+-]*:/i.test(value)) return value;
  return /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+(:\d+)?([/?#]|$)/u.test(value) ? `https://${value}` : value;
}

function urlProblem(value: string): UrlProblem | undefined {
  if (value.length > MAX_URL_LENGTH) return "tooLong";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "invalid";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "protocol";
  return url.hostname ? undefined : "invalid";
}

/**
 * The evidence URL rows as typed: blank rows are dropped, the rest must be distinct http(s) addresses (what the
 * API accepts). Problems are by row index, so each input can say what is wrong with it.
 */
export function checkUrls(rows: readonly string[]): {
  urls: string[];
  problems: Map<number, UrlProblem>;
  tooMany: boolean;
} {
  const urls: string[] = [];
  const problems = new Map<number, UrlProblem>();
  const seen = new Set<string>();
  rows.forEach((raw, i) => {
    const value = withScheme(raw.trim());
    if (!value) return;
    const problem = urlProblem(value) ?? (seen.has(value) ? "duplicate" : undefined);
    if (problem) {
      problems.set(i, problem);
      return;
    }
    seen.add(value);
    urls.push(value);
  });
  return { urls, problems, tooMany: urls.length > MAX_URLS };
}

/** What the editor holds for one item: URL rows as typed and the note. */
export interface Draft {
  urls: string[];
  note: string;
}

export function draftOf(r: Pick<DisclosureRecord, "evidenceUrls" | "note">): Draft {
  return { urls: r.evidenceUrls.length > 0 ? [...r.evidenceUrls] : [""], note: r.note ?? "" };
}

const cleanUrls = (rows: readonly string[]) => rows.map((u) => u.trim()).filter(Boolean);

/** True when the draft says something the record does not (blank rows and spaces do not count). */
export function isDirty(d: Draft, r: Pick<DisclosureRecord, "evidenceUrls" | "note">): boolean {
  const a = cleanUrls(d.urls);
  return (
    d.note.trim() !== (r.note ?? "").trim() ||
    a.length !== r.evidenceUrls.length ||
    a.some((u, i) => u !== r.evidenceUrls[i])
  );
}

/**
 * After a 409: keep my edits on top of what the other person saved (three-way: `base` is what I started from).
 * URLs I added are added, URLs I removed are removed, the rest is theirs; the note is mine when I changed it.
 */
export function mergeDraft(
  base: Pick<DisclosureRecord, "evidenceUrls" | "note">,
  mine: Draft,
  theirs: Pick<DisclosureRecord, "evidenceUrls" | "note">,
): Draft {
  const baseUrls = new Set(base.evidenceUrls);
  const myUrls = cleanUrls(mine.urls);
  const mySet = new Set(myUrls);
  const merged = theirs.evidenceUrls.filter((u) => !(baseUrls.has(u) && !mySet.has(u)));
  for (const u of myUrls) if (!baseUrls.has(u) && !merged.includes(u)) merged.push(u);
  const noteChanged = mine.note.trim() !== (base.note ?? "").trim();
  return { urls: merged.length > 0 ? merged : [""], note: noteChanged ? mine.note : (theirs.note ?? "") };
}

/** The current records a 409 carries (DisclosureConflict.current); null for any other error. */
export function conflictRecords(error: unknown): DisclosureRecord[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const current = error.problem.current;
  return Array.isArray(current) ? (current as DisclosureRecord[]) : [];
}

// ── who may do what on the agency page ─────────────────────────────────────────────────────────────────────

export type Role = "admin" | "analyst" | "executive" | "agency";

export function canEdit(role: Role, myAgency: string | null | undefined, code: string): boolean {
  return role === "admin" || role === "analyst" || (role === "agency" && myAgency === code);
}

export function canReview(role: Role): boolean {
  return role === "admin" || role === "analyst";
}

// ── dates ──────────────────────────────────────────────────────────────────────────────────────────────────

const dayFormat = {
  th: new Intl.DateTimeFormat("th-TH-u-ca-buddhist", { dateStyle: "medium", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB-u-ca-buddhist", { dateStyle: "medium", timeZone: "UTC" }),
};
const whenFormat = {
  th: new Intl.DateTimeFormat("th-TH-u-ca-buddhist", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Bangkok",
  }),
  en: new Intl.DateTimeFormat("en-GB-u-ca-buddhist", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Bangkok",
  }),
};

/** A calendar day (YYYY-MM-DD, a Bangkok date) in the Buddhist Era: "30 เม.ย. 2569" / "30 Apr 2569 BE". */
export function fmtDay(day: string | null | undefined, lang: Lang): string {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return "–";
  return dayFormat[lang].format(new Date(`${day}T00:00:00Z`));
}

/** A moment in Bangkok time, Buddhist Era in both languages. */
export function fmtWhen(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return "–";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "–" : whenFormat[lang].format(d);
}

/** Whole days from `today` to `day` (negative: past), both YYYY-MM-DD. */
export function daysUntil(day: string, today: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * The latest thing that happened to a record, for its "last changed" line: a review is newer than the
 * agency's last save when it came after it (a review bumps the version but not `updatedBy`).
 */
export function lastChange(
  r: Pick<DisclosureRecord, "updatedAt" | "updatedBy" | "reviewedAt" | "reviewedBy">,
): { kind: "review" | "update"; at: string; by: DisclosureRecord["updatedBy"] } | null {
  if (r.reviewedAt && (!r.updatedAt || r.reviewedAt > r.updatedAt))
    return { kind: "review", at: r.reviewedAt, by: r.reviewedBy };
  return r.updatedAt ? { kind: "update", at: r.updatedAt, by: r.updatedBy } : null;
}
