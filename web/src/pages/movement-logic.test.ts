import { describe, expect, it } from "vitest";
import { directionCounts, type MovementRow, movementView, transitionKind, yearPair } from "./movement-logic";

const YEARS = [2564, 2565, 2566, 2567, 2568];

describe("yearPair (?from=&to=)", () => {
  it("defaults to the two latest years with data", () => {
    expect(yearPair(YEARS, null, null)).toEqual({ from: 2567, to: 2568 });
    expect(yearPair([2568, 2566, 2567], null, null)).toEqual({ from: 2567, to: 2568 });
  });

  it("keeps years from the URL that have data, and replaces the others by the defaults", () => {
    expect(yearPair(YEARS, "2564", "2566")).toEqual({ from: 2564, to: 2566 });
    expect(yearPair(YEARS, "2599", "abc")).toEqual({ from: 2567, to: 2568 });
    expect(yearPair(YEARS, "2565", "")).toEqual({ from: 2565, to: 2568 });
  });

  it("returns a reversed pair as asked (the page explains it) and nothing without years", () => {
    expect(yearPair(YEARS, "2568", "2566")).toEqual({ from: 2568, to: 2566 });
    expect(yearPair([2568], null, null)).toEqual({ from: undefined, to: 2568 });
    expect(yearPair([], null, null)).toEqual({ from: undefined, to: undefined });
  });
});

describe("transitionKind (ratings listed best first)", () => {
  const levels = ["excellent", "good", "pass", "fail"];
  it("marks the diagonal, better (left of it) and worse (right of it)", () => {
    expect(transitionKind(levels, levels, 1, 1)).toBe("same");
    expect(transitionKind(levels, levels, 3, 1)).toBe("better");
    expect(transitionKind(levels, levels, 0, 2)).toBe("worse");
  });

  it("has no diagonal between different rating scales", () => {
    const letters = ["AA", "A", "B", "C", "D", "E", "F"];
    expect(transitionKind(letters, levels, 0, 0)).toBeNull();
    expect(transitionKind(letters, letters, 0, 0)).toBe("same");
  });
});

const row = (code: string, name: string, from: number | null, to: number | null, delta: number): MovementRow => ({
  agencyCode: code,
  name,
  type: "sao",
  size: "S",
  district: null,
  from: { total: from, rating: null, rank: null },
  to: { total: to, rating: null, rank: null },
  delta,
  ratingTransition: "?→?",
  rankChange: null,
  indicatorDeltas: {},
});

const rows = [
  row("1", "ขอนแก่น", 80, 90, 10),
  row("2", "กระบี่", 90, 85, -5),
  row("3", "ชัยภูมิ", 88, 88, 0),
  row("4", "ตาก", 70, 72.5, 2.5),
];

describe("movement table view (higher is better)", () => {
  it("counts improved, worsened and unchanged by the sign of the change", () => {
    expect(directionCounts(rows)).toEqual({ improved: 2, worsened: 1, unchanged: 1 });
  });

  it("filters by direction and by name or code", () => {
    const v = { q: "", show: "all" as const, sort: "delta" as const, dir: "desc" as const };
    expect(movementView(rows, { ...v, show: "improved" }).map((r) => r.agencyCode)).toEqual(["1", "4"]);
    expect(movementView(rows, { ...v, show: "worsened" }).map((r) => r.agencyCode)).toEqual(["2"]);
    expect(movementView(rows, { ...v, show: "unchanged" }).map((r) => r.agencyCode)).toEqual(["3"]);
    expect(movementView(rows, { ...v, q: "ตาก" }).map((r) => r.agencyCode)).toEqual(["4"]);
    expect(movementView(rows, { ...v, q: "2" }).map((r) => r.agencyCode)).toEqual(["2"]);
  });

  it("sorts by change, either total or Thai name, without changing its input", () => {
    const v = { q: "", show: "all" as const, sort: "delta" as const, dir: "desc" as const };
    expect(movementView(rows, v).map((r) => r.delta)).toEqual([10, 2.5, 0, -5]);
    expect(movementView(rows, { ...v, dir: "asc" }).map((r) => r.delta)).toEqual([-5, 0, 2.5, 10]);
    expect(movementView(rows, { ...v, sort: "to", dir: "desc" }).map((r) => r.to.total)).toEqual([90, 88, 85, 72.5]);
    expect(movementView(rows, { ...v, sort: "name", dir: "asc" }).map((r) => r.name)).toEqual([
      "กระบี่",
      "ขอนแก่น",
      "ชัยภูมิ",
      "ตาก",
    ]);
    expect(rows.map((r) => r.agencyCode)).toEqual(["1", "2", "3", "4"]);
  });

  it("keeps unknown totals last in both directions", () => {
    const withNull = [...rows, row("5", "น่าน", null, 80, 0)];
    const v = { q: "", show: "all" as const, sort: "from" as const, dir: "asc" as const };
    expect(movementView(withNull, v).at(-1)?.agencyCode).toBe("5");
    expect(movementView(withNull, { ...v, dir: "desc" }).at(-1)?.agencyCode).toBe("5");
  });
});
