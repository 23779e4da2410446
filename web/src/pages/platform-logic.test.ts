import { CreateTenantRequestSchema } from "@prongsai/contracts";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { apiProblems, checkDraft, requestOf, type TenantDraft } from "./platform-logic";

const ok: TenantDraft = { slug: "chiang-mai", name: "จังหวัดเชียงใหม่", nameEn: "", adminEmail: "first@cm.go.th" };

describe("the platform form's checks", () => {
  it("agrees with the API's CreateTenantRequest on what is valid, field by field", () => {
    const samples: Partial<TenantDraft>[] = [
      {},
      { slug: "" },
      { slug: "a" },
      { slug: "ab" },
      { slug: "demo2" },
      { slug: "Demo" },
      { slug: "-demo" },
      { slug: "de mo" },
      { slug: "ก-demo" },
      { slug: "a".repeat(40) },
      { slug: "a".repeat(41) },
      { slug: "  padded  " },
      { name: "" },
      { name: "ก" },
      { name: "กข" },
      { name: "   ก   " },
      { name: "ก".repeat(200) },
      { name: "ก".repeat(201) },
      { nameEn: "Chiang Mai" },
      { nameEn: "   " },
      { nameEn: "x".repeat(201) },
      { adminEmail: "" },
      { adminEmail: "no-at-sign" },
      { adminEmail: "a@b" },
      { adminEmail: "a@b.c" },
      { adminEmail: "First.Admin@CM.go.th" },
      { adminEmail: "  first@cm.go.th  " },
      { adminEmail: "a..b@cm.go.th" },
      { adminEmail: "ผู้ดูแล@cm.go.th" },
      { adminEmail: `${"a".repeat(250)}@cm.go.th` },
    ];
    for (const over of samples) {
      const draft = { ...ok, ...over };
      const api = CreateTenantRequestSchema.safeParse(requestOf(draft));
      const apiFields = api.success ? [] : [...new Set(api.error.issues.map((i) => String(i.path[0])))].sort();
      const ours = checkDraft(draft)
        .map((p) => p.field)
        .sort();
      expect(ours, JSON.stringify(over)).toEqual(apiFields);
    }
  });

  it("sends trimmed values and no empty English name", () => {
    expect(requestOf({ slug: " nan ", name: " จังหวัดน่าน ", nameEn: "  ", adminEmail: " a@nan.go.th " })).toEqual({
      slug: "nan",
      name: "จังหวัดน่าน",
      adminEmail: "a@nan.go.th",
    });
    expect(requestOf({ ...ok, nameEn: " Chiang Mai " }).nameEn).toBe("Chiang Mai");
  });

  it("says what is missing before what is malformed", () => {
    expect(checkDraft({ slug: "", name: "", nameEn: "", adminEmail: "" }).map((p) => p.key)).toEqual([
      "slugRequired",
      "nameRequired",
      "emailRequired",
    ]);
    expect(checkDraft({ slug: "Bad", name: "ก", nameEn: "", adminEmail: "x" }).map((p) => p.key)).toEqual([
      "slugFormat",
      "nameLength",
      "emailFormat",
    ]);
  });
});

describe("the API's refusals as problems of named fields", () => {
  it("puts a 409 on the slug, naming it", () => {
    const e = new ApiError(409, { status: 409, detail: "มี tenant ชื่อ demo แล้ว (Slug demo is taken.)" });
    expect(apiProblems(e, "th", "demo", "x")).toEqual([{ field: "slug", key: "slugTaken", values: { slug: "demo" } }]);
  });

  it("maps each field of a 400's errors[] once; unknown paths keep the API's words", () => {
    const e = new ApiError(400, {
      status: 400,
      detail: "ข้อมูลบางรายการไม่ถูกต้อง (Some parameters are invalid.)",
      errors: [
        { path: "slug", message: "Invalid string: must match pattern" },
        { path: "adminEmail", message: "Invalid email address" },
        { path: "adminEmail", message: "Too big" },
        { path: "extra", message: "ค่าไม่ถูกต้อง (Bad value.)" },
      ],
    });
    expect(apiProblems(e, "th", "x", "fallback")).toEqual([
      { field: "slug", key: "slugFormat" },
      { field: "adminEmail", key: "emailFormat" },
      { field: null, text: "extra: ค่าไม่ถูกต้อง" },
    ]);
  });

  it("gives other refusals in the reader's language, and the fallback for a network failure", () => {
    const forbidden = new ApiError(403, { status: 403, detail: "เฉพาะผู้ดูแลแพลตฟอร์ม (Platform operators only.)" });
    expect(apiProblems(forbidden, "th", "x", "f")).toEqual([{ field: null, text: "เฉพาะผู้ดูแลแพลตฟอร์ม" }]);
    expect(apiProblems(forbidden, "en", "x", "f")).toEqual([{ field: null, text: "Platform operators only." }]);
    expect(apiProblems(new TypeError("Failed to fetch"), "th", "x", "สร้างไม่สำเร็จ")).toEqual([
      { field: null, text: "สร้างไม่สำเร็จ" },
    ]);
  });
});
