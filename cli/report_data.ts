/**
 * What `deno task report` shows, read from the data and the sync state over a period of racing
 * days: races and runners per day, windows against the API's own totals, fill rates (the
 * measures of the data-quality fill checks), API calls and failed requests per day, backfill
 * progress, odds coverage, freshness of every function and the rows of ra_data_quality.
 */
import type postgres from "postgres";
import { addDays, ukDate } from "../supabase/functions/_shared/clock.ts";

/** A database the report reads: a pool, or a transaction (tests). */
export type ReportDatabase = postgres.Sql | postgres.TransactionSql;

/** Races and runners stored for one racing day. */
export interface DayCounts {
  readonly day: string;
  readonly races: number;
  readonly resulted: number;
  readonly runners: number;
}

/** One checkpoint window of results or racecards, with what the API said it held. */
export interface WindowTotal {
  readonly job: string;
  readonly window_start: string;
  readonly window_end: string;
  readonly status: string;
  /** The API's total less the races left out on purpose; null when not recorded. */
  readonly api_expected: number | null;
  /** Races stored for the window (resulted races for results windows). */
  readonly stored: number;
}

/** One fill-rate measure of the data-quality checks, over the report's period. */
export interface FillRate {
  readonly measure: string;
  readonly what: string;
  readonly filled: number;
  readonly total: number;
  /** Its fill_min_<measure> threshold (a fraction), when set. */
  readonly minimum: number | null;
}

/** API calls of one function on one day. */
export interface DayCalls {
  readonly day: string;
  readonly function_name: string;
  readonly calls: number;
}

/** Requests recorded as failed on one day (after their retries), and how many were 429s. */
export interface DayFailures {
  readonly day: string;
  readonly failed: number;
  readonly rate_limited: number;
}

/** Windows of one job in one state. */
export interface JobWindows {
  readonly job: string;
  readonly status: string;
  readonly windows: number;
}

/** Odds stored for the races of one day. */
export interface DayOdds {
  readonly day: string;
  readonly races: number;
  readonly priced: number;
  readonly history_rows: number;
}

/** When a function (and mode) last succeeded. */
export interface JobFreshness {
  readonly job: string;
  readonly last_success: Date | null;
  readonly last_status: string;
  readonly last_started: Date;
  /** Hours from the last success to the report's time; null when it never succeeded. */
  readonly hours_since_success: number | null;
}

/** The latest refresh-statistics run. */
export interface StatisticsRun {
  readonly status: string;
  readonly started_at: Date;
  readonly finished_at: Date | null;
  readonly rows_written: number;
  readonly error: string | null;
}

/** One row of ra_data_quality. */
export interface QualityRow {
  readonly check: string;
  readonly status: string;
  readonly detail: string;
  readonly since: Date;
}

/** Everything the report draws. */
export interface ReportData {
  readonly generatedAt: Date;
  readonly database: string;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly days: readonly DayCounts[];
  readonly windows: readonly WindowTotal[];
  readonly fillRates: readonly FillRate[];
  readonly calls: readonly DayCalls[];
  readonly failures: readonly DayFailures[];
  readonly backfill: readonly JobWindows[];
  readonly odds: readonly DayOdds[];
  readonly freshness: readonly JobFreshness[];
  readonly statistics: StatisticsRun | null;
  readonly quality: readonly QualityRow[];
}

/** Options of {@linkcode readReportData}. */
export interface ReportPeriod {
  /** Racing days before tomorrow to show (tomorrow's racecards are shown too). @default 14 */
  readonly days?: number;
  /** @default new Date() */
  readonly now?: Date;
}

/** Racing days a report covers unless told otherwise. */
export const DEFAULT_REPORT_DAYS = 14;

/**
 * Reads every series of the report for the racing days from `days - 1` days ago to tomorrow.
 * @throws RangeError when days is not a whole number from 1 to 366
 */
