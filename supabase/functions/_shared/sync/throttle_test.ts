/**
 * The Postgres throttle: slots reserved in ra_api_throttle, and the acceptance test of the
 * shared budget: four clients, each with its own connection, against the simulator.
 */
import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import postgres from "postgres";
import { startSimulator } from "../../../../dev/simulator/server.ts";
import { createTestDatabase } from "../../../../tests/support/db.ts";
import { addDays, type Clock, sleep, ukDate } from "../clock.ts";
import { createRacingApiClient } from "../racing_api/client.ts";
import { resolveRates } from "./rates.ts";
import {
  createDbThrottle,
  GLOBAL_BUCKET,
  LATE_SLOT_TOLERANCE_MS,
  MAX_SLOT_TRIES,
} from "./throttle.ts";

/** A clock that records the waits asked of it instead of sleeping. */
function recordingClock(): Clock & { waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    now: () => new Date(),
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

Deno.test("acquire() reserves slots of the family and the global bucket at the headroom rate", async () => {
  await using db = await createTestDatabase();
  const clock = recordingClock();
  const throttle = createDbThrottle(db.sql, resolveRates({ courses: 0.5, global: 5 }), { clock });
  await throttle.acquire("courses");
  await throttle.acquire("courses");
  equal(clock.waits[0], 0);
  // 0.5/s × 0.95 headroom: one slot every 2105.3 ms.
  ok(clock.waits[1]! > 1000 && clock.waits[1]! <= 2106, `waited ${clock.waits[1]} ms`);
  const rows = await db.sql<{ bucket: string; rate_per_second: string; granted: string }[]>`
    select bucket, rate_per_second::text, granted::text from ra_api_throttle order by bucket`;
  deepEqual(rows.map((row) => ({ ...row })), [
    { bucket: "courses", rate_per_second: "0.475", granted: "2" },
    { bucket: GLOBAL_BUCKET, rate_per_second: "4.75", granted: "2" },
  ]);
});

/** A virtual clock whose sleeps overrun by `overrunsMs[i]` on the i-th sleep (0 after). */
function overrunningClock(overrunsMs: number[]): Clock {
  let now = Date.now();
  let sleeps = 0;
  return {
    now: () => new Date(now),
    sleep: (ms) => {
      now += ms + (overrunsMs[sleeps++] ?? 0);
      return Promise.resolve();
    },
  };
}

async function grantedSlots(sql: postgres.Sql, bucket: string): Promise<string | undefined> {
  const [row] = await sql<{ granted: string }[]>`
    select granted::text from ra_api_throttle where bucket = ${bucket}`;
  return row?.granted;
}

Deno.test("acquire() takes a new slot when it wakes up too late for the one it had", async () => {
  await using db = await createTestDatabase();
  const clock = overrunningClock([LATE_SLOT_TOLERANCE_MS + 100]);
  await createDbThrottle(db.sql, resolveRates(), { clock }).acquire("default");
  equal(await grantedSlots(db.sql, "default"), "2");
});

Deno.test("acquire() goes anyway after MAX_SLOT_TRIES late wake-ups", async () => {
  await using db = await createTestDatabase();
  const clock = overrunningClock(Array(10).fill(LATE_SLOT_TOLERANCE_MS + 100));
  await createDbThrottle(db.sql, resolveRates(), { clock }).acquire("courses");
  equal(await grantedSlots(db.sql, "courses"), String(MAX_SLOT_TRIES));
});

Deno.test("acquire() keeps its slot when it wakes up within the tolerance", async () => {
  await using db = await createTestDatabase();
  const clock = overrunningClock([LATE_SLOT_TOLERANCE_MS]);
  await createDbThrottle(db.sql, resolveRates(), { clock }).acquire("default");
  equal(await grantedSlots(db.sql, "default"), "1");
});

Deno.test("acquire() rejects at once when the signal has aborted", async () => {
  await using db = await createTestDatabase();
  const throttle = createDbThrottle(db.sql, resolveRates());
  await rejects(throttle.acquire("default", AbortSignal.abort(new Error("shutdown"))), {
    message: "shutdown",
  });
  const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from ra_api_throttle`;
  equal(row?.n, 0);
});

Deno.test("createDbThrottle() refuses a headroom outside (0, 1]", async () => {
  await using db = await createTestDatabase();
  let message = "";
  try {
    createDbThrottle(db.sql, resolveRates(), { headroom: 1.5 });
  } catch (error) {
    message = (error as Error).message;
  }
  equal(
    message,
    "Cannot create the throttle as 'headroom' must be in (0, 1]: current value is 1.5",
  );
});

/** Most requests in any window of `windowMs` (half-open) over sorted arrival times. */
function busiestWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  let first = 0;
  for (let last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

Deno.test("busiestWindow() counts arrivals less than a window apart", () => {
  equal(busiestWindow([0, 100, 999, 1000, 1500, 1999], 1000), 3);
  equal(busiestWindow([0, 1000, 2000], 1000), 1);
  equal(busiestWindow([], 1000), 0);
});

Deno.test("four clients sharing a 10 req/s budget use at least 90% of it, never exceed it and meet no 429", async () => {
  const BUDGET = 10;
  const RUN_MS = 5000;
  await using db = await createTestDatabase();
  // Single results are limited at 5/s; rateScale 2 makes the simulator's limit our budget.
  const sim = await startSimulator({
    seed: 3,
    plan: "pro",
    username: "demo",
    password: "demo",
    rateScale: BUDGET / 5,
  });
  const rates = resolveRates({ default: BUDGET, global: BUDGET });
  const connections = Array.from({ length: 4 }, () => postgres(db.url, { max: 1, prepare: false }));
  try {
    // The simulator shares this process, so its first calls (building the world) would stall
    // the clients' timers: warm it, fetch and the connections up, then measure.
    const warmUp = createRacingApiClient({
      baseUrl: sim.baseUrl,
      username: "demo",
      password: "demo",
      throttle: { acquire: () => Promise.resolve() },
    });
    const day = addDays(ukDate(new Date()), -3);
    const page = await warmUp.get("/v1/results", { start_date: day, end_date: day, limit: 1 });
    const raceId = (page as { results: { race_id: string }[] }).results[0]!.race_id;
    const path = `/v1/results/${raceId}`;
    await warmUp.get(path);
    await Promise.all(connections.map((sql) => sql`select 1`));
    await sleep(1000);
    sim.clearLog();

    const until = Date.now() + RUN_MS;
    await Promise.all(connections.map(async (sql) => {
      const client = createRacingApiClient({
        baseUrl: sim.baseUrl,
        username: "demo",
        password: "demo",
        throttle: createDbThrottle(sql, rates),
        // A 429 must show up as a failure, not be retried away.
        retryPolicy: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, multiplier: 1, jitter: 0 },
      });
      while (Date.now() < until) await client.get(path);
    }));

    deepEqual(sim.requestLog.filter((entry) => entry.status !== 200), []);
    const times = sim.requestLog.map((entry) => entry.at).sort((a, b) => a - b);
    const busiest = busiestWindow(times, 1000);
    ok(busiest <= BUDGET, `${busiest} requests arrived within one second`);
    const achieved = (times.length - 1) / ((times.at(-1)! - times[0]!) / 1000);
    ok(achieved >= 0.9 * BUDGET, `achieved ${achieved.toFixed(2)} requests per second`);
  } finally {
    await Promise.all(connections.map((sql) => sql.end()));
    await sim.close();
  }
});
