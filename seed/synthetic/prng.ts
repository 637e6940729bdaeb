/**
 * A small deterministic PRNG for the synthetic catalog: mulberry32 for the stream, a 32-bit
 * integer hash to derive independent sub-streams (one per entity), so the same seed number always
 * gives the same catalog, and generating one offering's prices does not depend on the others.
 * No Math.random anywhere in the generator.
 */

/** mulberry32: 32-bit state, period 2^32, good enough for test data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit mix of several integers (murmur3 finalizer over a running combination). */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h ^= part >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Stable numeric id of a stream name ("models", "points"...). */
export function streamId(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}

export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** A sub-stream for one entity: `Rng.for(seed, 'offering', 42)`. */
  static for(seed: number, stream: string, index = 0): Rng {
    return new Rng(hash32(seed, streamId(stream), index));
  }

  float(): number {
    return this.next();
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** Log-uniform in [min, max]: as many values between 0.01 and 0.1 as between 1 and 10. */
  logRange(min: number, max: number): number {
    return Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min)));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: `weighted([['a', 3], ['b', 1]])` returns 'a' three times as often. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let r = this.next() * total;
    for (const [value, weight] of entries) {
      r -= weight;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  /** Fisher-Yates on a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }
}

/**
 * Sampling from a fixed discrete distribution in O(log n): cumulative weights + binary search.
 * Used for Zipf-like popularity (a few models and providers carry many offerings).
 */
export class WeightedTable {
  private readonly cumulative: Float64Array;

  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((weight, i) => {
      sum += weight;
      this.cumulative[i] = sum;
    });
  }

  get size(): number {
    return this.cumulative.length;
  }

  sample(rng: Rng): number {
    const total = this.cumulative[this.cumulative.length - 1]!;
    const target = rng.float() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Zipf-like weights 1 / (rank + offset)^exponent over a shuffled order of n items. */
export function zipfWeights(n: number, exponent: number, offset: number, rng: Rng): number[] {
  const ranks = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  const weights = new Array<number>(n);
  ranks.forEach((rank, i) => {
    weights[i] = 1 / Math.pow(rank + 1 + offset, exponent);
  });
  return weights;
}
