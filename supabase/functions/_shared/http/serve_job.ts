/**
 * The request envelope every function shares (DESIGN §5): `GET` answers health (health.ts: 200
 * with its checks, 503 naming what fails); `POST` checks the key (401), reads at most 64 KB of
 * body (413) and validates it (400 naming the field, also for a date out of bounds), opens a run, answers 202 with the run id and goes on in the
 * background (`EdgeRuntime.waitUntil`), or with `"wait": true` answers 200 with the run summary.
 * On shutdown the run is marked interrupted and its leases released; runs of any function left
 * running past the wall-clock limit are closed as interrupted when the next run opens.
 */
import type postgres from "postgres";
import type { z } from "zod";
import { type Clock, SYSTEM_CLOCK, ukDate } from "../clock.ts";
import { ConfigError, loadConfig, type SyncConfig } from "../config.ts";
import { createDbClient } from "../db/client.ts";
import { guardAgainstDriverSocketBug } from "../db/driver_guard.ts";
import { createLogger, type Logger } from "../log.ts";
import { isTransientDatabaseError, messageOf } from "../sync/failures.ts";
import { createJobContext, type JobContext } from "../sync/job_context.ts";
import {
  closeRun,
  closeStaleRuns,
  markRunInterrupted,
  openRun,
  type RunSummary,
} from "../sync/runs.ts";
import { isAuthorized } from "./auth.ts";
import { healthAnswer, healthChecks } from "./health.ts";
import { currentPlatform, type Platform } from "./platform.ts";
import {
  BadRequestError,
  type FieldProblem,
  PayloadTooLargeError,
  readRequestBody,
} from "./request_body.ts";

/** Fields every function body accepts. */
export interface JobBody {
  readonly mode: string;
  readonly wait?: boolean | undefined;
}

/** A function: its name, body schema and what a run does. */
export interface JobDefinition<B extends JobBody> {
  readonly functionName: string;
  readonly bodySchema: z.ZodType<B>;
  /** Problems of a valid body that depend on today's UK date (date bounds); none when absent. */
  checkBody?(body: B, today: string): readonly FieldProblem[];
  run(context: JobContext, body: B): Promise<RunSummary>;
  /** Keep each API answer in the raw archive; odds polling does not. @default true */
  readonly archiveResponses?: boolean;
  /** Whether a body's requests go first on the shared API budget (the odds cadence). */
  apiPriority?(body: B): boolean;
}

/** What the handler needs from its surroundings; tests and the local server pass their own. */
export interface HandlerDependencies {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform?: Platform;
  readonly clock?: Clock;
  readonly fetch?: typeof fetch;
  /** Where log lines go; default JSON lines on stderr. */
  readonly logSink?: (level: string, line: string) => void;
  /** A database pool to use instead of opening one from the configured URL (tests, local server). */
  readonly sql?: postgres.Sql;
  /** Space API requests in `clock`'s time: a simulated day whose clock runs ahead. */
  readonly throttleOnClock?: boolean;
}

/** Tries to record a run's end while the database is away, and the wait before each. */
const CLOSE_TRIES = 6;
const CLOSE_RETRY_MS = 1_000;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

/** The summary of a run that threw instead of returning. */
export function failedSummary(error: unknown): RunSummary {
  return {
    status: "failed",
    windows_claimed: 0,
    windows_done: 0,
    windows_failed: 0,
    api_calls: 0,
    rows_written: 0,
    error: messageOf(error),
    details: {},
  };
}

interface ActiveRun {
  readonly runId: string;
  readonly controller: AbortController;
  /** The runtime's reason, once it shuts the run down. */
  shutdownReason?: string;
}

