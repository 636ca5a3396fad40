/**
 * The statistics share of `deno task bench --stats`: a simulated history of UK and Irish racing
 * (10 years by default: about 130,000 races and 1.3 M runners) generated inside PostgreSQL with
 * generate_series, then the full refresh, an incremental refresh after one more racing day, the
 * read of one day's runner form and the size of each statistics table.
 *
 * @module
 */
import type postgres from "postgres";

/** What the generated history looks like. */
export interface StatsHistoryShape {
  /** Years of racing, ending yesterday (UTC). @default 10 */
  readonly years: number;
  /** Races a day, every day. @default 36 (about 13,000 a year) */
  readonly racesPerDay: number;
  /** Races of the extra racing day the incremental refresh meets. @default 40 */
  readonly newDayRaces: number;
}

/** The shape of the bench's history, near the real one's (2024: ~11,000 GB + ~2,500 IRE races). */
export const DEFAULT_STATS_HISTORY: StatsHistoryShape = Object.freeze({
  years: 10,
  racesPerDay: 36,
  newDayRaces: 40,
});

const COURSES = 60;
const JOCKEYS = 1_500;
const TRAINERS = 1_200;
const OWNERS = 9_000;
const SIRES = 2_000;
const DAMS = 40_000;
const DAMSIRES = 1_500;
/** Horses in training at once: each runs about every 8 weeks for about three seasons. */
const ACTIVE_HORSES = 20_000;

/**
 * The people and horses of the history: skewed as in real racing (a few jockeys and trainers
 * have most rides and runners), horses with a sire, dam and damsire. The horses are dated at the
 * start of the history, as if enriched long before the last refresh: an incremental refresh
 * recomputes the pedigree of a horse written since, so horses dated now would make it recompute
 * every sire, dam and damsire.
 */
function mastersSql(horses: number, start: string): string {
  return `
insert into public.ra_mst_courses (id, name, region_code)
select 'crs_' || n, 'Course ' || n, case when n % 5 = 0 then 'ire' else 'gb' end
from generate_series(1, ${COURSES}) n;
insert into public.ra_mst_jockeys (id, name) select 'jky_' || n, 'Jockey ' || n
from generate_series(1, ${JOCKEYS}) n;
insert into public.ra_mst_trainers (id, name) select 'trn_' || n, 'Trainer ' || n
from generate_series(1, ${TRAINERS}) n;
insert into public.ra_mst_owners (id, name) select 'own_' || n, 'Owner ' || n
from generate_series(1, ${OWNERS}) n;
insert into public.ra_mst_sires (id, name) select 'sir_' || (9000000 + n), 'Sire ' || n
from generate_series(1, ${SIRES}) n;
insert into public.ra_mst_dams (id, name) select 'dam_' || (8000000 + n), 'Dam ' || n
from generate_series(1, ${DAMS}) n;
insert into public.ra_mst_damsires (id, name) select 'dsi_' || (7000000 + n), 'Damsire ' || n
from generate_series(1, ${DAMSIRES}) n;
-- Popular sires have many foals: the sire index is skewed towards the low numbers. A few sires
-- raced themselves (their own hrs_ id is a horse of the history).
insert into public.ra_mst_horses (id, name, sire_id, dam_id, damsire_id, profile_source,
                                  updated_at)
select 'hrs_' || n, 'Horse ' || n,
  'sir_' || (9000000 + 1 + floor(${SIRES} * power(random(), 2))::integer),
  'dam_' || (8000000 + 1 + floor(${DAMS} * random())::integer),
  'dsi_' || (7000000 + 1 + floor(${DAMSIRES} * power(random(), 1.5))::integer),
  'racecard', date '${start}'
from generate_series(1, ${horses}) n;
insert into public.ra_mst_horses (id, name, profile_source, updated_at)
select 'hrs_' || (9000000 + n), 'Sire ' || n || ' as a horse', 'racecard', date '${start}'
from generate_series(1, 200) n;`;
}

/**
 * Races of days [first, last] (day numbers from the start of the history), meetings of six
 * races at a course, races half an hour apart, classes (Irish races unclassed), distances and
 * going as they come.
 */
