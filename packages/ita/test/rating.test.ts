import { describe, expect, it } from "vitest";
import {
  nextRatingBlockers,
  rate,
  ratingOrder,
  ratingsOf,
  type ToolScores,
  toolsFromIndicators,
  totalFromTools,
  weakIndicators,
} from "../src/index";
import { fw } from "./helpers";

const LETTER_YEARS = [2562, 2563, 2564, 2565];
const LEVEL_YEARS = [2566, 2567, 2568];

describe("letter grades (FY 2562–2565)", () => {
  const cases: [number, string][] = [
    [10000, "AA"],
    [9500, "AA"],
    [9499, "A"],
    [8500, "A"],
    [8499, "B"],
    [7500, "B"],
    [7499, "C"],
    [6500, "C"],
    [6499, "D"],
    [5500, "D"],
    [5499, "E"],
    [5000, "E"],
    [4999, "F"],
    [0, "F"],
  ];
  for (const year of LETTER_YEARS) {
    it.each(cases)(`FY ${year}: total %i → %s`, (total, grade) => {
      const r = rate(fw(year), { iit: null, eit: null, oit: null }, total);
      expect(r.key).toBe(grade);
      expect(r.kind).toBe("letter");
      expect(r.passed).toBe(total >= 8500);
    });
  }

  it("ignores tool scores", () => {
    expect(rate(fw(2565), { iit: 0, eit: 0, oit: 0 }, 9500).key).toBe("AA");
  });

  it("orders grades best to worst", () => {
    expect(ratingOrder(fw(2564))).toEqual(["AA", "A", "B", "C", "D", "E", "F"]);
  });
});

describe("pass levels (FY 2566–2568)", () => {
  const t = (iit: number, eit: number, oit: number): ToolScores => ({ iit, eit, oit });
  const cases: [string, ToolScores, number, string][] = [
    ["84.99 total → fail", t(10000, 10000, 10000), 8499, "fail"],
    ["85.00 with all tools ≥ 85 → good", t(8500, 8500, 8500), 8500, "good"],
    ["total ≥ 85 with IIT 84.99 → pass", t(8499, 10000, 10000), 9000, "pass"],
    ["total ≥ 85 with EIT 84.99 → pass", t(10000, 8499, 10000), 9000, "pass"],
    ["total ≥ 85 with OIT 84.99 → pass", t(10000, 10000, 8499), 9000, "pass"],
    ["total 95.00 with one tool 94.99 → good", t(10000, 9499, 10000), 9500, "good"],
    ["all 95.00 → excellent", t(9500, 9500, 9500), 9500, "excellent"],
    ["total 94.99 with tools ≥ 95 → good", t(9500, 9500, 9500), 9499, "good"],
    ["2568 case: total 94.64 but EIT < 85 → pass", t(9981, 8499, 9800), 9464, "pass"],
    ["total 100 with a tool at 0 → pass", t(0, 10000, 10000), 10000, "pass"],
  ];
  for (const year of LEVEL_YEARS) {
    it.each(cases)(`FY ${year}: %s`, (_name, tools, total, key) => {
      const r = rate(fw(year), tools, total);
      expect(r.key).toBe(key);
      expect(r.kind).toBe("pass-levels");
      expect(r.passed).toBe(total >= 8500);
    });
  }

  it("the 2568 real case: the total rose to 94.64 yet the agency fell from ผ่านดี to ผ่าน", () => {
    const f = fw(2568);
    const before = rate(f, { iit: 9000, eit: 8800, oit: 9000 }, 8940);
    const afterTools = { iit: 9981, eit: 8499, oit: 9800 };
    expect(totalFromTools(f, afterTools)).toBe(9464);
    expect(totalFromTools(f, { iit: 9000, eit: 8800, oit: 9000 })).toBe(8940);
    const after = rate(f, afterTools, 9464);
    expect(before.label.th).toBe("ผ่านดี");
    expect(after.label.th).toBe("ผ่าน");
    expect(after.passed).toBe(true);
  });

  it("EIT parts average with half-up rounding: 84.99 and 85.00 → 85.00 → good", () => {
    const f = fw(2566);
    const tools = toolsFromIndicators(
      f,
      { 1: 9000, 2: 9000, 3: 9000, 4: 9000, 5: 9000, 9: 9000, 10: 9000 },
      {
        eitPart1: 8499,
        eitPart2: 8500,
      },
    );
    expect(tools.eit).toBe(8500);
    expect(rate(f, tools, 8850).key).toBe("good");
    const lower = toolsFromIndicators(f, {}, { eitPart1: 8498, eitPart2: 8500 });
    expect(lower.eit).toBe(8499);
    expect(rate(f, { ...tools, eit: lower.eit }, 8850).key).toBe("pass");
  });

  it("an unknown tool cannot earn a level with a tool floor", () => {
    expect(rate(fw(2566), { iit: 9500, eit: null, oit: 9500 }, 9500).key).toBe("pass");
  });

  it("orders levels best to worst, with labels", () => {
    expect(ratingOrder(fw(2566))).toEqual(["excellent", "good", "pass", "fail"]);
    expect(ratingsOf(fw(2566)).map((r) => r.label.th)).toEqual(["ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ไม่ผ่าน"]);
    expect(ratingsOf(fw(2566)).map((r) => r.passed)).toEqual([true, true, true, false]);
  });

  it("rejects points passed as centi", () => {
    expect(() => rate(fw(2566), { iit: 85, eit: 85, oit: 85 }, 88.98)).toThrow(RangeError);
  });
});

