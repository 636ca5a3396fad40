/**
 * The demo's job, the same whether the functions reach the simulator or The Racing API: the
 * reference data, a backfill of the last days planned as checkpoint windows and drained by the
 * functions' backfill mode, today's and tomorrow's racecards, the recent results, horse
 * enrichment and the people refresh. Every call goes to a function over HTTP with
 * `"wait": true`, as a user (or pg_cron) would call a deployed project.
 */
import type postgres from "postgres";
import { addDays, sleep } from "../supabase/functions/_shared/clock.ts";
import { planWindows } from "../supabase/functions/_shared/sync/checkpoints.ts";
import type { RateLimits } from "../supabase/functions/_shared/sync/rates.ts";
import { DEFAULT_RESULTS_WINDOW_DAYS } from "../supabase/functions/_shared/sync/windows.ts";
import { type BackfillJob, type JobPlan, planBackfill } from "./backfill_plan.ts";
import type { StepOutcome } from "./demo_report.ts";
import type { FunctionAnswer } from "./invoke.ts";
import { progressBar } from "./terminal.ts";

/** Where the demo writes. */
export interface DemoOutput {
  /** Writes a line (after the current progress line, which stays). */
  line(text: string): void;
  /** Writes a progress line that the next progress line replaces. */
  progress(text: string): void;
}

/** Calls a function with a body and returns its answer. */
export type FunctionCaller = (
  functionName: string,
  body: Record<string, unknown>,
) => Promise<FunctionAnswer>;

/** Options of {@linkcode runDemoJob}. */
export interface DemoJobOptions {
  readonly invoke: FunctionCaller;
  /** The database the functions write to (for planning and progress). */
  readonly sql: postgres.Sql;
  /** Today in the UK, as YYYY-MM-DD. */
  readonly today: string;
  /** Racing days to backfill, ending yesterday. */
  readonly days: number;
  /** The functions' rates, for the backfill estimate. */
  readonly rates: RateLimits;
  readonly out: DemoOutput;
  /** Milliseconds between progress reads during the backfill. @default 300 */
  readonly pollMs?: number;
}

