// Reading and parsing results files (src/import/read.ts, parse.ts, columns.ts). Runs inside workerd, so encodings
// (TextDecoder "windows-874") and the XLSX libraries (read-excel-file, fflate) are checked in the real runtime.
import { frameworkFor } from "@prongsai/ita";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import writeXlsxFile from "write-excel-file/universal";
import { columnKeyOf, TEMPLATE_COLUMNS, templateHeader } from "../src/import/columns";
import { parseImportFile, parseRows } from "../src/import/parse";
import {
  decodeText,
  MAX_XLSX_UNPACKED_BYTES,
  numberCellText,
  readTable,
  readXlsx,
  XLSX_CONTENT_TYPE,
} from "../src/import/read";
import { IMPORT_LIMITS, ImportFileError, type ImportIssue, type ParseOutcome } from "../src/import/types";
import { RESULTS_OPENPYXL_XLSX_BASE64 } from "./fixtures/results-openpyxl";

const utf8 = (text: string) => new TextEncoder().encode(text);

function csv(text: string, contentType: string | null = "text/csv", fileName: string | null = "results.csv") {
  return { bytes: utf8(text), contentType, fileName };
}

function parseCsv(lines: string[]): Promise<ParseOutcome> {
  return parseImportFile(csv(lines.join("\r\n")));
}

/** Windows-874 encoder for the test: ASCII as is, Thai U+0E01–U+0E5B → 0xA1–0xFB. */
function toWindows874(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) out.push(cp);
    else if (cp >= 0x0e01 && cp <= 0x0e5b) out.push(cp - 0x0e01 + 0xa1);
    else throw new Error(`not encodable in Windows-874: ${ch}`);
  }
  return new Uint8Array(out);
}

function toUtf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = c & 0xff;
    out[3 + 2 * i] = c >> 8;
  }
  return out;
}

async function fileError(fn: () => Promise<unknown>): Promise<ImportFileError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof ImportFileError) return e;
    throw e;
  }
  throw new Error("expected an ImportFileError");
}

function only(issues: ImportIssue[], code: string): ImportIssue {
  const found = issues.filter((i) => i.code === code);
  expect(found, `issues with code ${code}: ${JSON.stringify(issues)}`).toHaveLength(1);
  return found[0] as ImportIssue;
}

function expectIssue(issue: ImportIssue, expected: Partial<ImportIssue>): void {
  expect(issue).toMatchObject(expected);
  expect(issue.message.length).toBeGreaterThan(0);
  expect(issue.messageEn.length).toBeGreaterThan(0);
  expect(issue.message).toMatch(/[\u0E00-\u0E7F]/); // Thai
}

const XLSX_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

/** A minimal XLSX built by hand (with fflate), to exercise what other writers do differently. */
function handMadeXlsx(sheetXml: string, sharedStrings: string[] = [], extraSheet?: string): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    ),
    "_rels/.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    // Prefixed SpreadsheetML; the first sheet listed is not sheet1.xml and is not the lowest sheetId.
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="${XLSX_MAIN_NS}" xmlns:r="${REL_NS}"><x:sheets><x:sheet name="ผล" sheetId="2" r:id="rId7"/><x:sheet name="อื่น" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Type="${REL_NS}/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId3" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    ),
    // Cell styles: 1 = a date (built-in format 14), 3 = two decimals (built-in format 2).
    "xl/styles.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><x:styleSheet xmlns:x="${XLSX_MAIN_NS}"><x:cellXfs count="4"><x:xf numFmtId="0"/><x:xf numFmtId="14" applyNumberFormat="1"/><x:xf numFmtId="0"/><x:xf numFmtId="2" applyNumberFormat="1"/></x:cellXfs></x:styleSheet>`,
    ),
    "xl/sharedStrings.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><x:sst xmlns:x="${XLSX_MAIN_NS}">${sharedStrings.map((s) => `<x:si>${s}</x:si>`).join("")}</x:sst>`,
    ),
    "xl/worksheets/data.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${XLSX_MAIN_NS}"><x:sheetData>${sheetXml}</x:sheetData></x:worksheet>`,
    ),
    "xl/worksheets/sheet1.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${XLSX_MAIN_NS}"><sheetData>${extraSheet ?? '<row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row>'}</sheetData></worksheet>`,
    ),
  };
  return zipSync(files);
}

/** The archive with one entry's unpacked size in the central directory replaced (what fflate's filter sees). */
function withDirectorySize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 46 <= out.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue; // central directory file header
    const nameLength = view.getUint16(i + 28, true);
    if (strFromU8(out.subarray(i + 46, i + 46 + nameLength)) === name) {
      view.setUint32(i + 24, size, true);
      return out;
    }
  }
  throw new Error(`${name} is not in the archive`);
}

/** 88.98 plus one unit in the last place: what a spreadsheet formula can leave behind. */
const NOISY_88_98 = 88.98 + 2 ** -46;

const inl = (ref: string, text: string) => `<x:c r="${ref}" t="inlineStr"><x:is><x:t>${text}</x:t></x:is></x:c>`;

