import { describe, expect, it } from "vitest";
import type { RankingRow } from "../api/types";
import { applyView, matchesSearch, rowsToCsv, searchKey, type ViewState } from "./rankings-logic";

function row(over: Partial<RankingRow> & { agencyCode: string; name: string }): RankingRow {
  return {
    rank: null,
    type: "sao",
    size: "S",
    district: "เมือง",
    total: null,
    rating: null,
    iit: null,
    eit: null,
    oit: null,
    indicators: {},
    weakCount: 0,
    previous: null,
    delta: null,
    rankChange: null,
    ...over,
  };
}

const rows: RankingRow[] = [
  row({ agencyCode: "6990101", name: "อบต.ขอนแก่น", rank: 2, total: 90.5, rating: "good", delta: 1.2 }),
  row({ agencyCode: "6990102", name: "อบต.ไก่", rank: 1, total: 96.1, rating: "excellent", delta: -0.5 }),
  row({ agencyCode: "6990103", name: "เทศบาลตำบลกระบี่", rank: 3, total: 85, rating: "pass", type: "subdistrict" }),
  row({ agencyCode: "6990104", name: "อบต.งาม", rank: null, total: null, rating: null }),
  row({ agencyCode: "6990105", name: "อบต.Alpha", rank: 4, total: 60.25, rating: "fail", delta: -3 }),
];

const view = (v: Partial<ViewState> = {}): ViewState => ({ q: "", rating: "", sort: "rank", dir: "asc", ...v });
const codes = (list: RankingRow[]) => list.map((r) => r.agencyCode);

describe("applyView: sorting", () => {
  it("sorts by rank ascending by default, unknown rank last", () => {
    expect(codes(applyView(rows, view()))).toEqual(["6990102", "6990101", "6990103", "6990105", "6990104"]);
  });

  it("keeps unknown values last in both directions", () => {
    const asc = codes(applyView(rows, view({ sort: "total", dir: "asc" })));
    const desc = codes(applyView(rows, view({ sort: "total", dir: "desc" })));
    expect(asc).toEqual(["6990105", "6990103", "6990101", "6990102", "6990104"]);
    expect(desc).toEqual(["6990102", "6990101", "6990103", "6990105", "6990104"]);
    expect(codes(applyView(rows, view({ sort: "delta", dir: "desc" }))).slice(-2)).toEqual(["6990103", "6990104"]);
    expect(codes(applyView(rows, view({ sort: "delta", dir: "asc" }))).slice(-2)).toEqual(["6990103", "6990104"]);
  });

  it("sorts names with Thai collation (a leading vowel does not count), both directions", () => {
    const names = [
      row({ agencyCode: "1", name: "ขอนแก่น" }),
      row({ agencyCode: "2", name: "ไก่" }),
      row({ agencyCode: "3", name: "กระบี่" }),
      row({ agencyCode: "4", name: "แม่ทา" }),
      row({ agencyCode: "5", name: "มะขาม" }),
    ];
    const asc = applyView(names, view({ sort: "name", dir: "asc" })).map((r) => r.name);
    expect(asc).toEqual(["กระบี่", "ไก่", "ขอนแก่น", "มะขาม", "แม่ทา"]);
    const desc = applyView(names, view({ sort: "name", dir: "desc" })).map((r) => r.name);
    expect(desc).toEqual([...asc].reverse());
  });

  it("breaks ties by name in Thai order", () => {
    const tied = [
      row({ agencyCode: "1", name: "ขอนแก่น", total: 90 }),
      row({ agencyCode: "2", name: "ไก่", total: 90 }),
      row({ agencyCode: "3", name: "กระบี่", total: 90 }),
    ];
    expect(applyView(tied, view({ sort: "total", dir: "desc" })).map((r) => r.name)).toEqual(["กระบี่", "ไก่", "ขอนแก่น"]);
  });

  it("does not reorder the rows it was given", () => {
    const before = codes(rows);
    applyView(rows, view({ sort: "name", dir: "desc" }));
    expect(codes(rows)).toEqual(before);
  });
});

describe("applyView: filters", () => {
  it("keeps only the chosen rating", () => {
    expect(codes(applyView(rows, view({ rating: "fail" })))).toEqual(["6990105"]);
    expect(applyView(rows, view({ rating: "AA" }))).toEqual([]);
    expect(applyView(rows, view({ rating: "" }))).toHaveLength(rows.length);
  });

  it("searches by a part of the Thai name", () => {
    expect(codes(applyView(rows, view({ q: "กระบี่" })))).toEqual(["6990103"]);
    expect(codes(applyView(rows, view({ q: "อบต." })))).toEqual(["6990102", "6990101", "6990105", "6990104"]);
  });

  it("searches by agency code, ignores surrounding spaces and letter case", () => {
    expect(codes(applyView(rows, view({ q: " 6990104 " })))).toEqual(["6990104"]);
    expect(codes(applyView(rows, view({ q: "ALPHA" })))).toEqual(["6990105"]);
  });

  it("combines search and rating filter", () => {
    expect(codes(applyView(rows, view({ q: "อบต.", rating: "good" })))).toEqual(["6990101"]);
    expect(applyView(rows, view({ q: "ไม่มีชื่อนี้" }))).toEqual([]);
  });
});

