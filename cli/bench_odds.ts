/**
 * `deno task bench` section 5 (`--odds` alone), odds: one simulated GB/IRE race day driven by minute ticks on a
 * virtual clock (as pg_cron would), measured against the simulator's market truth: prices of
 * each race's last 30 minutes captured by polling, API calls per race, delay from an upstream
 * change to its row, storage per runner, one tick's CPU, and the racecard CPU per 1,000
 * runners with prices kept.
 * @module
 */
import postgres from "postgres";
import { DEFAULT_CADENCE } from "../supabase/functions/_shared/odds/cadence.ts";
import { oddsToRows } from "../supabase/functions/_shared/odds/odds_rows.ts";
import { parseJsonTakingOdds, takenOdds } from "../supabase/functions/_shared/odds/taken_odds.ts";
import { DriftReporter } from "../supabase/functions/_shared/racing_api/drift.ts";
import { parsePayload, payloadRows } from "../supabase/functions/_shared/racing_api/payloads.ts";
import { parseJsonWithoutOdds } from "../supabase/functions/_shared/racing_api/skip_odds.ts";
import { createDatabase, type LocalPostgres } from "../dev/stack/postgres.ts";
import { pushMigrations } from "../dev/stack/tools.ts";
import { measureCapture, percentile } from "../tests/support/odds_capture.ts";
import { startOddsDay } from "../tests/support/odds_day.ts";

/** A Saturday in June: GB and Irish racing from noon into the evening (BST). */
const DAY = "2025-06-14";

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Racecard CPU (parse, validate, map) per 1,000 runners, with the prices kept and cut. */
function racecardCpu(text: string): { withOdds: number; withoutOdds: number; runners: number } {
  const time = (work: () => void) => {
    const runs: number[] = [];
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      work();
      runs.push(performance.now() - started);
    }
    return median(runs);
  };
  const map = (body: unknown) => {
    const page = parsePayload("racecards", body, { drift: new DriftReporter() });
    return payloadRows("racecards", page, { regions: ["gb", "ire"] }).rows;
  };
  let runners = 0;
  const withOdds = time(() => {
    const body = parseJsonTakingOdds(text);
    const rows = map(body);
    runners = rows.ra_mst_runners?.length ?? 0;
    oddsToRows(takenOdds(body) ?? []);
  });
  const withoutOdds = time(() => map(parseJsonWithoutOdds(text)));
  const per1000 = (ms: number) => (ms / Math.max(1, runners)) * 1000;
  return { withOdds: per1000(withOdds), withoutOdds: per1000(withoutOdds), runners };
}

/** Runs the odds bench on a database of the cluster; returns the lines to print. */
export async function oddsBench(pg: LocalPostgres): Promise<string[]> {
  const name = `bench_odds_${Date.now().toString(36)}`;
  const url = await createDatabase(pg, name);
  await pushMigrations(url);
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  const database = {
    name,
    url,
    sql,
    drop: () => sql.end({ timeout: 5 }),
    [Symbol.asyncDispose]: () => sql.end({ timeout: 5 }),
  };
  const day = await startOddsDay(new Date(`${DAY}T07:30:00Z`), { database });
  const lines: string[] = [];
  try {
    await day.invoke("fetch-racecards", { mode: "daily", days_ahead: 0, wait: true });
    const races = await sql<{ id: string; off_dt: Date }[]>`
      select id, off_dt from ra_mst_races where race_date = ${DAY} order by off_dt`;
    const lastOff = races.at(-1)!.off_dt.getTime();
    const cardsBefore = day.sim.requestLog.length;
    let ticks = 0;
    let worstCpu = 0;
    const cpus: number[] = [];
    const started = performance.now();
    while (day.clock.now().getTime() < lastOff + 5 * 60_000) {
      const minute = Math.floor(day.clock.now().getTime() / 60_000) * 60_000;
      const tick = await day.invoke("fetch-odds", { mode: "tick", wait: true });
      const details = tick.body.details as Record<string, number>;
      cpus.push(details.cpu_ms ?? 0);
      worstCpu = Math.max(worstCpu, details.cpu_ms ?? 0);
      ticks++;
      day.clock.setTo(new Date(minute + 60_000));
    }
    const wallSeconds = (performance.now() - started) / 1000;
    const calls = day.sim.requestLog.length - cardsBefore;
    const throttled = day.sim.requestLog.filter((entry) => entry.status === 429).length;
    const capture = await measureCapture(
      sql,
      races.map((race) => day.sim.oddsTruth(race.id)!),
      DEFAULT_CADENCE,
    );
    const [sizes] = await sql<{ history: number; live: number; runners: number; rows: number }[]>`
      select pg_total_relation_size('ra_odds_history')::float8 as history,
             pg_total_relation_size('ra_odds_live')::float8 as live,
             (select count(distinct (race_id, horse_id)) from ra_odds_live)::int as runners,
             (select count(*) from ra_odds_history)::int as rows`;
    const response = await fetch(
      `${day.sim.baseUrl}/v1/racecards/pro?date=${DAY}&region_codes=gb&region_codes=ire&limit=500`,
      {
        headers: { authorization: `Basic ${btoa("demo:demo")}` },
      },
    );
    const cpu = racecardCpu(await response.text());
    const runners = sizes?.runners ?? 1;
    lines.push(
      `${races.length} GB/IRE races on ${DAY}, ${ticks} minute ticks (${
        wallSeconds.toFixed(0)
      } s on a virtual clock)`,
      `captured by polling, last 30 min: ${capture.captured}/${capture.eligible} = ${
        (100 * capture.captured / Math.max(1, capture.eligible)).toFixed(2)
      } % (target ≥ 99 %)`,
      `every upstream change up to the off: ${capture.stored}/${capture.changes} stored by polling alone`,
      `API calls: ${calls} (${(calls / races.length).toFixed(1)} per race), 429s: ${throttled}`,
      `delay change → row: p50 ${(median(capture.delaysMs) / 1000).toFixed(1)} s, p95 ${
        (percentile(capture.delaysMs, 95) / 1000).toFixed(1)
      } s; p95 over the cadence ${
        (percentile(capture.overCadenceMs, 95) / 1000).toFixed(1)
      } s (target ≤ 2 s)`,
      `storage: history ${sizes?.rows} rows, ${
        (sizes!.history / runners / 1024).toFixed(1)
      } KB per runner per day (target ≤ 2 KB); live ${
        (sizes!.live / runners / 1024).toFixed(1)
      } KB per runner`,
      `one tick's measured CPU: worst ${worstCpu} ms, median ${
        median(cpus)
      } ms (budget RA_CPU_BUDGET_MS 600; isolate limit 2 s)`,
      `racecard CPU per 1,000 runners: ${
        cpu.withOdds.toFixed(1)
      } ms with prices kept (target ≤ 35 ms), ${
        cpu.withoutOdds.toFixed(1)
      } ms with prices cut (${cpu.runners} runners)`,
    );
  } finally {
    await day.sim.close();
    await sql.end({ timeout: 5 });
  }
  return lines;
}