function racesSql(firstDay: number, lastDay: number, racesPerDay: number, start: string): string {
  return `
insert into public.ra_mst_races (id, course_id, race_date, off_dt, race_class, distance_f, going,
                                 has_result, updated_at)
select 'rac_' || (d * 1000 + k),
  'crs_' || c.course,
  day,
  (day + time '12:00' + (k / 6) * interval '7 minutes' + (k % 6) * interval '30 minutes')
    at time zone 'Europe/London',
  case when c.course % 5 = 0 then null else 1 + floor(7 * power(random(), 0.7))::integer end,
  (array[5, 6, 6, 7, 8, 8, 10, 12, 14, 16, 16, 20, 24, 25, 26])[1 + floor(15 * random())::integer],
  (array['Good', 'Good To Soft', 'Soft', 'Heavy', 'Good To Firm', 'Firm', 'Standard',
         'Standard To Slow', 'Yielding', 'Good (Good To Soft in places)', 'Soft To Heavy',
         'Good To Yielding'])[1 + floor(12 * random())::integer],
  true,
  ${firstDay === lastDay ? "now()" : "day + interval '1 day'"}
from generate_series(${firstDay}, ${lastDay}) d
cross join lateral (select date '${start}' + d as day) x
cross join generate_series(0, ${racesPerDay - 1}) k
cross join lateral (select 1 + (d * 7 + k / 6) % ${COURSES} as course) c;`;
}

/**
 * Runners of the races of days [first, last]: 4 to 16 a race, horses from the ones in training
 * that day (each horse keeps its trainer and owner), popular jockeys riding most. Prices from
 * each runner's chance with the bookmakers' margin; the finishing order drawn from the same
 * chances; some non-runners, some non-finishers, a few dead heats and runners without an SP.
 */
function runnersSql(
  firstDay: number,
  lastDay: number,
  days: number,
  horses: number,
  newDay: boolean,
  start: string,
): string {
  const slide = (horses - ACTIVE_HORSES) / Math.max(1, days);
  return `
with field as (
  select ra.id as race_id, (substr(ra.id, 5)::bigint / 1000)::integer as d,
    (substr(ra.id, 5)::bigint % 1000)::integer as k,
    4 + floor(13 * random())::integer as runners
  from public.ra_mst_races ra
  where (substr(ra.id, 5)::bigint / 1000) between ${firstDay} and ${lastDay}
),
entry as (
  select f.race_id, f.d, s.slot,
    1 + floor(${slide} * f.d)::integer
      + ((f.k * 7919 + s.slot * 2003 + f.d * 104729) % ${ACTIVE_HORSES}) as horse,
    random() as strength,
    random() as draw_luck,
    random() as fate
  from field f cross join lateral generate_series(1, f.runners) s(slot)
),
market as (
  select e.*,
    (0.3 + e.strength) / sum(0.3 + e.strength) over (partition by e.race_id) as chance
  from entry e
),
ordered as (
  select m.*,
    m.fate < 0.03 as non_runner,
    m.fate between 0.03 and 0.10 as non_finisher,
    row_number() over (partition by m.race_id
                       order by (m.fate < 0.10), -ln(greatest(m.draw_luck, 1e-9)) / m.chance)
      as finish
  from market m
)
insert into public.ra_mst_runners (race_id, horse_id, jockey_id, trainer_id, owner_id,
                                   is_non_runner, position, finish_status, starting_price_decimal,
                                   sp_favourite, updated_at)
select o.race_id,
  'hrs_' || o.horse,
  case when o.non_runner then null
       else 'jky_' || (1 + floor(${JOCKEYS} * power(random(), 2.2))::integer) end,
  'trn_' || (1 + floor(${TRAINERS} * power(((o.horse * 7919) % 10007) / 10007.0, 2))::integer),
  'own_' || (1 + (o.horse * 31) % ${OWNERS}),
  o.non_runner or null,
  case when o.non_runner or o.non_finisher then null
       -- A dead heat for first in about one race in a hundred.
       when o.finish = 2 and hashtext(o.race_id) % 100 = 0 then 1
       else o.finish end,
  case when o.non_runner then 'NR'
       when o.non_finisher then (array['PU', 'F', 'UR', 'BD', 'RO', 'SU'])[1 + o.horse % 6] end,
  case when o.non_runner or hashtext(o.race_id || o.horse) % 50 = 0 then null
       else greatest(1.1, round((1 / (o.chance * 1.18))::numeric, 1)) end,
  case when o.chance = max(o.chance) over (partition by o.race_id) then 'F' end,
  ${newDay ? "now()" : `date '${start}' + o.d + 1`}
from ordered o
on conflict (race_id, horse_id) do nothing;`;
}