/** Builds the request handler of a function (what `index.ts` passes to `Deno.serve`). */
export function createJobHandler<B extends JobBody>(
  job: JobDefinition<B>,
  dependencies: HandlerDependencies,
): (request: Request) => Promise<Response> {
  const platform = dependencies.platform ?? currentPlatform();
  const clock = dependencies.clock ?? SYSTEM_CLOCK;
  const logOptions = dependencies.logSink ? { sink: dependencies.logSink } : {};
  const baseLog: Logger = createLogger({ fn: job.functionName }, logOptions);
  const active = new Set<ActiveRun>();
  let state: { config: SyncConfig; sql: postgres.Sql } | undefined;

  // A database restart must fail the queries in flight, not end the process.
  guardAgainstDriverSocketBug((error) =>
    baseLog.warn("the database connection dropped mid-write; its queries failed", {
      error: error.message,
    })
  );

  platform.onShutdown((reason) => {
    if (!state || active.size === 0) return;
    const { sql } = state;
    for (const run of active) {
      run.shutdownReason = reason;
      run.controller.abort(new Error(`runtime shutdown (${reason})`));
      markRunInterrupted(sql, run.runId, reason).catch(() => {});
    }
  });

  function ready(): { config: SyncConfig; sql: postgres.Sql } {
    if (!state) {
      const config = loadConfig(dependencies.env);
      state = { config, sql: dependencies.sql ?? createDbClient(config.databaseUrl) };
    }
    return state;
  }

  async function execute(runId: string, body: B, sql: postgres.Sql, config: SyncConfig) {
    const controller = new AbortController();
    const run: ActiveRun = { runId, controller };
    active.add(run);
    const log = baseLog.child({ run_id: runId, mode: body.mode });
    let summary: RunSummary;
    let context: JobContext | undefined;
    try {
      context = createJobContext({
        functionName: job.functionName,
        runId,
        sql,
        config,
        log,
        signal: controller.signal,
        clock,
        ...(dependencies.fetch ? { fetch: dependencies.fetch } : {}),
        ...(job.archiveResponses === false ? { archiveResponses: false } : {}),
        ...(dependencies.throttleOnClock ? { throttleOnClock: true } : {}),
        ...(job.apiPriority?.(body) ? { apiPriority: true } : {}),
      });
      summary = await job.run(context, body);
      const drift = context.drift.drain();
      if (drift.length > 0) {
        log.warn("the API sent fields this version does not know (schema drift)", { drift });
        summary = { ...summary, details: { ...summary.details, drift } };
      }
    } catch (error) {
      summary = failedSummary(error);
      if (isTransientDatabaseError(error)) {
        // The database went away (a restart, an upgrade): nothing is lost, the windows in hand
        // are handed back once it answers again.
        summary = {
          ...summary,
          status: "interrupted",
          error: `The database connection was lost: ${summary.error}`,
        };
      }
      log.error("run failed", { error: summary.error });
    } finally {
      await context?.settle();
      active.delete(run);
    }
    // The shutdown handler and this end race to record it: both name the runtime's reason.
    if (summary.status === "interrupted" && summary.error === null && run.shutdownReason) {
      summary = { ...summary, error: run.shutdownReason };
    }
    await closeRunPatiently(sql, runId, summary, log);
    log.info("run finished", { status: summary.status, api_calls: summary.api_calls });
    return summary;
  }

  /**
   * Closes the run, waiting for a database that is coming back; if it stays away, the run is
   * left open and the next run closes it as stale. Never throws: a run's end must not end the
   * process.
   */
  async function closeRunPatiently(
    sql: postgres.Sql,
    runId: string,
    summary: RunSummary,
    log: Logger,
  ): Promise<void> {
    for (let attempt = 1;; attempt++) {
      try {
        if (summary.status === "interrupted") {
          await markRunInterrupted(sql, runId, summary.error ?? "interrupted");
        }
        await closeRun(sql, runId, summary);
        return;
      } catch (error) {
        if (attempt >= CLOSE_TRIES || !isTransientDatabaseError(error)) {
          log.error("could not record the end of the run; the next run closes it as stale", {
            error: messageOf(error),
          });
          return;
        }
        await clock.sleep(CLOSE_RETRY_MS * attempt);
      }
    }
  }

  return async function handle(request: Request): Promise<Response> {
    if (request.method === "GET") {
      const health = healthAnswer(job.functionName, await healthChecks(job.functionName, ready));
      return json(health.status, health.body);
    }
    if (request.method !== "POST") {
      return json(405, { error: "method_not_allowed", message: "Use POST (or GET for health)" });
    }
    let ready_: { config: SyncConfig; sql: postgres.Sql };
    try {
      ready_ = ready();
    } catch (error) {
      if (error instanceof ConfigError) {
        baseLog.error("misconfigured", { problems: error.problems });
        return json(500, { error: "misconfigured", message: error.message });
      }
      throw error;
    }
    const { config, sql } = ready_;
    if (!isAuthorized(request, config.functionKeys)) {
      return json(401, {
        error: "unauthorized",
        message: "Send the project's secret or service-role key as apikey or Bearer token",
      });
    }
    let body: B;
    try {
      body = await readRequestBody(request, job.bodySchema);
      const problems = job.checkBody?.(body, ukDate(clock.now())) ?? [];
      if (problems.length > 0) throw new BadRequestError(problems);
    } catch (error) {
      if (error instanceof BadRequestError) {
        return json(400, { error: "bad_request", message: error.message, fields: error.problems });
      }
      if (error instanceof PayloadTooLargeError) {
        return json(413, { error: "payload_too_large", message: error.message });
      }
      throw error;
    }
    let runId: string;
    try {
      const stale = await closeStaleRuns(sql);
      if (stale > 0) {
        baseLog.warn("closed runs that recorded no end within the wall-clock limit", {
          runs: stale,
        });
      }
      runId = await openRun(sql, job.functionName, body.mode, body);
    } catch (error) {
      if (!isTransientDatabaseError(error)) throw error;
      // Nothing has started: the caller (a cron tick) may simply call again.
      const message = messageOf(error);
      baseLog.error("the database is unavailable", { error: message });
      return json(503, {
        error: "database_unavailable",
        message: `Cannot open a run: the database is unavailable (${message})`,
      });
    }
    const work = execute(runId, body, sql, config);
    if (body.wait) {
      const summary = await work;
      return json(200, { run_id: runId, function: job.functionName, ...summary });
    }
    platform.waitUntil(work);
    return json(202, {
      run_id: runId,
      function: job.functionName,
      mode: body.mode,
      status: "accepted",
    });
  };
}