describe("columns", () => {
  it.each([
    [2564, 43],
    [2566, 43],
    [2568, 26],
    [2567, 0],
  ])("templateHeader(%i) has %i OIT columns and round-trips through columnKeyOf", (year, oitCount) => {
    const header = templateHeader(year);
    const oit = header.filter((h) => /^o\d+$/.test(h));
    expect(oit).toHaveLength(oitCount);
    if (oitCount > 0) expect(oit[0]).toBe("o1");
    expect(oit.at(-1)).toBe(oitCount > 0 ? `o${oitCount}` : undefined);
    expect(header.filter((h) => /^i\d+$/.test(h))).toHaveLength(30);
    expect(header.filter((h) => /^e\d+$/.test(h))).toHaveLength(15);
    expect(header).toHaveLength(TEMPLATE_COLUMNS.length + oitCount + 45);
    expect(header[0]).toBe("รหัสหน่วยงาน (agency_code)");
    const keys = header.map(columnKeyOf);
    expect(keys.slice(0, TEMPLATE_COLUMNS.length)).toEqual(TEMPLATE_COLUMNS.map((c) => c.key));
    expect(keys.slice(TEMPLATE_COLUMNS.length)).toEqual(header.slice(TEMPLATE_COLUMNS.length));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("reads headers however they are written", () => {
    for (const h of [
      "agency_code",
      "AGENCY_CODE",
      "Agency Code",
      "รหัสหน่วยงาน",
      "รหัสหน่วยงาน (agency_code)",
      " รหัสหน่วยงาน(agency_code) ",
    ]) {
      expect(columnKeyOf(h), h).toBe("agency_code");
    }
    expect(columnKeyOf("ปีงบประมาณ")).toBe("fiscal_year");
    expect(columnKeyOf("ตัวชี้วัดที่ ๑๐")).toBe("ind10");
    expect(columnKeyOf("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่")).toBe("ind1");
    expect(columnKeyOf("EIT_PART1")).toBe("eit_part1");
    expect(columnKeyOf("คะแนน EIT ส่วนที่ 2")).toBe("eit_part2");
    expect(columnKeyOf("O1")).toBe("o1");
    expect(columnKeyOf("o01")).toBe("o1");
    expect(columnKeyOf("O๔๓")).toBe("o43");
    expect(columnKeyOf("O12 (รายงานผลการจัดซื้อจัดจ้าง)")).toBe("o12");
    expect(columnKeyOf("I30")).toBe("i30");
    expect(columnKeyOf("e15")).toBe("e15");
    expect(columnKeyOf("หมายเหตุ")).toBeNull();
    expect(columnKeyOf("o0")).toBeNull();
    expect(columnKeyOf("")).toBeNull();
  });
});

describe("encodings and formats", () => {
  const thaiCsv = [
    "agency_code,agency_name,agency_type,fiscal_year,total",
    "6401,องค์การบริหารส่วนตำบลลุ่มพื้ก,อบต.,2564,58.08",
    "6402,เทศบาลตำบลบ้านใหม่,ทต.,2564,90.5",
  ].join("\r\n");

  it("reads UTF-8 without BOM", async () => {
    const out = await parseImportFile(csv(thaiCsv));
    expect(out.errors).toEqual([]);
    expect(out.rows.map((r) => [r.agency.nameTh, r.agency.type, r.total])).toEqual([
      ["องค์การบริหารส่วนตำบลลุ่มพื้ก", "sao", 5808],
      ["เทศบาลตำบลบ้านใหม่", "subdistrict", 9050],
    ]);
  });

  it("reads UTF-8 with BOM (the BOM does not stick to the first header)", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(thaiCsv)]);
    const out = await parseImportFile({ bytes, contentType: "text/csv", fileName: "a.csv" });
    expect(out.errors).toEqual([]);
    expect(out.warnings).toEqual([]);
    expect(out.rows[0]?.agencyCode).toBe("6401");
  });

  it("workerd's TextDecoder knows windows-874 (and tis-620 as its label)", () => {
    expect(new TextDecoder("windows-874").encoding).toBe("windows-874");
    expect(new TextDecoder("tis-620").encoding).toBe("windows-874");
  });

  it("reads a real Windows-874 (TIS-620) file with Thai names", async () => {
    const bytes = toWindows874(thaiCsv);
    expect(() => new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes)).toThrow();
    expect(decodeText(bytes).encoding).toBe("windows-874");
    const out = await parseImportFile({ bytes, contentType: "text/csv", fileName: "tis620.csv" });
    expect(out.errors).toEqual([]);
    expect(out.rows.map((r) => r.agency.nameTh)).toEqual(["องค์การบริหารส่วนตำบลลุ่มพื้ก", "เทศบาลตำบลบ้านใหม่"]);
    expect(out.rows[0]?.agency.type).toBe("sao");
  });

  it("reads Excel's 'Unicode text' (UTF-16LE with BOM, tab-separated)", async () => {
    const bytes = toUtf16le(thaiCsv.replaceAll(",", "\t"));
    const out = await parseImportFile({ bytes, contentType: "text/plain", fileName: "results.txt" });
    expect(out.errors).toEqual([]);
    expect(out.rows[1]?.agency.nameTh).toBe("เทศบาลตำบลบ้านใหม่");
  });

  it("refuses text that is neither UTF-8 nor Windows-874", async () => {
    // 0xDB–0xDE are not assigned in Windows-874 and are not valid UTF-8 here.
    const bytes = new Uint8Array([...utf8("agency_code,fiscal_year\r\n"), 0xdb, 0xdc, 0x2c, 0x31]);
    expect((await fileError(() => readTable({ bytes, contentType: "text/csv", fileName: "x.csv" }))).code).toBe(
      "unreadable-file",
    );
  });

  it("refuses a CSV with an unclosed quote instead of swallowing the rest", async () => {
    const e = await fileError(() =>
      readTable(csv('agency_code,fiscal_year,agency_name\r\n1,2566,"อบต.หนึ่ง\r\n2,2566,x\r\n')),
    );
    expect(e.code).toBe("unreadable-file");
  });

  it("keeps quoted commas and line breaks inside a cell", async () => {
    const out = await parseCsv([
      "agency_code,fiscal_year,agency_name,total",
      '1,2566,"อบต.หนึ่ง, จ.สอง",90',
      "2,2566,x,91",
    ]);
    expect(out.errors).toEqual([]);
    expect(out.rows[0]?.agency.nameTh).toBe("อบต.หนึ่ง, จ.สอง");
    expect(out.rows[1]?.row).toBe(3);
  });

  it("tells CSV from XLSX by type, name and content", async () => {
    const text = "agency_code,fiscal_year,total\r\nA,2566,90\r\n";
    for (const [type, name] of [
      ["text/csv", null],
      ["application/vnd.ms-excel", "r.csv"],
      ["application/octet-stream", null],
      [null, "r.CSV"],
      [null, null],
    ] as const) {
      expect((await parseImportFile(csv(text, type, name))).rows, `${type} ${name}`).toHaveLength(1);
    }
    expect((await fileError(() => readTable(csv(text, "application/pdf", "r.pdf")))).code).toBe("unsupported-type");
    expect((await fileError(() => readTable(csv(text, XLSX_CONTENT_TYPE, "r.xlsx")))).code).toBe("unreadable-file");
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const e = await fileError(() =>
      readTable({ bytes: xls, contentType: "application/vnd.ms-excel", fileName: "old.xls" }),
    );
    expect(e.code).toBe("unsupported-type");
    expect(e.messageEn).toMatch(/xlsx/);
    const brokenZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]);
    expect((await fileError(() => readTable({ bytes: brokenZip, contentType: null, fileName: null }))).code).toBe(
      "unreadable-file",
    );
  });
});

