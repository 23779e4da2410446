import type { Centi } from "./centi";
import type { FrameworkDocument } from "./schema";

export type ToolKey = "iit" | "eit" | "oit";
export type IndicatorNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;
export type EitPartKey = "eit_part1" | "eit_part2";

/** Indicator scores as known: missing or null = not known. */
export type IndicatorScores = Partial<Record<IndicatorNumber, Centi | null>>;

/** Tool scores; EIT parts only exist from FY 2566. */
export interface ToolScores {
  iit: Centi | null;
  eit: Centi | null;
  oit: Centi | null;
  eitPart1?: Centi | null;
  eitPart2?: Centi | null;
}

export interface LocalText {
  th: string;
  en: string;
}

export interface FrameworkTool {
  key: ToolKey;
  name: LocalText;
  /** Integer percentage of the total. */
  weight: number;
  indicators: readonly IndicatorNumber[];
  /** EIT parts (from FY 2566); empty when the tool has no parts. */
  parts: readonly { key: EitPartKey; name: LocalText }[];
}

export interface FrameworkIndicator {
  number: IndicatorNumber;
  tool: ToolKey;
  name: LocalText;
}

export interface LetterGrade {
  grade: string;
  label: LocalText;
  min: Centi;
}

export interface PassLevel {
  key: string;
  label: LocalText;
  minTotal: Centi;
  /** Every tool must reach this; null = no per-tool condition. */
  minEachTool: Centi | null;
}

export type FrameworkRating =
  | { kind: "letter"; grades: readonly LetterGrade[] }
  | { kind: "pass-levels"; levels: readonly PassLevel[] };

export interface OitItem {
  code: string;
  title: string;
  group: string | null;
  criteria: readonly string[];
}

export interface OitSubIndicator {
  code: string;
  indicator: IndicatorNumber;
  name: string;
  items: readonly OitItem[];
}

export interface OitItemRef {
  item: OitItem;
  subIndicator: OitSubIndicator;
}

export type OitStatus = "complete" | "partial" | "unknown";

export interface FrameworkOit {
  catalogueId: string | null;
  status: OitStatus;
  confidence: string;
  subIndicators: readonly OitSubIndicator[];
  /** Codes known without a sub-indicator (status "partial"). */
  ungroupedItems: readonly { code: string; title: string | null }[];
  /** All grouped items, in catalogue order. */
  items: readonly OitItem[];
  /** Item code (normalised, e.g. "O24") → item and its sub-indicator. */
  itemByCode: ReadonlyMap<string, OitItemRef>;
  /** OIT indicator → its sub-indicators, in catalogue order. */
  subIndicatorsByIndicator: ReadonlyMap<IndicatorNumber, readonly OitSubIndicator[]>;
}

/**
 * A parsed and normalised framework: thresholds in centi, lookup maps built. Not JSON-serialisable (it
 * holds Maps); to send a framework over the wire send `document` and call parseFramework on the other side.
 */
export interface Framework {
  fiscalYear: number;
  label: LocalText;
  source: string;
  passMark: Centi;
  tools: readonly FrameworkTool[];
  toolByKey: ReadonlyMap<ToolKey, FrameworkTool>;
  indicators: readonly FrameworkIndicator[];
  indicatorByNumber: ReadonlyMap<IndicatorNumber, FrameworkIndicator>;
  rating: FrameworkRating;
  oit: FrameworkOit;
  itemLevel: { iit: number | null; eit: number | null };
  /** The validated source document, as written (thresholds in points). */
  document: FrameworkDocument;
}

/** A rating: a letter grade (FY 2562–2565) or a pass level (FY 2566–). */
export interface Rating {
  /** Grade ("AA", "D") or level key ("excellent", "good", "pass", "fail"). */
  key: string;
  label: LocalText;
  kind: "letter" | "pass-levels";
  /** total ≥ passMark. */
  passed: boolean;
}
