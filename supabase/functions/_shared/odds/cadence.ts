/**
 * When a race's prices are due: the cadence table (how often by time to the off) and the pure
 * decisions the odds tick makes from (off, last fetch, now). No I/O.
 * @module
 */

/** One row of the cadence table: within `withinMs` of the off, fetch every `everyMs`. */
export interface CadenceStep {
  /** Time to the off this row covers; null for "earlier than every other row". */
  readonly withinMs: number | null;
  readonly everyMs: number;
}

const SECOND = 1_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;

/** The default cadence: ≤ 5 min every 10 s, ≤ 30 min every 60 s, ≤ 2 h every 5 min, else 15 min. */
export const DEFAULT_CADENCE: readonly CadenceStep[] = Object.freeze([
  { withinMs: 5 * MINUTE, everyMs: 10 * SECOND },
  { withinMs: 30 * MINUTE, everyMs: 60 * SECOND },
  { withinMs: 2 * HOUR, everyMs: 5 * MINUTE },
  { withinMs: null, everyMs: 15 * MINUTE },
]);

/** The default cadence as RA_ODDS_CADENCE writes it. */
export const DEFAULT_CADENCE_TEXT = "5m:10s,30m:60s,2h:5m,*:15m";

const DURATION = /^(\d+)(s|m|h)$/;
const UNIT_MS: Record<string, number> = { s: SECOND, m: MINUTE, h: HOUR };

function duration(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (match === null) return null;
  const ms = Number(match[1]) * (UNIT_MS[match[2] as string] as number);
  return ms > 0 ? ms : null;
}

/**
 * Reads a cadence such as "5m:10s,30m:60s,2h:5m,*:15m": rows `<time to off>:<every>` with
 * widening times, the last `*`.
 * @throws RangeError saying what is wrong
 */
export function parseCadence(text: string): CadenceStep[] {
  const steps: CadenceStep[] = [];
  const rows = text.split(",").map((row) => row.trim()).filter((row) => row !== "");
  for (const [i, row] of rows.entries()) {
    const [within, every, extra] = row.split(":");
    const everyMs = every === undefined ? null : duration(every);
    const last = i === rows.length - 1;
    const withinMs = within?.trim() === "*" ? null : duration(within ?? "");
    if (extra !== undefined || everyMs === null || (withinMs === null) !== last) {
      throw new RangeError(
        `Cannot read the cadence row "${row}": write "<time to off>:<every>" with s, m or h (e.g. "5m:10s"), and "*:<every>" last`,
      );
    }
    const previous = steps.at(-1);
    if (previous && withinMs !== null && withinMs <= (previous.withinMs ?? 0)) {
      throw new RangeError(`Cannot read the cadence row "${row}": times to the off must widen`);
    }
    steps.push({ withinMs, everyMs });
  }
  if (steps.length === 0) throw new RangeError("Cannot read an empty cadence");
  return steps;
}

/** How often a race `msToOff` from its off is fetched; null once it is off. */
export function intervalFor(msToOff: number, cadence: readonly CadenceStep[]): number | null {
  if (msToOff <= 0) return null;
  for (const step of cadence) {
    if (step.withinMs === null || msToOff <= step.withinMs) return step.everyMs;
  }
  return null;
}

/**
 * The first instant at or after `nowMs` when a race is due: never fetched → now; else the
 * earliest t with t - lastFetched ≥ the interval at t (a tighter row starts applying as the
 * off nears). Null when no fetch is due before the off.
 */
export function nextFetchAt(
  offMs: number,
  lastFetchedMs: number | null,
  nowMs: number,
  cadence: readonly CadenceStep[],
): number | null {
  if (nowMs >= offMs) return null;
  if (lastFetchedMs === null) return nowMs;
  let best: number | null = null;
  // Row k covers the instants from (off - its withinMs) up to (off - the tighter row's withinMs).
  let end = offMs;
  for (const step of cadence) {
    const start = step.withinMs === null ? -Infinity : offMs - step.withinMs;
    const at = Math.max(nowMs, start, lastFetchedMs + step.everyMs);
    if (at < end && (best === null || at < best)) best = at;
    if (step.withinMs === null) break;
    end = start;
  }
  return best;
}

/** True when a race is due at `nowMs` (nextFetchAt is now or past). */
export function isDue(
  offMs: number,
  lastFetchedMs: number | null,
  nowMs: number,
  cadence: readonly CadenceStep[],
): boolean {
  const next = nextFetchAt(offMs, lastFetchedMs, nowMs, cadence);
  return next !== null && next <= nowMs;
}

/** Due races from which one day list is cheaper than a card per race. */
export const DAY_LIST_FROM_RACES = 3;

/**
 * Which request serves the due races: the day list (`/v1/racecards/pro`, 2/s, every card of the
 * day) when at least DAY_LIST_FROM_RACES are due, else one card each (5/s).
 */
export function chooseRequest(dueRaces: number): "day_list" | "race_cards" {
  return dueRaces >= DAY_LIST_FROM_RACES ? "day_list" : "race_cards";
}
