import { describe, expect, it } from "vitest";
import { axisFloor, compareItemCodes, fixFirst, isBelow, oitYearChoice, sharedPlaces } from "./agency-profile-logic";

describe("sharedPlaces", () => {
  it("gives equal totals the same place and skips the places they take", () => {
    expect(sharedPlaces([98.19, 98.19, 97.77, 97.5, 97.5, 97.5, 90])).toEqual([1, 1, 3, 4, 4, 4, 7]);
  });
  it("handles an empty list and a single agency", () => {
    expect(sharedPlaces([])).toEqual([]);
    expect(sharedPlaces([91.03])).toEqual([1]);
  });
});

describe("fixFirst", () => {
  const items = [
    { code: "O10", passed: false, gain: 1.25 },
    { code: "O2", passed: false, gain: 1.25 },
    { code: "O42", passed: false, gain: 5 },
    { code: "O1", passed: true, gain: 0 },
    { code: "O3", passed: false, gain: 0.44 },
  ];
  it("lists failed items only, the largest gain first, equal gains by code (O2 before O10)", () => {
    expect(fixFirst(items).map((i) => i.code)).toEqual(["O42", "O2", "O10", "O3"]);
  });
  it("does not reorder its input", () => {
    fixFirst(items);
    expect(items[0]?.code).toBe("O10");
  });
  it("is empty when every item passed", () => {
    expect(fixFirst([{ code: "O1", passed: true, gain: 0 }])).toEqual([]);
  });
  it("orders codes numerically", () => {
    expect(["O10", "O9", "O1"].sort(compareItemCodes)).toEqual(["O1", "O9", "O10"]);
  });
});

describe("oitYearChoice", () => {
  it("defaults to the latest year with items, even when a later year's catalogue is incomplete", () => {
    expect(oitYearChoice([2564, 2566, 2565], [2567], null)).toEqual({ years: [2564, 2565, 2566, 2567], year: 2566 });
  });
  it("takes the year in the URL when it is offered, including an incomplete one", () => {
    expect(oitYearChoice([2564, 2565], [2567], "2564").year).toBe(2564);
    expect(oitYearChoice([2564, 2565], [2567], "2567").year).toBe(2567);
  });
  it("ignores a year in the URL that is not offered", () => {
    expect(oitYearChoice([2564, 2565], [], "2570").year).toBe(2565);
    expect(oitYearChoice([2564, 2565], [], "abc").year).toBe(2565);
  });
  it("falls back to the latest incomplete year, or nothing", () => {
    expect(oitYearChoice([], [2566, 2567], null)).toEqual({ years: [2566, 2567], year: 2567 });
    expect(oitYearChoice([], [], "2566")).toEqual({ years: [], year: undefined });
  });
});

describe("axisFloor and isBelow", () => {
  it("starts the axis at the tens below the lowest value or the pass mark", () => {
    expect(axisFloor([76.84, 91], 85)).toBe(70);
    expect(axisFloor([95, 99], 85)).toBe(80);
    expect(axisFloor([38.89], 85, 3)).toBe(30);
    expect(axisFloor([], 85)).toBe(80);
    expect(axisFloor([1], 85)).toBe(0);
  });
  it("counts only known scores under the mark as below", () => {
    expect(isBelow(84.99, 85)).toBe(true);
    expect(isBelow(85, 85)).toBe(false);
    expect(isBelow(null, 85)).toBe(false);
    expect(isBelow(undefined, 85)).toBe(false);
  });
});
