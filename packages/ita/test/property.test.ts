import { describe, expect, it } from "vitest";
import { type IndicatorScores, rate, toolsFromIndicators, totalFromTools } from "../src/index";
import { fw, randInt, rng } from "./helpers";

/** Exact rationals with BigInt: the "obviously right" computation, independent of the package's helpers. */
interface Q {
  n: bigint;
  d: bigint;
}
const q = (n: number | bigint, d: number | bigint = 1): Q => ({ n: BigInt(n), d: BigInt(d) });
const add = (a: Q, b: Q): Q => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const mul = (a: Q, b: Q): Q => ({ n: a.n * b.n, d: a.d * b.d });
/** Round a non-negative rational (in points) half up to two decimals, returned in hundredths. */
function roundToHundredths(x: Q): number {
  const scaled = mul(x, q(100));
  const whole = scaled.n / scaled.d;
  const rest = scaled.n - whole * scaled.d;
  return Number(2n * rest >= scaled.d ? whole + 1n : whole);
}
const points = (centi: number): Q => q(centi, 100);

function reference(indicators: Record<number, number>, eitParts?: [number, number]) {
  const meanOf = (ns: number[]) =>
    roundToHundredths(mul(ns.map((n) => points(indicators[n] as number)).reduce(add, q(0)), q(1, ns.length)));
  const iit = meanOf([1, 2, 3, 4, 5]);
  const eit = eitParts
    ? roundToHundredths(mul(add(points(eitParts[0]), points(eitParts[1])), q(1, 2)))
    : meanOf([6, 7, 8]);
  const oit = meanOf([9, 10]);
  // 0.3 · IIT + 0.3 · EIT + 0.4 · OIT, from the published (rounded) tool scores
  const total = roundToHundredths(
    [mul(q(3, 10), points(iit)), mul(q(3, 10), points(eit)), mul(q(4, 10), points(oit))].reduce(add, q(0)),
  );
  return { iit, eit, oit, total };
}

describe("property: the package agrees with exact rational arithmetic", () => {
  it.each([2562, 2564, 2565, 2566, 2568])("FY %i: 2,000 random indicator sets", (year) => {
    const f = fw(year);
    const r = rng(year);
    for (let k = 0; k < 2000; k++) {
      // Mix uniform scores with values near the thresholds, where rounding matters.
      const pick = () => (r() < 0.5 ? randInt(r, 0, 10000) : randInt(r, 8480, 8520));
      const indicators: Record<number, number> = {};
      for (let n = 1; n <= 10; n++) indicators[n] = pick();
      const parts: [number, number] | undefined = year >= 2566 && r() < 0.5 ? [pick(), pick()] : undefined;
      const tools = toolsFromIndicators(
        f,
        indicators as IndicatorScores,
        parts ? { eitPart1: parts[0], eitPart2: parts[1] } : {},
      );
      const total = totalFromTools(f, tools);
      const ref = reference(indicators, parts);
      expect({ iit: tools.iit, eit: tools.eit, oit: tools.oit, total }).toEqual(ref);
      // And the rating follows the thresholds on the integers.
      const rating = rate(f, tools, ref.total);
      expect(rating.passed).toBe(ref.total >= 8500);
      if (f.rating.kind === "pass-levels") {
        const all = (floor: number) => ref.iit >= floor && ref.eit >= floor && ref.oit >= floor;
        const expected =
          ref.total >= 9500 && all(9500)
            ? "excellent"
            : ref.total >= 8500 && all(8500)
              ? "good"
              : ref.total >= 8500
                ? "pass"
                : "fail";
        expect(rating.key).toBe(expected);
      } else {
        const t = ref.total;
        const expected =
          t >= 9500
            ? "AA"
            : t >= 8500
              ? "A"
              : t >= 7500
                ? "B"
                : t >= 6500
                  ? "C"
                  : t >= 5500
                    ? "D"
                    : t >= 5000
                      ? "E"
                      : "F";
        expect(rating.key).toBe(expected);
      }
    }
  });
});