export async function readReportData(
  sql: ReportDatabase,
  period: ReportPeriod = {},
): Promise<ReportData> {
  const { days = DEFAULT_REPORT_DAYS, now = new Date() } = period;
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    throw new RangeError(
      `Cannot read the report as 'days' must be 1 to 366: current value is ${days}`,
    );
  }
  const today = ukDate(now);
  const firstDay = addDays(today, -(days - 1));
  const lastDay = addDays(today, 1);
  const [database] = await sql<{ name: string }[]>`select current_database() as name`;
  return {
    generatedAt: now,
    database: database?.name ?? "",
    firstDay,
    lastDay,
    days: await readDays(sql, firstDay, lastDay),
    windows: await readWindows(sql, firstDay, lastDay),
    fillRates: await readFillRates(sql, firstDay, today),
    calls: await readCalls(sql, firstDay, lastDay),
    failures: await readFailures(sql, firstDay, lastDay),
    backfill: await readBackfill(sql),
    odds: await readOdds(sql, firstDay, lastDay),
    freshness: await readFreshness(sql, now),
    statistics: await readStatisticsRun(sql),
    quality: await readQuality(sql),
  };
}

function readDays(sql: ReportDatabase, first: string, last: string): Promise<DayCounts[]> {
  return sql<DayCounts[]>`
    select d.day::date::text as day,
      count(distinct r.id)::integer as races,
      (count(distinct r.id) filter (where r.has_result))::integer as resulted,
      count(ru.horse_id)::integer as runners
    from generate_series(${first}::date, ${last}::date, interval '1 day') as d(day)
    left join public.ra_mst_races r on r.race_date = d.day::date
    left join public.ra_mst_runners ru on ru.race_id = r.id
    group by d.day order by d.day`;
}

function readWindows(sql: ReportDatabase, first: string, last: string): Promise<WindowTotal[]> {
  // As the coverage check counts: resulted races for results windows, every race for racecards.
  return sql<WindowTotal[]>`
    select c.job, c.window_start::text, c.window_end::text, c.status,
      (c.api_total - coalesce(c.api_filtered_out, 0))::integer as api_expected,
      (select count(*) from public.ra_mst_races r
       where r.race_date between c.window_start and c.window_end
         and (c.job like 'racecards\_%' or r.has_result))::integer as stored
    from public.ra_sync_checkpoints c
    where (c.job like 'results\_%' or c.job like 'racecards\_%')
      and c.window_end >= ${first}::date and c.window_start <= ${last}::date
    order by c.window_start, c.job, c.window_end`;
}

async function readFillRates(sql: ReportDatabase, first: string, today: string) {
  const rows = await sql<(Omit<FillRate, "minimum"> & { minimum: string | null })[]>`
    with recent_races as (
      select r.* from public.ra_mst_races r
      where r.race_date between ${first}::date and ${today}::date
    ),
    resulted_runners as (
      select ru.position, ru.finish_status, ru.starting_price_decimal
      from recent_races r join public.ra_mst_runners ru on ru.race_id = r.id
      where r.has_result and not coalesce(ru.is_non_runner, false)
    ),
    measures (measure, what, filled, total, sort) as (
      select 'runner_position', 'resulted runners with a position or finish status',
        count(*) filter (where position is not null or finish_status is not null), count(*), 1
      from resulted_runners
      union all
      select 'runner_sp', 'placed runners with a decimal SP',
        count(*) filter (where position is not null and starting_price_decimal is not null),
        count(*) filter (where position is not null), 2
      from resulted_runners
      union all
      select 'race_off_dt', 'races with off_dt', count(off_dt), count(*), 3 from recent_races
      union all
      select 'race_distance', 'races with distance_f', count(distance_f), count(*), 4
      from recent_races
      union all
      select 'horse_pedigree', 'profiled horses seen with sire, dam and damsire ids',
        count(*) filter (where h.sire_id is not null and h.dam_id is not null
          and h.damsire_id is not null),
        count(*), 5
      from public.ra_mst_horses h
      where h.profile_source is not null and h.last_seen_date >= ${first}::date
    )
    select m.measure, m.what, m.filled::integer, m.total::integer, s.value::text as minimum
    from measures m
    left join ra_private.quality_settings s on s.name = 'fill_min_' || m.measure
    order by m.sort`;
  return rows.map((row) => ({
    ...row,
    minimum: row.minimum === null ? null : Number(row.minimum),
  }));
}

