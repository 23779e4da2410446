import { describe, expect, it } from "vitest";
import { computeResult, toolsFromIndicators, totalFromTools } from "../src/index";
import { fw, itemsFailing, itemsPassing } from "./helpers";

const LUMPHUEK = { 1: 8261, 2: 7222, 3: 7306, 4: 7415, 5: 6476, 6: 9238, 7: 9481, 8: 9186, 9: 2833, 10: 1250 } as const;

describe("toolsFromIndicators / totalFromTools", () => {
  it("a tool is unknown when one of its indicators is", () => {
    const f = fw(2564);
    const tools = toolsFromIndicators(f, { ...LUMPHUEK, 3: null });
    expect(tools).toEqual({ iit: null, eit: 9302, oit: 2042 });
    expect(totalFromTools(f, tools)).toBeNull();
  });
  it("EIT falls back to indicators 6–8 when a part is missing (FY 2566+)", () => {
    const f = fw(2566);
    expect(toolsFromIndicators(f, LUMPHUEK, { eitPart1: 9000 }).eit).toBe(9302);
    expect(toolsFromIndicators(f, LUMPHUEK, { eitPart1: 9000, eitPart2: 9001 }).eit).toBe(9001);
    expect(toolsFromIndicators(f, LUMPHUEK)).toEqual({
      iit: 7336,
      eit: 9302,
      oit: 2042,
      eitPart1: null,
      eitPart2: null,
    });
  });
  it("EIT parts are ignored before 2566", () => {
    expect(toolsFromIndicators(fw(2565), LUMPHUEK, { eitPart1: 0, eitPart2: 0 })).toEqual({
      iit: 7336,
      eit: 9302,
      oit: 2042,
    });
  });
  it("rejects points where centi are expected", () => {
    expect(() => toolsFromIndicators(fw(2564), { 1: 82.61 })).toThrow(RangeError);
    expect(() => totalFromTools(fw(2564), { iit: 73.36, eit: 93.02, oit: 20.42 })).toThrow(RangeError);
    expect(() => totalFromTools(fw(2564), { iit: 10001, eit: 0, oit: 0 })).toThrow(RangeError);
  });
  it("totals are computed from the rounded tool scores", () => {
    // 0.3 × 85.00 + 0.3 × 84.99 + 0.4 × 85.00 = 84.997 → 85.00
    expect(totalFromTools(fw(2566), { iit: 8500, eit: 8499, oit: 8500 })).toBe(8500);
    // 0.3 × 84.98 + 0.3 × 84.99 + 0.4 × 85.00 = 84.991 → 84.99
    expect(totalFromTools(fw(2566), { iit: 8498, eit: 8499, oit: 8500 })).toBe(8499);
    // 0.3 × 0.01 + 0.3 × 0.01 + 0.4 × 0.00 = 0.006 → 0.01; 0.3 × 0.01 = 0.003 → 0.00
    expect(totalFromTools(fw(2566), { iit: 1, eit: 1, oit: 0 })).toBe(1);
    expect(totalFromTools(fw(2566), { iit: 1, eit: 0, oit: 0 })).toBe(0);
    // Exactly .5 of a centi rounds up: 0.3 × 0.05 + 0 + 0 = 0.015 → 0.02
    expect(totalFromTools(fw(2566), { iit: 5, eit: 0, oit: 0 })).toBe(2);
  });
});

