/**
 * The demo's two long steps: the backfill of the last days, planned as checkpoint windows and
 * drained by the functions' backfill mode with a progress line, and horse enrichment, drained
 * until no call ends on its budget with horses left.
 */
import type postgres from "postgres";
import { addDays, sleep } from "../supabase/functions/_shared/clock.ts";
import { planWindows } from "../supabase/functions/_shared/sync/checkpoints.ts";
import { DEFAULT_RESULTS_WINDOW_DAYS } from "../supabase/functions/_shared/sync/windows.ts";
import { type BackfillJob, type JobPlan, planBackfill } from "./backfill_plan.ts";
import type { DemoJobOptions } from "./demo_job.ts";
import type { StepOutcome } from "./demo_report.ts";
import { runAnswerOf } from "./demo_run_answer.ts";
import { progressBar } from "./terminal.ts";

/** The function that drains each backfill job's windows. */
export const BACKFILL_FUNCTIONS: Readonly<Record<BackfillJob, string>> = {
  results: "fetch-results",
  racecards: "fetch-racecards",
  odds: "fetch-odds",
};

/** Where a job's planned windows stand. */
export interface PlannedProgress {
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  /** Pending or running. */
  readonly unfinished: number;
}

/** Reads where the planned windows of one checkpoint job stand. */
export async function plannedProgress(
  sql: postgres.Sql,
  plan: Pick<JobPlan, "checkpointJob" | "windows">,
): Promise<PlannedProgress> {
  const [row] = await sql<PlannedProgress[]>`
    select count(*)::integer as total,
           (count(*) filter (where c.status = 'done'))::integer as done,
           (count(*) filter (where c.status = 'failed'))::integer as failed,
           (count(*) filter (where c.status in ('pending', 'running')))::integer as unfinished
    from public.ra_sync_checkpoints c
    join unnest(${plan.windows.map((w) => w.start)}::date[],
                ${plan.windows.map((w) => w.end)}::date[]) as w(window_start, window_end)
      on c.window_start = w.window_start and c.window_end = w.window_end
    where c.job = ${plan.checkpointJob}`;
  return row ?? { total: 0, done: 0, failed: 0, unfinished: 0 };
}

/** Windows of a job that are not the demo's and still to do (another plan, e.g. a long backfill). */
async function otherUnfinished(sql: postgres.Sql, plan: JobPlan): Promise<number> {
  const [row] = await sql<{ count: number }[]>`
    select count(*)::integer as count
    from public.ra_sync_checkpoints c
    where c.job = ${plan.checkpointJob} and c.status in ('pending', 'running')
      and not exists (
        select 1
        from unnest(${plan.windows.map((w) => w.start)}::date[],
                    ${plan.windows.map((w) => w.end)}::date[]) as w(window_start, window_end)
        where w.window_start = c.window_start and w.window_end = c.window_end
      )`;
  return row?.count ?? 0;
}

/** Calls without any window claimed (another worker holds them) before a drain gives up. */
const MAX_IDLE_CALLS = 10;
const IDLE_PAUSE_MS = 2_000;

interface Tally {
  apiCalls: number;
  rowsWritten: number;
  error: string | null;
  status: string;
}

/** Invokes a job's backfill mode until the demo's windows of that job are all done or failed. */
async function drainJob(options: DemoJobOptions, plan: JobPlan): Promise<Tally> {
  const tally: Tally = { apiCalls: 0, rowsWritten: 0, error: null, status: "succeeded" };
  let idle = 0;
  while (true) {
    const run = runAnswerOf(
      await options.invoke(BACKFILL_FUNCTIONS[plan.job], { mode: "backfill", wait: true }),
    );
    tally.apiCalls += run.apiCalls;
    tally.rowsWritten += run.rowsWritten;
    if (!run.ok || run.status === "failed" || run.status === "interrupted") {
      tally.status = run.ok ? run.status : "failed";
      tally.error = `${BACKFILL_FUNCTIONS[plan.job]} backfill: ${run.error ?? run.status}`;
      return tally;
    }
    const progress = await plannedProgress(options.sql, plan);
    if (progress.unfinished === 0) {
      if (progress.failed > 0) {
        tally.status = "partial";
        tally.error = `${progress.failed} ${plan.job} windows failed (see deno task status)`;
      }
      return tally;
    }
    idle = run.windowsClaimed === 0 ? idle + 1 : 0;
    if (idle >= MAX_IDLE_CALLS) {
      tally.status = "partial";
      tally.error = `${progress.unfinished} ${plan.job} windows are held by another worker`;
      return tally;
    }
    if (idle > 0) await sleep(IDLE_PAUSE_MS);
  }
}