describe("XLSX", () => {
  it("reads a file written by write-excel-file: numbers exact, Thai text, booleans, first sheet only", async () => {
    const header = [
      "agency_code",
      "agency_name",
      "ปีงบประมาณ",
      "iit",
      "eit_part1",
      "eit_part2",
      "oit",
      "total",
      "rating",
      "o1",
      "o2",
    ];
    const blob = await writeXlsxFile([
      {
        data: [
          header,
          ["10", "กรุงเทพมหานคร", 2566, 82.44, 79.4, 82.24, 100, NOISY_88_98, "ผ่าน", true, "ไม่มี"],
          ["11", "อบต.สอง", 2023, 0.1 + 0.2, null, null, null, 88.981, null, 1, 0],
        ],
        sheet: "ผลการประเมิน",
      },
      {
        data: [
          ["agency_code", "fiscal_year"],
          ["X", "2566"],
        ],
        sheet: "Other",
      },
    ]).toBlob();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect(bytes[0]).toBe(0x50); // "PK"
    // The float noise really is in the file, as Excel would store it.
    const sheetXml = strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"] ?? new Uint8Array());
    expect(sheetXml).toContain("88.98000000000002");
    for (const contentType of [XLSX_CONTENT_TYPE, "application/octet-stream", null]) {
      const out = await parseImportFile({ bytes, contentType, fileName: contentType ? "r.xlsx" : null });
      expect(out.rowCount).toBe(2);
      expect(out.rows).toHaveLength(1);
      expect(out.rows[0]).toMatchObject({
        row: 2,
        agencyCode: "10",
        agency: { nameTh: "กรุงเทพมหานคร" },
        fiscalYear: 2566,
        tools: { iit: 8244, eitPart1: 7940, eitPart2: 8224, oit: 10000 },
        total: 8898,
        rating: "pass",
        items: { oit: { O1: 10000, O2: 0 } },
      });
      // Row 3: 0.30000000000000004 is 0.3 (within 1e-9), 88.981 really has three decimals.
      expectIssue(only(out.errors, "too-many-decimals"), { row: 3, column: "total", value: "88.981" });
      expect(out.errors).toHaveLength(1);
    }
  });

  it("reads a file written by openpyxl (fixture): 16-digit floats, Thai as character references", async () => {
    const bytes = Uint8Array.from(atob(RESULTS_OPENPYXL_XLSX_BASE64), (c) => c.charCodeAt(0));
    const out = await parseImportFile({ bytes, contentType: XLSX_CONTENT_TYPE, fileName: "openpyxl.xlsx" });
    expect(out.errors).toEqual([]);
    expect(out.warnings.map((w) => [w.code, w.column])).toEqual([["unknown-column", "วันที่บันทึก"]]);
    expect(out.rowCount).toBe(2);
    expect(out.rows).toEqual([
      {
        row: 2,
        agencyCode: "0640001",
        agency: { nameTh: "กรุงเทพมหานคร", type: "other" },
        fiscalYear: 2566,
        indicators: {},
        tools: { iit: 8244, eitPart1: 7940, eitPart2: 8224, oit: 10000 },
        total: 8898,
        rating: "pass",
        items: { oit: { O1: 10000, O2: 0 }, iit: {}, eit: {} },
      },
      {
        row: 4,
        agencyCode: "0640002",
        agency: { nameTh: "องค์การบริหารส่วนตำบลลุ่มพื้ก", type: "sao" },
        fiscalYear: 2564,
        indicators: {},
        tools: { iit: 7336, oit: 2042 },
        total: 5808,
        rating: "D",
        items: { oit: { O1: 0, O2: 10000 }, iit: {}, eit: {} },
      },
    ]);
  });

  it("reads prefixed SpreadsheetML, shared rich text, inline strings, formulas, gaps, error cells and dates", async () => {
    const strings = [
      "<x:t>agency_code</x:t>",
      '<x:r><x:t>ชื่อ</x:t></x:r><x:r><x:t xml:space="preserve">หน่วยงาน</x:t></x:r><x:rPh sb="0" eb="1"><x:t>PHONETIC</x:t></x:rPh>',
      "<x:t>fiscal_year</x:t>",
      "<x:t>O1</x:t>",
      "<x:t>iit</x:t>",
      "<x:t>อบต.ทดสอบ &amp; ตัวอย่าง</x:t>",
    ];
    const sheet = [
      '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c><x:c r="D1" t="s"><x:v>3</x:v></x:c><x:c r="E1" t="s"><x:v>4</x:v></x:c>',
      `${inl("F1", "total")}</x:row>`,
      '<x:row r="2"><x:c r="A2"><x:v>64001</x:v></x:c><x:c r="B2" t="s"><x:v>5</x:v></x:c><x:c r="C2"><x:v>2566</x:v></x:c><x:c r="D2" t="b"><x:v>1</x:v></x:c><x:c r="E2" s="3"><x:v>82.440000000000012</x:v></x:c><x:c r="F2" t="str"><x:f>ROUND(E2,2)</x:f><x:v>88.98</x:v></x:c></x:row>',
      '<x:row r="3" spans="1:6"></x:row>',
      `<x:row r="4">${inl("A4", "64002")}${inl("C4", "๒๕๖๖")}<x:c r="E4" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c r="F4" s="1"><x:v>45292</x:v></x:c></x:row>`,
    ].join("");
    const bytes = handMadeXlsx(sheet, strings);
    const table = await readTable({ bytes, contentType: XLSX_CONTENT_TYPE, fileName: "hand.xlsx" });
    expect(table[0]).toEqual(["agency_code", "ชื่อหน่วยงาน", "fiscal_year", "O1", "iit", "total"]);
    expect(table[2]).toEqual([]);
    // A formula error stays visible (so it is reported); a date-formatted number arrives as a date.
    expect(table[3]).toEqual(["64002", "", "๒๕๖๖", "", "#DIV/0!", "2024-01-01"]);
    const out = parseRows(table);
    expect(out.rowCount).toBe(2);
    expect(out.rows).toEqual([
      {
        row: 2,
        agencyCode: "64001",
        agency: { nameTh: "อบต.ทดสอบ & ตัวอย่าง" },
        fiscalYear: 2566,
        indicators: {},
        tools: { iit: 8244 },
        total: 8898,
        items: { oit: { O1: 10000 }, iit: {}, eit: {} },
      },
    ]);
    const invalid = out.errors.filter((e) => e.code === "invalid-number");
    expect(invalid.map((e) => [e.row, e.column, e.value])).toEqual([
      [4, "iit", "#DIV/0!"],
      [4, "total", "2024-01-01"],
    ]);
  });

  it("never expands custom XML entities and refuses XML that unpacks too large", async () => {
    const sheet = `<x:row r="1">${inl("A1", "agency_code")}${inl("B1", "fiscal_year")}${inl("C1", "agency_name")}</x:row><x:row r="2">${inl("A2", "A")}${inl("B2", "2566")}${inl("C2", "&lol;")}</x:row>`;
    const bytes = handMadeXlsx(sheet);
    // Put a DOCTYPE with an entity definition in front of the sheet, as an entity-expansion attack would.
    const files = unzipSync(bytes);
    const xml = strFromU8(files["xl/worksheets/data.xml"] ?? new Uint8Array());
    files["xl/worksheets/data.xml"] = strToU8(
      xml.replace("<x:worksheet", '<!DOCTYPE x [<!ENTITY lol "lollollollollollollollol">]><x:worksheet'),
    );
    const evil = zipSync(files);
    const out = await parseImportFile({ bytes: evil, contentType: XLSX_CONTENT_TYPE, fileName: "evil.xlsx" });
    expect(out.rows[0]?.agency.nameTh).toBe("&lol;");
    expect((await fileError(() => readXlsx(evil, 200))).code).toBe("file-too-large");
    expect(await readXlsx(evil, 10_000)).toHaveLength(2);
  });

  it("refuses a zip bomb from the archive's directory, before inflating anything", async () => {
    const bytes = handMadeXlsx(`<x:row r="1">${inl("A1", "agency_code")}${inl("B1", "fiscal_year")}</x:row>`);
    // Claim, in the central directory, that the sheet unpacks to just over the limit (as a bomb's would).
    const bomb = withDirectorySize(bytes, "xl/worksheets/data.xml", MAX_XLSX_UNPACKED_BYTES + 1);
    const e = await fileError(() => readTable({ bytes: bomb, contentType: XLSX_CONTENT_TYPE, fileName: "bomb.xlsx" }));
    expect(e.code).toBe("file-too-large");
    expect(e.messageEn).toMatch(/unpacked/);
  });

  it("reads a sheet big enough for fflate to want a Worker (over 512 KB unpacked) in workerd", async () => {
    const rows = [`<x:row r="1">${inl("A1", "agency_code")}${inl("B1", "fiscal_year")}${inl("C1", "total")}</x:row>`];
    for (let r = 2; r <= 6001; r++) {
      rows.push(
        `<x:row r="${r}">${inl(`A${r}`, `A${r}`)}<x:c r="B${r}"><x:v>2566</x:v></x:c><x:c r="C${r}"><x:v>${(r % 10000) / 100}</x:v></x:c></x:row>`,
      );
    }
    const bytes = handMadeXlsx(rows.join(""));
    // fflate's asynchronous unzip inflates such an entry (≥ 512 KB, compressed) in a Worker, which workerd lacks.
    let sheet = { size: 0, originalSize: 0 };
    unzipSync(bytes, {
      filter: (f) => {
        if (f.name === "xl/worksheets/data.xml") sheet = f;
        return false;
      },
    });
    expect(sheet.originalSize).toBeGreaterThan(512 * 1024);
    expect(sheet.size).toBeLessThan(0.8 * sheet.originalSize);
    const out = await parseImportFile({ bytes, contentType: XLSX_CONTENT_TYPE, fileName: "six-thousand.xlsx" });
    expect(out.errors).toEqual([]);
    expect(out.rowCount).toBe(6000);
    expect(out.rows.at(-1)).toMatchObject({ row: 6001, agencyCode: "A6001", fiscalYear: 2566, total: 6001 });
  });

  it("refuses an XLSX with more than 20,000 data rows (the whole file)", async () => {
    const rows = [`<x:row r="1">${inl("A1", "agency_code")}${inl("B1", "fiscal_year")}</x:row>`];
    for (let r = 2; r <= IMPORT_LIMITS.maxRows + 2; r++) {
      rows.push(`<x:row r="${r}">${inl(`A${r}`, `A${r}`)}<x:c r="B${r}"><x:v>2566</x:v></x:c></x:row>`);
    }
    const bytes = handMadeXlsx(rows.join(""));
    const e = await fileError(() => readTable({ bytes, contentType: XLSX_CONTENT_TYPE, fileName: "big.xlsx" }));
    expect(e.code).toBe("too-many-rows");
    expect(e.messageEn).toMatch(/20,001 data rows.*20,000/);
  });

  it("turns spreadsheet floats into exact two-decimal text", () => {
    expect(String(NOISY_88_98)).toBe("88.98000000000002");
    expect(numberCellText(NOISY_88_98)).toBe("88.98");
    expect(numberCellText(0.1 + 0.2)).toBe("0.3");
    expect(numberCellText(79.4)).toBe("79.4");
    expect(numberCellText(100)).toBe("100");
    expect(numberCellText(2566)).toBe("2566");
    expect(numberCellText(88.981)).toBe("88.981");
    expect(numberCellText(88.98 + 1e-8)).toBe("88.98000001");
    expect(numberCellText(1e-7)).toBe("0.0000001");
  });
});

