import { describe, expect, it } from "vitest";
import { fmtDate, fmtDateTime, fmtDelta, fmtPercent, fmtScore, fmtYear, thaiCollator } from "./format";

const MINUS = "\u2212";

describe("fmtScore", () => {
  it("always shows two decimals", () => {
    expect(fmtScore(88.98)).toBe("88.98");
    expect(fmtScore(85)).toBe("85.00");
    expect(fmtScore(58.1)).toBe("58.10");
    expect(fmtScore(0)).toBe("0.00");
    expect(fmtScore(100, "en")).toBe("100.00");
  });

  it("rounds to two decimals", () => {
    expect(fmtScore(84.996)).toBe("85.00");
    expect(fmtScore(12.344)).toBe("12.34");
  });

  it("groups thousands with a comma in both languages (Latin digits, not Thai digits)", () => {
    expect(fmtScore(1234.5, "th")).toBe("1,234.50");
    expect(fmtScore(1234.5, "en")).toBe("1,234.50");
  });

  it("shows an en dash for an unknown value", () => {
    expect(fmtScore(null)).toBe("–");
    expect(fmtScore(undefined, "en")).toBe("–");
  });
});

describe("fmtDelta", () => {
  it("signs a gain with + and a loss with a real minus sign (U+2212), two decimals", () => {
    expect(fmtDelta(1.25)).toBe("+1.25");
    expect(fmtDelta(-0.4)).toBe(`${MINUS}0.40`);
    expect(fmtDelta(-0.4)).not.toContain("-");
    expect(fmtDelta(-12.5, "en")).toBe(`${MINUS}12.50`);
  });

  it("shows zero without a sign", () => {
    expect(fmtDelta(0)).toBe("0.00");
    expect(fmtDelta(-0)).toBe("0.00");
  });

  it("shows an en dash for an unknown change", () => {
    expect(fmtDelta(null)).toBe("–");
    expect(fmtDelta(undefined)).toBe("–");
  });
});

describe("fmtPercent", () => {
  it("shows two decimals and a percent sign", () => {
    expect(fmtPercent(94.1666)).toBe("94.17 %");
    expect(fmtPercent(100, "en")).toBe("100.00 %");
    expect(fmtPercent(0)).toBe("0.00 %");
    expect(fmtPercent(null)).toBe("–");
  });
});

describe("fmtYear", () => {
  it("keeps Buddhist Era years as they are (no conversion), labelled per language", () => {
    expect(fmtYear(2568)).toBe("พ.ศ. 2568");
    expect(fmtYear(2568, "th")).toContain("2568");
    expect(fmtYear(2568, "en")).toBe("2568 BE");
  });
});

describe("fmtDateTime", () => {
  it("shows Thai readers a Buddhist Era date in Bangkok time", () => {
    // 2025-01-31 20:30 UTC is 1 Feb 2025 03:30 in Bangkok, i.e. BE 2568.
    const th = fmtDateTime("2025-01-31T20:30:00Z", "th");
    expect(th).toContain("2568");
    expect(th).toContain("03:30");
    expect(th).not.toContain("2025");
  });

  it("shows English readers the Gregorian date in Bangkok time", () => {
    const en = fmtDateTime("2025-01-31T20:30:00Z", "en");
    expect(en).toContain("2025");
    expect(en).toContain("1 Feb");
    expect(en).toContain("03:30");
  });
});

describe("fmtDate", () => {
  it("gives Thai readers the day, the month in words and the Buddhist Era year, in Bangkok", () => {
    // 2026-11-19 18:30 UTC is already 20 Nov 2026 in Bangkok: BE 2569.
    expect(fmtDate("2026-11-19T18:30:00Z", "th")).toBe("20 พฤศจิกายน 2569");
    expect(fmtDate(new Date("2025-01-31T20:30:00Z"))).toBe("1 กุมภาพันธ์ 2568");
  });

  it("gives English readers the Gregorian date", () => {
    expect(fmtDate("2026-11-19T18:30:00Z", "en")).toBe("20 November 2026");
  });
});

describe("thaiCollator", () => {
  it("orders Thai words by their first consonant, not by a leading vowel's code point", () => {
    // ไ (U+0E44) has a larger code point than ข (U+0E02), but ไก่ sorts under ก.
    expect(["ขอนแก่น", "ไก่", "กระบี่"].sort(thaiCollator.compare)).toEqual(["กระบี่", "ไก่", "ขอนแก่น"]);
    expect(["แม่ทา", "เมือง", "มะขาม"].sort(thaiCollator.compare)).toEqual(["มะขาม", "เมือง", "แม่ทา"]);
  });
});
