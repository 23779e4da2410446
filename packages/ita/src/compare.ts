/**
 * Whether two years' scores can be compared as like for like. National averages rose from 67.90 (2563)
 * to 93.82 (2568) partly because the rules changed; year pairs whose frameworks differ must be marked.
 */
import type { Framework, FrameworkRating } from "./types";

export type FrameworkDifferenceCode =
  | "rating-scheme"
  | "oit-catalogue"
  | "tools"
  | "weights"
  | "eit-parts"
  | "oit-unknown";

export interface FrameworkDifference {
  code: FrameworkDifferenceCode;
  th: string;
  en: string;
}

export interface FrameworkComparison {
  comparable: boolean;
  reasons: FrameworkDifference[];
}

function ratingSignature(r: FrameworkRating, passMark: number): string {
  const body =
    r.kind === "letter"
      ? r.grades.map((g) => `${g.grade}>=${g.min}`)
      : r.levels.map((l) => `${l.key}>=${l.minTotal}/${l.minEachTool ?? "-"}`);
  return `${r.kind}|pass>=${passMark}|${body.join(",")}`;
}

function toolSignature(fw: Framework): string {
  return [...fw.tools]
    .map((t) => `${t.key}:${[...t.indicators].sort((a, b) => a - b).join(".")}`)
    .sort()
    .join("|");
}

function weightSignature(fw: Framework): string {
  return [...fw.tools]
    .map((t) => `${t.key}:${t.weight}`)
    .sort()
    .join("|");
}

function eitParts(fw: Framework): string {
  return (fw.toolByKey.get("eit")?.parts ?? []).map((p) => p.key).join("|");
}

/**
 * Comparable only when both years have the same tools (and indicator assignment), the same weights, the
 * same rating scheme (kind, pass mark and thresholds), the same EIT structure and the same complete OIT
 * catalogue. A year whose OIT list is not complete is never comparable with another year: we cannot tell
 * whether its items match. Every difference is listed with a Thai and an English explanation.
 */
export function compareFrameworks(a: Framework, b: Framework): FrameworkComparison {
  const reasons: FrameworkDifference[] = [];
  const ya = a.fiscalYear;
  const yb = b.fiscalYear;

  if (toolSignature(a) !== toolSignature(b)) {
    reasons.push({
      code: "tools",
      th: `เครื่องมือหรือตัวชี้วัดของปี ${ya} และ ${yb} ไม่เหมือนกัน`,
      en: `FY ${ya} and ${yb} use different tools or indicators`,
    });
  } else if (weightSignature(a) !== weightSignature(b)) {
    reasons.push({
      code: "weights",
      th: `น้ำหนักของเครื่องมือในปี ${ya} และ ${yb} ไม่เท่ากัน`,
      en: `FY ${ya} and ${yb} weight the tools differently`,
    });
  }

  if (ratingSignature(a.rating, a.passMark) !== ratingSignature(b.rating, b.passMark)) {
    const kinds = a.rating.kind !== b.rating.kind;
    reasons.push({
      code: "rating-scheme",
      th: kinds
        ? `ปี ${ya} และ ${yb} ใช้ระบบผลการประเมินต่างกัน (ระดับตัวอักษร กับ ระดับผ่าน/ไม่ผ่าน)`
        : `เกณฑ์ระดับผลการประเมินของปี ${ya} และ ${yb} ไม่เหมือนกัน`,
      en: kinds
        ? `FY ${ya} and ${yb} use different rating schemes (letter grades vs pass levels)`
        : `FY ${ya} and ${yb} use different rating thresholds`,
    });
  }

  if (eitParts(a) !== eitParts(b)) {
    reasons.push({
      code: "eit-parts",
      th: `โครงสร้าง EIT ของปี ${ya} และ ${yb} ต่างกัน (แบ่งเป็น 2 ส่วนตั้งแต่ปี 2566)`,
      en: `EIT is structured differently in FY ${ya} and ${yb} (two parts from 2566)`,
    });
  }

  const sameYear = ya === yb;
  const unknown = [a, b].filter((f) => f.oit.status !== "complete").map((f) => f.fiscalYear);
  if (unknown.length > 0 && !sameYear) {
    const years = [...new Set(unknown)].join(", ");
    reasons.push({
      code: "oit-unknown",
      th: `ไม่ทราบรายการข้อ OIT ครบถ้วนของปี ${years} จึงไม่อาจยืนยันว่าเทียบกันได้`,
      en: `The OIT item list of FY ${years} is not fully known, so the years cannot be shown to match`,
    });
  } else if (!sameYear && a.oit.catalogueId !== b.oit.catalogueId) {
    reasons.push({
      code: "oit-catalogue",
      th: `รายการข้อ OIT ของปี ${ya} และ ${yb} ต่างกัน (ข้อเดียวกันอาจหมายถึงเรื่องต่างกัน)`,
      en: `FY ${ya} and ${yb} use different OIT item lists (the same code can mean different things)`,
    });
  }

  return { comparable: reasons.length === 0, reasons };
}
