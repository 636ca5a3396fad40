/**
 * The retry policy of the Racing API client, as pure functions: which errors are worth another
 * attempt, and how long to wait first (exponential backoff with jitter, or what `Retry-After`
 * asked for). The loop that applies it lives in client.ts.
 */
import {
  MalformedBodyError,
  NetworkError,
  RateLimitedError,
  ServerError,
  TimeoutError,
} from "./errors.ts";

/** How often and how patiently a request is tried. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** Wait after the first failed attempt, before jitter. */
  readonly baseDelayMs: number;
  /** Longest wait; a `Retry-After` beyond it gives up instead of waiting. */
  readonly maxDelayMs: number;
  /** Growth of the wait per attempt. */
  readonly multiplier: number;
  /** Fraction of the wait taken off at random (0: none, 1: anywhere down to 0). */
  readonly jitter: number;
}

/** Five attempts, waiting about 0.5, 1, 2, 4 s between them (up to half less, at random). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  multiplier: 2,
  jitter: 0.5,
});

/**
 * Checks a policy once, up front.
 * @throws RangeError naming the first field that is out of range
 */
export function validateRetryPolicy(policy: RetryPolicy): RetryPolicy {
  const { maxAttempts, baseDelayMs, maxDelayMs, multiplier, jitter } = policy;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(
      `Cannot use retry policy as 'maxAttempts' must be a positive integer: current value is ${maxAttempts}`,
    );
  }
  if (!(baseDelayMs >= 0)) {
    throw new RangeError(
      `Cannot use retry policy as 'baseDelayMs' must be >= 0: current value is ${baseDelayMs}`,
    );
  }
  if (!(maxDelayMs >= baseDelayMs)) {
    throw new RangeError(
      `Cannot use retry policy as 'maxDelayMs' must be >= baseDelayMs: current value is ${maxDelayMs}`,
    );
  }
  if (!(multiplier >= 1)) {
    throw new RangeError(
      `Cannot use retry policy as 'multiplier' must be >= 1: current value is ${multiplier}`,
    );
  }
  if (!(jitter >= 0 && jitter <= 1)) {
    throw new RangeError(
      `Cannot use retry policy as 'jitter' must be between 0 and 1: current value is ${jitter}`,
    );
  }
  return policy;
}

/**
 * Wait before the next attempt after attempt number `attempt` (1-based) failed:
 * `min(maxDelayMs, baseDelayMs × multiplier^(attempt-1))`, less up to `jitter` of it at random.
 */
export function backoffDelayMs(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const exponential = policy.baseDelayMs * policy.multiplier ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(capped * (1 - policy.jitter * random()));
}

/** True for errors another attempt may cure: 429, 5xx, timeouts, network errors, bad bodies. */
export function isRetriable(error: unknown): boolean {
  return error instanceof RateLimitedError || error instanceof ServerError ||
    error instanceof TimeoutError || error instanceof NetworkError ||
    error instanceof MalformedBodyError;
}

/**
 * Milliseconds a `Retry-After` header asks for (delta seconds or an HTTP date), or undefined
 * when there is no header or it cannot be read.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/**
 * Wait before retrying after attempt `attempt` (1-based) failed with `error`, or undefined when
 * it must not be retried: the error is not retriable, the attempts are spent, or the API asked
 * for a longer wait than `maxDelayMs` (a Cloudflare cool-off is not waited out in a request).
 * A `Retry-After` wins over the backoff when it is longer.
 */
export function retryDelayMs(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | undefined {
  if (!isRetriable(error) || attempt >= policy.maxAttempts) return undefined;
  const backoff = backoffDelayMs(attempt, policy, random);
  const asked = (error as { retryAfterMs?: number }).retryAfterMs;
  if (asked === undefined) return backoff;
  if (asked > policy.maxDelayMs) return undefined;
  return Math.max(asked, backoff);
}