/** Plans the demo's backfill windows and drains them, showing the windows settled so far. */
export async function backfillStep(options: DemoJobOptions): Promise<Omit<StepOutcome, "seconds">> {
  const { sql, out, today, days } = options;
  const from = addDays(today, -days);
  const to = addDays(today, -1);
  const plan = planBackfill({
    from,
    to,
    today,
    jobs: ["results", "racecards"],
    resultsWindowDays: DEFAULT_RESULTS_WINDOW_DAYS,
    rates: options.rates,
  });
  for (const warning of plan.warnings) out.line(`      note: ${warning}`);
  for (const job of plan.jobs) {
    await planWindows(sql, job.checkpointJob, job.windows);
    const others = await otherUnfinished(sql, job);
    if (others > 0) {
      out.line(
        `      note: ${job.checkpointJob} has ${others} more windows planned; the functions take ` +
          "the oldest first, so they come before the demo's",
      );
    }
  }
  out.line(
    `      ${from} .. ${to}: ` +
      plan.jobs.map((job) => `${job.windows.length} ${job.job} windows`).join(", "),
  );

  let finished = false;
  const showProgress = async () => {
    const states = await Promise.all(plan.jobs.map((job) => plannedProgress(sql, job)));
    const total = states.reduce((sum, state) => sum + state.total, 0);
    const settled = states.reduce((sum, state) => sum + state.done + state.failed, 0);
    out.progress(
      `      ${progressBar(settled, total)} ${settled}/${total} windows  (` +
        plan.jobs.map((job, i) => `${job.job} ${states[i]!.done}/${states[i]!.total}`).join(
          ", ",
        ) + ")",
    );
  };
  const poller = (async () => {
    while (!finished) {
      await showProgress().catch(() => {});
      await sleep(options.pollMs ?? 300);
    }
  })();
  let tallies: Tally[];
  try {
    tallies = await Promise.all(plan.jobs.map((job) => drainJob(options, job)));
  } finally {
    finished = true;
    await poller;
  }
  await showProgress();
  const failed = tallies.find((tally) => tally.status === "failed");
  const partial = tallies.find((tally) => tally.status === "partial");
  return {
    step: `Backfill ${days} days`,
    status: failed ? "failed" : partial ? "partial" : "succeeded",
    apiCalls: tallies.reduce((sum, tally) => sum + tally.apiCalls, 0),
    rowsWritten: tallies.reduce((sum, tally) => sum + tally.rowsWritten, 0),
    error: tallies.map((tally) => tally.error).filter((error) => error !== null).join("; ") ||
      null,
  };
}

/** enrich-horses drain, again while a call ends on its budget with horses left. */
export async function enrichmentStep(
  options: DemoJobOptions,
): Promise<Omit<StepOutcome, "seconds">> {
  const tally: Tally = { apiCalls: 0, rowsWritten: 0, error: null, status: "succeeded" };
  while (true) {
    const run = runAnswerOf(
      await options.invoke("enrich-horses", { mode: "drain", wait: true }),
    );
    tally.apiCalls += run.apiCalls;
    tally.rowsWritten += run.rowsWritten;
    tally.status = run.status;
    tally.error = run.error;
    const pending = run.details.horses_pending;
    if (typeof pending === "number") {
      options.out.progress(`      ${pending} horses without a profile left`);
    }
    if (!run.ok || run.details.stopped_by !== "budget" || run.apiCalls === 0) break;
  }
  return {
    step: "Horse enrichment",
    status: tally.status,
    apiCalls: tally.apiCalls,
    rowsWritten: tally.rowsWritten,
    error: tally.error,
  };
}