function readCalls(sql: ReportDatabase, first: string, last: string): Promise<DayCalls[]> {
  return sql<DayCalls[]>`
    select (r.started_at at time zone 'Europe/London')::date::text as day,
      coalesce(r.function_name, '(none)') as function_name,
      sum(r.api_calls)::integer as calls
    from public.ra_sync_runs r
    where (r.started_at at time zone 'Europe/London')::date between ${first}::date and ${last}::date
    group by 1, 2 having sum(r.api_calls) > 0
    order by 1, 2`;
}

function readFailures(sql: ReportDatabase, first: string, last: string): Promise<DayFailures[]> {
  // Failed requests are recorded with their endpoint; a 429 says "API answered 429".
  return sql<DayFailures[]>`
    select d.day::date::text as day,
      count(e.id)::integer as failed,
      (count(e.id) filter (where e.error ~ 'answered 429'))::integer as rate_limited
    from generate_series(${first}::date, ${last}::date, interval '1 day') as d(day)
    left join public.ra_sync_errors e
      on (e.created_at at time zone 'Europe/London')::date = d.day::date and e.endpoint is not null
    group by d.day order by d.day`;
}

function readBackfill(sql: ReportDatabase): Promise<JobWindows[]> {
  return sql<JobWindows[]>`
    select c.job, c.status, count(*)::integer as windows
    from public.ra_sync_checkpoints c
    group by c.job, c.status order by c.job, c.status`;
}

function readOdds(sql: ReportDatabase, first: string, last: string): Promise<DayOdds[]> {
  return sql<DayOdds[]>`
    select d.day::date::text as day,
      (select count(*) from public.ra_mst_races r where r.race_date = d.day::date)::integer as races,
      (select count(*) from public.ra_mst_races r
       where r.race_date = d.day::date
         and (exists (select 1 from public.ra_odds_live l where l.race_id = r.id)
           or exists (select 1 from public.ra_odds_fetches f where f.race_id = r.id
             and f.prices > 0)))::integer as priced,
      (select count(*) from public.ra_odds_history h
       join public.ra_mst_races r on r.id = h.race_id
       where r.race_date = d.day::date)::integer as history_rows
    from generate_series(${first}::date, ${last}::date, interval '1 day') as d(day)
    order by d.day`;
}

function readFreshness(sql: ReportDatabase, now: Date): Promise<JobFreshness[]> {
  return sql<JobFreshness[]>`
    select concat_ws(' ', coalesce(r.function_name, '(none)'), r.mode) as job,
      max(r.started_at) filter (where r.status in ('succeeded', 'partial')) as last_success,
      (array_agg(r.status order by r.started_at desc))[1] as last_status,
      max(r.started_at) as last_started,
      round(extract(epoch from ${now}::timestamptz
        - max(r.started_at) filter (where r.status in ('succeeded', 'partial'))) / 3600.0, 2)
        ::float8 as hours_since_success
    from public.ra_sync_runs r
    group by r.function_name, r.mode
    order by 1`;
}

async function readStatisticsRun(sql: ReportDatabase): Promise<StatisticsRun | null> {
  const [run] = await sql<StatisticsRun[]>`
    select r.status, r.started_at, r.finished_at, r.rows_written, r.error
    from public.ra_sync_runs r
    where r.function_name = 'refresh-statistics'
    order by r.started_at desc limit 1`;
  return run ?? null;
}

function readQuality(sql: ReportDatabase): Promise<QualityRow[]> {
  return sql<QualityRow[]>`
    select q."check", q.status, q.detail, q.since
    from public.ra_data_quality q
    order by case q.status when 'fail' then 0 when 'warn' then 1 else 2 end, q."check"`;
}
