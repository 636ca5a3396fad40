/**
 * `deno task demo [--days <n>]`: the whole sync on this machine in a few minutes, with no
 * credentials: a throwaway database (PostgreSQL 15, or PGlite), The Racing API simulator and
 * the four functions served over HTTP; then the reference data, a backfill, today's and
 * tomorrow's racecards, the recent results and horse enrichment, a summary of what landed and
 * the status screen. With RACING_API_USERNAME, RACING_API_PASSWORD and DATABASE_URL set it runs
 * the same job against The Racing API and that database. Everything it starts, it stops.
 */
import type postgres from "postgres";
import { ukDate } from "../supabase/functions/_shared/clock.ts";
import { ConfigError, loadConfig } from "../supabase/functions/_shared/config.ts";
import { CONFIG_VARIABLES } from "../supabase/functions/_shared/config_variables.ts";
import { createDbClient } from "../supabase/functions/_shared/db/client.ts";
import type { RateLimits } from "../supabase/functions/_shared/sync/rates.ts";
import { type DemoOutput, runDemoJob } from "./demo_job.ts";
import { countRows, emptyExpectedTables, renderSummary } from "./demo_report.ts";
import {
  type DatabaseChoice,
  DEMO_SEED,
  functionEnvironment,
  interruptFunctionRuns,
  openSharedPool,
  ratesForScale,
  SIMULATOR_ACCOUNT,
  startLocalDatabase,
  startLocalFunctions,
  startLocalSimulator,
} from "./demo_stack.ts";
import { Teardown } from "./demo_teardown.ts";
import { functionsClient, invokeFunction } from "./invoke.ts";
import {
  DEMO_MIN_RUNS,
  refreshStatistics,
  renderTopJockeys,
  topByAe,
  topJockeysByAe,
} from "./demo_statistics.ts";
import { busiestPriceMoves, oddsCounts, renderPriceMoves } from "./demo_odds.ts";
import { writeReport } from "./report.ts";
import { readStatus, renderStatus } from "./status_report.ts";
import { parseFlags, runCommand, UsageError } from "./terminal.ts";

/** Racing days the demo backfills unless --days says otherwise. */
export const DEFAULT_DEMO_DAYS = 14;
/** The simulator's limits are this many times the vendor's, so the demo finishes quickly. */
export const DEMO_RATE_SCALE = 5;
/** Where the demo writes its report (git-ignored). */
const DEMO_REPORT_FILE = new URL("../.local/demo-report.html", import.meta.url);
/** Budget of one invocation in the demo: short, so the drain loops report often. */
const DEMO_BUDGET_MS = 30_000;
const MAX_DAYS = 365;

const HELP = `deno task demo [--days <n>]

Runs the whole sync on this machine and stops everything it started when done (or on Ctrl+C).

Without credentials (the default): starts a throwaway PostgreSQL 15 (Debian's packages; PGlite
when they are not available), pushes the migrations with the Supabase CLI, starts The Racing API
simulator (seed ${DEMO_SEED}, pro plan, limits x${DEMO_RATE_SCALE}) and serves the four functions over HTTP.
Then, each call over HTTP with "wait": true:
  1. sync-masters monthly          regions, courses, bookmakers
  2. fetch-results, fetch-racecards backfill of the last <n> days (planned as checkpoint windows)
  3. fetch-racecards daily         today and tomorrow
  4. fetch-results daily           the last days again
  5. enrich-horses drain           horses without a profile
  6. sync-masters weekly           jockeys, trainers, owners: first and last seen
and prints rows per table, API calls, time and the status screen, and writes the report
(deno task report) to .local/demo-report.html.

With RACING_API_USERNAME, RACING_API_PASSWORD and DATABASE_URL set, runs the same job against
The Racing API (RACING_API_BASE_URL) and that database, whose migrations you have applied
(supabase db push); RA_* settings (rates, regions, budget) apply as in the functions.

  --days <n>                 racing days to backfill, ending yesterday (default ${DEFAULT_DEMO_DAYS})
  --database <kind>          auto (default), postgres or pglite (local run only)
  --help                     this text`;

const DATABASE_CHOICES: readonly DatabaseChoice[] = ["auto", "postgres", "pglite"];

/** The functions' warnings and errors go to stderr; their info lines would drown the progress. */
function quietLogSink(level: string, line: string): void {
  if (level === "warn" || level === "error") console.error(line);
}

