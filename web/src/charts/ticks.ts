/**
 * Round axis ticks. recharts' own choice for a domain like 0–206 is 0/55/110/165/220, which nobody reads at a
 * glance; people expect steps of 1, 2 or 5 times a power of ten.
 */

/** The lower end of a 0–100 score axis: `room` points under the lowest value (or the pass mark), to tens. */
export function axisFloor(values: readonly number[], pass: number, room = 2): number {
  return Math.max(0, Math.floor((Math.min(pass, ...values) - room) / 10) * 10);
}

/** Ticks from 0 for counts up to `max`: at most `maxSteps` steps of 1, 2 or 5 × 10ⁿ (0 → [0, 1]). */
export function countTicks(max: number, maxSteps = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / maxSteps;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough && Number.isInteger(s)) ?? 10 * power;
  const whole = Math.max(1, step);
  const top = Math.ceil(max / whole) * whole;
  return Array.from({ length: top / whole + 1 }, (_, i) => i * whole);
}

/**
 * Ticks for scores and percentages (0–100) that reach down to the lowest value shown: from 50 when every value
 * is at least 50 (the usual ITA range), else from the tens below the lowest, never below 0.
 */
export function percentTicks(values: readonly (number | null | undefined)[]): number[] {
  const known = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  const from = axisFloor(known, 50, 0);
  const step = 100 - from > 50 ? 20 : 10;
  const ticks: number[] = [];
  for (let v = 100; v >= from; v -= step) ticks.unshift(v);
  if (ticks[0] !== from) ticks.unshift(from);
  return ticks;
}
