import { describe, expect, it } from "vitest";
import doc2566 from "../frameworks/2566.json";
import doc2568 from "../frameworks/2568.json";
import {
  builtInFrameworks,
  compareFrameworks,
  createFrameworkRegistry,
  FrameworkError,
  frameworkFor,
  itemPointGain,
  oitIndicatorsFromItems,
  parseFramework,
  rate,
  toolsFromIndicators,
  totalFromTools,
} from "../src/index";
import { fw } from "./helpers";

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Broken-document fixtures poke at arbitrary JSON paths. */
// biome-ignore lint/suspicious/noExplicitAny: test fixtures mutate arbitrary JSON
type Loose = any;
const loose = (x: unknown): Loose => clone(x);

declare global {
  interface ImportMeta {
    /** Vite/vitest: import every file matching a glob at build time. */
    glob(pattern: string, options: { eager: true; import: "default" }): Record<string, unknown>;
  }
}

/** Every JSON document in frameworks/, by file name. */
const FRAMEWORK_FILES = import.meta.glob("../frameworks/*.json", { eager: true, import: "default" });

const INDICATOR_NAMES_TH = [
  "การปฏิบัติหน้าที่",
  "การใช้งบประมาณ",
  "การใช้อำนาจ",
  "การใช้ทรัพย์สินของราชการ",
  "การแก้ไขปัญหาการทุจริต",
  "คุณภาพการดำเนินงาน",
  "ประสิทธิภาพการสื่อสาร",
  "การปรับปรุงการทำงาน",
  "การเปิดเผยข้อมูล",
  "การป้องกันการทุจริต",
];

