/**
 * Windows on the work loop: claim a window under a lease, process it (its rows and its `done`
 * mark commit together), and go on until no window is left or the budget is spent. A run tries
 * each window once: a window that fails is recorded and handed back for a later run (or failed
 * for good once its attempts are spent), so a broken minute of the API cannot use up a window.
 * A window the plan cannot serve (401 or 422 for its dates) fails at once with the API's reason
 * and the run goes on; only credentials wrong for every request stop the run.
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
import type { JobContext } from "./job_context.ts";
import type { RunSummary } from "./runs.ts";
import { runWorkLoop, summarizeWork, type WorkJob, type WorkLoopResult } from "./work_loop.ts";

/** Processes one claimed window; completes it (completeWindow) in the transaction of its last rows. */
export type WindowProcessor = (
  window: SyncWindow,
  context: JobContext,
) => Promise<{ readonly rowsWritten: number }>;

/** What a window loop did, and the windows of its job still pending or running after it. */
export interface WindowLoopResult extends WorkLoopResult {
  readonly remaining: number;
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

async function countRemaining(sql: postgres.Sql, job: string): Promise<number> {
  const [row] = await sql<{ remaining: number }[]>`
    select count(*)::integer as remaining from public.ra_sync_checkpoints
    where job = ${job} and status in ('pending', 'running')`;
  return row?.remaining ?? 0;
}

/** The windows of a checkpoint job, as a job of the work loop. */
export function windowJob(
  context: JobContext,
  job: string,
  processWindow: WindowProcessor,
  options: WindowLoopOptions = {},
): WorkJob<SyncWindow> {
  const { sql, config, runId } = context;
  return {
    claim: async () => {
      const window = await claimWindow(sql, {
        job,
        leaseOwner: runId,
        leaseSeconds: config.leaseSeconds,
        maxAttempts: config.maxAttempts,
      });
      return window ? [window] : [];
    },
    process: (window) => processWindow(window, context),
    fail: (window, failure) =>
      failWindow(sql, {
        id: window.id,
        leaseOwner: window.leaseOwner,
        error: failure.error,
        retryable: failure.retryable,
      }).catch((failError) => {
        if (failError instanceof LeaseLostError) return "lost" as const;
        throw failError;
      }),
    release: async (windows, stoppedBy) => {
      // A window in hand when an error stopped the run keeps that error, and the attempt.
      if (stoppedBy !== null) {
        for (const window of windows) {
          await failWindow(sql, {
            id: window.id,
            leaseOwner: window.leaseOwner,
            error: stoppedBy,
            retryable: true,
          }).catch(() => {});
        }
      }
      await releaseLeases(sql, runId);
    },
    describe: (window) => ({
      log: { window: `${job} ${window.windowStart}..${window.windowEnd}` },
      place: window,
    }),
    ...(options.refusedWith
      ? { afterRefusal: (window: SyncWindow, error: string) => failAlike(window, error) }
      : {}),
  };

  async function failAlike(window: SyncWindow, error: string): Promise<number> {
    const before = options.refusedWith?.(window);
    if (!before) return 0;
    const alike = await failWindowsBefore(
      sql,
      job,
      before,
      `Not fetched: it starts before ${before}, like ${window.windowStart}..${window.windowEnd} that the API refused: ${error}`,
    );
    // The part of a refused window from the limit on is served: plan it on its own.
    const tails = [window, ...alike.map((w) => ({ windowStart: w.start, windowEnd: w.end }))]
      .filter((w) => w.windowEnd >= before)
      .map((w) => ({ start: before, end: w.windowEnd }));
    await planWindows(sql, job, tails);
    return alike.length;
  }
}

/** Runs windows of `job` until none is left, the budget is spent, or an error stops the run. */
export async function runWindowLoop(
  context: JobContext,
  job: string,
  processWindow: WindowProcessor,
  options: WindowLoopOptions = {},
): Promise<WindowLoopResult> {
  const result = await runWorkLoop(context, windowJob(context, job, processWindow, options), {
    workers: options.workers ?? 1,
    refusalsPerUnit: true,
  });
  return { ...result, remaining: await countRemaining(context.sql, job) };
}

/** What a user does about windows the API refused for their dates. */
export const REFUSED_ADVICE = "Windows the API refused for their dates (401 or 422) are failed: " +
  "results older than 365 days need the vendor's historical add-on; otherwise plan the backfill " +
  "from a later date. After adding the add-on, `deno task backfill --retry-failed` tries them again.";

/**
 * The run summary of window loops. Windows left when a loop drained are held by other runs or
 * wait for a later one: this run did all it could, so only its own failures, hand-backs and a
 * loop cut short with windows left make it partial.
 */
export function summarizeLoops(
  loops: readonly WindowLoopResult[],
  details: Record<string, unknown> = {},
): RunSummary {
  const sum = (pick: (loop: WindowLoopResult) => number) =>
    loops.reduce((total, loop) => total + pick(loop), 0);
  const refused = sum((loop) => loop.refused);
  return summarizeWork(loops, {
    windows: true,
    incomplete: loops.some((loop) => loop.stoppedBy !== "drained" && loop.remaining > 0),
    details: {
      windows_remaining: sum((loop) => loop.remaining),
      windows_retried: sum((loop) => loop.retried),
      ...(refused > 0 ? { windows_refused_by_api: refused, what_to_do: REFUSED_ADVICE } : {}),
      ...details,
    },
  });
}