/** Figures printed by the statistics bench. */
export interface StatsBenchFigures {
  readonly lines: string[];
}

interface RunRow {
  status: string;
  error: string | null;
  duration_ms: number;
  summary: { rows_changed?: Record<string, number>; runners_recomputed?: number } | null;
}

const STATISTICS_TABLES = [
  "ra_jockey_statistics",
  "ra_trainer_statistics",
  "ra_owner_statistics",
  "ra_runner_statistics",
  "ra_sire_statistics",
  "ra_dam_statistics",
  "ra_damsire_statistics",
  "ra_entity_combinations",
  "ra_performance_by_distance",
  "ra_performance_by_venue",
] as const;

async function refresh(sql: postgres.Sql, full: boolean): Promise<{ ms: number; run: RunRow }> {
  const started = performance.now();
  const [run] = await sql<RunRow[]>`
    select status, error, duration_ms, summary
    from ra_private.refresh_statistics(full => ${full}::boolean)`;
  const ms = performance.now() - started;
  if (!run || run.status !== "succeeded") {
    throw new Error(`Cannot bench the statistics: the refresh failed: ${run?.error}`);
  }
  return { ms, run };
}

function changedRows(run: RunRow): string {
  const changed = run.summary?.rows_changed ?? {};
  return Object.entries(changed).filter(([, n]) => n > 0).map(([t, n]) => `${t} ${n}`)
    .join(", ") || "none";
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** The generated history: its day count and first date, and a line describing it. */
export interface StatsHistory {
  readonly days: number;
  readonly start: string;
  readonly description: string;
}

/**
 * Generates the history in the (freshly migrated) database at `sql`: racing days up to the day
 * before `today`.
 */
export async function generateHistory(
  sql: postgres.Sql,
  today: string,
  shape: StatsHistoryShape = DEFAULT_STATS_HISTORY,
): Promise<StatsHistory> {
  const days = Math.round(shape.years * 365.25);
  const start = new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000)
    .toISOString().slice(0, 10);
  const horses = ACTIVE_HORSES + Math.round(days * 7);
  const started = performance.now();
  await sql.begin(async (tx) => {
    // Every key exists by construction: the load skips the foreign-key triggers.
    await tx`set local session_replication_role = replica`;
    await tx.unsafe(mastersSql(horses, start));
    await tx`select setseed(0.42)`;
    await tx.unsafe(racesSql(0, days - 1, shape.racesPerDay, start));
    await tx.unsafe(runnersSql(0, days - 1, days, horses, false, start));
  });
  await sql`analyze`;
  const [counts] = await sql<{ races: number; runners: number; runs: number; horses: number }[]>`
    select (select count(*)::integer from public.ra_mst_races) as races,
           (select count(*)::integer from public.ra_mst_runners) as runners,
           (select count(*)::integer from ra_private.runs) as runs,
           (select count(distinct horse_id)::integer from public.ra_mst_runners) as horses`;
  const description = `  history: ${shape.years} years (${start} .. the day before ${today}), ` +
    `${counts?.races} races, ${counts?.runners} runners (${counts?.runs} runs), ` +
    `${counts?.horses} horses, ${JOCKEYS} jockeys, ${TRAINERS} trainers, ${OWNERS} owners, ` +
    `${SIRES} sires, ${DAMS} dams, ${DAMSIRES} damsires; generated in ` +
    `${((performance.now() - started) / 1000).toFixed(1)} s`;
  return { days, start, description };
}

