/**
 * Deterministic randomness for the simulated world: integer hashing, a small seeded generator
 * and keyed permutations that turn internal keys into stable, reversible API ids.
 * @module
 */

/** Scrambles a 32-bit integer (a strong avalanche mix). */
export function mix32(value: number): number {
  let x = value | 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Order-sensitive hash of a few integers to an unsigned 32-bit value. */
export function hashInts(a: number, b = 0, c = 0, d = 0, e = 0): number {
  let h = mix32(a ^ 0x9e3779b9);
  h = mix32(h ^ Math.imul(b | 0, 0x85ebca6b) ^ (b / 4294967296));
  h = mix32(h ^ Math.imul(c | 0, 0xc2b2ae35) ^ (c / 4294967296));
  h = mix32(h ^ Math.imul(d | 0, 0x27d4eb2f) ^ (d / 4294967296));
  return mix32(h ^ Math.imul(e | 0, 0x165667b1) ^ (e / 4294967296));
}

/** Faster hash of a tag and two small non-negative integers (below 2^31), for hot paths. */
export function hashPair(tag: number, a: number, b: number): number {
  return mix32(mix32(tag ^ Math.imul(a, 0x9e3779b1)) ^ Math.imul(b, 0x85ebca77));
}

/** A uniform number in [0, 1) from a 32-bit hash. */
export function unitOf(hash: number): number {
  return (hash >>> 0) / 4294967296;
}

/** Stable integer tag for a string (FNV-1a), used to separate random streams by purpose. */
export function tagOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small seeded generator (sfc32) for sequences of draws from one hash. */
export class SeededRandom {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** Starts a stream from a 32-bit seed. */
  constructor(seed: number) {
    this.#a = mix32(seed ^ 0x1b873593);
    this.#b = mix32(seed ^ 0xcc9e2d51);
    this.#c = mix32(seed ^ 0xe6546b64);
    this.#d = 1;
    for (let i = 0; i < 8; i++) this.next();
  }

  /** Next uniform number in [0, 1). */
  next(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Index drawn with the given relative weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let u = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i] as number;
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  /** Standard normal draw (Box-Muller). */
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

/** A keyed bijection on [0, 2^bits) (balanced Feistel network), so ids decode back to keys. */
export class KeyedPermutation {
  readonly size: number;
  readonly #half: number;
  readonly #mask: number;
  readonly #keys: number[];

  /** Builds the permutation for an even number of bits (at most 30). */
  constructor(bits: number, key: number) {
    if (bits % 2 !== 0 || bits < 2 || bits > 30) {
      throw new RangeError(`Cannot build permutation: bits must be even and in 2..30, got ${bits}`);
    }
    this.size = 2 ** bits;
    this.#half = bits / 2;
    this.#mask = (1 << this.#half) - 1;
    this.#keys = [0, 1, 2, 3].map((i) => hashInts(key, i, bits));
  }

  /** Maps a key to its permuted value. */
  forward(value: number): number {
    let left = Math.floor(value / (1 << this.#half)) & this.#mask;
    let right = value & this.#mask;
    for (const k of this.#keys) {
      const next = left ^ (mix32(right ^ k) & this.#mask);
      left = right;
      right = next;
    }
    return left * (1 << this.#half) + right;
  }

  /** Maps a permuted value back to its key. */
  inverse(value: number): number {
    let left = Math.floor(value / (1 << this.#half)) & this.#mask;
    let right = value & this.#mask;
    for (let i = this.#keys.length - 1; i >= 0; i--) {
      const prev = right ^ (mix32(left ^ (this.#keys[i] as number)) & this.#mask);
      right = left;
      left = prev;
    }
    return left * (1 << this.#half) + right;
  }
}
