/**
 * Deterministic randomness for the demo data: a seeded mulberry32 generator, with independent streams
 * derived from (seed, label) so that adding a draw in one place does not shift every draw after it.
 * Never Math.random: the same seed must give byte-identical output.
 */

/** 32-bit FNV-1a hash of a string (UTF-16 code units). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** Standard normal N(0, 1) (Box–Muller). */
  normal(): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(list: readonly T[]): T[];
}

/** mulberry32: small, fast, good enough for synthetic data. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal: () => {
      // 1 - u keeps the logarithm finite (u is in [0, 1)).
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    chance: (p) => next() < p,
    pick: <T>(list: readonly T[]): T => {
      if (list.length === 0) throw new RangeError("pick: empty list");
      return list[Math.floor(next() * list.length)] as T;
    },
    shuffle: <T>(list: readonly T[]): T[] => {
      const out = [...list];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = out[i] as T;
        out[i] = out[j] as T;
        out[j] = tmp;
      }
      return out;
    },
  };
  return rng;
}

/** An independent stream for one purpose, e.g. stream(seed, "agency", code, 2564). */
export function stream(seed: number, ...labels: (string | number)[]): Rng {
  return mulberry32(hash32(`${seed >>> 0}|${labels.join("|")}`));
}

/** Logistic function. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
