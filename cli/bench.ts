/**
 * `deno task bench`: figures for this machine, printed, never asserted.
 *
 * 1. Transforms: CPU ms per 1,000 runners to parse, validate and transform results and pro
 *    racecard pages (cli/bench_transform.ts).
 * 2. Writer: runner rows written per second into local Postgres, for a day and a month.
 * 3. Backfill: a simulated backfill (365 days by default) of results and racecards through the
 *    real function handlers, at the vendor's rates times --rate-scale: wall time ÷ floor (API
 *    calls ÷ allowed rate), results calls ÷ minimum (races ÷ 100, rounded up), archived raw
 *    bytes per day.
 * 4. Enrichment: horse profiles asked per second ÷ the allowed rate, draining the horses the
 *    backfill left without a profile.
 * The simulator answers every request after --latency-ms (400 by default, about the real API's):
 * the rate must be used even when each answer takes that long.
 */
import { parseArgs } from "node:util";
import postgres from "postgres";
import { addDays, ukDate } from "../supabase/functions/_shared/clock.ts";
import {
  writeBatchInTransaction,
  type WriterStatement,
} from "../supabase/functions/_shared/db/writer.ts";
import { RESULTS_LIMIT_MAX } from "../supabase/functions/_shared/racing_api/endpoints.ts";
import { parseApiPayload } from "../supabase/functions/_shared/racing_api/parse_payload.ts";
import { ResultsPageSchema } from "../supabase/functions/_shared/racing_api/result_schemas.ts";
import { planWindows } from "../supabase/functions/_shared/sync/checkpoints.ts";
import { DEFAULT_RATES, MAX_GLOBAL_RATE } from "../supabase/functions/_shared/sync/rates.ts";
import { DEFAULT_RESULTS_WINDOW_DAYS } from "../supabase/functions/_shared/sync/windows.ts";
import { resultsPageToRows } from "../supabase/functions/_shared/transform/result.ts";
import { FUNCTION_FACTORIES } from "../dev/stack/function_registry.ts";
import { createDatabase, type LocalPostgres, startPostgres } from "../dev/stack/postgres.ts";
import { pushMigrations } from "../dev/stack/tools.ts";
import { planBackfill } from "./backfill_plan.ts";
import { oddsBench } from "./bench_odds.ts";
import { benchStatistics, DEFAULT_STATS_HISTORY } from "./bench_stats.ts";
import { benchTransforms, formatBenchFigures } from "./bench_transform.ts";
import { formatDuration, runCommand, UsageError } from "./terminal.ts";

const HELP = `deno task bench [--days 365] [--rate-scale 1] [--cpu-budget-ms n] [--latency-ms 400]
  [--skip-backfill] [--skip-transforms] [--skip-odds]
deno task bench --odds
deno task bench --stats [--years 10]

Prints, for this machine: transform CPU per 1,000 runners; runner rows written per second into a
local PostgreSQL for a day and a month; and a simulated backfill of --days days of results and
racecards through the function handlers at the vendor's rates times --rate-scale (global cap
${MAX_GLOBAL_RATE}/s): wall ÷ floor, results calls ÷ minimum, raw archive bytes per day; then
horse profiles asked per second ÷ the allowed rate while enrich-horses drains the horses left
without a profile. The simulator delays every answer by --latency-ms (default 400, about the
real API's).
--cpu-budget-ms sets RA_CPU_BUDGET_MS for the backfill (default: high, so the figure measures
how fully the API rate is used; 600 is the functions' default on Supabase).
Starts its own PostgreSQL and simulator and stops them at the end.

Section 5 (alone with --odds, left out with --skip-odds): one simulated GB/IRE race day of odds
driven by minute ticks on a virtual clock: prices of each race's last 30 minutes captured by
polling, API calls per race, delay from a price change to its row, history bytes per runner, one
tick's measured CPU and the racecard CPU per 1,000 runners with prices kept (docs/odds.md).

--stats runs the statistics bench alone: a simulated history of --years years (36 races a day:
about 130,000 races and 1.3 M runners for 10 years) generated in a fresh database with
generate_series, then the full refresh of every statistic, the incremental refresh after one more
racing day of 40 races, a rerun, the read of one day's ra_runner_statistics and the size of each
statistics table (targets: full ≤ 60 s, incremental ≤ 3 s, read ≤ 200 ms; printed, not asserted).`;

