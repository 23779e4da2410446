import { describe, expect, it } from "vitest";
import {
  hasCompleteOitCatalogue,
  itemPointGain,
  itemPointGains,
  OitCatalogueIncompleteError,
  oitIndicatorsFromItems,
  toolsFromIndicators,
  totalFromTools,
} from "../src/index";
import { fw, itemsFailing, itemsPassing, randInt, rng } from "./helpers";

describe("oitIndicatorsFromItems", () => {
  it.each([2563, 2564, 2565, 2566])("FY %i: all items passed → 100.00", (year) => {
    const f = fw(year);
    const r = oitIndicatorsFromItems(
      f,
      itemsPassing(
        f,
        f.oit.items.map((i) => i.code),
      ),
    );
    expect(r.indicators).toEqual({ 9: 10000, 10: 10000 });
    expect(r.subIndicators.every((s) => s.score === 10000)).toBe(true);
  });

  it("FY 2564: only the two 10.2 items failing → indicator 10 = 50.00", () => {
    const f = fw(2564);
    const r = oitIndicatorsFromItems(f, itemsFailing(f, ["O42", "O43"]));
    expect(r.indicators).toEqual({ 9: 10000, 10: 5000 });
    expect(r.subIndicators.find((s) => s.code === "10.2")).toEqual({
      code: "10.2",
      indicator: 10,
      score: 0,
      passed: 0,
      total: 2,
      unknown: 0,
    });
    const tools = toolsFromIndicators(f, {
      1: 10000,
      2: 10000,
      3: 10000,
      4: 10000,
      5: 10000,
      6: 10000,
      7: 10000,
      8: 10000,
      ...r.indicators,
    });
    expect(tools.oit).toBe(7500);
    expect(totalFromTools(f, tools)).toBe(9000);
  });

  it("rounds once, at the indicator, not at the sub-indicators", () => {
    const f = fw(2564);
    // 9.1: 1 of 9 (11.11), 9.3: 6 of 7 (85.71), others 0 → exact 20 × (1/9 + 6/7) = 19.365… → 19.37.
    // Rounding the sub-indicators first would give (11.11 + 85.71) / 5 = 19.364 → 19.36.
    const r = oitIndicatorsFromItems(f, itemsPassing(f, ["O1", "O18", "O19", "O20", "O21", "O22", "O23"]));
    expect(r.indicators[9]).toBe(1937);
    expect(r.subIndicators.filter((s) => s.indicator === 9).map((s) => s.score)).toEqual([1111, 0, 8571, 0, 0]);
  });

  it("an unknown item leaves its indicator unknown unless missingAs is fail", () => {
    const f = fw(2564);
    const items: Record<string, 0 | 100 | null> = itemsPassing(
      f,
      f.oit.items.map((i) => i.code),
    );
    items.O5 = null;
    delete items.O40;
    const r = oitIndicatorsFromItems(f, items);
    expect(r.indicators).toEqual({ 9: null, 10: null });
    expect(r.subIndicators.find((s) => s.code === "9.1")).toMatchObject({ score: null, passed: 8, unknown: 1 });
    const p = oitIndicatorsFromItems(f, items, { missingAs: "fail" });
    // 9.1 = 8/9, others full: 20 × (8/9 + 4) = 97.777… → 97.78; 10.1 = 7/8: 50 × (7/8 + 1) = 93.75.
    expect(p.indicators).toEqual({ 9: 9778, 10: 9375 });
  });

  it("only the other indicator stays known when one indicator has an unknown item", () => {
    const f = fw(2566);
    const items: Record<string, 0 | 100 | null> = itemsPassing(
      f,
      f.oit.items.map((i) => i.code),
    );
    items.O43 = null;
    expect(oitIndicatorsFromItems(f, items).indicators).toEqual({ 9: 10000, 10: null });
  });

  it("accepts booleans and code spellings from Thai documents", () => {
    const f = fw(2564);
    const items: Record<string, boolean> = Object.fromEntries(f.oit.items.map((i) => [i.code, true]));
    delete items.O42;
    delete items.O43;
    items.o42 = false;
    const thaiDigitCode = "O๔๓"; // O43 with Thai digits
    items[thaiDigitCode] = false;
    expect(oitIndicatorsFromItems(f, items).indicators).toEqual({ 9: 10000, 10: 5000 });
    expect(itemPointGain(f, "๐๔๒").centi).toBe(500); // "๐๔๒" = O42 as written in Thai reports
  });

  it("rejects codes outside the catalogue and values other than 0/100/boolean/null", () => {
    const f = fw(2564);
    expect(() => oitIndicatorsFromItems(f, { O44: 100 })).toThrow(/not in the FY 2564 catalogue/);
    expect(() => oitIndicatorsFromItems(f, { O1: 50 as unknown as 100 })).toThrow(RangeError);
  });

  it.each([2562, 2567, 2568])("FY %i: throws, the catalogue is not complete", (year) => {
    const f = fw(year);
    expect(hasCompleteOitCatalogue(f)).toBe(false);
    expect(() => oitIndicatorsFromItems(f, {})).toThrow(OitCatalogueIncompleteError);
    expect(() => itemPointGains(f, {})).toThrow(OitCatalogueIncompleteError);
    expect(() => itemPointGain(f, "O1")).toThrow(OitCatalogueIncompleteError);
  });

  it("matches an independent exact rational computation on random item sheets", () => {
    const r = rng(2564);
    for (const year of [2564, 2566]) {
      const f = fw(year);
      for (let k = 0; k < 300; k++) {
        const items: Record<string, 0 | 100> = {};
        for (const item of f.oit.items) items[item.code] = r() < 0.6 ? 100 : 0;
        const got = oitIndicatorsFromItems(f, items).indicators;
        for (const n of [9, 10] as const) {
          const subs = f.oit.subIndicators.filter((s) => s.indicator === n);
          // indicator (centi) = 10000/S × Σ p_i/n_i = 10000 × Σ(p_i × Π_{j≠i} n_j) / (S × Π n_j)
          const prod = subs.reduce((p, s) => p * BigInt(s.items.length), 1n);
          let num = 0n;
          for (const s of subs) {
            const passed = s.items.filter((i) => items[i.code] === 100).length;
            num += BigInt(passed) * (prod / BigInt(s.items.length));
          }
          num *= 10000n;
          const den = BigInt(subs.length) * prod;
          const q = num / den;
          const rounded = 2n * (num - q * den) >= den ? q + 1n : q;
          expect(got[n]).toBe(Number(rounded));
        }
      }
    }
  });
});