describe("values", () => {
  it("accepts Thai digits in scores, years, codes and item columns", async () => {
    const out = await parseCsv(["agency_code,fiscal_year,iit,ind1,o1,i3,e15", "๖๔๐๐๑,๒๕๖๖,๘๒.๔๔,๑๐๐,๑,๖๖.๖๗,๐"]);
    expect(out.errors).toEqual([]);
    expect(out.rows[0]).toMatchObject({
      agencyCode: "64001",
      fiscalYear: 2566,
      tools: { iit: 8244 },
      indicators: { 1: 10000 },
      items: { oit: { O1: 10000 }, iit: { i3: 6667 }, eit: { e15: 0 } },
    });
  });

  it("stores CE years as BE", async () => {
    const out = await parseCsv(["agency_code,fiscal_year", "A,2023", "B,2019", "C,พ.ศ. 2568", "D,2562"]);
    expect(out.errors).toEqual([]);
    expect(out.rows.map((r) => r.fiscalYear)).toEqual([2566, 2562, 2568, 2562]);
  });

  it("reads the template's Thai headers", () => {
    const header = templateHeader(2566);
    const row = new Array<string>(header.length).fill("");
    const set = (h: string, v: string) => {
      row[header.indexOf(h)] = v;
    };
    set("รหัสหน่วยงาน (agency_code)", "10");
    set("ชื่อหน่วยงาน (agency_name)", "กรุงเทพมหานคร");
    set("ประเภทหน่วยงาน (agency_type)", "อื่น ๆ");
    set("ขนาดหน่วยงาน (size)", "L");
    set("อำเภอ (district)", "พระนคร");
    set("ปีงบประมาณ (fiscal_year)", "2566");
    set("คะแนน IIT (iit)", "82.44");
    set("คะแนน EIT ส่วนที่ 1 (eit_part1)", "79.40");
    set("คะแนน EIT ส่วนที่ 2 (eit_part2)", "82.24");
    set("คะแนน OIT (oit)", "100");
    set("คะแนนรวม (total)", "88.98");
    set("ผลการประเมิน (rating)", "ผ่าน");
    set("o43", "มี");
    set("i30", "50");
    const out = parseRows([header, row]);
    expect(out.errors).toEqual([]);
    expect(out.warnings).toEqual([]);
    expect(out.rows[0]).toEqual({
      row: 2,
      agencyCode: "10",
      agency: { nameTh: "กรุงเทพมหานคร", type: "other", size: "L", district: "พระนคร" },
      fiscalYear: 2566,
      indicators: {},
      tools: { iit: 8244, eitPart1: 7940, eitPart2: 8224, oit: 10000 },
      total: 8898,
      rating: "pass",
      items: { oit: { O43: 10000 }, iit: { i30: 5000 }, eit: {} },
    });
  });

  it("reads the published cases of ITA.md", async () => {
    const out = await parseCsv([
      "agency_code,agency_name,agency_type,fiscal_year,iit,eit,eit_part1,eit_part2,oit,total,rating",
      "6401,องค์การบริหารส่วนตำบลลุ่มพื้ก,อบต.,2564,73.36,93.02,,,20.42,58.08,D",
      "10,กรุงเทพมหานคร,other,2566,82.44,,79.40,82.24,100,88.98,ผ่าน",
    ]);
    expect(out.errors).toEqual([]);
    expect(out.rows.map((r) => [r.fiscalYear, r.tools, r.total, r.rating])).toEqual([
      [2564, { iit: 7336, eit: 9302, oit: 2042 }, 5808, "D"],
      [2566, { iit: 8244, eitPart1: 7940, eitPart2: 8224, oit: 10000 }, 8898, "pass"],
    ]);
  });

  it("treats blank cells as unknown and skips blank rows without counting them", async () => {
    const out = await parseCsv([
      "agency_code,agency_name,agency_type,size,district,fiscal_year,iit,ind1,o1,i1,rating",
      "A,,,,,2566,,,,,",
      ",,,,,,,,,,",
      "",
      "B,  ,,,,2566,  ,,,,",
    ]);
    expect(out.errors).toEqual([]);
    expect(out.rowCount).toBe(2);
    expect(out.rows.map((r) => r.row)).toEqual([2, 5]);
    expect(out.rows[0]).toEqual({
      row: 2,
      agencyCode: "A",
      agency: {},
      fiscalYear: 2566,
      indicators: {},
      tools: {},
      items: { oit: {}, iit: {}, eit: {} },
    });
  });

  it("reads OIT items as มี/ไม่มี, yes/no, 1/0, 100/0, true/false and ✓", () => {
    const answers = ["มี", "ไม่มี", "YES", "no", "y", "N", "1", "0", "100", "๑", "TRUE", "false", "✓", "๐"];
    const header = ["agency_code", "fiscal_year", ...answers.map((_, k) => `O${k + 1}`)];
    const out = parseRows([header, ["A", "2566", ...answers]]);
    expect(out.errors).toEqual([]);
    expect(out.rows[0]?.items.oit).toEqual({
      O1: 10000,
      O2: 0,
      O3: 10000,
      O4: 0,
      O5: 10000,
      O6: 0,
      O7: 10000,
      O8: 0,
      O9: 10000,
      O10: 10000,
      O11: 10000,
      O12: 0,
      O13: 10000,
      O14: 0,
    });
  });

  it("maps agency types, sizes and ratings written in any of their forms", () => {
    const types: [string, string][] = [
      ["องค์การบริหารส่วนตำบล", "sao"],
      ["อบต.", "sao"],
      ["อบต", "sao"],
      ["เทศบาลตำบล", "subdistrict"],
      ["ทต.", "subdistrict"],
      ["เทศบาลเมือง", "town"],
      ["ทม.", "town"],
      ["เทศบาลนคร", "city"],
      ["ทน", "city"],
      ["องค์การบริหารส่วนจังหวัด", "pao"],
      ["อบจ.", "pao"],
      ["SAO", "sao"],
      ["subdistrict", "subdistrict"],
      ["องค์การบริหารส่วนต\u0E4D\u0E32บล", "sao"], // nikhahit + sara aa typed for sara am
    ];
    const sizes: [string, string][] = [
      ["s", "S"],
      ["M", "M"],
      ["ใหญ่", "L"],
      ["เล็ก", "S"],
      ["กลาง", "M"],
    ];
    const ratings: [string, string, string][] = [
      ["2566", "ผ่านดี", "good"],
      ["2566", "ผ่านดีเยี่ยม", "excellent"],
      ["2566", "ไม่ผ่าน", "fail"],
      ["2566", "Good pass", "good"],
      ["2568", "PASS", "pass"],
      ["2564", "a", "A"],
      ["2564", "AA", "AA"],
      ["2563", "f", "F"],
    ];
    const table = [["agency_code", "fiscal_year", "agency_type", "size", "rating"]];
    types.forEach(([t], k) => {
      table.push([`T${k}`, "2566", t, "", ""]);
    });
    sizes.forEach(([s], k) => {
      table.push([`S${k}`, "2566", "", s, ""]);
    });
    ratings.forEach(([y, r], k) => {
      table.push([`R${k}`, y, "", "", r]);
    });
    const out = parseRows(table);
    expect(out.errors).toEqual([]);
    const byCode = new Map(out.rows.map((r) => [r.agencyCode, r]));
    types.forEach(([text, key], k) => {
      expect(byCode.get(`T${k}`)?.agency.type, text).toBe(key);
    });
    sizes.forEach(([text, key], k) => {
      expect(byCode.get(`S${k}`)?.agency.size, text).toBe(key);
    });
    ratings.forEach(([, text, key], k) => {
      expect(byCode.get(`R${k}`)?.rating, text).toBe(key);
    });
  });
});

