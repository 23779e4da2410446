import { describe, expect, it } from "vitest";
import { tenantLabel } from "./Layout";

describe("tenantLabel", () => {
  const demo = { tenantName: "จังหวัดสาธิต", tenantNameEn: "Demo Province" };
  it("is the Thai name in Thai and the English name in English", () => {
    expect(tenantLabel(demo, "th")).toBe("จังหวัดสาธิต");
    expect(tenantLabel(demo, "en")).toBe("Demo Province");
  });
  it("falls back to the Thai name when the tenant has no English name", () => {
    expect(tenantLabel({ tenantName: "จังหวัดสาธิต" }, "en")).toBe("จังหวัดสาธิต");
  });
});