/** Adds one more racing day (today), resulted after the last refresh; returns its runners. */
export async function addRacingDay(
  sql: postgres.Sql,
  history: StatsHistory,
  shape: StatsHistoryShape = DEFAULT_STATS_HISTORY,
): Promise<number> {
  const { days, start } = history;
  const horses = ACTIVE_HORSES + Math.round(days * 7);
  await sql.begin(async (tx) => {
    await tx`select setseed(0.24)`;
    await tx.unsafe(racesSql(days, days, shape.newDayRaces, start));
    await tx.unsafe(runnersSql(days, days, days, horses, true, start));
  });
  const [added] = await sql<{ runners: number }[]>`
    select count(*)::integer as runners from public.ra_mst_runners
    where race_id like ${`rac_${days}___`}`;
  return added?.runners ?? 0;
}

/**
 * Generates the history in the (freshly migrated) database at `sql`, then measures. `today` is
 * the UK date the refreshes take as their reference date; the history ends the day before and
 * the extra racing day is today.
 */
export async function benchStatistics(
  sql: postgres.Sql,
  today: string,
  shape: StatsHistoryShape = DEFAULT_STATS_HISTORY,
  log: (line: string) => void = () => {},
): Promise<StatsBenchFigures> {
  const history = await generateHistory(sql, today, shape);
  const lines: string[] = [history.description];
  log(lines.at(-1)!);

  const full = await refresh(sql, true);
  lines.push(
    `  full refresh:        ${(full.ms / 1000).toFixed(1).padStart(7)} s   (target ≤ 60 s)`,
  );
  log(lines.at(-1)!);

  // One more racing day, resulted after the full refresh.
  const added = await addRacingDay(sql, history, shape);
  const incremental = await refresh(sql, false);
  lines.push(
    `  incremental refresh: ${(incremental.ms / 1000).toFixed(1).padStart(7)} s   ` +
      `(target ≤ 3 s) after one more racing day of ${shape.newDayRaces} races, ` +
      `${added} runners; ${incremental.run.summary?.runners_recomputed} runners ` +
      `recomputed; rows changed: ${changedRows(incremental.run)}`,
  );
  log(lines.at(-1)!);
  const rerun = await refresh(sql, false);
  lines.push(
    `  rerun (nothing new): ${(rerun.ms / 1000).toFixed(1).padStart(7)} s   rows changed: ` +
      changedRows(rerun.run),
  );
  log(lines.at(-1)!);

  // One day's runner form, as a model reads it before racing: the runners of the day's races.
  const readDay = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString()
    .slice(0, 10);
  const readMs: number[] = [];
  let readRows = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const rows = await sql`
      select * from public.ra_runner_statistics
      where race_id in (select id from public.ra_mst_races where race_date = ${readDay})`;
    readMs.push(performance.now() - t0);
    readRows = rows.length;
  }
  lines.push(
    `  one day's read:      ${median(readMs).toFixed(0).padStart(7)} ms  (target ≤ 200 ms) ` +
      `${readRows} runners of ${readDay}, median of 5 (first ${readMs[0]?.toFixed(0)} ms)`,
  );
  log(lines.at(-1)!);

  const sizes = await sql<{ name: string; rows: number; bytes: string }[]>`
    select t.name, c.reltuples::bigint::integer as rows,
           pg_total_relation_size(c.oid)::text as bytes
    from unnest(${STATISTICS_TABLES as unknown as string[]}::text[]) with ordinality t(name, i)
    join pg_catalog.pg_class c on c.oid = ('public.' || t.name)::regclass
    order by t.i`;
  lines.push("  table sizes (pg_total_relation_size, with indexes):");
  log(lines.at(-1)!);
  for (const size of sizes) {
    lines.push(
      `    ${size.name.padEnd(28)} ${(Number(size.bytes) / 1e6).toFixed(1).padStart(8)} MB ` +
        `${String(size.rows).padStart(9)} rows`,
    );
    log(lines.at(-1)!);
  }
  return { lines };
}
