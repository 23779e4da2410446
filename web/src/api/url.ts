import { useSearchParams } from "react-router";

export type ParamChanges = Record<string, string | number | null | undefined>;

/**
 * The page's query string and a patcher for it: each change sets its key, and an empty value (`""`, null,
 * undefined) removes it. The history entry is replaced, so filters and selections live in the URL (a link
 * reproduces the view) without piling up Back steps.
 */
export function useUrlParams(): [URLSearchParams, (changes: ParamChanges) => void] {
  const [params, setParams] = useSearchParams();
  const patch = (changes: ParamChanges) =>
    setParams(
      (p) => {
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === null || value === "") p.delete(key);
          else p.set(key, String(value));
        }
        return p;
      },
      { replace: true },
    );
  return [params, patch];
}