function terminalOutput(): DemoOutput {
  const tty = Deno.stdout.isTerminal();
  const encoder = new TextEncoder();
  let progressOpen = false;
  let lastProgress = "";
  return {
    line(text) {
      if (progressOpen) Deno.stdout.writeSync(encoder.encode("\n"));
      progressOpen = false;
      lastProgress = "";
      console.log(text);
    },
    progress(text) {
      if (text === lastProgress) return;
      lastProgress = text;
      if (tty) {
        Deno.stdout.writeSync(encoder.encode(`\r\x1b[2K${text}`));
        progressOpen = true;
      } else {
        console.log(text);
      }
    },
  };
}

/** Where the job runs: the functions' URL and key, the database, the rates. */
interface DemoTarget {
  readonly functionsUrl: string;
  readonly functionKey: string;
  readonly sql: postgres.Sql;
  readonly rates: RateLimits;
  /** Requests the simulator has answered so far; absent against the real API. */
  readonly simulatorRequests?: () => number;
}

async function startLocalTarget(
  choice: DatabaseChoice,
  teardown: Teardown,
  out: DemoOutput,
): Promise<DemoTarget> {
  out.line("Starting a throwaway database and pushing the migrations (supabase db push)…");
  const database = await startLocalDatabase(choice, teardown, (note) => out.line(`  ${note}`));
  out.line(
    `  ${database.kind === "postgres" ? "PostgreSQL 15 with pg_cron" : "PGlite"}: ${database.url}`,
  );
  const rates = ratesForScale(DEMO_RATE_SCALE);
  const simulator = await startLocalSimulator({ rateScale: DEMO_RATE_SCALE }, teardown);
  out.line(
    `  The Racing API simulator: ${simulator.baseUrl} (seed ${DEMO_SEED}, pro plan, ` +
      `limits x${DEMO_RATE_SCALE})`,
  );
  const functionKey = crypto.randomUUID();
  const env = functionEnvironment({
    databaseUrl: database.url,
    apiBaseUrl: simulator.baseUrl,
    apiUsername: SIMULATOR_ACCOUNT.username,
    apiPassword: SIMULATOR_ACCOUNT.password,
    functionKey,
    rates,
    budgetMs: DEMO_BUDGET_MS,
  });
  const sql = openSharedPool(database, teardown);
  const functions = startLocalFunctions(env, teardown, { port: 0, sql, logSink: quietLogSink });
  out.line(`  Functions: ${functions.url}/functions/v1/<name>`);
  return {
    functionsUrl: functions.url,
    functionKey,
    sql,
    rates,
    simulatorRequests: () => simulator.requestLog.length,
  };
}

/** The functions' settings a user may have in the environment; keys and URLs are set here. */
function tuningFromEnv(env: Record<string, string>): Record<string, string> {
  const own = new Set([
    "SUPABASE_DB_URL",
    "DATABASE_URL",
    "SUPABASE_SERVICE_ROLE_KEY",
    "SUPABASE_SECRET_KEYS",
    "RA_FUNCTION_KEY",
  ]);
  const tuning: Record<string, string> = {};
  for (const variable of CONFIG_VARIABLES) {
    const value = env[variable.name];
    if (value !== undefined && !own.has(variable.name)) tuning[variable.name] = value;
  }
  return tuning;
}

async function startRemoteTarget(
  databaseUrl: string,
  teardown: Teardown,
  out: DemoOutput,
): Promise<DemoTarget> {
  const functionKey = crypto.randomUUID();
  const env: Record<string, string> = {
    ...tuningFromEnv(Deno.env.toObject()),
    DATABASE_URL: databaseUrl,
    RA_FUNCTION_KEY: functionKey,
  };
  let rates: RateLimits;
  try {
    rates = loadConfig(env).rates;
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const sql = createDbClient(databaseUrl, { max: 8 });
  teardown.defer("database pool", () => sql.end({ timeout: 5 }));
  const [schema] = await sql<{ runs: string | null }[]>`
    select to_regclass('public.ra_sync_runs')::text as runs`;
  if (!schema?.runs) {
    throw new UsageError(
      "the database at DATABASE_URL has no ra_sync_runs table: apply the migrations first " +
        '(supabase link and supabase db push, or supabase db push --db-url "$DATABASE_URL")',
    );
  }
  const functions = startLocalFunctions(env, teardown, { port: 0, sql, logSink: quietLogSink });
  out.line(
    `Running against The Racing API (${env.RACING_API_BASE_URL ?? "default address"}) and ` +
      `the database at DATABASE_URL; functions served at ${functions.url}`,
  );
  return { functionsUrl: functions.url, functionKey, sql, rates };
}

function parseDays(text: string): number {
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    throw new UsageError(`--days must be a whole number from 1 to ${MAX_DAYS}, not "${text}"`);
  }
  return days;
}

