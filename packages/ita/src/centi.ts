/**
 * Scores as integer hundredths ("centi"): 58.08 points = 5808.
 *
 * NACC publishes every score with two decimals and compares thresholds after rounding half up, so all
 * arithmetic here is done on integers. Floats would turn 84.995 into 84.99 (binary 84.99499…) and make an
 * agency miss a threshold it actually reached.
 */

/** A score in hundredths of a point (0–10000 for scores; differences and gaps use the same unit). */
export type Centi = number;

/** Highest score: 100.00 points. */
export const MAX_CENTI: Centi = 10000;

const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";

/** Is `value` a valid score in centi (an integer 0–10000)? */
export function isCenti(value: unknown): value is Centi {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_CENTI;
}

/**
 * Throws a RangeError unless `value` is a valid score in centi. Catches the classic mistake of passing
 * points (58.08) where centi (5808) is expected.
 */
export function assertCenti(value: unknown, what = "score"): asserts value is Centi {
  if (!isCenti(value)) {
    throw new RangeError(`${what} must be an integer number of hundredths between 0 and 10000, got ${String(value)}`);
  }
}

/**
 * Round half up of numerator/denominator for non-negative integers, exactly: floor((2n + d) / (2d)).
 * This is the only rounding primitive of the package; every mean and weighted sum goes through it.
 */
export function roundHalfUpDiv(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || numerator < 0) {
    throw new RangeError(`roundHalfUpDiv: numerator must be a non-negative safe integer, got ${numerator}`);
  }
  if (!Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`roundHalfUpDiv: denominator must be a positive safe integer, got ${denominator}`);
  }
  const a = 2 * numerator + denominator;
  const b = 2 * denominator;
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) {
    throw new RangeError("roundHalfUpDiv: operands too large for exact integer arithmetic");
  }
  // Integer floor division without trusting a float quotient: a - a % b is an exact multiple of b.
  return (a - (a % b)) / b;
}

/** Mean of centi values, rounded half up to a whole centi. Throws on an empty list. */
export function meanCenti(values: readonly Centi[]): Centi {
  if (values.length === 0) throw new RangeError("meanCenti: no values");
  let sum = 0;
  for (const v of values) {
    assertCenti(v);
    sum += v;
  }
  return roundHalfUpDiv(sum, values.length);
}

/**
 * Points → centi: Math.round(points × 100), after removing binary noise (0.285 × 100 = 28.499999…).
 * Meant for values that already have two decimals (JSON thresholds, user input as numbers); computed
 * values must be rounded with {@link roundHalfUpDiv} instead.
 */
export function toCenti(points: number): Centi {
  if (typeof points !== "number" || Number.isNaN(points)) {
    throw new RangeError(`toCenti: not a number: ${String(points)}`);
  }
  if (points < 0 || points > 100) throw new RangeError(`toCenti: ${points} is outside 0–100`);
  return Math.round(Number((points * 100).toPrecision(12)));
}

/** Centi → points (a float, for display or charts only; never compare thresholds on it). */
export function fromCenti(c: Centi): number {
  return c / 100;
}

/** Replace ASCII digits with Thai digits (๐–๙). */
export function toThaiDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => THAI_DIGITS[Number(d)] ?? d);
}

/** Replace Thai digits (๐–๙) with ASCII digits. Thai documents often write scores and item codes in Thai digits. */
export function fromThaiDigits(text: string): string {
  return text.replace(/[๐-๙]/g, (d) => String(THAI_DIGITS.indexOf(d)));
}

export interface FormatScoreOptions {
  /** Write ๕๘.๐๘ instead of 58.08 (official Thai documents). */
  thaiDigits?: boolean;
  /** Prefix positive values with "+" (year-to-year changes). */
  signed?: boolean;
}

/**
 * Format centi with exactly two decimals: 5808 → "58.08", 10000 → "100.00". Negative integers (changes,
 * differences) are allowed: -123 → "-1.23".
 */
export function formatScore(c: Centi, options: FormatScoreOptions = {}): string {
  if (!Number.isSafeInteger(c)) throw new RangeError(`formatScore: expected an integer number of hundredths, got ${c}`);
  const abs = Math.abs(c);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  const sign = c < 0 ? "-" : options.signed && c > 0 ? "+" : "";
  const text = `${sign}${whole}.${frac < 10 ? "0" : ""}${frac}`;
  return options.thaiDigits ? toThaiDigits(text) : text;
}

/**
 * Parse a score as people type or copy it: "58.08", "58.1", "58", "๕๘.๐๘", with surrounding spaces.
 * Returns null for blank input (= not entered). Throws RangeError for anything that is not a plain decimal
 * number, for more than two decimals (we never round user input silently) and for values outside 0–100.
 * Parsed digit by digit, so "58.08" is exactly 5808.
 */
export function parseScore(text: string): Centi | null {
  const trimmed = fromThaiDigits(text).trim();
  if (trimmed === "") return null;
  const match = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(trimmed);
  if (!match) throw new RangeError(`parseScore: "${text}" is not a number`);
  const [, sign = "", whole = "", decimals = ""] = match;
  if (decimals.length > 2) throw new RangeError(`parseScore: "${text}" has more than two decimals`);
  const centi = Number(whole) * 100 + Number(decimals.padEnd(2, "0"));
  if (sign === "-" && centi !== 0) throw new RangeError(`parseScore: "${text}" is outside 0–100`);
  if (centi > MAX_CENTI) throw new RangeError(`parseScore: "${text}" is outside 0–100`);
  return centi;
}
