/**
 * The demo's job, the same whether the functions reach the simulator or The Racing API: the
 * reference data, a backfill of the last days planned as checkpoint windows and drained by the
 * functions' backfill mode, today's and tomorrow's racecards, the recent results, horse
 * enrichment and the people refresh. Every call goes to a function over HTTP with
 * `"wait": true`, as a user (or pg_cron) would call a deployed project.
 */
import type postgres from "postgres";
import type { RateLimits } from "../supabase/functions/_shared/sync/rates.ts";
import type { StepOutcome } from "./demo_report.ts";
import { runAnswerOf } from "./demo_run_answer.ts";
import { backfillStep, enrichmentStep } from "./demo_steps.ts";
import type { FunctionAnswer } from "./invoke.ts";

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
