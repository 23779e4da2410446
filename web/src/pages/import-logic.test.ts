import { describe, expect, it } from "vitest";
import {
  batchLabel,
  batchWhen,
  contentTypeOf,
  fmtBytes,
  groupByRow,
  type ImportIssue,
  shortBatchId,
  shortSha,
  summarizeCodes,
  templateYears,
  XLSX_TYPE,
} from "./import-logic";
import { pickLang } from "./page-kit";

const issue = (row: number, column: string, code: string, value = ""): ImportIssue => ({
  row,
  column,
  value,
  code,
  message: `ข้อความ ${code}`,
  messageEn: `message ${code}`,
});

describe("groupByRow", () => {
  it("groups by row ascending and keeps each row's order, with unique keys", () => {
    const groups = groupByRow([
      issue(7, "total", "invalid-number", "abc"),
      issue(3, "fiscal_year", "unknown-year", "2599"),
      issue(7, "ind1", "out-of-range", "120"),
      issue(7, "total", "invalid-number", "abc"),
    ]);
    expect(groups.map((g) => g.row)).toEqual([3, 7]);
    expect(groups[1]?.issues.map((e) => e.issue.column)).toEqual(["total", "ind1", "total"]);
    const keys = groups.flatMap((g) => g.issues.map((e) => e.key));
    expect(new Set(keys).size).toBe(keys.length);
  });
  it("is empty for no issues", () => {
    expect(groupByRow([])).toEqual([]);
  });
});

describe("summarizeCodes", () => {
  it("counts by code, most frequent first", () => {
    const s = summarizeCodes([issue(2, "a", "x"), issue(3, "a", "y"), issue(4, "a", "y")]);
    expect(s.map((c) => [c.code, c.count])).toEqual([
      ["y", 2],
      ["x", 1],
    ]);
    expect(s[0]?.example.row).toBe(3);
  });
});

describe("small formatters", () => {
  it("shortens a sha256", () => expect(shortSha("0123456789abcdef0123")).toBe("0123456789ab"));
  it("guesses a content type from the name when the browser gives none", () => {
    expect(contentTypeOf({ name: "a.XLSX", type: "" })).toBe(XLSX_TYPE);
    expect(contentTypeOf({ name: "a.csv", type: "" })).toBe("text/csv");
    expect(contentTypeOf({ name: "a.csv", type: "application/vnd.ms-excel" })).toBe("application/vnd.ms-excel");
    expect(contentTypeOf({ name: "noext", type: "" })).toBe("application/octet-stream");
  });
  it("offers framework years and data years, newest first, once each", () => {
    expect(templateYears([2566, 2569])).toEqual([2569, 2568, 2567, 2566, 2565, 2564, 2563, 2562]);
  });
  it("writes sizes for people", () => {
    expect(fmtBytes(0)).toBe("0 B");
    expect(fmtBytes(2048)).toBe("2 KB");
    expect(fmtBytes(3 * 1024 * 1024)).toBe("3.0 MB");
  });
});

describe("pickLang", () => {
  const text = "ย้อนกลับไม่ได้: 3 แถวถูกแก้ไขหลังการนำเข้านี้ (Cannot roll back: 3 row(s) changed since this import.)";
  it("splits 'ไทย (English)' details by language", () => {
    expect(pickLang(text, "th")).toBe("ย้อนกลับไม่ได้: 3 แถวถูกแก้ไขหลังการนำเข้านี้");
    expect(pickLang(text, "en")).toBe("Cannot roll back: 3 row(s) changed since this import.");
    expect(pickLang("รหัสผ่านต้องยาวอย่างน้อย 10 ตัวอักษร (at least 10 characters)", "en")).toBe("at least 10 characters");
  });
  it("leaves other text whole", () => {
    expect(pickLang("Some parameters are invalid.", "th")).toBe("Some parameters are invalid.");
    expect(pickLang("ไม่มีวงเล็บ", "en")).toBe("ไม่มีวงเล็บ");
  });
});

describe("batch labels", () => {
  const batch = { id: 1_795_279_817_622_866, fileName: "ผล 2568.csv", createdAt: "2026-11-21T16:50:00.000Z" };
  it("keeps the last five digits of a long id, and short ids whole", () => {
    expect(shortBatchId(batch.id)).toBe("22866");
    expect(shortBatchId(5)).toBe("5");
    expect(shortBatchId(123456)).toBe("123456");
  });
  it("reads as file, Bangkok time in the Buddhist Era, short id", () => {
    expect(batchWhen(batch, "th")).toBe("21 พ.ย. 2569 23:50 · #22866");
    expect(batchLabel(batch, "th")).toBe("ผล 2568.csv · 21 พ.ย. 2569 23:50 · #22866");
    expect(batchLabel(batch, "en")).toBe("ผล 2568.csv · 21 Nov 2026, 23:50 · #22866");
  });
});
