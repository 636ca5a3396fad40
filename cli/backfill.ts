/**
 * `deno task backfill --from 2015-01-01 [--to <date>] [--jobs results,racecards,odds]
 *  [--window-days N] [--dry-run]`: plans the history load as checkpoint windows. Planning is
 * idempotent (existing windows are left as they are); the `backfill` mode of fetch-results and
 * fetch-racecards (every minute from pg_cron) then works through them.
 */
import { parseArgs } from "node:util";
import { addDays, ukDate } from "../supabase/functions/_shared/clock.ts";
import { planWindows, retryFailed } from "../supabase/functions/_shared/sync/checkpoints.ts";
import { resolveRates } from "../supabase/functions/_shared/sync/rates.ts";
import { DEFAULT_RESULTS_WINDOW_DAYS } from "../supabase/functions/_shared/sync/windows.ts";
import { BACKFILL_JOBS, type BackfillJob, daysOf, planBackfill } from "./backfill_plan.ts";

/** Jobs planned without --jobs: the odds job only adds movements to what racecards store. */
const DEFAULT_JOBS: readonly BackfillJob[] = ["results", "racecards"];
import { databaseFromEnv, formatDuration, runCommand, UsageError } from "./terminal.ts";

const HELP = `deno task backfill --from <YYYY-MM-DD> [options]

Plans the backfill as windows in ra_sync_checkpoints (idempotent: planning twice adds nothing).
The functions' backfill mode, ticked every minute by pg_cron, then fetches them; watch it with
deno task status.

  --from <date>        first racing day to load (required)
  --to <date>          last racing day (default: yesterday, UK)
  --jobs <list>        results,racecards,odds (default: results,racecards; racecards keep the
                       prices on their pages). Racecards and odds start at
                       2023-01-23; with RA_ODDS_MOVEMENTS=true odds also cost one /v1/odds call
                       per runner from 2025-03-17 (the dry run says how many).
  --window-days <n>    days per results window (default ${DEFAULT_RESULTS_WINDOW_DAYS}: about two pages of 100)
  --dry-run            print the plan (windows, estimated API calls and time); write nothing
  --retry-failed       put every failed window back to pending (all jobs); needs no --from
  --help               this text

Environment: DATABASE_URL (not needed with --dry-run); RA_RATE_DEFAULT, RA_RATE_RACECARDS,
RA_RATE_GLOBAL and RA_ODDS_MOVEMENTS for the estimate (the same settings the functions use).`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function rateFromEnv(name: string): number | undefined {
  const text = Deno.env.get(name);
  return text ? Number(text) : undefined;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      from: { type: "string" },
      to: { type: "string" },
      jobs: { type: "string", default: DEFAULT_JOBS.join(",") },
      "window-days": { type: "string", default: String(DEFAULT_RESULTS_WINDOW_DAYS) },
      "dry-run": { type: "boolean", default: false },
      "retry-failed": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values["retry-failed"]) {
    const sql = databaseFromEnv();
    try {
      console.log(`${await retryFailed(sql)} failed windows are pending again`);
    } finally {
      await sql.end();
    }
    return 0;
  }
  const today = ukDate(new Date());
  const from = values.from;
  const to = values.to ?? addDays(today, -1);
  if (!from) throw new UsageError("--from is required (e.g. --from 2015-01-01); see --help");
  for (const [flag, date] of [["--from", from], ["--to", to]] as const) {
    if (!DATE.test(date) || Number.isNaN(Date.parse(date))) {
      throw new UsageError(`${flag} must be a date as YYYY-MM-DD, not "${date}"`);
    }
  }
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const jobs = values.jobs.split(",").map((job) => job.trim()).filter(Boolean);
  const unknown = jobs.filter((job) => !BACKFILL_JOBS.includes(job as BackfillJob));
  if (unknown.length > 0 || jobs.length === 0) {
    throw new UsageError(`--jobs takes ${BACKFILL_JOBS.join(", ")}, not "${values.jobs}"`);
  }
  const windowDays = Number(values["window-days"]);
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 365) {
    throw new UsageError(`--window-days must be a whole number from 1 to 365`);
  }
  const rates = resolveRates({
    default: rateFromEnv("RA_RATE_DEFAULT"),
    racecards_list: rateFromEnv("RA_RATE_RACECARDS"),
    global: rateFromEnv("RA_RATE_GLOBAL"),
  });
  const plan = planBackfill({
    from,
    to,
    today,
    jobs: jobs as BackfillJob[],
    resultsWindowDays: windowDays,
    rates,
    oddsMovements: Deno.env.get("RA_ODDS_MOVEMENTS")?.trim().toLowerCase() === "true",
  });

  for (const warning of plan.warnings) console.error(`warning: ${warning}`);
  console.log(`Backfill ${from} .. ${to}${values["dry-run"] ? " (dry run)" : ""}`);
  for (const job of plan.jobs) {
    const first = job.windows[0];
    const last = job.windows.at(-1);
    console.log(
      `  ${job.job.padEnd(10)} ${String(job.windows.length).padStart(6)} windows` +
        `  ${String(daysOf(job.windows)).padStart(5)} days` +
        `  ~${job.estimatedCalls} API calls at ${job.rate}/s` +
        (first && last ? `  (${first.start} .. ${last.end})` : ""),
    );
  }
  console.log(
    `  estimated time at the configured rates: ${formatDuration(plan.estimatedSeconds)}`,
  );
  if (values["dry-run"]) return 0;

  const sql = databaseFromEnv();
  try {
    for (const job of plan.jobs) {
      const added = await planWindows(sql, job.checkpointJob, job.windows);
      console.log(
        `  ${job.job}: ${added} new windows planned (${job.windows.length - added} were there)`,
      );
    }
  } finally {
    await sql.end();
  }
  return 0;
}

if (import.meta.main) await runCommand(main);
