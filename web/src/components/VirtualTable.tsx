import { useVirtualizer } from "@tanstack/react-virtual";
import { type ReactNode, useId, useRef } from "react";
import { useT } from "../i18n";
import { hintClass, useScrollEdges } from "./ScrollX";

/**
 * A table that renders only the rows in view, so national-size lists (8,000 agencies) scroll smoothly. Rows are
 * CSS-grid rows of a fixed height; `columns` is their grid-template-columns. The scroll region grows with its
 * content up to `maxHeight` and is reachable by keyboard.
 */
export function VirtualTable({
  label,
  columns,
  header,
  count,
  rowKey,
  row,
  rowClass,
  rowHeight = 36,
  maxHeight = "70vh",
  className = "",
}: {
  label: string;
  columns: string;
  header: ReactNode;
  count: number;
  rowKey: (index: number) => string;
  row: (index: number) => ReactNode;
  rowClass?: (index: number) => string | undefined;
  rowHeight?: number;
  maxHeight?: string;
  className?: string;
}) {
  const { t } = useT();
  const scroller = useRef<HTMLElement>(null);
  const edges = useScrollEdges(scroller);
  const hintId = useId();
  const virtual = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  // Sideways too on a phone: the same edge shadows and spoken hint as components/ScrollX.tsx.
  const hidden = edges.left || edges.right;
  return (
    <div className={hintClass(edges)}>
      <section
        className="table-scroll"
        ref={scroller}
        aria-label={label}
        aria-describedby={hidden ? hintId : undefined}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
        tabIndex={0}
        style={{ height: "auto", maxHeight }}
      >
        <table className={`grid-table ${className}`} aria-rowcount={count + 1}>
          <thead>
            <tr style={{ gridTemplateColumns: columns }}>{header}</tr>
          </thead>
          <tbody style={{ height: virtual.getTotalSize(), position: "relative" }}>
            {virtual.getVirtualItems().map((item) => (
              <tr
                key={rowKey(item.index)}
                aria-rowindex={item.index + 2}
                className={rowClass?.(item.index)}
                style={{
                  position: "absolute",
                  top: 0,
                  transform: `translateY(${item.start}px)`,
                  height: rowHeight,
                  width: "100%",
                  gridTemplateColumns: columns,
                }}
              >
                {row(item.index)}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {hidden && (
        <span id={hintId} className="sr-only">
          {t("common.scrollHint")}
        </span>
      )}
    </div>
  );
}
