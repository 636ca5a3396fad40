/**
 * Rate limiting as the vendor describes it: a token bucket per account and endpoint (refused with
 * 429), and an optional Cloudflare-style lockout per client (over 100 requests in 10 s → 5 minutes
 * refused; over 500 → 30 minutes). `rateScale` multiplies every rate by shrinking the windows.
 * @module
 */

/** Requests per second of each endpoint family on paid plans. */
export const ENDPOINT_RATES = {
  racecardList: 2,
  courses: 1,
  default: 5,
} as const;

/** Free-plan accounts get one request per second everywhere. */
export const FREE_PLAN_RATE = 1;

const LOCKOUT_WINDOW_MS = 10_000;
const LOCKOUT_RULES = [
  { over: 500, coolMs: 30 * 60_000 },
  { over: 100, coolMs: 5 * 60_000 },
] as const;

interface Bucket {
  tokens: number;
  at: number;
}

/** True when a scale turns limiting off (0 or Infinity). */
export function limitingDisabled(rateScale: number): boolean {
  return rateScale === 0 || !Number.isFinite(rateScale);
}

/** Per-endpoint token buckets plus the optional client lockout. */
export class RateLimiter {
  readonly #scale: number;
  readonly #lockout: boolean;
  readonly #buckets = new Map<string, Bucket>();
  #recent: number[] = [];
  #lockedUntil = 0;

  /** Creates a limiter; a scale of 0 or Infinity disables every limit. */
  constructor(rateScale: number, lockout: boolean) {
    if (!(rateScale >= 0)) {
      throw new RangeError(`Cannot limit rates: rateScale must be 0 or more, got ${rateScale}`);
    }
    this.#scale = rateScale;
    this.#lockout = lockout && !limitingDisabled(rateScale);
  }

  /** Counts a request at the edge; false while the client is locked out. */
  admit(nowMs: number): boolean {
    if (!this.#lockout) return true;
    if (nowMs < this.#lockedUntil) return false;
    const window = LOCKOUT_WINDOW_MS / this.#scale;
    this.#recent.push(nowMs);
    while (this.#recent.length && (this.#recent[0] as number) <= nowMs - window) {
      this.#recent.shift();
    }
    for (const rule of LOCKOUT_RULES) {
      if (this.#recent.length > rule.over) {
        this.#lockedUntil = nowMs + rule.coolMs / this.#scale;
        this.#recent = [];
        return false;
      }
    }
    return true;
  }

  /** Takes a token for a bucket refilled at `perSecond`; false when the bucket is empty (429). */
  take(bucketKey: string, perSecond: number, nowMs: number): boolean {
    if (limitingDisabled(this.#scale)) return true;
    const capacity = Math.max(1, perSecond);
    const bucket = this.#buckets.get(bucketKey) ?? { tokens: capacity, at: nowMs };
    const elapsed = Math.max(0, nowMs - bucket.at) / 1000;
    bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * perSecond * this.#scale);
    bucket.at = nowMs;
    this.#buckets.set(bucketKey, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
