import { type Framework, frameworkFor } from "../src/index";

/** A built-in framework that must exist. */
export function fw(year: number): Framework {
  const f = frameworkFor(year);
  if (!f) throw new Error(`no built-in framework for ${year}`);
  return f;
}

/** Item results for every catalogue item: 100 for the codes in `passed`, 0 for the rest. */
export function itemsPassing(f: Framework, passed: Iterable<string>): Record<string, 0 | 100> {
  const set = new Set(passed);
  return Object.fromEntries(f.oit.items.map((i) => [i.code, set.has(i.code) ? 100 : 0]));
}

/** Item results for every catalogue item: all passed except `failed`. */
export function itemsFailing(f: Framework, failed: Iterable<string>): Record<string, 0 | 100> {
  const set = new Set(failed);
  return Object.fromEntries(f.oit.items.map((i) => [i.code, set.has(i.code) ? 0 : 100]));
}

/** Deterministic PRNG (mulberry32) so property tests are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random integer in [min, max]. */
export function randInt(r: () => number, min: number, max: number): number {
  return min + Math.floor(r() * (max - min + 1));
}
