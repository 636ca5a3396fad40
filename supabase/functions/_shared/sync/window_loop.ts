/**
 * The loop every windowed job runs: claim a window under a lease, process it (its rows and its
 * `done` mark commit together), and go on until no window is left or the budget is spent. A
 * run tries each window once: a window that fails is recorded and handed back for a later run
 * (or failed for good once its attempts are spent), so a broken minute of the API cannot use up
 * a window. A window the plan cannot serve (401 or 422 for its dates) fails at once with the
 * API's reason and the run goes on; only credentials wrong for every request stop the run.
 */
import type postgres from "postgres";
import {
  claimWindow,
  failWindow,
  failWindowsBefore,
  LeaseLostError,
  planWindows,
  releaseLeases,
  type SyncWindow,
} from "./checkpoints.ts";
import {
  isDatabaseLost,
  isFatal,
  isRetryable,
  messageOf,
  payloadOf,
  PlanCheck,
  recordSyncError,
  regionsProbe,
  requestOf,
} from "./failures.ts";
import type { JobContext } from "./job_context.ts";
import { runStatusOf, type RunSummary } from "./runs.ts";

/** Processes one claimed window; completes it (completeWindow) in the transaction of its last rows. */
export type WindowProcessor = (
  window: SyncWindow,
  context: JobContext,
) => Promise<{ readonly rowsWritten: number }>;

/** Why the loop stopped. */
export type LoopStop = "drained" | "budget" | "cpu" | "fatal" | "shutdown" | "database";

/** What the loop did. */
export interface WindowLoopResult {
  readonly claimed: number;
  readonly done: number;
  readonly failed: number;
  /** Windows that failed in this run and wait for a later one. */
  readonly retried: number;
  /** Windows failed for good because the API refused their dates (plan or validation). */
  readonly refused: number;
  readonly apiCalls: number;
  readonly rowsWritten: number;
  readonly stoppedBy: LoopStop;
  /** The error that stopped the run (fatal), or the last window error. */
  readonly error: string | null;
  /** Windows of the job still pending or running after the loop. */
  readonly remaining: number;
}

async function countRemaining(sql: postgres.Sql, job: string): Promise<number> {
  const [row] = await sql<{ remaining: number }[]>`
    select count(*)::integer as remaining from public.ra_sync_checkpoints
    where job = ${job} and status in ('pending', 'running')`;
  return row?.remaining ?? 0;
}

/** Options of runWindowLoop. */
export interface WindowLoopOptions {
  /** Windows worked side by side. @default 1 */
  readonly workers?: number;
  /**
   * For a window the API refused for its dates, the date before which every window of the job
   * is refused alike (they fail together), or undefined when the refusal is the window's alone.
   */
  readonly refusedWith?: (window: SyncWindow) => string | undefined;
}

/** Runs windows of `job` until none is left, the budget is spent, or a fatal error. */
export async function runWindowLoop(
  context: JobContext,
  job: string,
  processWindow: WindowProcessor,
  options: WindowLoopOptions = {},
): Promise<WindowLoopResult> {
  const { sql, config, log, clock } = context;
  const tally = { claimed: 0, done: 0, failed: 0, retried: 0, refused: 0, rowsWritten: 0 };
  const planCheck = new PlanCheck(regionsProbe(context));
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
        error = isDatabaseLost(caught)
          ? `The database connection was lost: ${messageOf(caught)}`
          : messageOf(caught);
        const refused = isFatal(caught) && await planCheck.refusesOnlyThisRequest(caught);
        if (isFatal(caught) && !refused) {
          // The window goes back to pending once every worker has stopped, so none takes it
          // again in this run; it is no fault of the window (credentials, account).
          fatalWindow = { window, error };
          windowLog.error("run stopped", { error, attempt: window.attempts });
          return stop("fatal");
        }
        const payload = payloadOf(caught);
        if (payload !== undefined) {
          await recordSyncError(sql, context, window, { ...requestOf(caught), error, payload });
        }
        const status = await failWindow(sql, {
          id: window.id,
          leaseOwner: window.leaseOwner,
          error,
          retryable: !refused && isRetryable(caught),
        }).catch((failError) => {
          if (failError instanceof LeaseLostError) return "lost" as const;
          throw failError;
        });
        if (status === "failed") tally.failed++;
        if (status === "pending") tally.retried++;
        // The database went away under the run: hand back what it holds and end it there.
        if (isDatabaseLost(caught)) return stop("database");
        if (refused) {
          tally.refused++;
          const before = options.refusedWith?.(window);
          if (before) {
            const alike = await failWindowsBefore(
              sql,
              job,
              before,
              `Not fetched: it starts before ${before}, like ${window.windowStart}..${window.windowEnd} that the API refused: ${error}`,
            );
            tally.failed += alike.length;
            tally.refused += alike.length;
            // The part of a refused window from the limit on is served: plan it on its own.
            const tails = [
              window,
              ...alike.map((w) => ({ windowStart: w.start, windowEnd: w.end })),
            ]
              .filter((w) => w.windowEnd >= before)
              .map((w) => ({ start: before, end: w.windowEnd }));
            await planWindows(sql, job, tails);
          }
        }
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
  // Windows left when the loop drained are held by other runs or wait for a later one: this run
  // did all it could, so only its own failures, hand-backs and a cut-short loop leave it partial.
  const cutShort = loops.some((loop) => loop.stoppedBy !== "drained" && loop.remaining > 0);
  const status = runStatusOf({
    fatal: fatal !== undefined,
    interrupted: loops.some((loop) =>
      loop.stoppedBy === "shutdown" || loop.stoppedBy === "database"
    ),
    incomplete: failed > 0 || sum((loop) => loop.retried) > 0 || cutShort,
  });
  const refused = sum((loop) => loop.refused);
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
      windows_retried: sum((loop) => loop.retried),
      stopped_by: loops.find((loop) => loop.stoppedBy !== "drained")?.stoppedBy ?? "drained",
      ...(refused > 0 ? { windows_refused_by_api: refused, what_to_do: REFUSED_ADVICE } : {}),
      ...details,
    },
  };
}

/** What a user does about windows the API refused for their dates. */
export const REFUSED_ADVICE = "Windows the API refused for their dates (401 or 422) are failed: " +
  "results older than 365 days need the vendor's historical add-on; otherwise plan the backfill " +
  "from a later date. After adding the add-on, `deno task backfill --retry-failed` tries them again.";
