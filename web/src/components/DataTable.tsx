import type { ReactNode } from "react";
import { ScrollX } from "./ScrollX";
import { Empty } from "./States";

/** One column of a DataTable. */
export interface Column<T> {
  key: string;
  /** The header; with `hideHead` it is only spoken (e.g. an actions column). */
  head: ReactNode;
  hideHead?: boolean;
  cell: (row: T, index: number) => ReactNode;
  /** The cell that names the row (a th scope="row"); on a phone it titles the row's card. */
  rowHeader?: boolean;
  /** Right-aligned tabular figures. */
  num?: boolean;
  className?: string;
  /**
   * The label a stacked row shows before this cell on a phone (`stack`); defaults to `head` when that is text.
   * `false` for cells that speak for themselves (buttons).
   */
  label?: string | false;
}

/**
 * A plain data table: a caption for screen readers, column headers, one row per item, an empty state, and a
 * sideways scroller with a hint when it does not fit. With `stack`, each row becomes a labelled card on a phone
 * (page-kit.css `.stack-table`).
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  className,
  stack = false,
  empty,
  rowClass,
}: {
  caption: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  className?: string;
  stack?: boolean;
  /** What to say when there are no rows (defaults to "no data yet"). */
  empty?: ReactNode;
  rowClass?: (row: T) => string | undefined;
}) {
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  const classes = [stack ? "stack-table" : "", className ?? ""].filter(Boolean).join(" ");
  const labelOf = (c: Column<T>) => {
    if (!stack || c.rowHeader || c.label === false) return undefined;
    return c.label ?? (typeof c.head === "string" ? c.head : undefined);
  };
  return (
    <ScrollX label={caption} className="table-wrap">
      <table className={classes || undefined}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.num ? "num" : undefined}>
                {c.hideHead ? <span className="sr-only">{c.head}</span> : c.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row)} className={rowClass?.(row)}>
              {columns.map((c) => {
                const cls = [c.num ? "num" : "", c.className ?? ""].filter(Boolean).join(" ") || undefined;
                return c.rowHeader ? (
                  <th key={c.key} scope="row" className={cls}>
                    {c.cell(row, i)}
                  </th>
                ) : (
                  <td key={c.key} className={cls} data-label={labelOf(c)}>
                    {c.cell(row, i)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollX>
  );
}
