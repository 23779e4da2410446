/**
 * The colour scale of the weak-indicator heatmap, anchored at the pass mark: below it warm tones that darken with
 * the gap, from it cool tones, strongest from the top rating's threshold. Pure, so the legend and the cells can
 * never disagree. Colours live in CSS (`.heat-<key>`), per theme.
 */
export interface HeatBand {
  key: "b4" | "b3" | "b2" | "b1" | "g1" | "g2";
  /** Lowest score in the band (inclusive). */
  min: number;
  /** Score the band stops below (exclusive); null = no upper bound. */
  max: number | null;
  /** Below the pass mark: shown with a ⚠ as well as the colour. */
  below: boolean;
}

/** Gaps below the pass mark at which the warm tone gets one step darker (85 → 75, 65, 50). */
const GAP_STEPS = [10, 20, 35] as const;

/** Bands from the weakest to the strongest. */
export function heatBands(passMark: number, strong: number): HeatBand[] {
  const [a, b, c] = GAP_STEPS.map((g) => Math.max(0, passMark - g)) as [number, number, number];
  return [
    { key: "b4", min: 0, max: c, below: true },
    { key: "b3", min: c, max: b, below: true },
    { key: "b2", min: b, max: a, below: true },
    { key: "b1", min: a, max: passMark, below: true },
    { key: "g1", min: passMark, max: strong, below: false },
    { key: "g2", min: strong, max: null, below: false },
  ];
}

/** The band of a score; null when the score is unknown. */
export function heatBand(value: number | null | undefined, bands: readonly HeatBand[]): HeatBand | null {
  if (value === null || value === undefined) return null;
  return bands.find((b) => value >= b.min && (b.max === null || value < b.max)) ?? bands[0] ?? null;
}
