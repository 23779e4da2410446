import { describe, expect, it } from "vitest";
import { competitionRanks, passRate } from "../src";

describe("competitionRanks", () => {
  it("shares ranks between equal totals and skips after them (1, 2, 2, 4)", () => {
    expect(competitionRanks([9000, 8500, 8500, 8000])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([8000, 9000, 8500, 8500])).toEqual([4, 1, 2, 2]);
  });
  it("gives unknown totals no rank and does not count them", () => {
    expect(competitionRanks([null, 7000, 9000, null])).toEqual([null, 2, 1, null]);
    expect(competitionRanks([])).toEqual([]);
  });
});

describe("passRate", () => {
  it("counts totals at or above the pass mark, exactly at the boundary", () => {
    expect(passRate([8500, 8499, 9000, 10000], 8500)).toBe(7500);
    expect(passRate([8499], 8500)).toBe(0);
    expect(passRate([], 8500)).toBeNull();
    // 2 of 3 = 66.666…% → 66.67 %
    expect(passRate([8500, 8500, 100], 8500)).toBe(6667);
  });
});
