import { useEffect, useState } from "react";
import { flushSync } from "react-dom";

function printQuery(): MediaQueryList | undefined {
  return typeof window !== "undefined" && typeof window.matchMedia === "function"
    ? window.matchMedia("print")
    : undefined;
}

/**
 * True while the page is printed (from `beforeprint` to `afterprint`) or print media is emulated. For what CSS
 * alone cannot size for paper, such as charts measured by script: the browser lays the printout out without
 * running scripts, so the change is rendered at once (flushSync) inside the event, before that layout.
 */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => printQuery()?.matches ?? false);
  useEffect(() => {
    const query = printQuery();
    const set = (on: boolean) => flushSync(() => setPrinting(on));
    const before = () => set(true);
    const follow = () => set(query?.matches ?? false);
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", follow);
    query?.addEventListener("change", follow);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", follow);
      query?.removeEventListener("change", follow);
    };
  }, []);
  return printing;
}
