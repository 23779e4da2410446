import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import type { DisclosureStatus } from "../api/types";
import {
  boardQuery,
  boardViewFrom,
  canEdit,
  canReview,
  checkUrls,
  compareItemCodes,
  conflictRecords,
  countStatuses,
  daysUntil,
  draftOf,
  filterRecords,
  fixFirst,
  fmtDay,
  fmtWhen,
  groupBySubIndicator,
  isDirty,
  lastChange,
  mergeDraft,
  nextSort,
  parseStatusFilter,
  shortName,
  withScheme,
} from "./disclosure-logic";

const item = (itemCode: string, subIndicator: string, status: DisclosureStatus, gain = 0.4) => ({
  itemCode,
  subIndicator,
  indicator: Number(subIndicator.split(".")[0]),
  status,
  gain,
});

describe("grouping and counting", () => {
  it("groups by sub-indicator in numeric order (9.2 before 10.1, 10.2 after 10.1)", () => {
    const groups = groupBySubIndicator([
      item("O40", "10.2", "approved"),
      item("O1", "9.1", "approved"),
      item("O30", "10.1", "needs_fix"),
      item("O11", "9.2", "submitted"),
      item("O2", "9.1", "not_started"),
    ]);
    expect(groups.map((g) => g.subIndicator)).toEqual(["9.1", "9.2", "10.1", "10.2"]);
    expect(groups[0]?.items.map((i) => i.itemCode)).toEqual(["O1", "O2"]);
    expect(groups[0]?.counts).toEqual({ not_started: 1, in_progress: 0, submitted: 0, needs_fix: 0, approved: 1 });
    expect(groups[2]?.indicator).toBe(10);
  });

  it("counts every status", () => {
    expect(countStatuses(["approved", "approved", "needs_fix"])).toEqual({
      not_started: 0,
      in_progress: 0,
      submitted: 0,
      needs_fix: 1,
      approved: 2,
    });
  });

  it("orders item codes by their number", () => {
    expect(["O10", "O2", "O1", "O43"].sort(compareItemCodes)).toEqual(["O1", "O2", "O10", "O43"]);
  });

  it("filters by one status, by open (not approved) or not at all, keeping the item being edited", () => {
    const rs = [item("O1", "9.1", "approved"), item("O2", "9.1", "needs_fix"), item("O3", "9.1", "submitted")];
    expect(filterRecords(rs, "").map((r) => r.itemCode)).toEqual(["O1", "O2", "O3"]);
    expect(filterRecords(rs, "open").map((r) => r.itemCode)).toEqual(["O2", "O3"]);
    expect(filterRecords(rs, "needs_fix").map((r) => r.itemCode)).toEqual(["O2"]);
    expect(filterRecords(rs, "needs_fix", "O3").map((r) => r.itemCode)).toEqual(["O2", "O3"]);
    expect(parseStatusFilter("needs_fix")).toBe("needs_fix");
    expect(parseStatusFilter("open")).toBe("open");
    expect(parseStatusFilter("everything")).toBe("");
    expect(parseStatusFilter(null)).toBe("");
  });

  it("lists what to fix first: not approved, largest gain first, ties in catalogue order", () => {
    const rs = [
      item("O10", "9.2", "submitted", 0.5),
      item("O39", "10.1", "not_started", 2),
      item("O2", "9.1", "approved", 3),
      item("O9", "9.2", "needs_fix", 0.5),
    ];
    expect(fixFirst(rs).map((r) => r.itemCode)).toEqual(["O39", "O9", "O10"]);
    expect(fixFirst(rs, 1).map((r) => r.itemCode)).toEqual(["O39"]);
  });
});

describe("short names for narrow screens", () => {
  it("abbreviates the agency type the usual way and leaves other names alone", () => {
    expect(shortName("องค์การบริหารส่วนตำบลหนองบอน")).toBe("อบต.หนองบอน");
    expect(shortName("องค์การบริหารส่วนจังหวัดสาธิต")).toBe("อบจ.สาธิต");
    expect(shortName("เทศบาลตำบลห้วยกุง")).toBe("ทต.ห้วยกุง");
    expect(shortName("เทศบาลเมืองสาธิต")).toBe("ทม.สาธิต");
    expect(shortName("เทศบาลนครสาธิต")).toBe("ทน.สาธิต");
    expect(shortName("สำนักงานอื่น")).toBe("สำนักงานอื่น");
  });
});

