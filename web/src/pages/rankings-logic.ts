import type { RankingRow } from "../api/types";
import { shortName, thaiCollator } from "../format";

export type SortKey =
  | "rank"
  | "name"
  | "type"
  | "size"
  | "district"
  | "total"
  | "iit"
  | "eit"
  | "oit"
  | "weakCount"
  | "delta"
  | "rankChange";
export type SortDir = "asc" | "desc";

export interface ViewState {
  q: string;
  rating: string;
  sort: SortKey;
  dir: SortDir;
}

/** A name or query in its short form (format.ts shortName) without dots and spaces, so either form finds the other. */
export function searchKey(text: string): string {
  return shortName(text.trim().toLowerCase().replace(/\s/g, "")).replace(/\./g, "");
}

/** Does an agency match a search: its code, its name as written, or its name with short type forms. */
export function matchesSearch(row: Pick<RankingRow, "name" | "agencyCode">, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  if (row.name.toLowerCase().includes(q) || row.agencyCode.includes(q)) return true;
  const key = searchKey(q);
  return key !== "" && searchKey(row.name).includes(key);
}

/** Filters applied in the browser after the API's ranking (search and rating do not change ranks). */
export function applyView(rows: readonly RankingRow[], v: ViewState): RankingRow[] {
  const kept = rows.filter((r) => matchesSearch(r, v.q) && (!v.rating || r.rating === v.rating));
  const sign = v.dir === "asc" ? 1 : -1;
  return kept.sort((a, b) => {
    const x = a[v.sort];
    const y = b[v.sort];
    // Unknown values always last, whatever the direction.
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    const c =
      typeof x === "string" && typeof y === "string" ? thaiCollator.compare(x, y) : (x as number) - (y as number);
    return c * sign || thaiCollator.compare(a.name, b.name);
  });
}

/** Exactly the rows and columns shown, as CSV for spreadsheets (UTF-8 BOM, formula-injection safe). */
export function rowsToCsv(rows: readonly RankingRow[], headers: string[]): string {
  const cell = (v: string | number | null | undefined) => {
    if (v === null || v === undefined) return "";
    let s = String(v);
    if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = rows.map((r) =>
    [
      r.rank,
      r.rankChange,
      r.agencyCode,
      r.name,
      r.type,
      r.size,
      r.district,
      r.total,
      r.rating,
      r.iit,
      r.eit,
      r.oit,
      r.weakCount,
      r.delta,
    ]
      .map(cell)
      .join(","),
  );
  return `\uFEFF${[headers.map(cell).join(","), ...lines].join("\r\n")}\r\n`;
}