/** A function's answer read as a run: the summary of a 200, or the refusal of anything else. */
export interface RunAnswer {
  /** True for a 200 carrying a run summary. */
  readonly ok: boolean;
  /** The run's status, or `HTTP <code>` when the call was refused. */
  readonly status: string;
  readonly windowsClaimed: number;
  readonly apiCalls: number;
  readonly rowsWritten: number;
  readonly error: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

function numberField(body: Record<string, unknown>, name: string): number {
  const value = body[name];
  return typeof value === "number" ? value : 0;
}

/** Reads a function's answer as a run (pure). */
export function runAnswerOf(answer: FunctionAnswer): RunAnswer {
  const body = answer.body !== null && typeof answer.body === "object"
    ? answer.body as Record<string, unknown>
    : {};
  if (answer.status === 200 && typeof body.run_id === "string" && typeof body.status === "string") {
    const details = body.details !== null && typeof body.details === "object"
      ? body.details as Record<string, unknown>
      : {};
    return {
      ok: true,
      status: body.status,
      windowsClaimed: numberField(body, "windows_claimed"),
      apiCalls: numberField(body, "api_calls"),
      rowsWritten: numberField(body, "rows_written"),
      error: typeof body.error === "string" ? body.error : null,
      details,
    };
  }
  const message = typeof body.message === "string"
    ? body.message
    : typeof body.error === "string"
    ? body.error
    : typeof answer.body === "string"
    ? answer.body.slice(0, 300)
    : JSON.stringify(answer.body);
  return {
    ok: false,
    status: `HTTP ${answer.status}`,
    windowsClaimed: 0,
    apiCalls: 0,
    rowsWritten: 0,
    error: message,
    details: {},
  };
}

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

async function backfillStep(options: DemoJobOptions): Promise<Omit<StepOutcome, "seconds">> {
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

/** One call of a function, as a step. */
async function singleCall(
  options: DemoJobOptions,
  step: string,
  functionName: string,
  body: Record<string, unknown>,
): Promise<Omit<StepOutcome, "seconds">> {
  const run = runAnswerOf(await options.invoke(functionName, { ...body, wait: true }));
  return {
    step,
    status: run.status,
    apiCalls: run.apiCalls,
    rowsWritten: run.rowsWritten,
    error: run.error,
  };
}

/** enrich-horses drain, again while a call ends on its budget with horses left. */
async function enrichmentStep(options: DemoJobOptions): Promise<Omit<StepOutcome, "seconds">> {
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

/** A tick for today's markets, then one finished race refreshed with its price movements. */
async function oddsStep(options: DemoJobOptions): Promise<Omit<StepOutcome, "seconds">> {
  const tick = runAnswerOf(
    await options.invoke("fetch-odds", { mode: "tick", tick_ms: 0, wait: true }),
  );
  const [race] = await options.sql<{ id: string }[]>`
    select id from ra_mst_races
    where race_date = (${options.today}::date - 1) and has_result
    order by off_dt, id limit 1`;
  const refresh = race
    ? runAnswerOf(
      await options.invoke("fetch-odds", { mode: "race", race_id: race.id, wait: true }),
    )
    : null;
  return {
    step: "Odds",
    status: refresh?.status ?? tick.status,
    apiCalls: tick.apiCalls + (refresh?.apiCalls ?? 0),
    rowsWritten: tick.rowsWritten + (refresh?.rowsWritten ?? 0),
    error: refresh?.error ?? tick.error,
  };
}

/** A step of the demo. */
interface DemoStep {
  readonly title: string;
  run(options: DemoJobOptions): Promise<Omit<StepOutcome, "seconds">>;
}

const STEPS: readonly DemoStep[] = [
  {
    title: "Reference data: regions, courses, bookmakers (sync-masters monthly)",
    run: (o) => singleCall(o, "Reference data", "sync-masters", { mode: "monthly" }),
  },
  {
    title: "Backfill (fetch-results and fetch-racecards backfill)",
    run: backfillStep,
  },
  {
    title: "Racecards of today and tomorrow (fetch-racecards daily)",
    run: (o) =>
      singleCall(o, "Racecards today, tomorrow", "fetch-racecards", {
        mode: "daily",
        days_ahead: 1,
      }),
  },
  {
    title: "Recent results (fetch-results daily)",
    run: (o) => singleCall(o, "Recent results", "fetch-results", { mode: "daily" }),
  },
  {
    title: "Odds: today's prices (fetch-odds tick) and yesterday's first race with its moves",
    run: oddsStep,
  },
  {
    title: "Horses without a profile (enrich-horses drain)",
    run: enrichmentStep,
  },
  {
    title: "Jockeys, trainers, owners: first and last seen (sync-masters weekly)",
    run: (o) => singleCall(o, "People refresh", "sync-masters", { mode: "weekly" }),
  },
];

function describeOutcome(outcome: StepOutcome): string {
  return `      ${outcome.status}: ${outcome.apiCalls} API calls, ${outcome.rowsWritten} rows, ` +
    `${outcome.seconds.toFixed(1)} s` + (outcome.error ? `\n      error: ${outcome.error}` : "");
}

/** Runs every step in order, printing one line per step; a refused call stops the job. */
export async function runDemoJob(options: DemoJobOptions): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  for (const [index, step] of STEPS.entries()) {
    options.out.line(`[${index + 1}/${STEPS.length}] ${step.title}`);
    const started = performance.now();
    const outcome = {
      ...await step.run(options),
      seconds: (performance.now() - started) / 1000,
    };
    outcomes.push(outcome);
    options.out.line(describeOutcome(outcome));
    // A refusal (bad key, missing function, misconfiguration) will refuse the next calls too.
    if (outcome.status.startsWith("HTTP ")) break;
  }
  return outcomes;
}
