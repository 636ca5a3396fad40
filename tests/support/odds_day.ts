/**
 * A simulated race day for the odds tests and the bench: one virtual clock shared by the
 * simulator and the functions (a sleep moves it on at once, so a day runs in seconds), the
 * function handlers built on that clock with the throttle spacing requests in its time, and a
 * fresh database with the day's racecards loaded.
 */
import { type Clock, sleep } from "../../supabase/functions/_shared/clock.ts";
import { createJobHandler } from "../../supabase/functions/_shared/http/serve_job.ts";
import { fetchOddsJob } from "../../supabase/functions/fetch-odds/job.ts";
import { fetchRacecardsJob } from "../../supabase/functions/fetch-racecards/job.ts";
import { fetchResultsJob } from "../../supabase/functions/fetch-results/job.ts";
import { type Simulator, startSimulator } from "../../dev/simulator/server.ts";
import { createTestDatabase, type TestDatabase } from "./db.ts";
import { TEST_FUNCTION_KEY, testPlatform } from "./pipeline.ts";

/** A clock that stands still until something sleeps; a sleep moves it on and returns at once. */
export class VirtualClock implements Clock {
  #ms: number;

  constructor(start: Date) {
    this.#ms = start.getTime();
  }

  now(): Date {
    return new Date(this.#ms);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.#ms += Math.max(0, ms);
    return Promise.resolve();
  }

  /** Moves the clock to an instant (never back). */
  setTo(at: Date): void {
    this.#ms = Math.max(this.#ms, at.getTime());
  }
}

/** Real time moved to another instant: sleeps really wait, so concurrent work shares it. */
export class ShiftedClock implements Clock {
  #offsetMs: number;

  constructor(start: Date) {
    this.#offsetMs = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleep(ms, signal);
  }

  /** Jumps to an instant (never back); from there it runs in real time again. */
  setTo(at: Date): void {
    this.#offsetMs += Math.max(0, at.getTime() - this.now().getTime());
  }
}

/** A race day under test. */
export interface OddsDay {
  readonly db: TestDatabase;
  readonly sim: Simulator;
  readonly clock: VirtualClock | ShiftedClock;
  readonly env: Record<string, string>;
  invoke(name: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const JOBS = {
  "fetch-odds": fetchOddsJob,
  "fetch-racecards": fetchRacecardsJob,
  "fetch-results": fetchResultsJob,
} as const;

/** Starts a database and a simulator on a virtual clock set to `start`. */
export async function startOddsDay(
  start: Date,
  options: {
    env?: Record<string, string>;
    seed?: number;
    database?: TestDatabase;
    /** Real time shifted to `start` (concurrent work, real rate limits) instead of virtual. */
    realTime?: boolean;
    rateScale?: number;
  } = {},
): Promise<OddsDay> {
  const clock = options.realTime ? new ShiftedClock(start) : new VirtualClock(start);
  const db = options.database ?? await createTestDatabase();
  const sim = await startSimulator({
    seed: options.seed ?? 42,
    now: () => clock.now(),
    ...(options.rateScale === undefined ? {} : { rateScale: options.rateScale }),
  });
  const env: Record<string, string> = {
    DATABASE_URL: db.url,
    RACING_API_BASE_URL: sim.baseUrl,
    RACING_API_USERNAME: "demo",
    RACING_API_PASSWORD: "demo",
    RA_FUNCTION_KEY: TEST_FUNCTION_KEY,
    RA_REQUEST_TIMEOUT_MS: "5000",
    ...options.env,
  };
  const platform = testPlatform();
  const handlers = new Map<string, (request: Request) => Promise<Response>>();
  const close = async () => {
    await sim.close();
    await db.drop();
  };
  return {
    db,
    sim,
    clock,
    env,
    async invoke(name, body) {
      let handler = handlers.get(name);
      if (!handler) {
        const job = JOBS[name as keyof typeof JOBS];
        if (!job) throw new Error(`no function named ${name}`);
        // deno-lint-ignore no-explicit-any
        handler = createJobHandler(job as any, {
          env,
          platform,
          clock,
          // A virtual clock runs ahead of the database's: the throttle must count in its time.
          throttleOnClock: !options.realTime,
          logSink: () => {},
          sql: db.sql,
        });
        handlers.set(name, handler);
      }
      const response = await handler(
        new Request(`http://127.0.0.1/functions/v1/${name}`, {
          method: "POST",
          headers: { "content-type": "application/json", apikey: TEST_FUNCTION_KEY },
          body: JSON.stringify(body),
        }),
      );
      return { status: response.status, body: await response.json() };
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
