import { deepEqual, equal, throws } from "node:assert/strict";
import {
  chooseRequest,
  DEFAULT_CADENCE,
  DEFAULT_CADENCE_TEXT,
  intervalFor,
  isDue,
  nextFetchAt,
  parseCadence,
} from "./cadence.ts";

const S = 1_000, M = 60_000, H = 3_600_000;
const OFF = Date.parse("2025-10-13T14:00:00Z");

Deno.test("intervalFor() follows the table: ≤ 5 min 10 s, ≤ 30 min 60 s, ≤ 2 h 5 min, else 15 min, none after the off", () => {
  deepEqual(
    [3 * H, 2 * H, 2 * H - 1, 30 * M, 29 * M, 5 * M, 1 * S, 0, -5 * M].map((ms) =>
      intervalFor(ms, DEFAULT_CADENCE)
    ),
    [15 * M, 5 * M, 5 * M, 60 * S, 60 * S, 10 * S, 10 * S, null, null],
  );
});

Deno.test("nextFetchAt(): a race never fetched is due now; after the off never", () => {
  equal(nextFetchAt(OFF, null, OFF - 3 * H, DEFAULT_CADENCE), OFF - 3 * H);
  equal(nextFetchAt(OFF, null, OFF, DEFAULT_CADENCE), null);
  equal(nextFetchAt(OFF, OFF - 5 * S, OFF - 1 * S, DEFAULT_CADENCE), null);
});

Deno.test("nextFetchAt(): last fetch + the interval, or sooner when a tighter row starts first", () => {
  // 3 h out, fetched 1 min ago: 15-min row → 14 min from now.
  equal(nextFetchAt(OFF, OFF - 3 * H - M, OFF - 3 * H, DEFAULT_CADENCE), OFF - 3 * H + 14 * M);
  // 2 h 5 min out, fetched just now: the 15-min row would say 1 h 50 min, but the 5-min row
  // starts at 2 h out and 5 min after the fetch is 2 h out: due then.
  equal(nextFetchAt(OFF, OFF - 125 * M, OFF - 125 * M, DEFAULT_CADENCE), OFF - 2 * H);
  // 31 min out, fetched 1 min ago: the 60-s row starts at 30 min out → due at 30 min out.
  equal(nextFetchAt(OFF, OFF - 32 * M, OFF - 31 * M, DEFAULT_CADENCE), OFF - 30 * M);
  // 4 min out, fetched 3 s ago: 10-s row → 7 s from now.
  equal(nextFetchAt(OFF, OFF - 4 * M - 3 * S, OFF - 4 * M, DEFAULT_CADENCE), OFF - 4 * M + 7 * S);
  // 6 s before the off, fetched 6 s ago: due in 4 s, still before the off.
  equal(nextFetchAt(OFF, OFF - 12 * S, OFF - 6 * S, DEFAULT_CADENCE), OFF - 2 * S);
});

Deno.test("isDue(): due exactly at the interval, not a moment before", () => {
  equal(isDue(OFF, OFF - 4 * M - 10 * S, OFF - 4 * M, DEFAULT_CADENCE), true);
  equal(isDue(OFF, OFF - 4 * M - 9 * S, OFF - 4 * M, DEFAULT_CADENCE), false);
});

Deno.test("parseCadence() reads the default text and refuses bad rows, naming them", () => {
  deepEqual(parseCadence(DEFAULT_CADENCE_TEXT), DEFAULT_CADENCE);
  deepEqual(parseCadence("10m:30s,*:5m"), [
    { withinMs: 10 * M, everyMs: 30 * S },
    { withinMs: null, everyMs: 5 * M },
  ]);
  throws(() => parseCadence("5m:10s"), /"5m:10s".*"\*:<every>" last/);
  throws(() => parseCadence("5m:10x,*:15m"), /"5m:10x"/);
  throws(() => parseCadence("30m:60s,5m:10s,*:15m"), /"5m:10s": times to the off must widen/);
  throws(() => parseCadence(""), /empty cadence/);
});

Deno.test("chooseRequest(): the day list from 3 due races, single cards below", () => {
  deepEqual([0, 1, 2, 3, 40].map(chooseRequest), [
    "race_cards",
    "race_cards",
    "race_cards",
    "day_list",
    "day_list",
  ]);
});