const CREDENTIALS = { username: "bench", password: "bench" };
const FUNCTION_KEY = "bench-function-key";

interface SimulatorProcess {
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/** The simulator in its own process, so its CPU does not compete with the handlers'. */
async function startSimulatorProcess(
  rateScale: number,
  latencyMs: number,
): Promise<SimulatorProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL("../dev/simulator/main.ts", import.meta.url).pathname,
      "--seed",
      "42",
      "--username",
      CREDENTIALS.username,
      "--password",
      CREDENTIALS.password,
      "--rate-scale",
      String(rateScale),
      ...(latencyMs > 0 ? ["--faults", `latency=${latencyMs}`] : []),
    ],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the simulator exited before printing its address");
    text += value;
  }
  const baseUrl = text.match(/RACING_API_BASE_URL=(\S+)/)?.[1];
  if (!baseUrl) throw new Error(`unexpected simulator output: ${text}`);
  // Keep draining its stdout so it never blocks on a full pipe.
  (async () => {
    while (!(await reader.read()).done) { /* drain */ }
  })();
  return {
    baseUrl,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}

async function freshDatabase(pg: LocalPostgres, name: string): Promise<string> {
  const url = await createDatabase(pg, name);
  await pushMigrations(url);
  return url;
}

async function adminGet(sim: SimulatorProcess, path: string): Promise<unknown> {
  const response = await fetch(`${sim.baseUrl}${path}`);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return await response.json();
}