describe("computeResult", () => {
  it("derives tools, total and rating from indicators", () => {
    const r = computeResult(fw(2564), { indicators: LUMPHUEK });
    expect(r.tools).toEqual({ iit: 7336, eit: 9302, oit: 2042 });
    expect(r.total).toBe(5808);
    expect(r.rating?.key).toBe("D");
    expect(r.derived).toEqual([
      { field: "tool.iit", value: 7336 },
      { field: "tool.eit", value: 9302 },
      { field: "tool.oit", value: 2042 },
      { field: "total", value: 5808 },
    ]);
    expect(r.conflicts).toEqual([]);
  });

  it("keeps given values within 1 centi without a conflict, reports larger differences", () => {
    const r = computeResult(fw(2564), { indicators: LUMPHUEK, tools: { iit: 7337, eit: 9300 }, total: 5808 });
    expect(r.tools).toEqual({ iit: 7337, eit: 9300, oit: 2042 });
    expect(r.conflicts).toEqual([{ field: "tool.eit", given: 9300, derived: 9302 }]);
    // total derived from the given tools: 0.3 × 73.37 + 0.3 × 93.00 + 0.4 × 20.42 = 58.079 → 58.08 = given
    expect(r.total).toBe(5808);
    expect(r.derived).toEqual([{ field: "tool.oit", value: 2042 }]);
  });

  it("a mistyped total is kept and flagged", () => {
    const r = computeResult(fw(2564), { indicators: LUMPHUEK, total: 5880 });
    expect(r.total).toBe(5880);
    expect(r.rating?.key).toBe("D");
    expect(r.conflicts).toEqual([{ field: "total", given: 5880, derived: 5808 }]);
  });

  it("derives indicators 9/10 from OIT items when the catalogue is complete", () => {
    const f = fw(2566);
    const r = computeResult(f, {
      indicators: { 1: 9000, 2: 9000, 3: 9000, 4: 9000, 5: 9000, 6: 9000, 7: 9000, 8: 9000 },
      items: itemsFailing(f, ["O42"]),
    });
    expect(r.indicators[9]).toBe(10000);
    expect(r.indicators[10]).toBe(9000); // 10.2 = 4/5 → 50 × (1 + 0.8)
    expect(r.tools.oit).toBe(9500);
    expect(r.total).toBe(9200);
    expect(r.rating?.key).toBe("good");
    expect(r.derived.map((d) => d.field)).toEqual([
      "indicator.9",
      "indicator.10",
      "tool.iit",
      "tool.eit",
      "tool.oit",
      "total",
    ]);
  });

  it("given indicators 9/10 win over items, with a conflict when they differ", () => {
    const f = fw(2564);
    const r = computeResult(f, { indicators: { 9: 10000, 10: 10000 }, items: itemsFailing(f, ["O42", "O43"]) });
    expect(r.indicators[10]).toBe(10000);
    expect(r.conflicts).toEqual([{ field: "indicator.10", given: 10000, derived: 5000 }]);
  });

  it("ignores items when the catalogue is not complete, and unknown items leave indicators unknown", () => {
    expect(computeResult(fw(2568), { items: { O1: 100 } }).indicators[9]).toBeNull();
    const f = fw(2564);
    const items: Record<string, 0 | 100 | null> = itemsPassing(f, ["O1"]);
    items.O2 = null;
    const r = computeResult(f, { items });
    expect(r.indicators[9]).toBeNull();
    expect(r.indicators[10]).toBe(0);
  });

  it("works from tools only, and with nothing at all", () => {
    const r = computeResult(fw(2567), { tools: { iit: 9500, eit: 9500, oit: 9500 } });
    expect(r.total).toBe(9500);
    expect(r.rating?.key).toBe("excellent");
    const empty = computeResult(fw(2567), {});
    expect(empty.total).toBeNull();
    expect(empty.rating).toBeNull();
    expect(Object.keys(empty.indicators)).toHaveLength(10);
    expect(empty.tools).toEqual({ iit: null, eit: null, oit: null, eitPart1: null, eitPart2: null });
  });

  it("a given total alone still gets a rating (letter grades need nothing else)", () => {
    expect(computeResult(fw(2563), { total: 9500 }).rating?.key).toBe("AA");
    // Pass levels with unknown tools: only the total-based levels can be given.
    expect(computeResult(fw(2566), { total: 9600 }).rating?.key).toBe("pass");
  });
});
