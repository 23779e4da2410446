import { type ReactNode, type RefObject, useEffect, useId, useRef, useState } from "react";
import { useT } from "../i18n";

/** Which sides of a horizontal scroller hide content (1 px of slack for sub-pixel widths). */
export function scrollEdges(el: { scrollLeft: number; scrollWidth: number; clientWidth: number }): {
  left: boolean;
  right: boolean;
} {
  const max = el.scrollWidth - el.clientWidth;
  if (max <= 1) return { left: false, right: false };
  return { left: el.scrollLeft > 1, right: el.scrollLeft < max - 1 };
}

/**
 * The hidden sides of an element that scrolls sideways, kept current on scroll and on resize. `mounted` re-runs
 * the set-up when the element appears after the first render.
 */
export function useScrollEdges(ref: RefObject<HTMLElement | null>, mounted = true) {
  const [edges, setEdges] = useState({ left: false, right: false });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `mounted` re-runs the set-up once the element exists
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Only a change re-renders: scrolling fires this on every frame.
    const update = () =>
      setEdges((old) => {
        const now = scrollEdges(el);
        return now.left === old.left && now.right === old.right ? old : now;
      });
    update();
    el.addEventListener("scroll", update, { passive: true });
    // jsdom has no ResizeObserver; there nothing is ever wider than its box anyway.
    const ro = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(update);
    ro?.observe(el);
    if (el.firstElementChild) ro?.observe(el.firstElementChild);
    return () => {
      el.removeEventListener("scroll", update);
      ro?.disconnect();
    };
  }, [ref, mounted]);
  return edges;
}

/** The class names of the wrapper that draws the edge shadows. */
export const hintClass = (edges: { left: boolean; right: boolean }) =>
  `scroll-hint${edges.left ? " more-left" : ""}${edges.right ? " more-right" : ""}`;

/**
 * A box that scrolls sideways when its content (a wide table) does not fit, with a visible hint: a shadow on the
 * side where more is hidden. While it overflows it is a named region reachable by keyboard (WCAG 2.1.1) and says
 * to screen readers that it scrolls; when everything fits it is a plain box (no extra tab stop).
 */
export function ScrollX({
  label,
  className,
  boxRef,
  focusable = "overflow",
  children,
}: {
  /** The region's name (e.g. the table's title). */
  label: string;
  /** Classes of the scrolling box (e.g. its border): `scroll-x` is always there. */
  className?: string;
  boxRef?: RefObject<HTMLDivElement | null>;
  /** "always" for a box that also scrolls down (a long list), which must be reachable even when it fits across. */
  focusable?: "overflow" | "always";
  children: ReactNode;
}) {
  const { t } = useT();
  const own = useRef<HTMLDivElement>(null);
  const ref = boxRef ?? own;
  const edges = useScrollEdges(ref);
  const id = useId();
  const overflows = edges.left || edges.right;
  // While it scrolls: a named region in the tab order (WCAG 2.1.1); otherwise no extra tab stop.
  const region = overflows || focusable === "always" ? { role: "region", "aria-label": label, tabIndex: 0 } : undefined;
  return (
    <div className={hintClass(edges)}>
      <div
        ref={ref}
        className={className ? `scroll-x ${className}` : "scroll-x"}
        {...region}
        aria-describedby={overflows ? id : undefined}
      >
        {children}
      </div>
      {overflows && (
        <span id={id} className="sr-only">
          {t("common.scrollHint")}
        </span>
      )}
    </div>
  );
}