describe("errors and warnings", () => {
  it("missing required columns (row 1), nothing else parsed", async () => {
    const out = await parseCsv(["agency_name,iit", "อบต.หนึ่ง,80"]);
    expect(out.rows).toEqual([]);
    expect(out.rowCount).toBe(1);
    expect(out.errors.map((e) => [e.code, e.row, e.column])).toEqual([
      ["missing-column", 1, "agency_code"],
      ["missing-column", 1, "fiscal_year"],
    ]);
    expectIssue(out.errors[0] as ImportIssue, { value: "" });
  });

  it("duplicate headers are an error; unknown and unnamed ones are warnings", async () => {
    const out = await parseCsv(["agency_code,fiscal_year,หมายเหตุ,รหัสหน่วยงาน,,iit", "A,2566,ดี,A,x,80"]);
    expectIssue(only(out.errors, "duplicate-column"), { row: 1, column: "รหัสหน่วยงาน", value: "รหัสหน่วยงาน" });
    expect(only(out.errors, "duplicate-column").messageEn).toMatch(/agency_code/);
    expectIssue(only(out.warnings, "unknown-column"), { row: 1, column: "หมายเหตุ", value: "หมายเหตุ" });
    expectIssue(only(out.warnings, "unnamed-column"), { row: 1, column: "E" });
    expect(out.rows[0]?.tools.iit).toBe(8000);
  });

  it("names row, column and value of each bad cell", async () => {
    const out = await parseCsv([
      "agency_code,agency_type,size,fiscal_year,iit,total,rating,o1,i1",
      "A1,อบต.,S,2566,abc,,,,", // row 2
      "A2,อบต.,S,2566,120,,,,", // row 3
      "A3,อบต.,S,2566,88.981,,,,", // row 4
      "A4,อบจจ,S,2566,,,,,", // row 5
      "A5,อบต.,XL,2566,,,,,", // row 6
      "A6,อบต.,S,2566,,,B,,", // row 7: letter grade in a pass-level year
      "A7,อบต.,S,2566,,,,บางส่วน,", // row 8
      "A8,อบต.,S,2566,,,,,-1", // row 9
      "A 9,อบต.,S,2566,,,,,", // row 10
      ",อบต.,S,2566,80,,,,", // row 11
      "A10,อบต.,S,,,,,,", // row 12
      "A11,อบต.,S,2555,,,,,", // row 13
      "A12,อบต.,S,2569,,,,,", // row 14
      "A13,อบต.,S,2566,80.5,90,ผ่านดี,มี,66.67", // row 15: fine
    ]);
    const at = (code: string) => only(out.errors, code);
    expectIssue(at("invalid-number"), { row: 2, column: "iit", value: "abc" });
    expect(at("invalid-number").message).toBe("ค่า 'abc' ในคอลัมน์ iit ไม่ใช่ตัวเลข");
    expect(at("invalid-number").messageEn).toBe("'abc' in column iit is not a number");
    expect(out.errors.filter((e) => e.code === "out-of-range").map((e) => [e.row, e.column, e.value])).toEqual([
      [3, "iit", "120"],
      [9, "i1", "-1"],
    ]);
    expectIssue(at("too-many-decimals"), { row: 4, column: "iit", value: "88.981" });
    expectIssue(at("invalid-agency-type"), { row: 5, column: "agency_type", value: "อบจจ" });
    expectIssue(at("invalid-size"), { row: 6, column: "size", value: "XL" });
    expectIssue(at("invalid-rating"), { row: 7, column: "rating", value: "B" });
    expect(at("invalid-rating").message).toMatch(/ผ่านดีเยี่ยม/);
    expectIssue(at("invalid-item-value"), { row: 8, column: "o1", value: "บางส่วน" });
    expectIssue(at("invalid-agency-code"), { row: 10, column: "agency_code", value: "A 9" });
    expectIssue(at("missing-agency-code"), { row: 11, column: "agency_code", value: "" });
    expectIssue(at("missing-fiscal-year"), { row: 12, column: "fiscal_year", value: "" });
    const years = out.errors.filter((e) => e.code === "unknown-year");
    expect(years.map((e) => [e.row, e.column, e.value])).toEqual([
      [13, "fiscal_year", "2555"],
      [14, "fiscal_year", "2569"],
    ]);
    expect(years[1]?.message).toMatch(/2569/);
    expect(years[1]?.messageEn).toMatch(/framework for FY 2569 is not loaded/);
    expect(out.rowCount).toBe(14);
    expect(out.rows.map((r) => r.row)).toEqual([15]);
    expect(out.rows[0]).toMatchObject({
      tools: { iit: 8050 },
      total: 9000,
      rating: "good",
      items: { oit: { O1: 10000 }, iit: { i1: 6667 } },
    });
  });

  it("item columns must exist in the row's year: o44 in 2566, any o in 2567, i31", async () => {
    const out = await parseCsv([
      "agency_code,fiscal_year,o1,o27,o44,i31",
      "A,2566,มี,,,", // fine
      "B,2566,,,มี,", // o44 not in 2566
      "C,2567,ไม่มี,,,", // 2567 has no OIT list
      "D,2568,,มี,,", // o27 not in 2568's 26 codes
      "E,2568,,,,50", // i31 beyond 30 questions
      "F,2564,,,,", // blank item cells are fine in any year
      "G,2567,,,,",
    ]);
    const unknown = out.errors.filter((e) => e.code === "unknown-item-column");
    expect(unknown.map((e) => [e.row, e.column, e.value])).toEqual([
      [3, "o44", "มี"],
      [4, "o1", "ไม่มี"],
      [5, "o27", "มี"],
      [6, "i31", "50"],
    ]);
    expect(unknown[0]?.message).toMatch(/o44/);
    expect(unknown[1]?.messageEn).toMatch(/OIT item list of FY 2567 is not known/);
    expect(out.rows.map((r) => r.agencyCode)).toEqual(["A", "F", "G"]);
  });

  it("a repeated agency and year is an error on the later row naming the earlier one", async () => {
    const out = await parseCsv(["agency_code,fiscal_year,total", "A,2566,90", "B,2566,80", "A,2567,91", "A,2023,92"]);
    const dup = only(out.errors, "duplicate-row");
    expectIssue(dup, { row: 5, column: "agency_code", value: "A" });
    expect(dup.message).toMatch(/แถวที่ 2/);
    expect(dup.messageEn).toMatch(/row 2/);
    expect(out.rows.map((r) => r.row)).toEqual([2, 3, 4]);
  });

  it("warns once per year that EIT parts do not exist before 2566, and drops them", async () => {
    const out = await parseCsv(["agency_code,fiscal_year,eit_part1,eit", "A,2564,80,81", "B,2564,70,", "C,2566,70,"]);
    expect(out.errors).toEqual([]);
    expectIssue(only(out.warnings, "no-eit-parts"), { row: 2, column: "eit_part1", value: "80" });
    expect(out.rows.map((r) => r.tools)).toEqual([{ eit: 8100 }, {}, { eitPart1: 7000 }]);
  });

  it("accepts a framework registry (e.g. one with a year an administrator added)", () => {
    const fw2568 = frameworkFor(2568);
    const out = parseRows(
      [
        ["agency_code", "fiscal_year"],
        ["A", "2569"],
      ],
      {
        frameworks: { get: (y) => (y === 2569 ? fw2568 : frameworkFor(y)) },
      },
    );
    expect(out.errors).toEqual([]);
    expect(out.rows[0]?.fiscalYear).toBe(2569);
  });
});