/** A plain GET for the writer figures (untimed), waiting out the simulator's rate limit. */
async function apiGet(sim: SimulatorProcess, path: string): Promise<unknown> {
  const auth = btoa(`${CREDENTIALS.username}:${CREDENTIALS.password}`);
  for (let attempt = 0; attempt < 10; attempt++) {
    const response = await fetch(`${sim.baseUrl}${path}`, {
      headers: { authorization: `Basic ${auth}` },
    });
    if (response.status === 429) {
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return await response.json();
  }
  throw new Error(`${path}: still 429 after 10 tries`);
}

async function writerThroughput(pg: LocalPostgres, sim: SimulatorProcess, today: string) {
  const lines: string[] = [];
  for (const [label, days] of [["a day", 1], ["a month", 30]] as const) {
    const end = addDays(today, -2);
    const start = addDays(end, -(days - 1));
    const batches = [];
    for (let skip = 0;; skip += RESULTS_LIMIT_MAX) {
      const body = await apiGet(
        sim,
        `/v1/results?start_date=${start}&end_date=${end}&region=gb&region=ire&limit=100&skip=${skip}`,
      );
      const page = parseApiPayload(ResultsPageSchema, body, "results page");
      batches.push(resultsPageToRows(page, { regions: ["gb", "ire"] }).rows);
      if (skip + (page.results?.length ?? 0) >= page.total || !page.results?.length) break;
    }
    const url = await freshDatabase(pg, `bench_writer_${days}`);
    const sql = postgres(url, { max: 2, onnotice: () => {}, prepare: false });
    try {
      let runners = 0;
      let rows = 0;
      const perTable = new Map<string, { rows: number; ms: number }>();
      const onStatement = ({ table, kind, rows, ms }: WriterStatement) => {
        const name = kind === "parents" ? `${table} (key-only)` : table;
        const spent = perTable.get(name) ?? { rows: 0, ms: 0 };
        perTable.set(name, { rows: spent.rows + rows, ms: spent.ms + ms });
      };
      const started = performance.now();
      for (const batch of batches) {
        const counts = await writeBatchInTransaction(sql, batch, "result", { onStatement });
        runners += counts.ra_mst_runners ?? 0;
        rows += Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
      }
      const ms = performance.now() - started;
      const seconds = ms / 1000;
      lines.push(
        `  ${label.padEnd(8)} ${
          String(runners).padStart(6)
        } runner rows (${rows} rows in all, ${batches.length} pages) in ` +
          `${seconds.toFixed(2)} s: ${Math.round(runners / seconds)} runner rows/s, ` +
          `${Math.round(rows / seconds)} rows/s   (target ≥ 20,000 runner rows/s)`,
      );
      if (days > 1) lines.push(...statementBreakdown(perTable, ms));
    } finally {
      await sql.end();
    }
  }
  return lines;
}

/** Where a write's time went: each table's statements, then the rest (transactions, client). */
function statementBreakdown(
  perTable: ReadonlyMap<string, { rows: number; ms: number }>,
  totalMs: number,
): string[] {
  const spent = [...perTable].sort((a, b) => b[1].ms - a[1].ms);
  const statementsMs = spent.reduce((sum, [, { ms }]) => sum + ms, 0);
  const share = (ms: number) => `${Math.round((ms / totalMs) * 100)}%`.padStart(4);
  return [
    "    time per table (statement sent to answer):",
    ...spent.map(([table, { rows, ms }]) =>
      `      ${table.padEnd(32)} ${String(rows).padStart(6)} rows ${ms.toFixed(0).padStart(5)} ms ${
        share(ms)
      }  ${((ms * 1000) / rows).toFixed(1).padStart(5)} µs/row`
    ),
    `      ${"transactions and client".padEnd(32)} ${"".padStart(11)} ${
      (totalMs - statementsMs).toFixed(0).padStart(5)
    } ms ${share(totalMs - statementsMs)}`,
  ];
}

/** Where long gaps fell, as "n from a to b s" runs (gaps within 10 s of each other join). */
function gapClusters(seconds: readonly number[]): string {
  const runs: { from: number; to: number; count: number }[] = [];
  for (const at of seconds) {
    const last = runs.at(-1);
    if (last !== undefined && at - last.to <= 10) {
      last.to = at;
      last.count++;
    } else {
      runs.push({ from: at, to: at, count: 1 });
    }
  }
  return runs.map((run) => `${run.count} from ${run.from.toFixed(0)} to ${run.to.toFixed(0)} s`)
    .join(", ");
}

interface BackfillFigures {
  readonly lines: string[];
  /** The functions' environment, with the backfill's database. */
  readonly env: Record<string, string>;
}

async function backfillBench(
  pg: LocalPostgres,
  sim: SimulatorProcess,
  today: string,
  days: number,
  rateScale: number,
  cpuBudgetMs: number,
): Promise<BackfillFigures> {
  const url = await freshDatabase(pg, "bench_backfill");
  const rates = {
    racecards_list: DEFAULT_RATES.racecards_list * rateScale,
    default: DEFAULT_RATES.default * rateScale,
    courses: DEFAULT_RATES.courses * rateScale,
    global: Math.min(MAX_GLOBAL_RATE, DEFAULT_RATES.global * rateScale),
  };
  const env: Record<string, string> = {
    DATABASE_URL: url,
    RACING_API_BASE_URL: sim.baseUrl,
    RACING_API_USERNAME: CREDENTIALS.username,
    RACING_API_PASSWORD: CREDENTIALS.password,
    RA_FUNCTION_KEY: FUNCTION_KEY,
    RA_RATE_RACECARDS: String(rates.racecards_list),
    RA_RATE_DEFAULT: String(rates.default),
    RA_RATE_COURSES: String(rates.courses),
    RA_RATE_GLOBAL: String(rates.global),
    RA_WINDOW_WORKERS: Deno.env.get("RA_WINDOW_WORKERS") ?? "4",
    // The bench measures how fully the pipeline uses the API rate. The Edge Runtime's CPU cap
    // (RA_CPU_BUDGET_MS) only splits the same work into more invocations; --cpu-budget-ms sets it.
    RA_CPU_BUDGET_MS: String(cpuBudgetMs),
  };
  const to = addDays(today, -1);
  const from = addDays(to, -(days - 1));
  const plan = planBackfill({
    from,
    to,
    today,
    jobs: ["results", "racecards"],
    resultsWindowDays: DEFAULT_RESULTS_WINDOW_DAYS,
    rates,
  });
  const sql = postgres(url, { max: 8, onnotice: () => {}, prepare: false });
  try {
    for (const job of plan.jobs) await planWindows(sql, job.checkpointJob, job.windows);
    await fetch(`${sim.baseUrl}/_admin/requests`, { method: "DELETE" });
    // Each function drains in a process of its own, as each runs in its own isolate when
    // deployed: one job's parsing and writing never holds up the other's timers.
    const drain = async (name: string) => {
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", new URL("./bench_drain.ts", import.meta.url).pathname, name],
        env,
        stdout: "null",
        stderr: "inherit",
      }).spawn();
      const status = await child.status;
      if (!status.success) throw new Error(`the ${name} backfill drain failed (${status.code})`);
    };
    const started = performance.now();
    const progress = setInterval(async () => {
      const [row] = await sql<{ done: number; total: number }[]>`
        select (count(*) filter (where status = 'done'))::integer as done, count(*)::integer as total
        from public.ra_sync_checkpoints`;
      console.error(`  backfill: ${row?.done}/${row?.total} windows`);
    }, 10_000);
    try {
      await Promise.all([drain("fetch-results"), drain("fetch-racecards")]);
    } finally {
      clearInterval(progress);
    }
    const wall = (performance.now() - started) / 1000;

    const log = await adminGet(sim, "/_admin/requests") as {
      path: string;
      status: number;
      at: number;
    }[];
    // Where the racecards job, the slower one, lost time: gaps well past its slot spacing.
    const cardTimes = log.filter((r) => r.path === "/v1/racecards/pro").map((r) => r.at).sort();
    const spacingMs = 1000 / (rates.racecards_list * 0.95);
    const gaps = cardTimes.slice(1).map((at, i) => at - cardTimes[i]!);
    const lostMs = gaps.reduce((lost, gap) => lost + Math.max(0, gap - spacingMs), 0);
    const longGapTimes = gaps.flatMap((gap, i) =>
      gap > 1.5 * spacingMs ? [(cardTimes[i]! - cardTimes[0]!) / 1000] : []
    );
    const longGaps = longGapTimes.length;
    const resultsCalls = log.filter((r) => r.path === "/v1/results").length;
    const racecardCalls = log.filter((r) => r.path === "/v1/racecards/pro").length;
    const refused = log.filter((r) => r.status === 429).length;
    const floor = Math.max(
      resultsCalls / rates.default,
      racecardCalls / rates.racecards_list,
      (resultsCalls + racecardCalls) / rates.global,
    );
    let races = 0;
    for (let start = from; start <= to; start = addDays(start, 30)) {
      const end = addDays(start, 29) < to ? addDays(start, 29) : to;
      const truth = await adminGet(sim, `/_admin/ground-truth?start_date=${start}&end_date=${end}`);
      races += (truth as { races: unknown[] }).races.length;
    }
    const minimum = Math.ceil(races / RESULTS_LIMIT_MAX);
    const [archive] = await sql<{ bytes: string }[]>`
      select coalesce(sum(octet_length(body::text)), 0)::text as bytes
      from public.ra_api_responses`;
    const bytesPerDay = Number(archive?.bytes ?? 0) / days;
    const [rows] = await sql<{ runners: number; results: number; calls: number }[]>`
      select (select count(*)::integer from public.ra_mst_runners) as runners,
             (select count(*)::integer from public.ra_mst_races where has_result) as results,
             (select coalesce(sum(api_calls), 0)::integer from public.ra_sync_checkpoints
               where job = 'results_backfill') as calls`;
    return {
      env,
      lines: [
        `  ${days} days (${from} .. ${to}), rates: results ${rates.default}/s, racecards ` +
        `${rates.racecards_list}/s, global ${rates.global}/s, CPU budget ${cpuBudgetMs} ms per ` +
        `invocation; ${rows?.runners} runners stored`,
        `  API calls: ${resultsCalls} results + ${racecardCalls} racecards; ${refused} answered 429` +
        `; checkpoints count ${rows?.calls} results calls`,
        `  races with a result stored: ${rows?.results} of ${races} in the simulator's truth`,
        `  wall ${formatDuration(wall)} (${wall.toFixed(1)} s) ÷ floor ${floor.toFixed(1)} s = ` +
        `${(wall / floor).toFixed(3)}   (target ≤ 1.10)`,
        `  results calls ${resultsCalls} ÷ minimum ${minimum} (${races} races ÷ 100) = ` +
        `${(resultsCalls / minimum).toFixed(3)}   (target ≤ 1.25)`,
        `  raw archive: ${(bytesPerDay / 1e6).toFixed(2)} MB per racing day (jsonb text size)`,
        `  racecards: ${(lostMs / 1000).toFixed(1)} s lost past the slot spacing of ` +
        `${spacingMs.toFixed(0)} ms; ${longGaps} gaps longer than 1.5 slots${
          longGaps === 0 ? "" : ` (${gapClusters(longGapTimes)})`
        }`,
      ],
    };
  } finally {
    await sql.end();
  }
}

