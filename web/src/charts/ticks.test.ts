import { describe, expect, it } from "vitest";
import { countTicks, percentTicks } from "./ticks";

describe("countTicks", () => {
  it("steps of 1, 2 or 5 × 10ⁿ, from 0 to just above the largest count", () => {
    expect(countTicks(206)).toEqual([0, 50, 100, 150, 200, 250]);
    expect(countTicks(19)).toEqual([0, 5, 10, 15, 20]);
    expect(countTicks(8000)).toEqual([0, 2000, 4000, 6000, 8000]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(1)).toEqual([0, 1]);
    expect(countTicks(0)).toEqual([0, 1]);
  });
});

describe("percentTicks", () => {
  it("from 50 in tens when everything is at least 50", () => {
    expect(percentTicks([81.25, 93.82, 53.23])).toEqual([50, 60, 70, 80, 90, 100]);
  });
  it("reaches down to the lowest value (a pass rate of 23 %), in twenties when the range is wide", () => {
    expect(percentTicks([23.4, 90])).toEqual([20, 40, 60, 80, 100]);
    expect(percentTicks([0, 95])).toEqual([0, 20, 40, 60, 80, 100]);
    expect(percentTicks([45, null, 90])).toEqual([40, 60, 80, 100]);
  });
  it("falls back to 50–100 without values", () => {
    expect(percentTicks([])).toEqual([50, 60, 70, 80, 90, 100]);
  });
});