describe("board view in the URL", () => {
  it("reads sort, direction and filters; drops what the API would refuse", () => {
    expect(boardViewFrom(new URLSearchParams("sort=open&type=sao&district=อำเภอเมือง&overdue=review"))).toEqual({
      sort: "open",
      dir: "desc",
      type: "sao",
      district: "อำเภอเมือง",
      overdue: "review",
    });
    expect(boardViewFrom(new URLSearchParams("sort=bogus&dir=up&type=zoo&overdue=never"))).toEqual({
      sort: "projected",
      dir: "desc",
    });
    expect(boardViewFrom(new URLSearchParams("sort=name"))).toEqual({ sort: "name", dir: "asc" });
  });

  it("toggles direction on the same column, starts another in its natural direction", () => {
    const v = { sort: "open" as const, dir: "desc" as const };
    expect(nextSort(v, "open")).toEqual({ sort: "open", dir: "asc" });
    expect(nextSort(v, "name")).toEqual({ sort: "name", dir: "asc" });
    expect(nextSort({ sort: "name", dir: "asc" }, "progress")).toEqual({ sort: "progress", dir: "desc" });
  });

  it("gives the API (and the CSV link) the same query", () => {
    expect(boardQuery({ sort: "open", dir: "asc", type: "sao" })).toEqual({
      sort: "open",
      dir: "asc",
      type: "sao",
      district: undefined,
      overdue: undefined,
    });
  });
});

describe("evidence URLs", () => {
  it("accepts distinct http(s) addresses and ignores blank rows", () => {
    const r = checkUrls([" https://a.go.th/ita/o1 ", "", "http://a.go.th/x.pdf"]);
    expect(r.urls).toEqual(["https://a.go.th/ita/o1", "http://a.go.th/x.pdf"]);
    expect(r.problems.size).toBe(0);
    expect(r.tooMany).toBe(false);
  });

  it("says what is wrong with each row", () => {
    const r = checkUrls([
      "เว็บไซต์ อบต.",
      "ftp://a.go.th/x",
      "https://a.go.th/1",
      "https://a.go.th/1",
      "javascript:alert(1)",
    ]);
    expect([...r.problems]).toEqual([
      [0, "invalid"],
      [1, "protocol"],
      [3, "duplicate"],
      [4, "protocol"],
    ]);
    expect(r.urls).toEqual(["https://a.go.th/1"]);
    expect(checkUrls([`https://a.go.th/${"x".repeat(2050)}`]).problems.get(0)).toBe("tooLong");
  });

  it("flags more than ten", () => {
    expect(checkUrls(Array.from({ length: 11 }, (_, i) => `https://a.go.th/${i}`)).tooMany).toBe(true);
    expect(checkUrls(Array.from({ length: 10 }, (_, i) => `https://a.go.th/${i}`)).tooMany).toBe(false);
  });
});

describe("drafts and conflicts", () => {
  const record = { evidenceUrls: ["https://a.go.th/1"], note: "เดิม" };

  it("starts from the record (one empty row when there is no URL) and knows when it changed", () => {
    expect(draftOf({ evidenceUrls: [], note: null })).toEqual({ urls: [""], note: "" });
    const d = draftOf(record);
    expect(isDirty(d, record)).toBe(false);
    expect(isDirty({ ...d, urls: [...d.urls, "  "] }, record)).toBe(false);
    expect(isDirty({ ...d, note: "ใหม่" }, record)).toBe(true);
    expect(isDirty({ ...d, urls: ["https://a.go.th/2"] }, record)).toBe(true);
  });

  it("merges my edits on top of theirs (three-way)", () => {
    const base = { evidenceUrls: ["https://a/1", "https://a/2"], note: "n" };
    const mine = { urls: ["https://a/1", "https://a/3"], note: "n" }; // removed 2, added 3
    const theirs = { evidenceUrls: ["https://a/1", "https://a/2", "https://a/4"], note: "their note" };
    expect(mergeDraft(base, mine, theirs)).toEqual({
      urls: ["https://a/1", "https://a/4", "https://a/3"],
      note: "their note",
    });
    // My note wins when I changed it.
    expect(mergeDraft(base, { ...mine, note: "mine" }, theirs).note).toBe("mine");
    // Both removed everything: one empty row to type into.
    expect(mergeDraft(base, { urls: [""], note: "n" }, { evidenceUrls: [], note: null }).urls).toEqual([""]);
  });

  it("reads the current records from a 409 only", () => {
    const current = [{ itemCode: "O1", version: 3 }];
    expect(conflictRecords(new ApiError(409, { status: 409, current }))).toEqual(current);
    expect(conflictRecords(new ApiError(409, { status: 409 }))).toEqual([]);
    expect(conflictRecords(new ApiError(400, { status: 400 }))).toBeNull();
    expect(conflictRecords(new Error("x"))).toBeNull();
  });
});