/** Horses without a profile when the enrichment bench starts: more than a 30 s drain can ask. */
const QUEUED_HORSES = 400;

/** Horse profiles asked per second ÷ the allowed rate while enrich-horses drains for a while. */
async function enrichmentBench(backfillEnv: Record<string, string>): Promise<string[]> {
  const seconds = 30;
  const env: Record<string, string> = {
    ...backfillEnv,
    RA_BUDGET_MS: String(seconds * 1000),
    RA_LEASE_SECONDS: "120",
  };
  const sql = postgres(env.DATABASE_URL!, { max: 8, onnotice: () => {}, prepare: false });
  try {
    // Racecards give most horses their profile; results before racecards do not. Make the
    // first horses look like those (no profile yet), so there is a queue to drain.
    await sql`
      update public.ra_mst_horses set profile_source = null, enriched_at = null
      where id in (select id from public.ra_mst_horses order by id limit ${QUEUED_HORSES})`;
    const [before] = await sql<{ pending: number }[]>`
      select count(*)::integer as pending from public.ra_mst_horses
      where enrichment_status = 'pending'`;
    const platform = { waitUntil: () => false, onShutdown: () => {} };
    const handler = FUNCTION_FACTORIES["enrich-horses"]!(env, { platform, logSink: () => {}, sql });
    const started = performance.now();
    const response = await handler(
      new Request("http://127.0.0.1/functions/v1/enrich-horses", {
        method: "POST",
        headers: { apikey: FUNCTION_KEY, "content-type": "application/json" },
        body: JSON.stringify({ mode: "drain", wait: true }),
      }),
    );
    const wall = (performance.now() - started) / 1000;
    const run = await response.json() as { api_calls: number; details: Record<string, number> };
    const rate = Math.min(Number(env.RA_RATE_DEFAULT), Number(env.RA_RATE_GLOBAL));
    const perSecond = run.api_calls / wall;
    return [
      `  ${before?.pending} horses without a profile; one drain of ${seconds} s: ` +
      `${run.details.horses_claimed} claimed, ${run.api_calls} calls in ${wall.toFixed(1)} s`,
      `  ${perSecond.toFixed(2)} calls/s ÷ allowed ${rate}/s = ${(perSecond / rate).toFixed(3)}` +
      `   (target ≥ 0.90)`,
    ];
  } finally {
    await sql.end();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      days: { type: "string", default: "365" },
      "rate-scale": { type: "string", default: "1" },
      "cpu-budget-ms": { type: "string", default: "3600000" },
      "latency-ms": { type: "string", default: "400" },
      "skip-backfill": { type: "boolean", default: false },
      "skip-transforms": { type: "boolean", default: false },
      stats: { type: "boolean", default: false },
      odds: { type: "boolean", default: false },
      "skip-odds": { type: "boolean", default: false },
      years: { type: "string", default: String(DEFAULT_STATS_HISTORY.years) },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const days = Number(values.days);
  const rateScale = Number(values["rate-scale"]);
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new UsageError("--days must be a whole number from 1 to 365");
  }
  if (!(rateScale > 0)) throw new UsageError("--rate-scale must be a positive number");
  const cpuBudgetMs = Number(values["cpu-budget-ms"]);
  if (!Number.isInteger(cpuBudgetMs) || cpuBudgetMs < 1) {
    throw new UsageError("--cpu-budget-ms must be a positive whole number");
  }
  const latencyMs = Number(values["latency-ms"]);
  if (!Number.isInteger(latencyMs) || latencyMs < 0) {
    throw new UsageError("--latency-ms must be a whole number of milliseconds, 0 or more");
  }
  const load = await Deno.readTextFile("/proc/loadavg").catch(() => "?");
  console.log(`bench on ${navigator.hardwareConcurrency} CPUs, load ${load.split(" ")[0]}`);
  if (values.stats) {
    const years = Number(values.years);
    if (!(years > 0 && years <= 20)) throw new UsageError("--years must be a number from 0 to 20");
    return await statisticsBench(years);
  }
  if (values.odds) return await oddsSection();

  if (!values["skip-transforms"]) {
    console.log("\n1. Parse + validate + transform");
    console.log(formatBenchFigures(await benchTransforms()));
  }
  const pg = await startPostgres();
  const sim = await startSimulatorProcess(rateScale, latencyMs);
  console.log(`simulated API latency: ${latencyMs} ms per answer`);
  try {
    const today = ukDate(new Date());
    console.log("\n2. Writer throughput (results pages into local PostgreSQL 15)");
    for (const line of await writerThroughput(pg, sim, today)) console.log(line);
    if (!values["skip-backfill"]) {
      console.log(`\n3. Simulated backfill through the function handlers`);
      const figures = await backfillBench(pg, sim, today, days, rateScale, cpuBudgetMs);
      for (const line of figures.lines) console.log(line);
      console.log(`\n4. Enrichment of the horses the backfill left without a profile`);
      for (const line of await enrichmentBench(figures.env)) console.log(line);
    }
    if (!values["skip-odds"]) {
      console.log(`\n5. Odds: a race day of minute ticks`);
      for (const line of await oddsBench(pg)) console.log(line);
    }
  } finally {
    await sim.stop();
    await pg.stop();
  }
  return 0;
}

/** `--odds`: section 5 alone, in a PostgreSQL of its own. */
async function oddsSection(): Promise<number> {
  const pg = await startPostgres();
  try {
    console.log(`\n5. Odds: a race day of minute ticks`);
    for (const line of await oddsBench(pg)) console.log(line);
  } finally {
    await pg.stop();
  }
  return 0;
}

/** `--stats`: the statistics refreshes on a simulated history, in a PostgreSQL of their own. */
async function statisticsBench(years: number): Promise<number> {
  const pg = await startPostgres();
  try {
    const url = await freshDatabase(pg, "bench_statistics");
    const sql = postgres(url, { max: 1, onnotice: () => {}, prepare: false });
    try {
      console.log(`\n6. Statistics on a simulated history of ${years} years`);
      await benchStatistics(
        sql,
        ukDate(new Date()),
        { ...DEFAULT_STATS_HISTORY, years },
        (line) => console.log(line),
      );
    } finally {
      await sql.end();
    }
  } finally {
    await pg.stop();
  }
  return 0;
}

if (import.meta.main) await runCommand(main);
