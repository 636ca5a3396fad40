/**
 * The throttle every API request of every concurrent invocation passes: a slot scheduler held
 * in Postgres (ra_private.take_api_token), so that processes that share nothing in memory still
 * share one budget per endpoint family and one global budget.
 */
import type postgres from "postgres";
import { type Clock, SYSTEM_CLOCK } from "../clock.ts";
import type { Throttle } from "../racing_api/client.ts";
import type { EndpointFamily } from "../racing_api/families.ts";
import { RATE_HEADROOM, type RateLimits } from "./rates.ts";

/** Name of the bucket that caps all endpoint families together. */
export const GLOBAL_BUCKET = "global";

/**
 * A slot woken up later than this is given up and a new one taken, since sending late squeezes
 * the gap to the next caller's slot. Slots are 1 / (rate × RATE_HEADROOM) apart, so `rate + 1`
 * slots span 1 / 0.95 ≈ 1.053 s whatever the rate: requests up to 52 ms late still never put
 * more than `rate` of them into any 1 s window. 50 ms uses that slack, so a worker that wakes a
 * little late because another parsed a large page does not throw away a whole slot.
 */
export const LATE_SLOT_TOLERANCE_MS = 50;

/** Slots taken at most per acquire(); after that the request goes even if late. */
export const MAX_SLOT_TRIES = 3;

/** Options of createDbThrottle. */
export interface DbThrottleOptions {
  /** Share of each configured rate slots are issued at. @default RATE_HEADROOM */
  readonly headroom?: number;
  /** @default SYSTEM_CLOCK */
  readonly clock?: Clock;
  /**
   * Space slots in the clock's time instead of the database's: for a simulated day whose clock
   * runs ahead of real time (the simulator's rate limits read the same clock). @default false
   */
  readonly onClockTime?: boolean;
  /**
   * Go first on the global budget (the odds cadence): wait only for earlier priority requests,
   * not for slots backfills hold (ra_private.take_api_token). @default false
   */
  readonly priority?: boolean;
}

/**
 * A throttle backed by ra_api_throttle: acquire() reserves the next slot of the family's bucket
 * and of the global bucket, then sleeps until it (abortable; an aborted wait wastes its slot).
 * The wait counts from when the database answered, so a request is never early; one woken up
 * too late takes a new slot instead of crowding the next caller.
 * @throws RangeError when headroom is not in (0, 1]
 */
export function createDbThrottle(
  sql: postgres.Sql,
  rates: RateLimits,
  options: DbThrottleOptions = {},
): Throttle {
  const {
    headroom = RATE_HEADROOM,
    clock = SYSTEM_CLOCK,
    onClockTime = false,
    priority = false,
  } = options;
  if (!(headroom > 0 && headroom <= 1)) {
    throw new RangeError(
      `Cannot create the throttle as 'headroom' must be in (0, 1]: current value is ${headroom}`,
    );
  }
  // By default the database's clock, which every isolate shares, spaces the slots.
  const callerTime = () => onClockTime ? clock.now() : null;
  const takeSlot = async (family: EndpointFamily): Promise<number> => {
    const [slot] = await sql<{ wait_ms: number }[]>`
      select ra_private.take_api_token(
        bucket => ${family}::text,
        rate_per_second => ${rates[family] * headroom}::numeric,
        burst => 1::numeric,
        global_bucket => ${GLOBAL_BUCKET}::text,
        global_rate => ${rates.global * headroom}::numeric,
        global_burst => 1::numeric,
        at_time => ${callerTime()}::timestamptz,
        priority => ${priority}::boolean
      ) as wait_ms`;
    return slot?.wait_ms ?? 0;
  };
  return {
    async acquire(family: EndpointFamily, signal?: AbortSignal): Promise<void> {
      for (let tries = 1;; tries++) {
        signal?.throwIfAborted();
        const wait = await takeSlot(family);
        const due = clock.now().getTime() + wait;
        await clock.sleep(wait, signal);
        const late = clock.now().getTime() - due;
        if (late <= LATE_SLOT_TOLERANCE_MS || tries >= MAX_SLOT_TRIES) return;
      }
    },
  };
}