async function main(): Promise<number> {
  const values = parseFlags({
    days: { type: "string", default: String(DEFAULT_DEMO_DAYS) },
    database: { type: "string", default: "auto" },
    help: { type: "boolean", default: false },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const days = parseDays(values.days);
  const choice = values.database as DatabaseChoice;
  if (!DATABASE_CHOICES.includes(choice)) {
    throw new UsageError(`--database takes ${DATABASE_CHOICES.join(", ")}, not "${choice}"`);
  }
  const username = Deno.env.get("RACING_API_USERNAME");
  const password = Deno.env.get("RACING_API_PASSWORD");
  const databaseUrl = Deno.env.get("DATABASE_URL");
  const remote = Boolean(username && password);
  if (remote && !databaseUrl) {
    throw new UsageError(
      "RACING_API_USERNAME and RACING_API_PASSWORD are set but DATABASE_URL is not: set it to " +
        "your Supabase database, or unset the credentials to run against the simulator",
    );
  }

  const started = performance.now();
  const out = terminalOutput();
  const teardown = new Teardown();
  const removeSignalHandlers = teardown.stopOnSignals((signal) => {
    console.error(`\n${signal}: stopping everything the demo started…`);
    interruptFunctionRuns(signal);
  });
  try {
    if (!remote && databaseUrl) {
      out.line(
        "DATABASE_URL is ignored without RACING_API_USERNAME and RACING_API_PASSWORD: " +
          "running against the simulator and a throwaway database",
      );
    }
    const target = remote
      ? await startRemoteTarget(databaseUrl!, teardown, out)
      : await startLocalTarget(choice, teardown, out);
    const functionTarget = { url: target.functionsUrl, key: target.functionKey };
    const client = functionsClient(functionTarget);
    const today = ukDate(new Date());
    out.line(`\nToday in the UK: ${today}\n`);

    const steps = await runDemoJob({
      invoke: (functionName, body) =>
        invokeFunction(client, functionTarget, { functionName, body }),
      sql: target.sql,
      today,
      days,
      rates: target.rates,
      out,
    });
    const counts = await countRows(target.sql);
    out.line("");
    out.line(renderSummary({
      steps,
      counts,
      apiCalls: steps.reduce((sum, step) => sum + step.apiCalls, 0),
      ...(target.simulatorRequests ? { simulatorRequests: target.simulatorRequests() } : {}),
      elapsedSeconds: (performance.now() - started) / 1000,
    }));
    const statistics = await refreshStatistics(target.sql);
    out.line(
      `\nStatistics refreshed in SQL (${statistics.status}, ${statistics.rows_written} rows); ` +
        `top jockeys of these days by A/E (at least ${DEMO_MIN_RUNS} runs):`,
    );
    out.line(renderTopJockeys(await topJockeysByAe(target.sql)));
    out.line(`Top sires of these days by their runners' A/E (at least ${DEMO_MIN_RUNS} runs):`);
    out.line(renderTopJockeys(await topByAe(target.sql, "sire"), "sire"));
    const odds = await oddsCounts(target.sql);
    out.line(
      `\nOdds: ${odds.live} live prices, ${odds.history} price changes stored; the runner ` +
        "with the most moves:",
    );
    out.line(renderPriceMoves(await busiestPriceMoves(target.sql)));
    out.line("\nStatus (deno task status):");
    out.line(renderStatus(await readStatus(target.sql)));
    await Deno.mkdir(new URL(".", DEMO_REPORT_FILE), { recursive: true });
    const report = await writeReport(target.sql, DEMO_REPORT_FILE.pathname, { days: days + 1 });
    out.line(`\nReport (deno task report): ${report}`);
    const empty = emptyExpectedTables(counts);
    if (empty.length > 0) out.line(`\nwarning: no rows in ${empty.join(", ")}`);
    const failed = steps.filter((step) =>
      step.status === "failed" || step.status.startsWith("HTTP")
    );
    if (failed.length > 0) {
      console.error(`\n${failed.length} step(s) failed: ${failed.map((s) => s.step).join(", ")}`);
      return 1;
    }
    return 0;
  } finally {
    removeSignalHandlers();
    for (const failure of await teardown.run()) {
      const message = failure.error instanceof Error
        ? failure.error.message
        : String(failure.error);
      console.error(`warning: could not stop the ${failure.name}: ${message}`);
    }
  }
}

if (import.meta.main) await runCommand(main);
