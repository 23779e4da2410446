import { describe, expect, it } from "vitest";
import { itemPointGain, projectDisclosure, rate, totalFromTools } from "../src/index";
import { fw, randInt, rng } from "./helpers";

describe("projectDisclosure", () => {
  it.each([2563, 2564, 2565, 2566])("FY %i: nothing approved → OIT 0, every item open", (year) => {
    const f = fw(year);
    const p = projectDisclosure(f, { approved: [], iit: 9000, eit: 8000 });
    expect(p.oit).toBe(0);
    expect(p.indicators).toEqual({ 9: 0, 10: 0 });
    expect(p.open.map((r) => r.code).sort()).toEqual(f.oit.items.map((i) => i.code).sort());
    // 30 % × 90 + 30 % × 80 (FY 2563–2566 weights) and nothing from OIT
    expect(p.total).toBe(totalFromTools(f, { iit: 9000, eit: 8000, oit: 0 }));
    expect(p.openPoints).toBeCloseTo(40, 9);
  });

  it("FY 2566: everything approved → OIT 100 and the published-style total and rating", () => {
    const f = fw(2566);
    const p = projectDisclosure(f, { approved: f.oit.items.map((i) => i.code), iit: 9000, eit: 8523 });
    expect(p.oit).toBe(10000);
    expect(p.open).toEqual([]);
    expect(p.openPoints).toBe(0);
    const total = totalFromTools(f, { iit: 9000, eit: 8523, oit: 10000 });
    expect(p.total).toBe(total);
    expect(p.rating).toEqual(rate(f, { iit: 9000, eit: 8523, oit: 10000 }, total ?? 0));
    expect(p.totalExact).toBeCloseTo(0.3 * 90 + 0.3 * 85.23 + 40, 9);
  });

  it("without IIT or EIT the total stays unknown, the OIT part does not", () => {
    const f = fw(2566);
    const p = projectDisclosure(f, { approved: ["O1"], iit: null, eit: 9000 });
    expect(p.total).toBeNull();
    expect(p.totalExact).toBeNull();
    expect(p.rating).toBeNull();
    expect(p.oit).toBeGreaterThan(0);
  });

  it("approving one more item moves the exact total by exactly its point gain (random states, every year)", () => {
    const next = rng(20261121);
    for (const year of [2563, 2564, 2565, 2566]) {
      const f = fw(year);
      for (let run = 0; run < 40; run++) {
        const codes = f.oit.items.map((i) => i.code);
        const approved = codes.filter(() => next() < 0.5);
        const open = codes.filter((c) => !approved.includes(c));
        if (open.length === 0) continue;
        const pick = open[randInt(next, 0, open.length - 1)] as string;
        const iit = randInt(next, 5000, 10000);
        const eit = randInt(next, 5000, 10000);
        const before = projectDisclosure(f, { approved, iit, eit });
        const after = projectDisclosure(f, { approved: [...approved, pick], iit, eit });
        const gain = itemPointGain(f, pick);
        expect((after.totalExact ?? 0) - (before.totalExact ?? 0)).toBeCloseTo(gain.exact, 9);
        expect(before.openPoints - after.openPoints).toBeCloseTo(gain.exact, 9);
        // The published-style total rounds at each step, so it may differ from the gain by a hundredth or two.
        expect(Math.abs((after.total ?? 0) - (before.total ?? 0) - gain.centi)).toBeLessThanOrEqual(2);
        expect(before.open.find((r) => r.code === pick)?.gain).toEqual(gain);
        expect(after.open.some((r) => r.code === pick)).toBe(false);
      }
    }
  });

  it("the open list is sorted by gain, biggest first", () => {
    const f = fw(2566);
    const gains = projectDisclosure(f, { approved: [], iit: null, eit: null }).open.map((r) => r.gain.exact);
    expect(gains).toEqual([...gains].sort((a, b) => b - a));
  });
});
