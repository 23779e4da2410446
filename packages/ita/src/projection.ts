/**
 * The projected score of a disclosure cycle: what the agency would get if NACC's consultants passed exactly the
 * items the province's reviewers approved, with the agency's latest IIT and EIT. It tells an agency (and the
 * province) how many points are still open and which items are worth fixing first.
 */
import type { Centi } from "./centi";
import { computeResult } from "./compute";
import {
  type ItemPointGainRow,
  itemPointGains,
  type OitItemValue,
  oitIndicatorsFromItems,
  type SubIndicatorResult,
} from "./oit";
import type { Framework, Rating } from "./types";

export interface ProjectionInput {
  /** Item codes counted as passing (approved by a reviewer). */
  approved: Iterable<string>;
  /** The agency's latest known survey scores; the total stays unknown without both. */
  iit: Centi | null;
  eit: Centi | null;
}

export interface Projection {
  subIndicators: SubIndicatorResult[];
  indicators: { 9: Centi; 10: Centi };
  oit: Centi;
  /** Published-style total (each step rounded half up from the step before); null without IIT and EIT. */
  total: Centi | null;
  rating: Rating | null;
  /**
   * The same total without intermediate rounding, in points. Moving one item from open to approved moves it by
   * exactly that item's point gain (`itemPointGain(…).exact`); the rounded total can differ from that by 0.01.
   */
  totalExact: number | null;
  /** Items not approved yet, biggest gain first: the agency's to-do list. */
  open: ItemPointGainRow[];
  /** Sum of the open items' exact gains: the points still on the table, in points. */
  openPoints: number;
}

/**
 * Projects the OIT part of a cycle from approved items (every other item counts as failed) and the total with
 * the given IIT/EIT, using `fw`, the framework whose OIT catalogue the cycle runs on.
 * Throws OitCatalogueIncompleteError unless that catalogue is complete.
 */
export function projectDisclosure(fw: Framework, input: ProjectionInput): Projection {
  const items: Record<string, OitItemValue> = {};
  for (const item of fw.oit.items) items[item.code] = 0;
  for (const code of input.approved) items[code] = 100;

  const oitPart = oitIndicatorsFromItems(fw, items, { missingAs: "fail" });
  const nine = oitPart.indicators[9] ?? 0;
  const ten = oitPart.indicators[10] ?? 0;
  const computed = computeResult(fw, {
    indicators: { 9: nine, 10: ten },
    tools: { iit: input.iit, eit: input.eit },
  });

  const open = itemPointGains(fw, items).filter((row) => !row.passed);
  const openPoints = open.reduce((sum, row) => sum + row.gain.exact, 0);

  return {
    subIndicators: oitPart.subIndicators,
    indicators: { 9: nine, 10: ten },
    oit: computed.tools.oit ?? 0,
    total: computed.total,
    rating: computed.rating,
    totalExact: exactTotal(fw, oitPart.subIndicators, input),
    open,
    openPoints,
  };
}

/** Σ weight% × tool, with OIT as the exact mean of its indicators' exact sub-indicator means. */
function exactTotal(fw: Framework, subs: readonly SubIndicatorResult[], input: ProjectionInput): number | null {
  let total = 0;
  for (const tool of fw.tools) {
    let points: number;
    if (tool.key === "oit") {
      const perIndicator = tool.indicators.map((n) => {
        const own = subs.filter((s) => s.indicator === n);
        return own.reduce((sum, s) => sum + (100 * s.passed) / s.total, 0) / own.length;
      });
      points = perIndicator.reduce((a, b) => a + b, 0) / perIndicator.length;
    } else {
      const known = tool.key === "iit" ? input.iit : input.eit;
      if (known === null) return null;
      points = known / 100;
    }
    total += (tool.weight / 100) * points;
  }
  return total;
}
