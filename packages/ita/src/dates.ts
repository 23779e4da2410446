/**
 * Buddhist Era fiscal years. A Thai fiscal year runs 1 October – 30 September and is named after the year
 * it ends in: FY 2568 = 1 Oct 2024 – 30 Sep 2025. Dates are judged in Asia/Bangkok (UTC+7, no daylight
 * saving), computed from the timestamp, never from locale-formatted strings (which vary by runtime).
 */

const BE_OFFSET = 543;
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Common Era year → Buddhist Era year (2024 → 2567). */
export function toBuddhistYear(ce: number): number {
  if (!Number.isInteger(ce)) throw new RangeError(`toBuddhistYear: not an integer year: ${ce}`);
  return ce + BE_OFFSET;
}

/** Buddhist Era year → Common Era year (2567 → 2024). */
export function toCommonEraYear(be: number): number {
  if (!Number.isInteger(be)) throw new RangeError(`toCommonEraYear: not an integer year: ${be}`);
  return be - BE_OFFSET;
}

/** The BE fiscal year a moment falls in, judged in Bangkok time: 1 Oct 2024 00:00 (+07) → 2568. */
export function fiscalYearOf(date: Date): number {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError("fiscalYearOf: invalid date");
  const bangkok = new Date(t + BANGKOK_OFFSET_MS);
  const year = bangkok.getUTCFullYear();
  const october = 9; // getUTCMonth is 0-based
  return toBuddhistYear(bangkok.getUTCMonth() >= october ? year + 1 : year);
}

/** First and last instant of a BE fiscal year (1 Oct 00:00 Bangkok, inclusive – next 1 Oct, exclusive). */
export function fiscalYearBounds(fiscalYear: number): { start: Date; end: Date } {
  const ce = toCommonEraYear(fiscalYear);
  return {
    start: new Date(Date.UTC(ce - 1, 9, 1) - BANGKOK_OFFSET_MS),
    end: new Date(Date.UTC(ce, 9, 1) - BANGKOK_OFFSET_MS),
  };
}

/** The first and last calendar day of a BE fiscal year: FY 2570 → 2026-10-01 … 2027-09-30. */
export function fiscalYearDays(fiscalYear: number): { first: string; last: string } {
  const ce = toCommonEraYear(fiscalYear);
  return { first: `${ce - 1}-10-01`, last: `${ce}-09-30` };
}