describe("built-in frameworks", () => {
  it("cover FY 2562–2568, sorted", () => {
    expect(builtInFrameworks().map((f) => f.fiscalYear)).toEqual([2562, 2563, 2564, 2565, 2566, 2567, 2568]);
    expect(frameworkFor(2561)).toBeUndefined();
    expect(frameworkFor(2569)).toBeUndefined();
  });

  it("every file in frameworks/ is registered as a built-in, named after its year, and loads unchanged", () => {
    const files = Object.keys(FRAMEWORK_FILES).sort();
    expect(files.map((f) => f.replace(/^.*\//, ""))).toEqual(builtInFrameworks().map((f) => `${f.fiscalYear}.json`));
    for (const [file, doc] of Object.entries(FRAMEWORK_FILES)) {
      const f = parseFramework(doc);
      expect(file.endsWith(`/${f.fiscalYear}.json`)).toBe(true);
      expect(frameworkFor(f.fiscalYear)?.document).toEqual(doc);
    }
  });

  it.each([2562, 2563, 2564, 2565, 2566, 2567, 2568])("FY %i: tools, weights, indicators and pass mark", (year) => {
    const f = fw(year);
    expect(f.passMark).toBe(8500);
    expect(f.tools.map((t) => [t.key, t.weight, [...t.indicators]])).toEqual([
      ["iit", 30, [1, 2, 3, 4, 5]],
      ["eit", 30, [6, 7, 8]],
      ["oit", 40, [9, 10]],
    ]);
    expect(f.indicators.map((i) => i.name.th)).toEqual(INDICATOR_NAMES_TH);
    expect(f.indicators.map((i) => i.tool)).toEqual([
      "iit",
      "iit",
      "iit",
      "iit",
      "iit",
      "eit",
      "eit",
      "eit",
      "oit",
      "oit",
    ]);
    expect(f.indicators.every((i) => i.name.en.length > 0)).toBe(true);
    expect(f.itemLevel).toEqual({ iit: 30, eit: 15 });
    expect(f.toolByKey.get("eit")?.parts.map((p) => p.key)).toEqual(year >= 2566 ? ["eit_part1", "eit_part2"] : []);
  });

  it.each([2562, 2563, 2564, 2565])("FY %i: letter grades AA 95 · A 85 · B 75 · C 65 · D 55 · E 50 · F", (year) => {
    expect(fw(year).rating).toEqual({
      kind: "letter",
      grades: [
        ["AA", 9500],
        ["A", 8500],
        ["B", 7500],
        ["C", 6500],
        ["D", 5500],
        ["E", 5000],
        ["F", 0],
      ].map(([grade, min]) => ({ grade, min, label: { th: grade, en: grade } })),
    });
  });

  it.each([2566, 2567, 2568])("FY %i: pass levels", (year) => {
    const r = fw(year).rating;
    expect(r.kind).toBe("pass-levels");
    if (r.kind !== "pass-levels") return;
    expect(r.levels.map((l) => [l.key, l.label.th, l.minTotal, l.minEachTool])).toEqual([
      ["excellent", "ผ่านดีเยี่ยม", 9500, 9500],
      ["good", "ผ่านดี", 8500, 8500],
      ["pass", "ผ่าน", 8500, null],
      ["fail", "ไม่ผ่าน", 0, null],
    ]);
  });

  it("OIT catalogue status per year", () => {
    expect(builtInFrameworks().map((f) => [f.fiscalYear, f.oit.status, f.oit.catalogueId])).toEqual([
      [2562, "unknown", null],
      [2563, "complete", "oit-2564"],
      [2564, "complete", "oit-2564"],
      [2565, "complete", "oit-2564"],
      [2566, "complete", "oit-2566"],
      [2567, "unknown", null],
      [2568, "partial", "oit-2568"],
    ]);
    for (const f of builtInFrameworks()) expect(f.oit.confidence.length).toBeGreaterThan(10);
  });

  it("2563–2565 share the 2564 catalogue: 43 items, 9/8/7/4/5 and 8/2 per sub-indicator", () => {
    for (const year of [2563, 2564, 2565]) {
      const f = fw(year);
      expect(f.oit.subIndicators.map((s) => [s.code, s.indicator, s.items.length])).toEqual([
        ["9.1", 9, 9],
        ["9.2", 9, 8],
        ["9.3", 9, 7],
        ["9.4", 9, 4],
        ["9.5", 9, 5],
        ["10.1", 10, 8],
        ["10.2", 10, 2],
      ]);
      expect(f.oit.items.map((i) => i.code)).toEqual(Array.from({ length: 43 }, (_, i) => `O${i + 1}`));
      expect(f.oit.itemByCode.get("O29")?.item.title).toBe("แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ");
    }
  });

  it("2566 has its own catalogue with criteria: 10/8/4/4/4 and 8/5", () => {
    const f = fw(2566);
    expect(f.oit.subIndicators.map((s) => s.items.length)).toEqual([10, 8, 4, 4, 4, 8, 5]);
    expect(f.oit.items).toHaveLength(43);
    expect(f.oit.itemByCode.get("O29")?.item.title).toBe("ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตประจำปี");
    expect(f.oit.itemByCode.get("O29")?.subIndicator.code).toBe("9.5");
    expect(f.oit.itemByCode.get("O1")?.item.criteria).toHaveLength(2);
    expect(f.oit.itemByCode.get("O42")?.item.group).toBe("มาตรการส่งเสริมความโปร่งใสและป้องกันการทุจริตภายในหน่วยงาน");
    expect(f.oit.items.filter((i) => i.criteria.length === 0).map((i) => i.code)).toEqual(["O40"]);
  });

  it("2568 lists 26 codes without grouping, some without titles; 2562 and 2567 list none", () => {
    const f = fw(2568);
    expect(f.oit.subIndicators).toEqual([]);
    expect(f.oit.ungroupedItems.map((i) => i.code)).toEqual(Array.from({ length: 26 }, (_, i) => `O${i + 1}`));
    expect(f.oit.ungroupedItems.filter((i) => i.title === null).map((i) => i.code)).toEqual(["O2", "O5", "O6", "O7"]);
    expect(fw(2567).oit.ungroupedItems).toEqual([]);
    expect(fw(2562).oit.items).toEqual([]);
  });

  it("keeps the validated document for serialisation", () => {
    expect(fw(2566).document).toEqual(doc2566);
    expect(parseFramework(JSON.parse(JSON.stringify(fw(2568).document))).oit.ungroupedItems).toHaveLength(26);
  });
});

/** A plausible future year: new weights, a new small OIT catalogue, same rating levels. */
function doc2569(): unknown {
  const d = clone(doc2568) as Record<string, unknown> & { tools: { weight: number }[] };
  d.fiscalYear = 2569;
  d.label = { th: "ITA ปีงบประมาณ พ.ศ. 2569", en: "ITA fiscal year 2569 BE (2025-26)" };
  d.source = "test fixture";
  const [iit, eit, oit] = d.tools;
  if (!iit || !eit || !oit) throw new Error("fixture");
  iit.weight = 25;
  eit.weight = 25;
  oit.weight = 50;
  d.oit = {
    catalogueId: "oit-2569",
    status: "complete",
    confidence: "test fixture",
    subIndicators: [
      {
        code: "9.1",
        indicator: 9,
        name: "ข้อมูลพื้นฐาน",
        items: [
          { code: "O1", title: "โครงสร้างและอำนาจหน้าที่" },
          { code: "O2", title: "ข้อมูลผู้บริหาร" },
          { code: "O3", title: "ข้อมูลการติดต่อ" },
        ],
      },
      {
        code: "10.1",
        indicator: 10,
        name: "การป้องกันการทุจริต",
        items: [
          { code: "O4", title: "แผนปฏิบัติการป้องกันการทุจริต", criteria: ["มีแผน", "เป็นแผนปี 2569"] },
          { code: "O5", title: "รายงานผล" },
        ],
      },
    ],
  };
  return d;
}

describe("new years are data (createFrameworkRegistry)", () => {
  it("a 2569 document validates and works through the registry without code changes", () => {
    const reg = createFrameworkRegistry([doc2569()]);
    expect(reg.years()).toEqual([2562, 2563, 2564, 2565, 2566, 2567, 2568, 2569]);
    expect(reg.all().map((f) => f.fiscalYear)).toEqual(reg.years());
    const f = reg.get(2569);
    if (!f) throw new Error("missing 2569");
    const oit = oitIndicatorsFromItems(f, { O1: 100, O2: 100, O3: 0, O4: 100, O5: 100 });
    expect(oit.indicators).toEqual({ 9: 6667, 10: 10000 });
    const tools = toolsFromIndicators(
      f,
      { 1: 9000, 2: 9000, 3: 9000, 4: 9000, 5: 9000, 6: 8000, 7: 8000, 8: 8000, ...oit.indicators },
      {
        eitPart1: 9000,
        eitPart2: 9100,
      },
    );
    expect(tools).toEqual({ iit: 9000, eit: 9050, oit: 8334, eitPart1: 9000, eitPart2: 9100 });
    // 0.25 × 90.00 + 0.25 × 90.50 + 0.5 × 83.34 = 86.795 → 86.80
    expect(totalFromTools(f, tools)).toBe(8680);
    expect(rate(f, tools, 8680).key).toBe("pass");
    // OIT 50 %, 2 indicators, 9.1 has 3 items and is alone: 25 / 3 = 8.33 points.
    expect(itemPointGain(f, "O3")).toEqual({ exact: 25 / 3, centi: 833 });
    expect(frameworkFor(2569)).toBeUndefined(); // built-ins untouched
  });

  it("a later document for a year overrides the built-in and earlier documents", () => {
    const d1 = clone(doc2568) as Record<string, unknown>;
    d1.fiscalYear = 2567;
    d1.label = { th: "first", en: "first" };
    const d2 = clone(d1);
    d2.label = { th: "second", en: "second" };
    const reg = createFrameworkRegistry([d1, d2]);
    expect(reg.get(2567)?.label.en).toBe("second");
    expect(reg.get(2567)?.oit.status).toBe("partial");
    expect(reg.years()).toHaveLength(7);
    expect(createFrameworkRegistry([]).get(2567)?.oit.status).toBe("unknown");
  });

  it("an invalid extra document is an error, not a silent fall-back", () => {
    const bad = clone(doc2568) as Record<string, unknown>;
    bad.passMark = "85";
    expect(() => createFrameworkRegistry([doc2569(), bad])).toThrow(/#2 is invalid[\s\S]*passMark/);
  });
});

function issuesOf(doc: unknown): string[] {
  try {
    parseFramework(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(FrameworkError);
    return [...(e as FrameworkError).issues];
  }
  throw new Error("document was accepted");
}

describe("broken documents are rejected with readable messages", () => {
  it("weights summing to 99", () => {
    const d = clone(doc2566);
    d.tools[2] = { ...d.tools[2], weight: 39 } as (typeof d.tools)[number];
    expect(issuesOf(d)).toEqual(["tools: tool weights must sum to 100, got 99 (iit 30 + eit 30 + oit 39)"]);
  });

  it("an indicator in two tools", () => {
    const d = clone(doc2566);
    d.tools[0]?.indicators.push(6);
    const issues = issuesOf(d);
    expect(issues).toContain('tools.1.indicators.0: indicator 6 is in two tools ("iit" and "eit")');
    expect(issues).toContain(
      'tools.0.indicators.5: tool "iit" uses indicator 6, but that indicator says it belongs to "eit"',
    );
  });

  it("a duplicate item code", () => {
    const d = clone(doc2566);
    const sub = d.oit.subIndicators[1];
    sub?.items.push({ ...(d.oit.subIndicators[0]?.items[0] as (typeof sub.items)[number]) });
    expect(issuesOf(d)).toEqual([
      "oit.subIndicators.1.items.8.code: item code O1 appears twice (sub-indicator 9.1 and sub-indicator 9.2)",
    ]);
  });

  it("structural mistakes: unknown indicator numbers, typos in field names, lower-case codes", () => {
    const d = loose(doc2566);
    d.tools[1].indicators = [6, 7, 8, 11];
    d.rating.levels[0].minEachtool = 95;
    d.oit.subIndicators[0].items[0].code = "o1";
    d.extra = true;
    expect(issuesOf(d)).toEqual([
      "tools.1.indicators.3: Invalid option: expected one of 1|2|3|4|5|6|7|8|9|10",
      'rating.levels.0: Unrecognized key: "minEachtool"',
      'oit.subIndicators.0.items.0.code: item code must look like "O1" (upper-case letters, then digits)',
      '(document): Unrecognized key: "extra"',
    ]);
  });

  it("semantic mistakes after structure is valid", () => {
    const d = loose(doc2566);
    d.indicators.pop(); // indicator 10 gone, still used by OIT
    d.rating.levels[1].minTotal = 96; // good stricter than excellent
    d.rating.levels[3].minTotal = 10; // worst level must catch everything
    d.oit.subIndicators[6].indicator = 9; // 10.2 under indicator 9
    const issues = issuesOf(d);
    expect(issues).toEqual(
      expect.arrayContaining([
        'tools.2.indicators.1: tool "oit" uses indicator 10, which is not defined',
        "rating.levels.1.minTotal: levels must be listed best first (minTotal not increasing)",
        "rating.levels: the last (worst) level must have minTotal 0 and no minEachTool",
        "oit.subIndicators.6.indicator: sub-indicator 10.2 must belong to indicator 10, not 9",
      ]),
    );
  });

  it("letter grades out of order, thresholds with three decimals, an unknown catalogue with items", () => {
    const d = loose(fw(2564).document);
    d.rating.grades[2].min = 90;
    d.rating.grades[3].min = 65.005;
    d.oit.status = "unknown";
    const issues = issuesOf(d);
    expect(issues).toEqual(
      expect.arrayContaining([
        "rating.grades.3.min: must have at most two decimals",
        'oit.status: status "unknown" cannot list items; use "partial" or "complete"',
      ]),
    );
  });

  it("a complete catalogue needs a catalogueId, groups for each OIT indicator and no ungrouped items", () => {
    const d = loose(doc2568);
    d.oit.status = "complete";
    d.oit.catalogueId = null;
    const issues = issuesOf(d);
    expect(issues).toEqual(
      expect.arrayContaining([
        "oit.catalogueId: a complete OIT catalogue needs a catalogueId",
        "oit.ungroupedItems: a complete OIT catalogue cannot have ungrouped items; use status partial",
        "oit.subIndicators: a complete OIT catalogue needs at least one sub-indicator for indicator 9",
      ]),
    );
  });

  it("the error message lists every issue and names the year", () => {
    const d = clone(doc2566);
    d.tools[2] = { ...d.tools[2], weight: 39 } as (typeof d.tools)[number];
    expect(() => parseFramework(d)).toThrow(
      /Invalid ITA framework document for FY 2566:\n- tools: tool weights must sum to 100/,
    );
    expect(() => parseFramework(null)).toThrow(FrameworkError);
    expect(() => parseFramework({ schemaVersion: 2 })).toThrow(/schemaVersion/);
  });
});

describe("compareFrameworks", () => {
  const codes = (a: number, b: number) =>
    compareFrameworks(fw(a), fw(b))
      .reasons.map((r) => r.code)
      .sort();

  it("2563, 2564 and 2565 are comparable", () => {
    expect(compareFrameworks(fw(2564), fw(2565))).toEqual({ comparable: true, reasons: [] });
    expect(compareFrameworks(fw(2563), fw(2565)).comparable).toBe(true);
  });

  it("2565 vs 2566: rating scheme, OIT catalogue and EIT parts differ", () => {
    const c = compareFrameworks(fw(2565), fw(2566));
    expect(c.comparable).toBe(false);
    expect(c.reasons.map((r) => r.code).sort()).toEqual(["eit-parts", "oit-catalogue", "rating-scheme"]);
    for (const r of c.reasons) {
      expect(r.th).toMatch(/[\u0E00-\u0E7F]/);
      expect(r.en).toMatch(/2565/);
    }
  });

  it("2566 vs 2567 and 2567 vs 2568: the OIT list is not known", () => {
    expect(codes(2566, 2567)).toEqual(["oit-unknown"]);
    expect(codes(2567, 2568)).toEqual(["oit-unknown"]);
    expect(codes(2562, 2563)).toEqual(["oit-unknown"]);
  });

  it("a year is comparable with itself even when its OIT list is unknown", () => {
    expect(compareFrameworks(fw(2567), fw(2567)).comparable).toBe(true);
  });

  it("different weights and tool structure are reasons", () => {
    const f2569 = createFrameworkRegistry([doc2569()]).get(2569);
    if (!f2569) throw new Error("missing");
    expect(
      compareFrameworks(fw(2568), f2569)
        .reasons.map((r) => r.code)
        .sort(),
    ).toEqual(["oit-unknown", "weights"]);
    const d = loose(doc2566);
    d.fiscalYear = 2570;
    d.tools[0].indicators = [1, 2, 3, 4];
    d.tools[1].indicators = [5, 6, 7, 8];
    d.indicators[4].tool = "eit";
    expect(compareFrameworks(fw(2566), parseFramework(d)).reasons.map((r) => r.code)).toEqual(["tools"]);
    const g = loose(fw(2564).document);
    g.fiscalYear = 2570;
    g.rating.grades[0].min = 96;
    expect(compareFrameworks(fw(2564), parseFramework(g)).reasons.map((r) => r.code)).toEqual(["rating-scheme"]);
  });
});
