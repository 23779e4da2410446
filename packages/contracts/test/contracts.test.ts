import { describe, expect, it } from "vitest";
import { AGENCY_TYPES, AgencyTypeSchema, FiscalYearSchema, ProblemSchema, TenantSlugSchema } from "../src";

describe("contracts", () => {
  it("accepts Buddhist Era fiscal years only", () => {
    expect(FiscalYearSchema.parse("2568")).toBe(2568);
    expect(FiscalYearSchema.safeParse(2025).success).toBe(false); // a CE year is a mistake here
    expect(FiscalYearSchema.safeParse("25.68").success).toBe(false);
  });

  it("names every agency type in Thai with its abbreviation", () => {
    expect(Object.keys(AGENCY_TYPES).sort()).toEqual([...AgencyTypeSchema.options].sort());
    expect(AGENCY_TYPES.sao.abbr).toBe("อบต.");
    expect(AGENCY_TYPES.subdistrict.th).toBe("เทศบาลตำบล");
  });

  it("keeps tenant slugs URL-safe", () => {
    expect(TenantSlugSchema.safeParse("demo2").success).toBe(true);
    expect(TenantSlugSchema.safeParse("Demo").success).toBe(false);
    expect(TenantSlugSchema.safeParse("../x").success).toBe(false);
  });

  it("describes problems as RFC 9457 documents", () => {
    expect(ProblemSchema.safeParse({ type: "about:blank", title: "Not found", status: 404 }).success).toBe(true);
    expect(ProblemSchema.safeParse({ title: "x" }).success).toBe(false);
  });
});
