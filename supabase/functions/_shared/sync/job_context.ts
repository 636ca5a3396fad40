/**
 * Everything one run of a function works with: its run id, database, API client (behind the
 * shared throttle, archiving every answer), logger, clock, budget and shutdown signal.
 */
import type postgres from "postgres";
import { type Clock, SYSTEM_CLOCK, ukDate } from "../clock.ts";
import type { SyncConfig } from "../config.ts";
import type { Logger } from "../log.ts";
import {
  type ApiResponseRecord,
  createRacingApiClient,
  type RacingApiClient,
} from "../racing_api/client.ts";
import { DriftReporter } from "../racing_api/drift.ts";
import { createDbThrottle } from "./throttle.ts";

/** What a job's code receives for one run. */
export interface JobContext {
  readonly functionName: string;
  readonly runId: string;
  readonly sql: postgres.Sql;
  readonly config: SyncConfig;
  readonly log: Logger;
  readonly api: RacingApiClient;
  readonly clock: Clock;
  /** Aborts when the runtime shuts the isolate down. */
  readonly signal: AbortSignal;
  /** Epoch ms after which the run claims no more work. */
  readonly deadline: number;
  /** Unknown API fields seen in this run, each reported once. */
  readonly drift: DriftReporter;
  /** Milliseconds of parsing and mapping this run has measured (see RA_CPU_BUDGET_MS). */
  readonly cpu: CpuMeter;
  /** Waits for work started in the background (raw archive inserts); call before closing the run. */
  settle(): Promise<void>;
}

/** Adds up the time of synchronous work (parsing, validating, mapping payloads). */
export class CpuMeter {
  #spentMs = 0;

  /** Runs `work` and adds its duration. */
  measure<T>(work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.#spentMs += performance.now() - started;
    }
  }

  /** Milliseconds measured so far. */
  get spentMs(): number {
    return this.#spentMs;
  }
}

/** Inputs of createJobContext. */
export interface JobContextOptions {
  readonly functionName: string;
  readonly runId: string;
  readonly sql: postgres.Sql;
  readonly config: SyncConfig;
  readonly log: Logger;
  readonly signal: AbortSignal;
  readonly clock?: Clock;
  readonly fetch?: typeof fetch;
  /** Keep every answer in the raw archive (ra_api_responses). @default true */
  readonly archiveResponses?: boolean;
  /** Space API requests in the clock's time (a simulated day; throttle.ts). @default false */
  readonly throttleOnClock?: boolean;
  /** Requests go first on the shared budget (the odds cadence; throttle.ts). @default false */
  readonly apiPriority?: boolean;
}

/** Stores one API answer in the raw archive, so rows can be re-derived without the API. */
export async function archiveResponse(
  sql: postgres.Sql,
  runId: string | null,
  record: ApiResponseRecord,
): Promise<void> {
  await sql`
    select ra_private.archive_response(
      endpoint => ${record.endpoint}::text,
      params => ${sql.json(record.params as postgres.JSONValue)}::jsonb,
      status => ${record.status}::integer,
      body => ${record.bodyText}::text::jsonb,
      run_id => ${runId}::uuid,
      fetched_at => ${record.fetchedAt}::timestamptz
    )`;
}

/** Builds the context of one run. */
export function createJobContext(options: JobContextOptions): JobContext {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const { sql, config, runId, log } = options;
  // Archiving a page (up to a few MB of JSON) must not hold up the page's own rows: inserts run
  // beside the work and are awaited before the run closes. A failed insert loses only the copy.
  const archiving = new Set<Promise<void>>();
  const archive = (record: ApiResponseRecord) => {
    const insert = archiveResponse(sql, runId, record).catch((error) => {
      log.warn("could not archive an API response", {
        endpoint: record.endpoint,
        error: error instanceof Error ? error.message : String(error),
      });
    }).finally(() => archiving.delete(insert));
    archiving.add(insert);
  };
  // The answers' JSON parsing is CPU of the run too (a racecards page is several MB).
  const cpu = new CpuMeter();
  const api = createRacingApiClient({
    baseUrl: config.racingApi.baseUrl,
    username: config.racingApi.username,
    password: config.racingApi.password,
    throttle: createDbThrottle(sql, config.rates, {
      clock,
      onClockTime: options.throttleOnClock ?? false,
      priority: options.apiPriority ?? false,
    }),
    timeoutMs: config.requestTimeoutMs,
    retryPolicy: config.retryPolicy,
    signal: options.signal,
    clock,
    ...(options.archiveResponses === false ? {} : { onResponse: archive }),
    parseMeter: cpu,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    functionName: options.functionName,
    runId,
    sql,
    config,
    log: options.log,
    api,
    clock,
    signal: options.signal,
    deadline: clock.now().getTime() + config.budgetMs,
    drift: new DriftReporter(),
    cpu,
    async settle() {
      while (archiving.size > 0) await Promise.all(archiving);
    },
  };
}

/** The UK racing date of the context's clock. */
export function todayOf(context: Pick<JobContext, "clock">): string {
  return ukDate(context.clock.now());
}
