/**
 * Request rates of The Racing API per endpoint family, and the global cap over all of them.
 * Defaults follow the vendor's limits (racecard lists 2/s, courses 1/s, the rest 5/s) and stay
 * under Cloudflare's rule (more than 100 requests in 10 s from one IP: a 5-minute cool-off).
 */
import type { EndpointFamily } from "../racing_api/families.ts";

/** Requests per second for each endpoint family and for all of them together. */
export type RateLimits = Readonly<Record<EndpointFamily | "global", number>>;

/** The vendor's documented limits, with the global cap at 5/s (50 per 10 s). */
export const DEFAULT_RATES: RateLimits = Object.freeze({
  racecards_list: 2,
  courses: 1,
  default: 5,
  global: 5,
});

/** Highest global rate accepted: 10/s is 100 per 10 s, Cloudflare's threshold. */
export const MAX_GLOBAL_RATE = 10;

/**
 * Share of a configured rate the throttle issues slots at. Slots are exact in the database, but
 * requests reach the API a little later by varying amounts (DB round trip, timers, network);
 * 5% spacing absorbs that, so no 1 s window at the API sees more than the configured rate.
 */
export const RATE_HEADROOM = 0.95;

/**
 * The defaults with some rates replaced.
 * @throws RangeError naming the first rate that is not a positive number, or a global rate
 * above MAX_GLOBAL_RATE
 */
export function resolveRates(overrides: Partial<RateLimits> = {}): RateLimits {
  const rates = { ...DEFAULT_RATES };
  for (const [name, value] of Object.entries(overrides) as [keyof RateLimits, number][]) {
    if (value === undefined) continue;
    if (!(Number.isFinite(value) && value > 0)) {
      throw new RangeError(
        `Cannot use rate '${name}' as it must be a positive number of requests per second: current value is ${value}`,
      );
    }
    rates[name] = value;
  }
  if (rates.global > MAX_GLOBAL_RATE) {
    throw new RangeError(
      `Cannot use rate 'global' as it must be at most ${MAX_GLOBAL_RATE} per second (Cloudflare blocks more than 100 requests in 10 s): current value is ${rates.global}`,
    );
  }
  return Object.freeze(rates);
}
