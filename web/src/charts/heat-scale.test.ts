import { describe, expect, it } from "vitest";
import { heatBand, heatBands } from "./heat-scale";

const bands = heatBands(85, 95);
const key = (v: number | null) => heatBand(v, bands)?.key ?? null;

describe("heat scale anchored at the pass mark", () => {
  it("puts 85.00 exactly on the passing side and 84.99 below it", () => {
    expect(key(85)).toBe("g1");
    expect(heatBand(85, bands)?.below).toBe(false);
    expect(key(84.99)).toBe("b1");
    expect(heatBand(84.99, bands)?.below).toBe(true);
  });

  it("gets darker with the gap below 85: 75, 65 and 50 start the next step", () => {
    expect([80, 75, 74.99, 65, 64.99, 50, 49.99, 0].map(key)).toEqual(["b1", "b1", "b2", "b2", "b3", "b3", "b4", "b4"]);
  });

  it("is strongest from the top rating's threshold (95) up to 100", () => {
    expect([94.99, 95, 100].map(key)).toEqual(["g1", "g2", "g2"]);
  });

  it("has no band for an unknown score", () => {
    expect(key(null)).toBeNull();
    expect(heatBand(undefined, bands)).toBeNull();
  });

  it("covers 0–100 without gaps or overlaps, weakest first", () => {
    for (let i = 1; i < bands.length; i++) expect(bands[i]?.min).toBe(bands[i - 1]?.max);
    expect(bands[0]?.min).toBe(0);
    expect(bands.at(-1)?.max).toBeNull();
    expect(bands.filter((b) => b.below).map((b) => b.key)).toEqual(["b4", "b3", "b2", "b1"]);
  });

  it("follows another pass mark", () => {
    const other = heatBands(80, 90);
    expect(heatBand(79.99, other)?.key).toBe("b1");
    expect(heatBand(70, other)?.key).toBe("b1");
    expect(heatBand(69.99, other)?.key).toBe("b2");
    expect(heatBand(80, other)?.key).toBe("g1");
    expect(heatBand(90, other)?.key).toBe("g2");
  });
});
