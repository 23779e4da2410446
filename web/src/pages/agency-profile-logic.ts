/** The pieces of the agency profile with logic of their own, kept pure for tests. */

/** Places in a list already ordered by total, highest first: equal totals share a place (1, 2, 2, 4). */
export function sharedPlaces(totals: readonly number[]): number[] {
  const places: number[] = [];
  totals.forEach((total, i) => {
    places.push(i > 0 && totals[i - 1] === total ? (places[i - 1] as number) : i + 1);
  });
  return places;
}

const itemOrder = new Intl.Collator("en", { numeric: true });

/** Compares OIT item codes as people read them: O2 before O10. */
export const compareItemCodes = (a: string, b: string) => itemOrder.compare(a, b);

/** "Fix these first": the failed items, biggest point gain first, then by code. */
export function fixFirst<T extends { code: string; passed: boolean; gain: number }>(items: readonly T[]): T[] {
  return items.filter((i) => !i.passed).sort((a, b) => b.gain - a.gain || compareItemCodes(a.code, b.code));
}

/**
 * The OIT years to offer (with items, or stored but with an incomplete catalogue), oldest first, and the one to
 * show: the year in the URL when it is one of them, else the latest year with items, else the latest offered.
 */
export function oitYearChoice(
  withItems: readonly number[],
  unavailable: readonly number[],
  fromUrl: string | null,
): { years: number[]; year: number | undefined } {
  const years = [...new Set([...withItems, ...unavailable])].sort((a, b) => a - b);
  const wanted = Number(fromUrl);
  if (fromUrl && years.includes(wanted)) return { years, year: wanted };
  const latestWithItems = [...withItems].sort((a, b) => a - b).at(-1);
  return { years, year: latestWithItems ?? years.at(-1) };
}

// The score axis floor is shared with the Overview's charts (charts/ticks.ts).
export { axisFloor } from "../charts/ticks";

/** Below the pass mark (a known score only). */
export const isBelow = (value: number | null | undefined, pass: number): value is number =>
  typeof value === "number" && Number.isFinite(value) && value < pass;