describe("roles", () => {
  it("lets staff edit any agency and an agency user only its own; reviewers are admin and analyst", () => {
    expect(canEdit("admin", null, "1")).toBe(true);
    expect(canEdit("analyst", null, "1")).toBe(true);
    expect(canEdit("executive", null, "1")).toBe(false);
    expect(canEdit("agency", "1", "1")).toBe(true);
    expect(canEdit("agency", "1", "2")).toBe(false);
    expect(canReview("analyst")).toBe(true);
    expect(canReview("agency")).toBe(false);
    expect(canReview("executive")).toBe(false);
  });
});

describe("dates", () => {
  it("shows calendar days and moments in the Buddhist Era", () => {
    expect(fmtDay("2026-04-30", "th")).toMatch(/30.*2569/);
    expect(fmtDay("2026-04-30", "en")).toMatch(/30 Apr 2569/);
    expect(fmtDay(null, "th")).toBe("–");
    expect(fmtWhen("2026-02-24T02:53:00.000Z", "th")).toMatch(/24.*2569.*09:53/);
    expect(daysUntil("2026-04-30", "2026-04-28")).toBe(2);
    expect(daysUntil("2026-04-30", "2026-05-02")).toBe(-2);
  });
});

describe("evidence URLs typed without https://", () => {
  it("adds https:// to an address that starts like a host name", () => {
    expect(withScheme("bophatthana.go.th/ethics")).toBe("https://bophatthana.go.th/ethics");
    expect(withScheme("www.abc.go.th")).toBe("https://www.abc.go.th");
    expect(withScheme("abc.go.th:8080/x?y=1")).toBe("https://abc.go.th:8080/x?y=1");
    expect(withScheme("เทศบาล.ไทย/ita")).toBe("https://เทศบาล.ไทย/ita");
    expect(checkUrls(["bophatthana.go.th/ethics"]).urls).toEqual(["https://bophatthana.go.th/ethics"]);
  });

  it("leaves addresses with a scheme, and things that are not addresses, for the usual checks", () => {
    expect(withScheme("http://abc.go.th")).toBe("http://abc.go.th");
    expect(withScheme("javascript:alert(1)")).toBe("javascript:alert(1)");
    expect(checkUrls(["javascript:alert(1)"]).problems.get(0)).toBe("protocol");
    expect(withScheme("ดูในเว็บไซต์")).toBe("ดูในเว็บไซต์");
    expect(checkUrls(["ดูในเว็บไซต์"]).problems.get(0)).toBe("invalid");
    expect(checkUrls(["abc.go.th/x", "https://abc.go.th/x"]).problems.get(1)).toBe("duplicate");
  });
});

describe("lastChange", () => {
  const agency = { name: "เจ้าหน้าที่หน่วยงานสาธิต", role: "agency" } as never;
  const analyst = { name: "นักวิเคราะห์สาธิต", role: "analyst" } as never;
  it("names the reviewer when a review came after the agency's last save", () => {
    expect(
      lastChange({
        updatedAt: "2026-11-20T03:00:00.000Z",
        updatedBy: agency,
        reviewedAt: "2026-11-20T04:00:00.000Z",
        reviewedBy: analyst,
      }),
    ).toEqual({ kind: "review", at: "2026-11-20T04:00:00.000Z", by: analyst });
  });
  it("names the agency when it saved after the review (resubmitted), and nothing for a record never written", () => {
    expect(
      lastChange({
        updatedAt: "2026-11-20T05:00:00.000Z",
        updatedBy: agency,
        reviewedAt: "2026-11-20T04:00:00.000Z",
        reviewedBy: analyst,
      }),
    ).toEqual({ kind: "update", at: "2026-11-20T05:00:00.000Z", by: agency });
    expect(lastChange({ updatedAt: null, updatedBy: null, reviewedAt: null, reviewedBy: null })).toBeNull();
  });
});