describe("point gains", () => {
  it("FY 2564: a 10.2 item is worth 5.00, a 9.1 item 0.44", () => {
    const f = fw(2564);
    expect(itemPointGain(f, "O42")).toEqual({ exact: 5, centi: 500 });
    const g91 = itemPointGain(f, "O1");
    expect(g91.exact).toBeCloseTo(4 / 9, 12);
    expect(g91.centi).toBe(44);
    expect(itemPointGain(f, "O34")).toEqual({ exact: 1.25, centi: 125 }); // 10.1: 8 items, 2 subs
    expect(itemPointGain(f, "O25").centi).toBe(100); // 9.4: 4 items, 5 subs
    expect(itemPointGain(f, "O18").centi).toBe(57); // 9.3: 20/35 = 0.5714
    expect(itemPointGain(f, "O10").centi).toBe(50); // 9.2: 20/40
    expect(() => itemPointGain(f, "O44")).toThrow(RangeError);
  });

  it("FY 2566 uses its own catalogue", () => {
    const f = fw(2566);
    expect(itemPointGain(f, "O42")).toEqual({ exact: 2, centi: 200 }); // 10.2: 5 items
    expect(itemPointGain(f, "O1")).toEqual({ exact: 0.4, centi: 40 }); // 9.1: 10 items
    expect(itemPointGain(f, "O19")).toEqual({ exact: 1, centi: 100 }); // 9.3: 4 items
    expect(itemPointGain(f, "O31")).toEqual({ exact: 1.25, centi: 125 }); // 10.1: 8 items
    expect(itemPointGain(f, "O11")).toEqual({ exact: 0.5, centi: 50 }); // 9.2: 8 items
  });

  it("lists every item, failed ones first by gain, codes in natural order", () => {
    const f = fw(2566);
    const rows = itemPointGains(f, itemsFailing(f, ["O1", "O2", "O10", "O40", "O41", "O30"]));
    expect(rows).toHaveLength(43);
    expect(rows.slice(0, 6).map((r) => [r.code, r.gain.centi])).toEqual([
      ["O40", 200],
      ["O41", 200],
      ["O30", 100],
      ["O1", 40],
      ["O2", 40],
      ["O10", 40],
    ]);
    expect(rows.slice(6).every((r) => r.passed && r.gain.exact === 0 && r.gain.centi === 0)).toBe(true);
    expect(rows.slice(6, 9).map((r) => r.code)).toEqual(["O3", "O4", "O5"]);
    expect(rows[0]).toMatchObject({ subIndicator: "10.2", indicator: 10, title: "การขับเคลื่อนจริยธรรม", passed: false });
  });

  it("items not known to be passed count as failed", () => {
    const f = fw(2564);
    const rows = itemPointGains(f, {});
    expect(rows.every((r) => !r.passed)).toBe(true);
    expect(rows.slice(0, 2).map((r) => r.code)).toEqual(["O42", "O43"]);
    // The gains of one indicator's items add up to its full weight: 20 points each for 9 and 10.
    const sum = rows.reduce((s, r) => s + r.gain.exact, 0);
    expect(sum).toBeCloseTo(40, 9);
  });

  it("the gains of the failed items add up to the rise of the total when all are passed (within rounding)", () => {
    const r = rng(42);
    for (const year of [2564, 2566]) {
      const f = fw(year);
      for (let k = 0; k < 200; k++) {
        const items: Record<string, 0 | 100> = {};
        for (const item of f.oit.items) items[item.code] = r() < 0.7 ? 100 : 0;
        const base = {
          1: randInt(r, 0, 10000),
          2: 8000,
          3: 7000,
          4: 9000,
          5: 6000,
          6: 9100,
          7: randInt(r, 0, 10000),
          8: 8800,
        };
        const totalWith = (its: Record<string, 0 | 100>) =>
          totalFromTools(f, toolsFromIndicators(f, { ...base, ...oitIndicatorsFromItems(f, its).indicators })) ?? -1;
        const before = totalWith(items);
        const after = totalWith(
          itemsPassing(
            f,
            f.oit.items.map((i) => i.code),
          ),
        );
        const gains = itemPointGains(f, items).reduce((s, row) => s + row.gain.exact, 0);
        expect(Math.abs(gains * 100 - (after - before))).toBeLessThanOrEqual(1.5);
      }
    }
  });
});