describe("file limits", () => {
  it("refuses a file over 10 MB before reading it", async () => {
    const bytes = new Uint8Array(IMPORT_LIMITS.maxBytes + 1).fill(0x41);
    const e = await fileError(() => readTable({ bytes, contentType: "text/csv", fileName: "big.csv" }));
    expect(e.code).toBe("file-too-large");
    expect(e.message).toMatch(/10 MB/);
  });

  it("accepts 20,000 data rows and refuses 20,001 (never half-read)", async () => {
    const lines = ["agency_code,fiscal_year,total"];
    for (let i = 1; i <= IMPORT_LIMITS.maxRows; i++) lines.push(`A${i},2566,90.5`);
    lines.push("", ""); // blank lines do not count
    const out = await parseCsv(lines);
    expect(out.errors).toEqual([]);
    expect(out.rowCount).toBe(IMPORT_LIMITS.maxRows);
    expect(out.rows).toHaveLength(IMPORT_LIMITS.maxRows);

    lines.push(`A${IMPORT_LIMITS.maxRows + 1},2566,90`);
    const e = await fileError(() => readTable(csv(lines.join("\n"))));
    expect(e.code).toBe("too-many-rows");
    expect(e.messageEn).toMatch(/20,001/);
  });

  it("refuses empty files and header-only files", async () => {
    for (const text of ["", "\r\n\r\n", "agency_code,fiscal_year\r\n", "agency_code,fiscal_year\r\n,\r\n\r\n"]) {
      expect((await fileError(() => readTable(csv(text)))).code, JSON.stringify(text)).toBe("empty-file");
    }
  });
});
