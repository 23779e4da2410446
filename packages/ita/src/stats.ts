/**
 * Peer statistics (quartiles, median, mean, percent rank) on centi scores, with the same integer half-up
 * rounding as the scores themselves so a median shown as 85.00 really compares as 8500.
 */
import { assertCenti, type Centi, roundHalfUpDiv } from "./centi";

/** Quantile positions are taken to 6 decimals (0.25, 0.9, 0.333333…) so interpolation stays in integers. */
const Q_SCALE = 1_000_000;

function sortedCopy(values: readonly Centi[]): Centi[] {
  values.forEach((v, i) => {
    assertCenti(v, `values[${i}]`);
  });
  return [...values].sort((a, b) => a - b);
}

/**
 * Quantiles by linear interpolation between closest ranks (the default of R, NumPy and spreadsheets'
 * QUANTILE.INC): position (n − 1)·q. Results rounded half up to centi. Throws on an empty list or q
 * outside 0–1.
 */
export function quantiles(values: readonly Centi[], q: readonly number[]): Centi[] {
  if (values.length === 0) throw new RangeError("quantiles: no values");
  const v = sortedCopy(values);
  return q.map((p) => {
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) throw new RangeError(`quantiles: q must be in 0–1, got ${p}`);
    const pos = (v.length - 1) * Math.round(p * Q_SCALE); // position × Q_SCALE, an integer
    const lo = Math.floor(pos / Q_SCALE);
    const frac = pos - lo * Q_SCALE;
    const low = v[lo] as Centi;
    const high = v[Math.min(lo + 1, v.length - 1)] as Centi;
    return roundHalfUpDiv(low * Q_SCALE + (high - low) * frac, Q_SCALE);
  });
}

/** Median (rounded half up), or null for no values. */
export function median(values: readonly Centi[]): Centi | null {
  return values.length === 0 ? null : (quantiles(values, [0.5])[0] as Centi);
}

/** Arithmetic mean (rounded half up), or null for no values. */
export function mean(values: readonly Centi[]): Centi | null {
  if (values.length === 0) return null;
  const v = sortedCopy(values);
  return roundHalfUpDiv(
    v.reduce((s, x) => s + x, 0),
    v.length,
  );
}

/**
 * Share of peers scoring below `value`, ties counted half, in centi of a percent (7550 = 75.50 %).
 * Null for no peers. "Better than 75.50 % of similar agencies" is fairer than a league-table rank.
 */
export function percentRank(value: Centi, values: readonly Centi[]): Centi | null {
  assertCenti(value, "value");
  if (values.length === 0) return null;
  let below = 0;
  let equal = 0;
  for (const x of sortedCopy(values)) {
    if (x < value) below++;
    else if (x === value) equal++;
  }
  return roundHalfUpDiv(10000 * (2 * below + equal), 2 * values.length);
}

/**
 * Standard competition ranks, highest score first: equal scores share a rank and the next rank skips
 * (1, 2, 2, 4). Unknown scores (null) get no rank.
 */
export function competitionRanks(values: readonly (Centi | null)[]): (number | null)[] {
  const known = values.filter((v): v is Centi => v !== null).sort((a, b) => b - a);
  const firstIndex = new Map<Centi, number>();
  known.forEach((v, i) => {
    if (!firstIndex.has(v)) firstIndex.set(v, i);
  });
  return values.map((v) => (v === null ? null : (firstIndex.get(v) as number) + 1));
}

/**
 * Share of totals at or above the pass mark, in centi of a percent (9417 = 94.17 %), rounded half up.
 * Null when nobody was assessed.
 */
export function passRate(totals: readonly Centi[], passMark: Centi): Centi | null {
  if (totals.length === 0) return null;
  const passed = totals.filter((t) => t >= passMark).length;
  return roundHalfUpDiv(10000 * passed, totals.length);
}