describe("rowsToCsv", () => {
  const headers = ["rank", "rank_change", "agency_code", "name", "type", "size", "district", "total", "rating"];

  it("starts with a UTF-8 BOM, uses CRLF and writes exactly the rows given, in order", () => {
    const shown = applyView(rows, view({ sort: "total", dir: "desc" }));
    const csv = rowsToCsv(shown, headers);
    expect(csv.startsWith("\uFEFFrank,rank_change,agency_code,name")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines).toHaveLength(shown.length + 1);
    expect(lines.slice(1).map((l) => l.split(",")[2])).toEqual(codes(shown));
  });

  it("writes numbers as they are and unknown values as empty cells", () => {
    const csv = rowsToCsv([rows[4] as RankingRow, rows[3] as RankingRow], headers);
    const [, alpha, unknown] = csv.slice(1).trimEnd().split("\r\n");
    expect(alpha).toBe("4,,6990105,อบต.Alpha,sao,S,เมือง,60.25,fail,,,,0,-3");
    expect(unknown).toBe(",,6990104,อบต.งาม,sao,S,เมือง,,,,,,0,");
  });

  it("quotes cells with commas, quotes and line breaks", () => {
    const csv = rowsToCsv([row({ agencyCode: "1", name: 'อบต. "ใหม่", หนึ่ง', district: "a\nb" })], headers);
    expect(csv).toContain(',"อบต. ""ใหม่"", หนึ่ง",');
    expect(csv).toContain(',"a\nb",');
  });

  it("escapes text that a spreadsheet would run as a formula", () => {
    const evil = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"];
    const csv = rowsToCsv(
      evil.map((name, i) => row({ agencyCode: String(i), name })),
      ["name"],
    );
    const cells = csv
      .slice(1)
      .split("\r\n")
      .slice(1)
      .map((l) => l.split(",")[3]);
    expect(cells[0]).toBe(`"'=HYPERLINK(""http://x""`);
    expect(cells[1]).toBe("'+1+1");
    expect(cells[2]).toBe("'-2+3");
    expect(cells[3]).toBe("'@SUM(A1)");
    expect(cells[4]).toBe("'\tcmd");
    expect(csv).toContain(`"'\rcmd"`);
    // Headers go through the same escaping.
    expect(rowsToCsv([], ["=1"])).toBe("\uFEFF'=1\r\n");
  });

  it("keeps negative numbers as numbers (only text is escaped)", () => {
    const csv = rowsToCsv([row({ agencyCode: "1", name: "x", rankChange: -3, delta: -1.5 })], headers);
    const line = csv.slice(1).trimEnd().split("\r\n")[1] ?? "";
    expect(line.split(",")[1]).toBe("-3");
    expect(line.split(",").at(-1)).toBe("-1.5");
  });
});

describe("search by the names people type", () => {
  const sao = { agencyCode: "6990103", name: "องค์การบริหารส่วนตำบลบ่อพัฒนา" };
  const town = { agencyCode: "5990201", name: "เทศบาลตำบลห้วยกุง" };
  const pao = { agencyCode: "6990001", name: "องค์การบริหารส่วนจังหวัดสาธิต" };

  it("finds an agency by its short type form, with or without dots and spaces", () => {
    for (const q of ["อบต.บ่อ", "อบต บ่อพัฒนา", "อบตบ่อ", "อบต.  บ่อพัฒนา"]) expect(matchesSearch(sao, q), q).toBe(true);
    for (const q of ["ทต.ห้วยกุง", "ทต ห้วย"]) expect(matchesSearch(town, q), q).toBe(true);
    expect(matchesSearch(pao, "อบจ.สาธิต")).toBe(true);
  });

  it("still finds by the name as written, part of it, or the code", () => {
    expect(matchesSearch(sao, "ตำบลบ่อ")).toBe(true);
    expect(matchesSearch(sao, "องค์การบริหารส่วนตำบลบ่อ")).toBe(true);
    expect(matchesSearch(sao, "พัฒนา")).toBe(true);
    expect(matchesSearch(sao, "6990103")).toBe(true);
    expect(matchesSearch(sao, "  ")).toBe(true);
  });

  it("does not mix the types up", () => {
    expect(matchesSearch(sao, "ทต.บ่อ")).toBe(false);
    expect(matchesSearch(town, "อบต.ห้วยกุง")).toBe(false);
    expect(matchesSearch(pao, "อบต.สาธิต")).toBe(false);
    expect(matchesSearch(sao, ".")).toBe(false);
  });

  it("shortens the longest type names first", () => {
    expect(searchKey("องค์การบริหารส่วนจังหวัดสาธิต")).toBe("อบจสาธิต");
    expect(searchKey("เทศบาลเมือง บ้านหมี่")).toBe("ทมบ้านหมี่");
  });
});
