/**
 * Loading frameworks: validate a JSON document, normalise it (centi thresholds, lookup maps) and keep a
 * registry of the built-in years plus any documents an administrator adds later.
 */
import doc2562 from "../frameworks/2562.json";
import doc2563 from "../frameworks/2563.json";
import doc2564 from "../frameworks/2564.json";
import doc2565 from "../frameworks/2565.json";
import doc2566 from "../frameworks/2566.json";
import doc2567 from "../frameworks/2567.json";
import doc2568 from "../frameworks/2568.json";
import { fromThaiDigits, toCenti } from "./centi";
import { type FrameworkDocument, FrameworkDocumentSchema } from "./schema";
import type {
  EitPartKey,
  Framework,
  FrameworkIndicator,
  FrameworkRating,
  FrameworkTool,
  IndicatorNumber,
  OitItem,
  OitItemRef,
  OitSubIndicator,
  ToolKey,
} from "./types";

/** A framework document failed validation. `issues` holds one readable line per problem ("tools: …"). */
export class FrameworkError extends Error {
  readonly issues: readonly string[];
  constructor(message: string, issues: readonly string[] = []) {
    super(issues.length > 0 ? `${message}:\n- ${issues.join("\n- ")}` : message);
    this.name = "FrameworkError";
    this.issues = issues;
  }
}

/**
 * Normalise an OIT item code as people write it: trims, Thai digits → ASCII, upper case, and a leading
 * zero written for the letter O ("๐๒๘" → "028" → "O28", as in Thai reports). Returns the input
 * unchanged in spirit when it does not look like a code.
 */
export function normalizeItemCode(code: string): string {
  const c = fromThaiDigits(code).trim().toUpperCase();
  return /^0\d+$/.test(c) ? `O${c.slice(1)}` : c;
}

function describePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(document)" : path.map((p) => String(p)).join(".");
}

/**
 * Validate `doc` against FrameworkDocumentSchema and normalise it. Throws FrameworkError listing every
 * problem, so an administrator can fix a document in one go.
 */
export function parseFramework(doc: unknown): Framework {
  const result = FrameworkDocumentSchema.safeParse(doc);
  if (!result.success) {
    const year =
      typeof doc === "object" && doc !== null && "fiscalYear" in doc ? ` for FY ${String(doc.fiscalYear)}` : "";
    throw new FrameworkError(
      `Invalid ITA framework document${year}`,
      result.error.issues.map((i) => `${describePath(i.path)}: ${i.message}`),
    );
  }
  return normalise(result.data);
}

function normalise(doc: FrameworkDocument): Framework {
  const tools: FrameworkTool[] = doc.tools.map((t) => ({
    key: t.key,
    name: t.name,
    weight: t.weight,
    indicators: [...t.indicators],
    parts: (t.parts ?? []).map((p) => ({ key: p.key as EitPartKey, name: p.name })),
  }));
  const indicators: FrameworkIndicator[] = [...doc.indicators]
    .sort((a, b) => a.number - b.number)
    .map((i) => ({ number: i.number, tool: i.tool, name: i.name }));

  const rating: FrameworkRating =
    doc.rating.kind === "letter"
      ? {
          kind: "letter",
          grades: doc.rating.grades.map((g) => ({
            grade: g.grade,
            label: g.label ?? { th: g.grade, en: g.grade },
            min: toCenti(g.min),
          })),
        }
      : {
          kind: "pass-levels",
          levels: doc.rating.levels.map((l) => ({
            key: l.key,
            label: l.label,
            minTotal: toCenti(l.minTotal),
            minEachTool: l.minEachTool === undefined ? null : toCenti(l.minEachTool),
          })),
        };

  const subIndicators: OitSubIndicator[] = doc.oit.subIndicators.map((s) => ({
    code: s.code,
    indicator: s.indicator,
    name: s.name,
    items: s.items.map((i) => ({ code: i.code, title: i.title, group: i.group ?? null, criteria: i.criteria ?? [] })),
  }));
  const items: OitItem[] = [];
  const itemByCode = new Map<string, OitItemRef>();
  const subIndicatorsByIndicator = new Map<IndicatorNumber, OitSubIndicator[]>();
  for (const sub of subIndicators) {
    const list = subIndicatorsByIndicator.get(sub.indicator) ?? [];
    list.push(sub);
    subIndicatorsByIndicator.set(sub.indicator, list);
    for (const item of sub.items) {
      items.push(item);
      itemByCode.set(item.code, { item, subIndicator: sub });
    }
  }

  return {
    fiscalYear: doc.fiscalYear,
    label: doc.label,
    source: doc.source,
    passMark: toCenti(doc.passMark),
    tools,
    toolByKey: new Map<ToolKey, FrameworkTool>(tools.map((t) => [t.key, t])),
    indicators,
    indicatorByNumber: new Map(indicators.map((i) => [i.number, i])),
    rating,
    oit: {
      catalogueId: doc.oit.catalogueId,
      status: doc.oit.status,
      confidence: doc.oit.confidence,
      subIndicators,
      ungroupedItems: doc.oit.ungroupedItems.map((u) => ({ code: u.code, title: u.title })),
      items,
      itemByCode,
      subIndicatorsByIndicator,
    },
    itemLevel: { iit: doc.itemLevel?.iit ?? null, eit: doc.itemLevel?.eit ?? null },
    document: doc,
  };
}

const BUILT_IN_DOCUMENTS: readonly unknown[] = [doc2562, doc2563, doc2564, doc2565, doc2566, doc2567, doc2568];

let builtIns: ReadonlyMap<number, Framework> | undefined;

function builtInMap(): ReadonlyMap<number, Framework> {
  // Parsed lazily: importing the package (e.g. for formatScore) should not pay for validating seven documents.
  if (!builtIns) {
    const map = new Map<number, Framework>();
    for (const doc of BUILT_IN_DOCUMENTS) {
      const fw = parseFramework(doc);
      map.set(fw.fiscalYear, fw);
    }
    builtIns = map;
  }
  return builtIns;
}

/** The built-in framework of a fiscal year (2562–2568), or undefined. */
export function frameworkFor(year: number): Framework | undefined {
  return builtInMap().get(year);
}

/** All built-in frameworks, sorted by fiscal year. */
export function builtInFrameworks(): Framework[] {
  return [...builtInMap().values()].sort((a, b) => a.fiscalYear - b.fiscalYear);
}

export interface FrameworkRegistry {
  get(year: number): Framework | undefined;
  /** Fiscal years available, ascending. */
  years(): number[];
  /** All frameworks, sorted by fiscal year. */
  all(): Framework[];
}

/**
 * Built-ins plus extra documents (e.g. a 2569 framework stored by an administrator). A later document for a
 * year overrides an earlier one and the built-in. Throws FrameworkError (naming the document's position)
 * when a document is invalid, so a bad upload cannot silently fall back to the built-in.
 */
export function createFrameworkRegistry(extraDocs: readonly unknown[] = []): FrameworkRegistry {
  const map = new Map<number, Framework>(builtInMap());
  extraDocs.forEach((doc, index) => {
    let fw: Framework;
    try {
      fw = parseFramework(doc);
    } catch (e) {
      if (e instanceof FrameworkError) {
        throw new FrameworkError(`Extra framework document #${index + 1} is invalid`, e.issues);
      }
      throw e;
    }
    map.set(fw.fiscalYear, fw);
  });
  const sorted = [...map.values()].sort((a, b) => a.fiscalYear - b.fiscalYear);
  return {
    get: (year) => map.get(year),
    years: () => sorted.map((f) => f.fiscalYear),
    all: () => [...sorted],
  };
}
