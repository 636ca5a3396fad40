/**
 * The loop every windowed job runs: claim a window under a lease, process it (its rows and its
 * `done` mark commit together), and go on until no window is left or the budget is spent. A
 * failed window is recorded and the loop goes on; only errors that would fail every window
 * (401: credentials or plan; 422: a request the API refuses) stop the run.
 */
import type postgres from "postgres";
import { AuthError, ValidationError422 } from "../racing_api/errors.ts";
import { isRetriable } from "../racing_api/retry.ts";
import { PayloadValidationError } from "../racing_api/schemas.ts";
import {
  claimWindow,
  failWindow,
  LeaseLostError,
  releaseLeases,
  type SyncWindow,
} from "./checkpoints.ts";
import type { JobContext } from "./job_context.ts";
import { runStatusOf, type RunSummary } from "./runs.ts";

/** Processes one claimed window; completes it (completeWindow) in the transaction of its last rows. */
export type WindowProcessor = (
  window: SyncWindow,
  context: JobContext,
) => Promise<{ readonly rowsWritten: number }>;

/** Why the loop stopped. */
export type LoopStop = "drained" | "budget" | "cpu" | "fatal" | "shutdown";

/** What the loop did. */
export interface WindowLoopResult {
  readonly claimed: number;
  readonly done: number;
  readonly failed: number;
  readonly apiCalls: number;
  readonly rowsWritten: number;
  readonly stoppedBy: LoopStop;
  /** The error that stopped the run (fatal), or the last window error. */
  readonly error: string | null;
  /** Windows of the job still pending or running after the loop. */
  readonly remaining: number;
}

/** A payload that failed validation, kept with its error in ra_sync_errors. */
export class QuarantinedPayloadError extends Error {
  override name = "QuarantinedPayloadError";
  constructor(override readonly cause: PayloadValidationError, readonly payload: unknown) {
    super(cause.message);
  }
}

// Deadlock, serialization failure, and lost or refused connections: worth another try.
const TRANSIENT_SQLSTATES = /^(40P01|40001|08\w{3}|53300|57P0[123])$/;

/** True for database errors that a later try can get past (deadlocks, dropped connections). */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && TRANSIENT_SQLSTATES.test(code);
}