describe("weakIndicators", () => {
  it("flags scores under 85.00 only, by gap then number, skipping unknowns", () => {
    const weak = weakIndicators(fw(2566), { 1: 8500, 2: 8499, 3: 8000, 4: 8000, 5: null, 9: 10000 });
    expect(weak).toEqual([
      { indicator: 3, score: 8000, gap: 500 },
      { indicator: 4, score: 8000, gap: 500 },
      { indicator: 2, score: 8499, gap: 1 },
    ]);
  });
});

describe("nextRatingBlockers", () => {
  it("from fail: the total is what is missing", () => {
    const b = nextRatingBlockers(fw(2566), { iit: 8000, eit: 8000, oit: 8000 }, 8000);
    expect(b.next?.key).toBe("pass");
    expect(b.totalNeeded).toBe(500);
    expect(b.toolsBelow).toEqual([]);
  });
  it("from good: total and tools short of 95", () => {
    const b = nextRatingBlockers(fw(2566), { iit: 9000, eit: 9600, oit: 9499 }, 9340);
    expect(b.next?.key).toBe("excellent");
    expect(b.totalNeeded).toBe(160);
    expect(b.toolsBelow).toEqual([
      { tool: "iit", score: 9000, floor: 9500, gap: 500 },
      { tool: "oit", score: 9499, floor: 9500, gap: 1 },
    ]);
  });
  it("an unknown tool is listed last", () => {
    const b = nextRatingBlockers(fw(2567), { iit: 8000, eit: null, oit: 10000 }, 8800);
    expect(b.next?.key).toBe("good");
    expect(b.toolsBelow).toEqual([
      { tool: "iit", score: 8000, floor: 8500, gap: 500 },
      { tool: "eit", score: null, floor: 8500, gap: null },
    ]);
  });
  it("nothing above the best rating", () => {
    expect(nextRatingBlockers(fw(2566), { iit: 9500, eit: 9500, oit: 9500 }, 9500)).toEqual({
      next: null,
      totalNeeded: null,
      toolsBelow: [],
    });
    expect(nextRatingBlockers(fw(2564), { iit: null, eit: null, oit: null }, 9500).next).toBeNull();
  });
  it("letter grades: the gap to the next grade's minimum", () => {
    expect(nextRatingBlockers(fw(2565), { iit: null, eit: null, oit: null }, 8499)).toMatchObject({
      next: { key: "A" },
      totalNeeded: 1,
    });
  });
});
