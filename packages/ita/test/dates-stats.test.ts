import { describe, expect, it } from "vitest";
import {
  fiscalYearBounds,
  fiscalYearDays,
  fiscalYearOf,
  mean,
  median,
  percentRank,
  quantiles,
  toBuddhistYear,
  toCommonEraYear,
} from "../src/index";

describe("fiscal years", () => {
  it("switches at 1 October 00:00 Bangkok time", () => {
    expect(fiscalYearOf(new Date("2024-09-30T23:59:00+07:00"))).toBe(2567);
    expect(fiscalYearOf(new Date("2024-09-30T16:59:59.999Z"))).toBe(2567);
    expect(fiscalYearOf(new Date("2024-09-30T17:00:00Z"))).toBe(2568); // = 1 Oct 2024 00:00 Bangkok
    expect(fiscalYearOf(new Date("2024-10-01T00:00:00+07:00"))).toBe(2568);
  });
  it("covers the rest of the year", () => {
    expect(fiscalYearOf(new Date("2025-01-01T00:00:00+07:00"))).toBe(2568);
    expect(fiscalYearOf(new Date("2024-12-31T17:00:00Z"))).toBe(2568); // 1 Jan 2025 Bangkok
    expect(fiscalYearOf(new Date("2025-09-30T12:00:00+07:00"))).toBe(2568);
    expect(fiscalYearOf(new Date("2023-10-01T00:00:00+07:00"))).toBe(2567);
    expect(() => fiscalYearOf(new Date("nonsense"))).toThrow(RangeError);
  });
  it("bounds of a fiscal year", () => {
    const b = fiscalYearBounds(2568);
    expect(b.start.toISOString()).toBe("2024-09-30T17:00:00.000Z");
    expect(b.end.toISOString()).toBe("2025-09-30T17:00:00.000Z");
    expect(fiscalYearOf(b.start)).toBe(2568);
    expect(fiscalYearOf(new Date(b.end.getTime() - 1))).toBe(2568);
    expect(fiscalYearOf(b.end)).toBe(2569);
  });
  it("first and last calendar day of a fiscal year", () => {
    expect(fiscalYearDays(2570)).toEqual({ first: "2026-10-01", last: "2027-09-30" });
    expect(fiscalYearDays(2568)).toEqual({ first: "2024-10-01", last: "2025-09-30" });
    const b = fiscalYearBounds(2570);
    // The same year as the instants, read as Bangkok days.
    expect(new Date(b.start.getTime() + 7 * 3_600_000).toISOString().slice(0, 10)).toBe(fiscalYearDays(2570).first);
    expect(new Date(b.end.getTime() + 7 * 3_600_000 - 1).toISOString().slice(0, 10)).toBe(fiscalYearDays(2570).last);
  });
  it("converts eras", () => {
    expect(toBuddhistYear(2024)).toBe(2567);
    expect(toCommonEraYear(2568)).toBe(2025);
    expect(() => toBuddhistYear(2024.5)).toThrow(RangeError);
  });
});

describe("peer statistics", () => {
  it("quantiles interpolate linearly and round half up", () => {
    expect(quantiles([1000, 2000, 3000, 4000], [0, 0.25, 0.5, 0.75, 1])).toEqual([1000, 1750, 2500, 3250, 4000]);
    expect(quantiles([5000], [0, 0.5, 1])).toEqual([5000, 5000, 5000]);
    expect(quantiles([1, 2], [0.5])).toEqual([2]); // 1.5 → 2
    expect(quantiles([0, 1], [0.25])).toEqual([0]); // 0.25 → 0
    expect(quantiles([0, 10], [0.15])).toEqual([2]); // 1.5 → 2 (0.15 is not exact in binary)
    expect(quantiles([9000, 1000, 5000], [0.5])).toEqual([5000]); // unsorted input
    expect(() => quantiles([], [0.5])).toThrow(RangeError);
    expect(() => quantiles([1], [1.5])).toThrow(RangeError);
    expect(() => quantiles([58.08], [0.5])).toThrow(RangeError);
  });
  it("median and mean", () => {
    expect(median([8499, 8500])).toBe(8500);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNull();
    expect(mean([1, 2])).toBe(2);
    expect(mean([8261, 7222, 7306, 7415, 6476])).toBe(7336);
    expect(mean([])).toBeNull();
  });
  it("percentRank counts ties as half", () => {
    expect(percentRank(5000, [1000, 5000, 9000, 9500])).toBe(3750); // (1 + 0.5) / 4
    expect(percentRank(10000, [1000, 2000])).toBe(10000);
    expect(percentRank(0, [1000, 2000])).toBe(0);
    expect(percentRank(2000, [1000, 2000, 3000])).toBe(5000);
    expect(percentRank(1500, [1000, 2000, 3000])).toBe(3333);
    expect(percentRank(5000, [])).toBeNull();
  });
});