/** True for errors that would fail every window the same way, so the run must stop. */
export function isFatal(error: unknown): boolean {
  return error instanceof AuthError || error instanceof ValidationError422;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Records a failure with its payload in ra_sync_errors; never throws on a missing run. */
export async function recordSyncError(
  sql: postgres.Sql,
  context: Pick<JobContext, "runId">,
  window: SyncWindow | null,
  detail: { endpoint?: string; params?: unknown; error: string; payload?: unknown },
): Promise<void> {
  await sql`
    insert into public.ra_sync_errors
      (run_id, checkpoint_id, job, window_start, window_end, endpoint, params, error, payload)
    values (
      ${context.runId}, ${window?.id ?? null}, ${window?.job ?? null},
      ${window?.windowStart ?? null}, ${window?.windowEnd ?? null}, ${detail.endpoint ?? null},
      ${detail.params === undefined ? null : sql.json(detail.params as postgres.JSONValue)},
      ${detail.error},
      ${detail.payload === undefined ? null : sql.json(detail.payload as postgres.JSONValue)}
    )`;
}

async function countRemaining(sql: postgres.Sql, job: string): Promise<number> {
  const [row] = await sql<{ remaining: number }[]>`
    select count(*)::integer as remaining from public.ra_sync_checkpoints
    where job = ${job} and status in ('pending', 'running')`;
  return row?.remaining ?? 0;
}

/** Runs windows of `job` until none is left, the budget is spent, or a fatal error. */
export async function runWindowLoop(
  context: JobContext,
  job: string,
  processWindow: WindowProcessor,
  options: { readonly workers?: number } = {},
): Promise<WindowLoopResult> {
  const { sql, config, log, clock } = context;
  const tally = { claimed: 0, done: 0, failed: 0, rowsWritten: 0 };
  let error: string | null = null;
  let stoppedBy: LoopStop = "drained";
  const stop = (reason: LoopStop) => {
    // A fatal error or a shutdown outranks a spent budget.
    if (stoppedBy === "drained" || stoppedBy === "budget" || stoppedBy === "cpu") {
      stoppedBy = reason;
    }
  };
  const callsBefore = context.api.stats.calls;

  // Several workers share one run: while one writes a window, another waits on the API, so the
  // request budget keeps flowing. Claims skip locked rows, so no window is taken twice.
  const worker = async () => {
    while (stoppedBy === "drained") {
      if (context.signal.aborted) return stop("shutdown");
      if (clock.now().getTime() >= context.deadline) return stop("budget");
      if (context.cpu.spentMs >= config.cpuBudgetMs) return stop("cpu");
      const window = await claimWindow(sql, {
        job,
        leaseOwner: context.runId,
        leaseSeconds: config.leaseSeconds,
        maxAttempts: config.maxAttempts,
      });
      if (!window) return;
      tally.claimed++;
      // A sibling stopped the run while this claim was on its way: hand it back unprocessed.
      if (stoppedBy !== "drained") return;
      const windowLog = log.child({ window: `${job} ${window.windowStart}..${window.windowEnd}` });
      try {
        const outcome = await processWindow(window, context);
        tally.done++;
        tally.rowsWritten += outcome.rowsWritten;
        windowLog.info("window done", { rows: outcome.rowsWritten, attempt: window.attempts });
      } catch (caught) {
        if (context.signal.aborted) {
          await releaseLeases(sql, context.runId);
          return stop("shutdown");
        }
        if (caught instanceof LeaseLostError) {
          windowLog.warn("lease lost: another worker took the window", { error: caught.message });
          continue;
        }
        error = messageOf(caught);
        if (isFatal(caught)) {
          // The window goes back to pending once every worker has stopped, so none takes it
          // again in this run; it is no fault of the window (credentials, plan, a refused query).
          fatalWindow = { window, error };
          windowLog.error("run stopped", { error, attempt: window.attempts });
          return stop("fatal");
        }
        const quarantined = caught instanceof QuarantinedPayloadError;
        if (quarantined) {
          await recordSyncError(sql, context, window, { error, payload: caught.payload });
        }
        const status = await failWindow(sql, {
          id: window.id,
          leaseOwner: window.leaseOwner,
          error,
          retryable: !quarantined && (isRetriable(caught) || isTransientDatabaseError(caught)),
        }).catch((failError) => {
          if (failError instanceof LeaseLostError) return "lost" as const;
          throw failError;
        });
        if (status === "failed") tally.failed++;
        windowLog.error("window failed", { error, status, attempt: window.attempts });
      }
    }
  };
  let fatalWindow: { window: SyncWindow; error: string } | undefined;
  const workers = Math.max(1, options.workers ?? 1);
  await Promise.all(Array.from({ length: workers }, worker));
  if (fatalWindow) {
    await failWindow(sql, {
      id: fatalWindow.window.id,
      leaseOwner: fatalWindow.window.leaseOwner,
      error: fatalWindow.error,
      retryable: true,
    }).catch(() => {});
  }
  // Windows claimed but never started (a sibling stopped the run) go back to pending.
  if (stoppedBy !== "drained") await releaseLeases(sql, context.runId);
  return {
    ...tally,
    apiCalls: context.api.stats.calls - callsBefore,
    stoppedBy,
    error,
    remaining: await countRemaining(sql, job),
  };
}

/**
 * The run summary of one or more loops: failed when a fatal error stopped the run, partial
 * when windows failed or remain (budget spent), succeeded otherwise.
 */
export function summarizeLoops(
  loops: readonly WindowLoopResult[],
  details: Record<string, unknown> = {},
): RunSummary {
  const sum = (pick: (loop: WindowLoopResult) => number) =>
    loops.reduce((total, loop) => total + pick(loop), 0);
  const fatal = loops.find((loop) => loop.stoppedBy === "fatal");
  const failed = sum((loop) => loop.failed);
  const remaining = sum((loop) => loop.remaining);
  const status = runStatusOf({
    fatal: fatal !== undefined,
    interrupted: loops.some((loop) => loop.stoppedBy === "shutdown"),
    incomplete: failed > 0 || remaining > 0,
  });
  return {
    status,
    windows_claimed: sum((loop) => loop.claimed),
    windows_done: sum((loop) => loop.done),
    windows_failed: failed,
    api_calls: sum((loop) => loop.apiCalls),
    rows_written: sum((loop) => loop.rowsWritten),
    error: fatal?.error ?? loops.findLast((loop) => loop.error !== null)?.error ?? null,
    details: {
      windows_remaining: remaining,
      stopped_by: loops.find((loop) => loop.stoppedBy !== "drained")?.stoppedBy ?? "drained",
      ...details,
    },
  };
}
