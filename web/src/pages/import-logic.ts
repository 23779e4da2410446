/** Pure helpers of the Import page (tested in import-logic.test.ts). */
import type { ImportReport } from "../api/types";
import { fmtDateTime, type Lang } from "../format";

export type ImportIssue = ImportReport["errors"][number];

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** The API refuses larger files whole; the page says so before uploading. */
export const MAX_BYTES = 10 * 1024 * 1024;
/** Fiscal years with a built-in ITA framework (packages/ita/frameworks), offered for the template. */
export const FRAMEWORK_YEARS = [2562, 2563, 2564, 2565, 2566, 2567, 2568] as const;

/** Issues of one spreadsheet row, in the order the API gave them, each with a stable key for rendering. */
export interface IssueGroup {
  row: number;
  issues: { issue: ImportIssue; key: string }[];
}

/** Groups issues by spreadsheet row (ascending), keeping each row's issues in their original order. */
export function groupByRow(issues: readonly ImportIssue[]): IssueGroup[] {
  const map = new Map<number, IssueGroup["issues"]>();
  const seen = new Map<string, number>();
  for (const issue of issues) {
    const base = `${issue.row}|${issue.column}|${issue.code}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    const entry = { issue, key: n === 0 ? base : `${base}|${n}` };
    const list = map.get(issue.row);
    if (list) list.push(entry);
    else map.set(issue.row, [entry]);
  }
  return [...map.entries()].sort((a, b) => a[0] - b[0]).map(([row, list]) => ({ row, issues: list }));
}

/** How many issues of each kind (code), most frequent first, with the first issue as the example. */
export function summarizeCodes(
  issues: readonly ImportIssue[],
): { code: string; count: number; example: ImportIssue }[] {
  const map = new Map<string, { code: string; count: number; example: ImportIssue }>();
  for (const i of issues) {
    const s = map.get(i.code);
    if (s) s.count += 1;
    else map.set(i.code, { code: i.code, count: 1, example: i });
  }
  return [...map.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** The first 12 hex digits of a sha256: enough to tell files apart at a glance. */
export function shortSha(sha: string): string {
  return sha.slice(0, 12);
}

/** The content type to send a file with: the browser's, else guessed from the name (the API also sniffs). */
export function contentTypeOf(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase();
  if (ext === "xlsx") return XLSX_TYPE;
  if (ext === "csv" || ext === "txt") return "text/csv";
  return "application/octet-stream";
}

/** Years offered for the template: the built-in frameworks plus any year that already has data, newest first. */
export function templateYears(dataYears: readonly number[]): number[] {
  return [...new Set([...FRAMEWORK_YEARS, ...dataYears])].sort((a, b) => b - a);
}

/** "1.2 MB" / "830 KB": a file size for people. */
export function fmtBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/**
 * A batch id people can read. The API's ids are Date.now() × 1000 plus a random 0–999 (16 digits); the last five
 * digits tell a tenant's batches apart at a glance, next to the file name and the time (the full id stays in a
 * title). Short ids (tests, older data) are shown whole.
 */
export function shortBatchId(id: number | string): string {
  const s = String(id);
  return s.length > 6 ? s.slice(-5) : s;
}

/** When a batch was imported and its short id: "21 พ.ย. 2569 23:50 · #22866" (Buddhist Era in Thai). */
export function batchWhen(b: { id: number; createdAt: string }, lang: Lang): string {
  return `${fmtDateTime(b.createdAt, lang)} · #${shortBatchId(b.id)}`;
}

/** A batch in one line: "e2e-good.csv · 21 พ.ย. 2569 23:50 · #22866". */
export function batchLabel(b: { id: number; fileName: string; createdAt: string }, lang: Lang): string {
  return `${b.fileName} · ${batchWhen(b, lang)}`;
}
