/**
 * The one loop every job runs: claim units of work (windows, horses, reference entities, races
 * due for odds), process each, complete, fail or hand it back. The loop owns what every job
 * needs the same way: the deadline, the shutdown signal, the CPU budget, worker concurrency, the
 * classification of failures (fatal for the run, refused for the unit's dates, retryable, lost
 * database), the error record with its payload, and one tally. A job says only what to claim,
 * how to process one unit and how its store records an ending (see window_loop.ts and the jobs).
 */
import { LeaseLostError } from "./checkpoints.ts";
import {
  type FailurePlace,
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

/** Why the loop stopped claiming. */
export type LoopStop =
  | "drained"
  | "batch_done"
  | "budget"
  | "cpu"
  | "fatal"
  | "shutdown"
  | "database";

/** How one failed unit ends in its store. */
export type FailedAs = "pending" | "failed" | "lost";

/** What the loop tells a job's store about a failed unit. */
export interface UnitFailure {
  readonly error: string;
  /** A later run may succeed. */
  readonly retryable: boolean;
  /** The API refused the unit's request for what it asked (plan, validation), not by chance. */
  readonly refused: boolean;
}

/** A job, declared: what to claim, how to process and how its store ends a unit. */
export interface WorkJob<U> {
  /** Claims the next units for this run; none when nothing is left. */
  claim(): Promise<readonly U[]>;
  /** Processes one claimed unit, completing it in its store; returns rows written and how it ended. */
  process(unit: U): Promise<{ readonly rowsWritten: number; readonly outcome?: string }>;
  /** Records a failed unit in the job's store. */
  fail(unit: U, failure: UnitFailure): Promise<FailedAs>;
  /**
   * Hands back units this run holds but will not finish (a stop, a shutdown), with the error
   * that stopped the run when one did.
   */
  release(units: readonly U[], stoppedBy: string | null): Promise<void>;
  /** Log fields and the error record's place and params of a unit. */
  describe(unit: U): {
    readonly log: Record<string, unknown>;
    readonly place?: FailurePlace;
    readonly params?: unknown;
  };
  /** Called after a unit was refused for its dates; returns how many more units failed with it. */
  afterRefusal?(unit: U, error: string): Promise<number>;
}

/** Options of runWorkLoop. */
export interface WorkLoopOptions {
  /** Units worked side by side. @default 1 */
  readonly workers?: number;
  /** Stop after the first claim's units (a cron tick that does one batch). @default false */
  readonly oneBatch?: boolean;
  /**
   * Tell a 401/422 for one unit's request from credentials wrong for all (windows of dates).
   * Without it every 401 and 422 stops the run. @default false
   */
  readonly refusalsPerUnit?: boolean;
}

/** What a loop did. */
export interface WorkLoopResult {
  readonly claimed: number;
  readonly done: number;
  /** Units failed for good. */
  readonly failed: number;
  /** Units that failed in this run and wait for a later one. */
  readonly retried: number;
  /** Units (and those failed with them) the API refused for what they asked. */
  readonly refused: number;
  readonly rowsWritten: number;
  readonly apiCalls: number;
  readonly stoppedBy: LoopStop;
  /** The error that stopped the run (fatal), or the last unit error. */
  readonly error: string | null;
  /** Count of each outcome a job's process returned (e.g. pro, standard, not_found). */
  readonly outcomes: Readonly<Record<string, number>>;
}

// A fatal error, a shutdown or a lost database outranks a spent budget or a finished batch.
const OUTRANKED: readonly LoopStop[] = ["drained", "batch_done", "budget", "cpu"];

/** Runs a job's units until none is left, a limit is reached, or an error stops the run. */
export async function runWorkLoop<U>(
  context: JobContext,
  job: WorkJob<U>,
  options: WorkLoopOptions = {},
): Promise<WorkLoopResult> {
  const { sql, config, log, clock } = context;
  const tally = { claimed: 0, done: 0, failed: 0, retried: 0, refused: 0, rowsWritten: 0 };
  const outcomes: Record<string, number> = {};
  const planCheck = options.refusalsPerUnit ? new PlanCheck(regionsProbe(context)) : undefined;
  const callsBefore = context.api.stats.calls;
  let error: string | null = null;
  let fatalError: string | null = null;
  let stoppedBy: LoopStop = "drained";
  const stop = (reason: LoopStop) => {
    if (OUTRANKED.includes(stoppedBy)) stoppedBy = reason;
  };
  const running = () => stoppedBy === "drained";
  // Units claimed and not yet started; all workers take from it, one of them claims at a time.
  const queue: U[] = [];
  let claiming: Promise<void> | undefined;
  let batches = 0;
  // Units that must go back to their store once the workers have stopped.
  const handBack: U[] = [];

  const limitReached = (): LoopStop | undefined => {
    if (context.signal.aborted) return "shutdown";
    if (clock.now().getTime() >= context.deadline) return "budget";
    if (context.cpu.spentMs >= config.cpuBudgetMs) return "cpu";
    return undefined;
  };

  const refill = async () => {
    if (options.oneBatch && batches > 0) return;
    batches++;
    const units = await job.claim();
    tally.claimed += units.length;
    queue.push(...units);
  };

  const next = async (): Promise<U | undefined> => {
    while (queue.length === 0) {
      if (!running() || (options.oneBatch && batches > 0)) return undefined;
      // Workers wait for the one claim in flight instead of claiming side by side.
      if (!claiming) claiming = refill().finally(() => claiming = undefined);
      const before = tally.claimed;
      await claiming;
      if (tally.claimed === before && queue.length === 0) return undefined;
    }
    return queue.shift();
  };

  // The other workers start once the first unit has ended: wrong credentials then cost one
  // request, not one per worker.
  let firstUnitEnded: () => void = () => {};
  const warmedUp = new Promise<void>((resolve) => firstUnitEnded = resolve);

  const worker = async () => {
    while (running()) {
      const limit = limitReached();
      if (limit) return stop(limit);
      const unit = await next();
      if (unit === undefined) return;
      // A sibling stopped the run while this unit was on its way: hand it back unstarted.
      if (!running()) {
        handBack.push(unit);
        return;
      }
      const described = job.describe(unit);
      const unitLog = log.child(described.log);
      try {
        const result = await job.process(unit);
        tally.done++;
        tally.rowsWritten += result.rowsWritten;
        if (result.outcome) outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
        unitLog.info("done", { rows: result.rowsWritten, outcome: result.outcome });
      } catch (caught) {
        if (context.signal.aborted) {
          handBack.push(unit);
          return stop("shutdown");
        }
        if (caught instanceof LeaseLostError) {
          unitLog.warn("lease lost: another worker took it over", { error: caught.message });
          continue;
        }
        const lost = isDatabaseLost(caught);
        error = lost ? `The database connection was lost: ${messageOf(caught)}` : messageOf(caught);
        const refused = isFatal(caught) && planCheck !== undefined &&
          await planCheck.refusesOnlyThisRequest(caught);
        if (isFatal(caught) && !refused) {
          // No fault of the unit (credentials, account): it goes back once the workers stop.
          fatalError = error;
          handBack.push(unit);
          unitLog.error("run stopped", { error });
          return stop("fatal");
        }
        const payload = payloadOf(caught);
        if (payload !== undefined || described.params !== undefined) {
          const request = requestOf(caught);
          const params = described.params ?? request.params;
          await recordSyncError(sql, context, described.place ?? null, {
            ...(request.endpoint === undefined ? {} : { endpoint: request.endpoint }),
            ...(params === undefined ? {} : { params }),
            error,
            ...(payload === undefined ? {} : { payload }),
          });
        }
        const status = await job.fail(unit, {
          error,
          retryable: !refused && isRetryable(caught),
          refused,
        });
        if (status === "failed") tally.failed++;
        if (status === "pending") tally.retried++;
        if (refused) {
          tally.refused++;
          const alike = await job.afterRefusal?.(unit, error) ?? 0;
          tally.failed += alike;
          tally.refused += alike;
        }
        unitLog.error("failed", { error, status });
        // The database went away under the run: hand back what it holds and end it there.
        if (lost) return stop("database");
      }
      firstUnitEnded();
    }
  };

  const workers = Math.max(1, options.workers ?? 1);
  await Promise.all([
    worker().finally(firstUnitEnded),
    ...Array.from({ length: workers - 1 }, async () => {
      await warmedUp;
      await worker();
    }),
  ]);
  if (options.oneBatch && stoppedBy === "drained" && tally.claimed > 0) stoppedBy = "batch_done";
  handBack.push(...queue.splice(0));
  if (handBack.length > 0 || stoppedBy !== "drained") await job.release(handBack, fatalError);
  return {
    ...tally,
    apiCalls: context.api.stats.calls - callsBefore,
    stoppedBy,
    error: fatalError ?? error,
    outcomes,
  };
}

/** What a job adds to the run summary. */
export interface SummaryOptions {
  /** Work is left that this run should have done (remaining windows, skipped entities). */
  readonly incomplete?: boolean;
  /** The loops ran windows (ra_sync_runs counts windows in their own columns). */
  readonly windows?: boolean;
  readonly details?: Record<string, unknown>;
}

/**
 * The run summary of one or more loops: failed when an error stopped the run for every unit,
 * interrupted by a shutdown or a lost database, partial when units failed, wait for a later run
 * or were left undone, succeeded otherwise.
 */
export function summarizeWork(
  loops: readonly WorkLoopResult[],
  options: SummaryOptions = {},
): RunSummary {
  const sum = (pick: (loop: WorkLoopResult) => number) =>
    loops.reduce((total, loop) => total + pick(loop), 0);
  const fatal = loops.find((loop) => loop.stoppedBy === "fatal");
  const failed = sum((loop) => loop.failed);
  const status = runStatusOf({
    fatal: fatal !== undefined,
    interrupted: loops.some((loop) =>
      loop.stoppedBy === "shutdown" || loop.stoppedBy === "database"
    ),
    incomplete: failed > 0 || sum((loop) => loop.retried) > 0 || options.incomplete === true,
  });
  const windows = options.windows === true;
  return {
    status,
    windows_claimed: windows ? sum((loop) => loop.claimed) : 0,
    windows_done: windows ? sum((loop) => loop.done) : 0,
    windows_failed: windows ? failed : 0,
    api_calls: sum((loop) => loop.apiCalls),
    rows_written: sum((loop) => loop.rowsWritten),
    error: fatal?.error ?? loops.findLast((loop) => loop.error !== null)?.error ?? null,
    details: {
      stopped_by: loops.find((loop) => loop.stoppedBy !== "drained")?.stoppedBy ?? "drained",
      ...options.details,
    },
  };
}
