/**
 * Bench sections 3 and 4: a simulated backfill of results and racecards drained through the real
 * function handlers at the vendor's rates (wall ÷ floor, results calls ÷ minimum, archive bytes
 * per day, racecard gaps), then horse profiles asked per second ÷ the allowed rate while
 * enrich-horses drains the horses the backfill left without a profile.
 */
import postgres from "postgres";
import { addDays } from "../supabase/functions/_shared/clock.ts";
import { RESULTS_LIMIT_MAX } from "../supabase/functions/_shared/racing_api/endpoints.ts";
import { planWindows } from "../supabase/functions/_shared/sync/checkpoints.ts";
import { DEFAULT_RATES, MAX_GLOBAL_RATE } from "../supabase/functions/_shared/sync/rates.ts";
import { DEFAULT_RESULTS_WINDOW_DAYS } from "../supabase/functions/_shared/sync/windows.ts";
import { FUNCTION_FACTORIES } from "../dev/stack/function_registry.ts";
import type { LocalPostgres } from "../dev/stack/postgres.ts";
import { planBackfill } from "./backfill_plan.ts";
import { adminGet, CREDENTIALS, freshDatabase, type SimulatorProcess } from "./bench_stack.ts";
import { formatDuration } from "./terminal.ts";

/** The functions' key (RA_FUNCTION_KEY) in the bench's environment and requests. */
const FUNCTION_KEY = "bench-function-key";

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

/** The backfill's printed figures and the environment the enrichment bench reuses. */
export interface BackfillFigures {
  readonly lines: string[];
  /** The functions' environment, with the backfill's database. */
  readonly env: Record<string, string>;
}

/** Section 3: a simulated backfill of `days` days ending yesterday, drained by the handlers. */
export async function backfillBench(
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
export async function enrichmentBench(backfillEnv: Record<string, string>): Promise<string[]> {
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
