import { describe, expect, it } from "vitest";
import { formatScore, fromCenti, meanCenti, parseScore, roundHalfUpDiv, toCenti } from "../src/index";
import { rng } from "./helpers";

describe("roundHalfUpDiv", () => {
  it("rounds half up with integers", () => {
    expect(roundHalfUpDiv(5, 2)).toBe(3); // 2.5 → 3
    expect(roundHalfUpDiv(3, 2)).toBe(2); // mean of 1 and 2 centi = 1.5 → 2
    expect(roundHalfUpDiv(16999, 2)).toBe(8500); // mean of 8499 and 8500 = 8499.5 → 8500
    expect(roundHalfUpDiv(16998, 2)).toBe(8499);
    expect(roundHalfUpDiv(580820, 100)).toBe(5808); // 5808.2
    expect(roundHalfUpDiv(580850, 100)).toBe(5809); // 5808.5
    expect(roundHalfUpDiv(580849, 100)).toBe(5808);
    expect(roundHalfUpDiv(27905, 3)).toBe(9302); // 9301.67
    expect(roundHalfUpDiv(0, 7)).toBe(0);
    expect(roundHalfUpDiv(7, 7)).toBe(1);
  });

  it("matches floor((2n + d) / (2d)) on many values", () => {
    for (let d = 1; d <= 40; d++) {
      for (let n = 0; n <= 400; n++) {
        expect(roundHalfUpDiv(n, d)).toBe(Math.floor((2 * n + d) / (2 * d)));
      }
    }
  });

  it("agrees with BigInt arithmetic on large operands", () => {
    const r = rng(7);
    for (let k = 0; k < 2000; k++) {
      const d = 1 + Math.floor(r() * 2 ** (1 + Math.floor(r() * 40)));
      const n = Math.floor(r() * 2 ** 50);
      const expected = (2n * BigInt(n) + BigInt(d)) / (2n * BigInt(d));
      expect(roundHalfUpDiv(n, d)).toBe(Number(expected));
    }
  });

  it("rejects negative, fractional and zero operands", () => {
    expect(() => roundHalfUpDiv(-1, 2)).toThrow(RangeError);
    expect(() => roundHalfUpDiv(1.5, 2)).toThrow(RangeError);
    expect(() => roundHalfUpDiv(1, 0)).toThrow(RangeError);
  });
});

describe("meanCenti", () => {
  it("rounds the mean half up", () => {
    expect(meanCenti([8499, 8500])).toBe(8500);
    expect(meanCenti([1, 2])).toBe(2);
    expect(meanCenti([2833, 1250])).toBe(2042); // 2041.5
    expect(() => meanCenti([])).toThrow(RangeError);
    expect(() => meanCenti([58.08])).toThrow(RangeError);
  });
});

describe("toCenti / fromCenti", () => {
  it("converts points", () => {
    expect(toCenti(58.08)).toBe(5808);
    expect(toCenti(0)).toBe(0);
    expect(toCenti(100)).toBe(10000);
    expect(toCenti(84.99)).toBe(8499);
    expect(toCenti(0.285)).toBe(29); // 28.4999… in binary, still half up
    expect(toCenti(1.005)).toBe(101);
    expect(fromCenti(5808)).toBe(58.08);
  });
  it("rejects NaN and out-of-range", () => {
    expect(() => toCenti(Number.NaN)).toThrow(RangeError);
    expect(() => toCenti(-0.01)).toThrow(RangeError);
    expect(() => toCenti(100.01)).toThrow(RangeError);
    expect(() => toCenti(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("formatScore", () => {
  it("always shows two decimals", () => {
    expect(formatScore(5808)).toBe("58.08");
    expect(formatScore(10000)).toBe("100.00");
    expect(formatScore(0)).toBe("0.00");
    expect(formatScore(5)).toBe("0.05");
    expect(formatScore(8450)).toBe("84.50");
  });
  it("writes Thai digits when asked", () => {
    expect(formatScore(5808, { thaiDigits: true })).toBe("๕๘.๐๘");
    expect(formatScore(1250, { thaiDigits: true })).toBe("๑๒.๕๐");
  });
  it("formats signed differences", () => {
    expect(formatScore(-123)).toBe("-1.23");
    expect(formatScore(77, { signed: true })).toBe("+0.77");
    expect(formatScore(0, { signed: true })).toBe("0.00");
  });
  it("rejects non-integers", () => {
    expect(() => formatScore(58.08)).toThrow(RangeError);
  });
});

describe("parseScore", () => {
  it("parses plain and Thai-digit scores exactly", () => {
    expect(parseScore("58.08")).toBe(5808);
    expect(parseScore("58.1")).toBe(5810);
    expect(parseScore("58")).toBe(5800);
    expect(parseScore("๕๘.๐๘")).toBe(5808);
    expect(parseScore("  ๙๔.๘๑ ")).toBe(9481);
    expect(parseScore("100")).toBe(10000);
    expect(parseScore("100.00")).toBe(10000);
    expect(parseScore("0")).toBe(0);
    expect(parseScore("84.99")).toBe(8499);
  });
  it("returns null for blank", () => {
    expect(parseScore("")).toBeNull();
    expect(parseScore("   ")).toBeNull();
  });
  it("throws on bad input", () => {
    expect(() => parseScore("58.085")).toThrow(/more than two decimals/);
    expect(() => parseScore("abc")).toThrow(/not a number/);
    expect(() => parseScore("58,08")).toThrow(RangeError);
    expect(() => parseScore("58.")).toThrow(RangeError);
    expect(() => parseScore(".5")).toThrow(RangeError);
    expect(() => parseScore("5 8")).toThrow(RangeError);
    expect(() => parseScore("100.01")).toThrow(/outside/);
    expect(() => parseScore("-1")).toThrow(/outside/);
    expect(() => parseScore("1e2")).toThrow(RangeError);
  });
});
