-- Statistics in SQL, first slice (issue 13): the definitions of a run, a win, a place, win % and
-- place %, A/E against the market and level-stakes P/L at SP, written once (the view
-- ra_private.runs and three small formula functions), and the people statistics in
-- ra_jockey_statistics, ra_trainer_statistics and ra_owner_statistics, refreshed by
-- ra_private.refresh_statistics(full, as_of): incremental by the people that results since the
-- last refresh touched, set-based, one transaction, idempotent, recorded in ra_sync_runs.
-- docs/statistics.md states every statistic in words; the SQL here is the only computation.
--
-- The statistics live in tables of their own, one row per person, beside ra_mst_jockeys,
-- ra_mst_trainers and ra_mst_owners: the sync's writers (_shared/db/columns.ts) never see them,
-- and a refresh never touches a master row.

-- ---------------------------------------------------------------------------------------------
-- Definitions
-- ---------------------------------------------------------------------------------------------

create view ra_private.runs with (security_invoker = true) as
select
  ru.race_id,
  ru.horse_id,
  ru.jockey_id,
  ru.trainer_id,
  ru.owner_id,
  ra.course_id,
  coalesce(ra.race_date, (ra.off_dt at time zone 'Europe/London')::date) as run_date,
  ra.off_dt,
  ru.position,
  ru.finish_status,
  coalesce(ru.position = 1, false) as is_win,
  coalesce(ru.position between 1 and 3, false) as is_place,
  coalesce(ru.position = 2, false) as is_second,
  coalesce(ru.position = 3, false) as is_third,
  sp.sp_decimal,
  case when sp.sp_decimal is not null then (ru.position is not distinct from 1)::integer end
    as sp_actual_win,
  1 / sp.sp_decimal as sp_expected_win,
  case
    when sp.sp_decimal is null then null
    when ru.position = 1 then sp.sp_decimal - 1
    else -1
  end as sp_profit
from public.ra_mst_runners ru
join public.ra_mst_races ra on ra.id = ru.race_id
cross join lateral (
  select case when ru.starting_price_decimal > 1 then ru.starting_price_decimal end as sp_decimal
) sp
where ra.has_result
  and ru.is_non_runner is not true
  and (ru.position is not null or ru.finish_status not in ('NR', 'VOI'))
  and coalesce(ra.race_date, (ra.off_dt at time zone 'Europe/London')::date) is not null;
comment on view ra_private.runs is
  'Every run, one row each: a runner with a result (a position, or a non-finish code such as PU, '
  'F, UR, BD, RO, SU, DSQ) in a race that has a result. Non-runners (is_non_runner, or the code '
  'NR) and void races (VOI) are never runs. Every statistic reads this view; docs/statistics.md.';
comment on column ra_private.runs.run_date is
  'Racing date (UK) of the race: race_date, else the Europe/London date of off_dt.';
comment on column ra_private.runs.is_win is 'Position 1, dead heats included.';
comment on column ra_private.runs.is_place is 'Position 1, 2 or 3.';
comment on column ra_private.runs.is_second is 'Position 2.';
comment on column ra_private.runs.is_third is 'Position 3.';
comment on column ra_private.runs.sp_decimal is
  'Starting price as decimal odds; null when the run has no SP (a stored value of 1 or less is '
  'no price).';
comment on column ra_private.runs.sp_actual_win is
  'For a run with an SP: 1 if it won, else 0 (A/E numerator); null without an SP.';
comment on column ra_private.runs.sp_expected_win is
  'For a run with an SP: 1 / SP, the market''s chance of a win (A/E denominator); null without '
  'an SP.';
comment on column ra_private.runs.sp_profit is
  'Level stakes at SP, 1 unit: SP - 1 for a winner, -1 for a loser; null without an SP.';

create function ra_private.percent_of(part bigint, whole bigint)
returns numeric
language sql
immutable
set search_path = ''
as $$
  select round(100.0 * percent_of.part / nullif(percent_of.whole, 0), 2);
$$;
comment on function ra_private.percent_of(bigint, bigint) is
  'part / whole x 100, 2 decimals; null when whole is 0 (win % and place %: wins or places / '
  'runs).';

create function ra_private.ae_index(actual_wins bigint, expected_wins numeric)
returns numeric
language sql
immutable
set search_path = ''
as $$
  select round(ae_index.actual_wins / nullif(ae_index.expected_wins, 0), 2);
$$;
comment on function ra_private.ae_index(bigint, numeric) is
  'A/E, 2 decimals: wins over runs with an SP / sum of 1 / SP over the same runs; null when no '
  'run has an SP.';

create function ra_private.roi_percent(profit_loss numeric, sp_runs bigint)
returns numeric
language sql
immutable
set search_path = ''
as $$
  select round(100 * roi_percent.profit_loss / nullif(roi_percent.sp_runs, 0), 2);
$$;
comment on function ra_private.roi_percent(numeric, bigint) is
  'Return on investment in percent, 2 decimals: level-stakes P/L / runs with an SP x 100; null '
  'when no run has an SP.';

-- ---------------------------------------------------------------------------------------------
-- People statistics: one table per kind, one row per person
-- ---------------------------------------------------------------------------------------------

create table public.ra_jockey_statistics (
  jockey_id text primary key references public.ra_mst_jockeys (id) on delete cascade,
  total_runs integer,
  total_wins integer,
  total_places integer,
  total_seconds integer,
  total_thirds integer,
  win_percent numeric,
  place_percent numeric,
  expected_wins numeric,
  ae_index numeric,
  profit_loss_1u numeric,
  roi_percent numeric,
  recent_14d_runs integer,
  recent_14d_wins integer,
  recent_14d_places integer,
  recent_14d_seconds integer,
  recent_14d_thirds integer,
  recent_14d_win_percent numeric,
  recent_14d_place_percent numeric,
  recent_14d_expected_wins numeric,
  recent_14d_ae_index numeric,
  recent_14d_profit_loss_1u numeric,
  recent_14d_roi_percent numeric,
  recent_30d_runs integer,
  recent_30d_wins integer,
  recent_30d_places integer,
  recent_30d_seconds integer,
  recent_30d_thirds integer,
  recent_30d_win_percent numeric,
  recent_30d_place_percent numeric,
  recent_30d_expected_wins numeric,
  recent_30d_ae_index numeric,
  recent_30d_profit_loss_1u numeric,
  recent_30d_roi_percent numeric,
  last_run_date date,
  last_win_date date,
  days_since_last_run integer,
  days_since_last_win integer,
  statistics_as_of date not null
);

create table public.ra_trainer_statistics (
  trainer_id text primary key references public.ra_mst_trainers (id) on delete cascade,
  total_runs integer,
  total_wins integer,
  total_places integer,
  total_seconds integer,
  total_thirds integer,
  win_percent numeric,
  place_percent numeric,
  expected_wins numeric,
  ae_index numeric,
  profit_loss_1u numeric,
  roi_percent numeric,
  recent_14d_runs integer,
  recent_14d_wins integer,
  recent_14d_places integer,
  recent_14d_seconds integer,
  recent_14d_thirds integer,
  recent_14d_win_percent numeric,
  recent_14d_place_percent numeric,
  recent_14d_expected_wins numeric,
  recent_14d_ae_index numeric,
  recent_14d_profit_loss_1u numeric,
  recent_14d_roi_percent numeric,
  recent_30d_runs integer,
  recent_30d_wins integer,
  recent_30d_places integer,
  recent_30d_seconds integer,
  recent_30d_thirds integer,
  recent_30d_win_percent numeric,
  recent_30d_place_percent numeric,
  recent_30d_expected_wins numeric,
  recent_30d_ae_index numeric,
  recent_30d_profit_loss_1u numeric,
  recent_30d_roi_percent numeric,
  last_run_date date,
  last_win_date date,
  days_since_last_run integer,
  days_since_last_win integer,
  statistics_as_of date not null
);

create table public.ra_owner_statistics (
  owner_id text primary key references public.ra_mst_owners (id) on delete cascade,
  total_runs integer,
  total_wins integer,
  total_places integer,
  total_seconds integer,
  total_thirds integer,
  win_percent numeric,
  place_percent numeric,
  expected_wins numeric,
  ae_index numeric,
  profit_loss_1u numeric,
  roi_percent numeric,
  recent_14d_runs integer,
  recent_14d_wins integer,
  recent_14d_places integer,
  recent_14d_seconds integer,
  recent_14d_thirds integer,
  recent_14d_win_percent numeric,
  recent_14d_place_percent numeric,
  recent_14d_expected_wins numeric,
  recent_14d_ae_index numeric,
  recent_14d_profit_loss_1u numeric,
  recent_14d_roi_percent numeric,
  recent_30d_runs integer,
  recent_30d_wins integer,
  recent_30d_places integer,
  recent_30d_seconds integer,
  recent_30d_thirds integer,
  recent_30d_win_percent numeric,
  recent_30d_place_percent numeric,
  recent_30d_expected_wins numeric,
  recent_30d_ae_index numeric,
  recent_30d_profit_loss_1u numeric,
  recent_30d_roi_percent numeric,
  last_run_date date,
  last_win_date date,
  days_since_last_run integer,
  days_since_last_win integer,
  total_horses integer,
  statistics_as_of date not null
);
comment on table public.ra_jockey_statistics is
  'Statistics of each jockey as of statistics_as_of (docs/statistics.md); written only by '
  'ra_private.refresh_statistics.';
comment on table public.ra_trainer_statistics is
  'Statistics of each trainer as of statistics_as_of (docs/statistics.md); written only by '
  'ra_private.refresh_statistics.';
comment on table public.ra_owner_statistics is
  'Statistics of each owner as of statistics_as_of (docs/statistics.md); written only by '
  'ra_private.refresh_statistics.';
comment on column public.ra_jockey_statistics.jockey_id is 'The jockey (ra_mst_jockeys.id).';
comment on column public.ra_trainer_statistics.trainer_id is 'The trainer (ra_mst_trainers.id).';
comment on column public.ra_owner_statistics.owner_id is 'The owner (ra_mst_owners.id).';
alter table public.ra_jockey_statistics enable row level security;
alter table public.ra_trainer_statistics enable row level security;
alter table public.ra_owner_statistics enable row level security;

-- Statistics columns: docs/statistics.md defines each; all are set by refresh_statistics only.
comment on column public.ra_jockey_statistics.total_runs is
  'Runs. Period: up to statistics_as_of.';
comment on column public.ra_jockey_statistics.total_wins is
  'Wins (position 1, dead heats included). Period: up to statistics_as_of.';
comment on column public.ra_jockey_statistics.total_places is
  'Places (positions 1-3). Period: up to statistics_as_of.';
comment on column public.ra_jockey_statistics.total_seconds is
  'Second places. Period: up to statistics_as_of.';
comment on column public.ra_jockey_statistics.total_thirds is
  'Third places. Period: up to statistics_as_of.';
comment on column public.ra_jockey_statistics.win_percent is
  'Win % (wins / runs x 100, 2 decimals; null without runs). Period: up to statistics_as_of.';
comment on column public.ra_jockey_statistics.place_percent is
  'Place % (places / runs x 100, 2 decimals; null without runs). Period: up to '
  'statistics_as_of.';
comment on column public.ra_jockey_statistics.expected_wins is
  'Expected wins: sum of 1 / SP over runs with an SP, 2 decimals (the sample beside A/E). '
  'Period: up to statistics_as_of.';
comment on column public.ra_jockey_statistics.ae_index is
  'A/E: wins / expected wins over runs with an SP, 2 decimals; null when no run has an SP. '
  'Period: up to statistics_as_of.';
comment on column public.ra_jockey_statistics.profit_loss_1u is
  'Level-stakes P/L at SP in units (SP - 1 per winner, -1 per loser, runs with an SP). Period: '
  'up to statistics_as_of.';
comment on column public.ra_jockey_statistics.roi_percent is
  'ROI %: P/L / runs with an SP x 100, 2 decimals. Period: up to statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_14d_runs is
  'Runs. Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_14d_wins is
  'Wins (position 1, dead heats included). Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_14d_places is
  'Places (positions 1-3). Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_14d_seconds is
  'Second places. Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_14d_thirds is
  'Third places. Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_14d_win_percent is
  'Win % (wins / runs x 100, 2 decimals; null without runs). Period: in the 14 days ending on '
  'statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_14d_place_percent is
  'Place % (places / runs x 100, 2 decimals; null without runs). Period: in the 14 days ending '
  'on statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_14d_expected_wins is
  'Expected wins: sum of 1 / SP over runs with an SP, 2 decimals (the sample beside A/E). '
  'Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_14d_ae_index is
  'A/E: wins / expected wins over runs with an SP, 2 decimals; null when no run has an SP. '
  'Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_14d_profit_loss_1u is
  'Level-stakes P/L at SP in units (SP - 1 per winner, -1 per loser, runs with an SP). Period: '
  'in the 14 days ending on statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_14d_roi_percent is
  'ROI %: P/L / runs with an SP x 100, 2 decimals. Period: in the 14 days ending on '
  'statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_30d_runs is
  'Runs. Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_30d_wins is
  'Wins (position 1, dead heats included). Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_30d_places is
  'Places (positions 1-3). Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_30d_seconds is
  'Second places. Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_30d_thirds is
  'Third places. Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_30d_win_percent is
  'Win % (wins / runs x 100, 2 decimals; null without runs). Period: in the 30 days ending on '
  'statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_30d_place_percent is
  'Place % (places / runs x 100, 2 decimals; null without runs). Period: in the 30 days ending '
  'on statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_30d_expected_wins is
  'Expected wins: sum of 1 / SP over runs with an SP, 2 decimals (the sample beside A/E). '
  'Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_30d_ae_index is
  'A/E: wins / expected wins over runs with an SP, 2 decimals; null when no run has an SP. '
  'Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_30d_profit_loss_1u is
  'Level-stakes P/L at SP in units (SP - 1 per winner, -1 per loser, runs with an SP). Period: '
  'in the 30 days ending on statistics_as_of.';
comment on column public.ra_jockey_statistics.recent_30d_roi_percent is
  'ROI %: P/L / runs with an SP x 100, 2 decimals. Period: in the 30 days ending on '
  'statistics_as_of.';
comment on column public.ra_jockey_statistics.last_run_date is
  'Date of the latest run on or before statistics_as_of.';
comment on column public.ra_jockey_statistics.last_win_date is
  'Date of the latest win on or before statistics_as_of.';
comment on column public.ra_jockey_statistics.days_since_last_run is
  'statistics_as_of - last_run_date, in days.';
comment on column public.ra_jockey_statistics.days_since_last_win is
  'statistics_as_of - last_win_date, in days.';
comment on column public.ra_jockey_statistics.statistics_as_of is
  'Reference date (UK) of every statistic in the row.';
comment on column public.ra_trainer_statistics.total_runs is
  'Runs. Period: up to statistics_as_of.';
comment on column public.ra_trainer_statistics.total_wins is
  'Wins (position 1, dead heats included). Period: up to statistics_as_of.';
comment on column public.ra_trainer_statistics.total_places is
  'Places (positions 1-3). Period: up to statistics_as_of.';
comment on column public.ra_trainer_statistics.total_seconds is
  'Second places. Period: up to statistics_as_of.';
comment on column public.ra_trainer_statistics.total_thirds is
  'Third places. Period: up to statistics_as_of.';
comment on column public.ra_trainer_statistics.win_percent is
  'Win % (wins / runs x 100, 2 decimals; null without runs). Period: up to statistics_as_of.';
comment on column public.ra_trainer_statistics.place_percent is
  'Place % (places / runs x 100, 2 decimals; null without runs). Period: up to '
  'statistics_as_of.';
comment on column public.ra_trainer_statistics.expected_wins is
  'Expected wins: sum of 1 / SP over runs with an SP, 2 decimals (the sample beside A/E). '
  'Period: up to statistics_as_of.';
comment on column public.ra_trainer_statistics.ae_index is
  'A/E: wins / expected wins over runs with an SP, 2 decimals; null when no run has an SP. '
  'Period: up to statistics_as_of.';
comment on column public.ra_trainer_statistics.profit_loss_1u is
  'Level-stakes P/L at SP in units (SP - 1 per winner, -1 per loser, runs with an SP). Period: '
  'up to statistics_as_of.';
comment on column public.ra_trainer_statistics.roi_percent is
  'ROI %: P/L / runs with an SP x 100, 2 decimals. Period: up to statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_14d_runs is
  'Runs. Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_14d_wins is
  'Wins (position 1, dead heats included). Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_14d_places is
  'Places (positions 1-3). Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_14d_seconds is
  'Second places. Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_14d_thirds is
  'Third places. Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_14d_win_percent is
  'Win % (wins / runs x 100, 2 decimals; null without runs). Period: in the 14 days ending on '
  'statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_14d_place_percent is
  'Place % (places / runs x 100, 2 decimals; null without runs). Period: in the 14 days ending '
  'on statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_14d_expected_wins is
  'Expected wins: sum of 1 / SP over runs with an SP, 2 decimals (the sample beside A/E). '
  'Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_14d_ae_index is
  'A/E: wins / expected wins over runs with an SP, 2 decimals; null when no run has an SP. '
  'Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_14d_profit_loss_1u is
  'Level-stakes P/L at SP in units (SP - 1 per winner, -1 per loser, runs with an SP). Period: '
  'in the 14 days ending on statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_14d_roi_percent is
  'ROI %: P/L / runs with an SP x 100, 2 decimals. Period: in the 14 days ending on '
  'statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_30d_runs is
  'Runs. Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_30d_wins is
  'Wins (position 1, dead heats included). Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_30d_places is
  'Places (positions 1-3). Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_30d_seconds is
  'Second places. Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_30d_thirds is
  'Third places. Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_30d_win_percent is
  'Win % (wins / runs x 100, 2 decimals; null without runs). Period: in the 30 days ending on '
  'statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_30d_place_percent is
  'Place % (places / runs x 100, 2 decimals; null without runs). Period: in the 30 days ending '
  'on statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_30d_expected_wins is
  'Expected wins: sum of 1 / SP over runs with an SP, 2 decimals (the sample beside A/E). '
  'Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_30d_ae_index is
  'A/E: wins / expected wins over runs with an SP, 2 decimals; null when no run has an SP. '
  'Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_30d_profit_loss_1u is
  'Level-stakes P/L at SP in units (SP - 1 per winner, -1 per loser, runs with an SP). Period: '
  'in the 30 days ending on statistics_as_of.';
comment on column public.ra_trainer_statistics.recent_30d_roi_percent is
  'ROI %: P/L / runs with an SP x 100, 2 decimals. Period: in the 30 days ending on '
  'statistics_as_of.';
comment on column public.ra_trainer_statistics.last_run_date is
  'Date of the latest run on or before statistics_as_of.';
comment on column public.ra_trainer_statistics.last_win_date is
  'Date of the latest win on or before statistics_as_of.';
comment on column public.ra_trainer_statistics.days_since_last_run is
  'statistics_as_of - last_run_date, in days.';
comment on column public.ra_trainer_statistics.days_since_last_win is
  'statistics_as_of - last_win_date, in days.';
comment on column public.ra_trainer_statistics.statistics_as_of is
  'Reference date (UK) of every statistic in the row.';
comment on column public.ra_owner_statistics.total_runs is
  'Runs. Period: up to statistics_as_of.';
comment on column public.ra_owner_statistics.total_wins is
  'Wins (position 1, dead heats included). Period: up to statistics_as_of.';
comment on column public.ra_owner_statistics.total_places is
  'Places (positions 1-3). Period: up to statistics_as_of.';
comment on column public.ra_owner_statistics.total_seconds is
  'Second places. Period: up to statistics_as_of.';
comment on column public.ra_owner_statistics.total_thirds is
  'Third places. Period: up to statistics_as_of.';
comment on column public.ra_owner_statistics.win_percent is
  'Win % (wins / runs x 100, 2 decimals; null without runs). Period: up to statistics_as_of.';
comment on column public.ra_owner_statistics.place_percent is
  'Place % (places / runs x 100, 2 decimals; null without runs). Period: up to '
  'statistics_as_of.';
comment on column public.ra_owner_statistics.expected_wins is
  'Expected wins: sum of 1 / SP over runs with an SP, 2 decimals (the sample beside A/E). '
  'Period: up to statistics_as_of.';
comment on column public.ra_owner_statistics.ae_index is
  'A/E: wins / expected wins over runs with an SP, 2 decimals; null when no run has an SP. '
  'Period: up to statistics_as_of.';
comment on column public.ra_owner_statistics.profit_loss_1u is
  'Level-stakes P/L at SP in units (SP - 1 per winner, -1 per loser, runs with an SP). Period: '
  'up to statistics_as_of.';
comment on column public.ra_owner_statistics.roi_percent is
  'ROI %: P/L / runs with an SP x 100, 2 decimals. Period: up to statistics_as_of.';
comment on column public.ra_owner_statistics.recent_14d_runs is
  'Runs. Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_owner_statistics.recent_14d_wins is
  'Wins (position 1, dead heats included). Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_owner_statistics.recent_14d_places is
  'Places (positions 1-3). Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_owner_statistics.recent_14d_seconds is
  'Second places. Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_owner_statistics.recent_14d_thirds is
  'Third places. Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_owner_statistics.recent_14d_win_percent is
  'Win % (wins / runs x 100, 2 decimals; null without runs). Period: in the 14 days ending on '
  'statistics_as_of.';
comment on column public.ra_owner_statistics.recent_14d_place_percent is
  'Place % (places / runs x 100, 2 decimals; null without runs). Period: in the 14 days ending '
  'on statistics_as_of.';
comment on column public.ra_owner_statistics.recent_14d_expected_wins is
  'Expected wins: sum of 1 / SP over runs with an SP, 2 decimals (the sample beside A/E). '
  'Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_owner_statistics.recent_14d_ae_index is
  'A/E: wins / expected wins over runs with an SP, 2 decimals; null when no run has an SP. '
  'Period: in the 14 days ending on statistics_as_of.';
comment on column public.ra_owner_statistics.recent_14d_profit_loss_1u is
  'Level-stakes P/L at SP in units (SP - 1 per winner, -1 per loser, runs with an SP). Period: '
  'in the 14 days ending on statistics_as_of.';
comment on column public.ra_owner_statistics.recent_14d_roi_percent is
  'ROI %: P/L / runs with an SP x 100, 2 decimals. Period: in the 14 days ending on '
  'statistics_as_of.';
comment on column public.ra_owner_statistics.recent_30d_runs is
  'Runs. Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_owner_statistics.recent_30d_wins is
  'Wins (position 1, dead heats included). Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_owner_statistics.recent_30d_places is
  'Places (positions 1-3). Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_owner_statistics.recent_30d_seconds is
  'Second places. Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_owner_statistics.recent_30d_thirds is
  'Third places. Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_owner_statistics.recent_30d_win_percent is
  'Win % (wins / runs x 100, 2 decimals; null without runs). Period: in the 30 days ending on '
  'statistics_as_of.';
comment on column public.ra_owner_statistics.recent_30d_place_percent is
  'Place % (places / runs x 100, 2 decimals; null without runs). Period: in the 30 days ending '
  'on statistics_as_of.';
comment on column public.ra_owner_statistics.recent_30d_expected_wins is
  'Expected wins: sum of 1 / SP over runs with an SP, 2 decimals (the sample beside A/E). '
  'Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_owner_statistics.recent_30d_ae_index is
  'A/E: wins / expected wins over runs with an SP, 2 decimals; null when no run has an SP. '
  'Period: in the 30 days ending on statistics_as_of.';
comment on column public.ra_owner_statistics.recent_30d_profit_loss_1u is
  'Level-stakes P/L at SP in units (SP - 1 per winner, -1 per loser, runs with an SP). Period: '
  'in the 30 days ending on statistics_as_of.';
comment on column public.ra_owner_statistics.recent_30d_roi_percent is
  'ROI %: P/L / runs with an SP x 100, 2 decimals. Period: in the 30 days ending on '
  'statistics_as_of.';
comment on column public.ra_owner_statistics.last_run_date is
  'Date of the latest run on or before statistics_as_of.';
comment on column public.ra_owner_statistics.last_win_date is
  'Date of the latest win on or before statistics_as_of.';
comment on column public.ra_owner_statistics.days_since_last_run is
  'statistics_as_of - last_run_date, in days.';
comment on column public.ra_owner_statistics.days_since_last_win is
  'statistics_as_of - last_win_date, in days.';
comment on column public.ra_owner_statistics.statistics_as_of is
  'Reference date (UK) of every statistic in the row.';
comment on column public.ra_owner_statistics.total_horses is
  'Distinct horses that ran. Period: up to statistics_as_of.';

create function ra_private.person_statistics(
  as_of date,
  jockey_ids text[] default null,
  trainer_ids text[] default null,
  owner_ids text[] default null
)
returns table (
  person_kind text,
  person_id text,
  total_runs integer,
  total_wins integer,
  total_places integer,
  total_seconds integer,
  total_thirds integer,
  win_percent numeric,
  place_percent numeric,
  expected_wins numeric,
  ae_index numeric,
  profit_loss_1u numeric,
  roi_percent numeric,
  recent_14d_runs integer,
  recent_14d_wins integer,
  recent_14d_places integer,
  recent_14d_seconds integer,
  recent_14d_thirds integer,
  recent_14d_win_percent numeric,
  recent_14d_place_percent numeric,
  recent_14d_expected_wins numeric,
  recent_14d_ae_index numeric,
  recent_14d_profit_loss_1u numeric,
  recent_14d_roi_percent numeric,
  recent_30d_runs integer,
  recent_30d_wins integer,
  recent_30d_places integer,
  recent_30d_seconds integer,
  recent_30d_thirds integer,
  recent_30d_win_percent numeric,
  recent_30d_place_percent numeric,
  recent_30d_expected_wins numeric,
  recent_30d_ae_index numeric,
  recent_30d_profit_loss_1u numeric,
  recent_30d_roi_percent numeric,
  last_run_date date,
  last_win_date date,
  days_since_last_run integer,
  days_since_last_win integer,
  total_horses integer
)
language sql
stable
set search_path = ''
as $$
  with targets as (
    select 'jockey'::text as person_kind, j.id as person_id
    from public.ra_mst_jockeys j
    where person_statistics.jockey_ids is null or j.id = any (person_statistics.jockey_ids)
    union all
    select 'trainer', t.id
    from public.ra_mst_trainers t
    where person_statistics.trainer_ids is null or t.id = any (person_statistics.trainer_ids)
    union all
    select 'owner', o.id
    from public.ra_mst_owners o
    where person_statistics.owner_ids is null or o.id = any (person_statistics.owner_ids)
  ),
  person_runs as (
    select t.person_kind, t.person_id, r.*,
      r.run_date > person_statistics.as_of - 14 as in_last_14_days,
      r.run_date > person_statistics.as_of - 30 as in_last_30_days
    from targets t
    join ra_private.runs r on r.jockey_id = t.person_id
    where t.person_kind = 'jockey' and r.run_date <= person_statistics.as_of
    union all
    select t.person_kind, t.person_id, r.*,
      r.run_date > person_statistics.as_of - 14 as in_last_14_days,
      r.run_date > person_statistics.as_of - 30 as in_last_30_days
    from targets t
    join ra_private.runs r on r.trainer_id = t.person_id
    where t.person_kind = 'trainer' and r.run_date <= person_statistics.as_of
    union all
    select t.person_kind, t.person_id, r.*,
      r.run_date > person_statistics.as_of - 14 as in_last_14_days,
      r.run_date > person_statistics.as_of - 30 as in_last_30_days
    from targets t
    join ra_private.runs r on r.owner_id = t.person_id
    where t.person_kind = 'owner' and r.run_date <= person_statistics.as_of
  ),
  figures as (
    select
      pr.person_kind,
      pr.person_id,
      count(*) as all_runs,
      count(*) filter (where pr.is_win) as all_wins,
      count(*) filter (where pr.is_place) as all_places,
      count(*) filter (where pr.is_second) as all_seconds,
      count(*) filter (where pr.is_third) as all_thirds,
      count(pr.sp_decimal) as all_sp_runs,
      sum(pr.sp_actual_win) as all_sp_wins,
      sum(pr.sp_expected_win) as all_expected,
      sum(pr.sp_profit) as all_profit_loss,
      count(*) filter (where pr.in_last_14_days) as d14_runs,
      count(*) filter (where pr.in_last_14_days and pr.is_win) as d14_wins,
      count(*) filter (where pr.in_last_14_days and pr.is_place) as d14_places,
      count(*) filter (where pr.in_last_14_days and pr.is_second) as d14_seconds,
      count(*) filter (where pr.in_last_14_days and pr.is_third) as d14_thirds,
      count(pr.sp_decimal) filter (where pr.in_last_14_days) as d14_sp_runs,
      sum(pr.sp_actual_win) filter (where pr.in_last_14_days) as d14_sp_wins,
      sum(pr.sp_expected_win) filter (where pr.in_last_14_days) as d14_expected,
      sum(pr.sp_profit) filter (where pr.in_last_14_days) as d14_profit_loss,
      count(*) filter (where pr.in_last_30_days) as d30_runs,
      count(*) filter (where pr.in_last_30_days and pr.is_win) as d30_wins,
      count(*) filter (where pr.in_last_30_days and pr.is_place) as d30_places,
      count(*) filter (where pr.in_last_30_days and pr.is_second) as d30_seconds,
      count(*) filter (where pr.in_last_30_days and pr.is_third) as d30_thirds,
      count(pr.sp_decimal) filter (where pr.in_last_30_days) as d30_sp_runs,
      sum(pr.sp_actual_win) filter (where pr.in_last_30_days) as d30_sp_wins,
      sum(pr.sp_expected_win) filter (where pr.in_last_30_days) as d30_expected,
      sum(pr.sp_profit) filter (where pr.in_last_30_days) as d30_profit_loss,
      max(pr.run_date) as last_run_date,
      max(pr.run_date) filter (where pr.is_win) as last_win_date,
      count(distinct pr.horse_id) as horses
    from person_runs pr
    group by pr.person_kind, pr.person_id
  )
  select
    t.person_kind,
    t.person_id,
    coalesce(f.all_runs, 0)::integer,
    coalesce(f.all_wins, 0)::integer,
    coalesce(f.all_places, 0)::integer,
    coalesce(f.all_seconds, 0)::integer,
    coalesce(f.all_thirds, 0)::integer,
    ra_private.percent_of(f.all_wins, f.all_runs),
    ra_private.percent_of(f.all_places, f.all_runs),
    round(f.all_expected, 2),
    ra_private.ae_index(f.all_sp_wins, f.all_expected),
    round(f.all_profit_loss, 2),
    ra_private.roi_percent(f.all_profit_loss, f.all_sp_runs),
    coalesce(f.d14_runs, 0)::integer,
    coalesce(f.d14_wins, 0)::integer,
    coalesce(f.d14_places, 0)::integer,
    coalesce(f.d14_seconds, 0)::integer,
    coalesce(f.d14_thirds, 0)::integer,
    ra_private.percent_of(f.d14_wins, f.d14_runs),
    ra_private.percent_of(f.d14_places, f.d14_runs),
    round(f.d14_expected, 2),
    ra_private.ae_index(f.d14_sp_wins, f.d14_expected),
    round(f.d14_profit_loss, 2),
    ra_private.roi_percent(f.d14_profit_loss, f.d14_sp_runs),
    coalesce(f.d30_runs, 0)::integer,
    coalesce(f.d30_wins, 0)::integer,
    coalesce(f.d30_places, 0)::integer,
    coalesce(f.d30_seconds, 0)::integer,
    coalesce(f.d30_thirds, 0)::integer,
    ra_private.percent_of(f.d30_wins, f.d30_runs),
    ra_private.percent_of(f.d30_places, f.d30_runs),
    round(f.d30_expected, 2),
    ra_private.ae_index(f.d30_sp_wins, f.d30_expected),
    round(f.d30_profit_loss, 2),
    ra_private.roi_percent(f.d30_profit_loss, f.d30_sp_runs),
    f.last_run_date,
    f.last_win_date,
    person_statistics.as_of - f.last_run_date,
    person_statistics.as_of - f.last_win_date,
    coalesce(f.horses, 0)::integer
  from targets t
  left join figures f on f.person_kind = t.person_kind and f.person_id = t.person_id;
$$;
comment on function ra_private.person_statistics(date, text[], text[], text[]) is
  'The statistics of jockeys, trainers and owners (all of a kind when its id list is null) as of '
  'a racing date: runs on or before as_of, the last 14 and 30 days ending on as_of, last run and '
  'win dates and days since; one row per person, runs 0 for a person without runs. Reads '
  'ra_private.runs only; docs/statistics.md defines every column.';

-- ---------------------------------------------------------------------------------------------
-- Refresh
-- ---------------------------------------------------------------------------------------------

create table ra_private.statistics_state (
  singleton boolean primary key default true check (singleton),
  last_refresh_at timestamptz,
  last_as_of date,
  last_full_at timestamptz,
  last_run_id uuid
);
comment on table ra_private.statistics_state is
  'One row: where the statistics stand, so that an incremental refresh knows what changed since.';
comment on column ra_private.statistics_state.last_refresh_at is
  'Transaction time of the last successful refresh: runners and races updated after it (less an '
  'hour''s overlap for writes still in flight) are what the next incremental refresh recomputes.';
comment on column ra_private.statistics_state.last_as_of is
  'Reference date of the last successful refresh (statistics_as_of of every statistics row).';
comment on column ra_private.statistics_state.last_full_at is 'When the last full refresh ran.';
comment on column ra_private.statistics_state.last_run_id is
  'ra_sync_runs row of the last successful refresh.';
insert into ra_private.statistics_state default values;
alter table ra_private.statistics_state enable row level security;

-- What an incremental refresh looks for.
create index ra_mst_runners_updated_at_idx on public.ra_mst_runners (updated_at);
create index ra_mst_races_updated_at_idx on public.ra_mst_races (updated_at);

create function ra_private.refresh_statistics(full boolean default false, as_of date default null)
returns public.ra_sync_runs
language plpgsql
set search_path = ''
as $$
declare
  -- Writes still in flight when the last refresh read the runners committed with an updated_at
  -- a little before it: look back this far past it.
  write_overlap constant interval := interval '1 hour';
  reference_date date := coalesce(refresh_statistics.as_of,
    (now() at time zone 'Europe/London')::date);
  run public.ra_sync_runs;
  state ra_private.statistics_state;
  recompute_all boolean;
  touched_since timestamptz;
  jockey_ids text[];
  trainer_ids text[];
  owner_ids text[];
  jockeys_changed integer;
  trainers_changed integer;
  owners_changed integer;
  recomputed integer;
  dated integer;
  failure text;
begin
  insert into public.ra_sync_runs (function_name, mode, request_body)
  values ('refresh-statistics',
          case when refresh_statistics.full then 'full' else 'incremental' end,
          jsonb_build_object('full', refresh_statistics.full, 'as_of', refresh_statistics.as_of))
  returning * into run;

  begin
    -- One refresh at a time: a second waits here, then sees the first one's work.
    select * into state from ra_private.statistics_state s where s.singleton for update;
    recompute_all := refresh_statistics.full or state.last_refresh_at is null;

    if not recompute_all then
      touched_since := state.last_refresh_at - write_overlap;
      with touched as (
        -- Runners whose result (or race) changed since the last refresh.
        select ru.jockey_id, ru.trainer_id, ru.owner_id
        from public.ra_mst_runners ru
        where ru.updated_at > touched_since
        union
        select ru.jockey_id, ru.trainer_id, ru.owner_id
        from public.ra_mst_races ra
        join public.ra_mst_runners ru on ru.race_id = ra.id
        where ra.updated_at > touched_since
        union
        -- A new reference date moves the 14 and 30 day windows (and which runs are on or
        -- before it): everyone with a run between the two dates, less 30 days, is recomputed.
        select ru.jockey_id, ru.trainer_id, ru.owner_id
        from public.ra_mst_races ra
        join public.ra_mst_runners ru on ru.race_id = ra.id
        where state.last_as_of is distinct from reference_date
          and ra.race_date between least(state.last_as_of, reference_date) - 30
                               and greatest(state.last_as_of, reference_date)
      )
      select
        array(
          select distinct x.jockey_id from touched x where x.jockey_id is not null
          union
          select j.id from public.ra_mst_jockeys j
          where not exists (
            select 1 from public.ra_jockey_statistics s where s.jockey_id = j.id)),
        array(
          select distinct x.trainer_id from touched x where x.trainer_id is not null
          union
          select t.id from public.ra_mst_trainers t
          where not exists (
            select 1 from public.ra_trainer_statistics s where s.trainer_id = t.id)),
        array(
          select distinct x.owner_id from touched x where x.owner_id is not null
          union
          select o.id from public.ra_mst_owners o
          where not exists (
            select 1 from public.ra_owner_statistics s where s.owner_id = o.id))
      into jockey_ids, trainer_ids, owner_ids;
    end if;

    with stats as materialized (
      select *
      from ra_private.person_statistics(reference_date, jockey_ids, trainer_ids, owner_ids)
    ),
  jockeys as (
    insert into public.ra_jockey_statistics as t (
      jockey_id, total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent,
      place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent, recent_14d_runs,
      recent_14d_wins, recent_14d_places, recent_14d_seconds, recent_14d_thirds,
      recent_14d_win_percent, recent_14d_place_percent, recent_14d_expected_wins,
      recent_14d_ae_index, recent_14d_profit_loss_1u, recent_14d_roi_percent, recent_30d_runs,
      recent_30d_wins, recent_30d_places, recent_30d_seconds, recent_30d_thirds,
      recent_30d_win_percent, recent_30d_place_percent, recent_30d_expected_wins,
      recent_30d_ae_index, recent_30d_profit_loss_1u, recent_30d_roi_percent, last_run_date,
      last_win_date, days_since_last_run, days_since_last_win, statistics_as_of
    )
    select
      s.person_id, s.total_runs, s.total_wins, s.total_places, s.total_seconds, s.total_thirds,
      s.win_percent, s.place_percent, s.expected_wins, s.ae_index, s.profit_loss_1u, s.roi_percent,
      s.recent_14d_runs, s.recent_14d_wins, s.recent_14d_places, s.recent_14d_seconds,
      s.recent_14d_thirds, s.recent_14d_win_percent, s.recent_14d_place_percent,
      s.recent_14d_expected_wins, s.recent_14d_ae_index, s.recent_14d_profit_loss_1u,
      s.recent_14d_roi_percent, s.recent_30d_runs, s.recent_30d_wins, s.recent_30d_places,
      s.recent_30d_seconds, s.recent_30d_thirds, s.recent_30d_win_percent,
      s.recent_30d_place_percent, s.recent_30d_expected_wins, s.recent_30d_ae_index,
      s.recent_30d_profit_loss_1u, s.recent_30d_roi_percent, s.last_run_date, s.last_win_date,
      s.days_since_last_run, s.days_since_last_win, reference_date
    from stats s
    where s.person_kind = 'jockey'
    on conflict (jockey_id) do update
    set (
      total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent, place_percent,
      expected_wins, ae_index, profit_loss_1u, roi_percent, recent_14d_runs, recent_14d_wins,
      recent_14d_places, recent_14d_seconds, recent_14d_thirds, recent_14d_win_percent,
      recent_14d_place_percent, recent_14d_expected_wins, recent_14d_ae_index,
      recent_14d_profit_loss_1u, recent_14d_roi_percent, recent_30d_runs, recent_30d_wins,
      recent_30d_places, recent_30d_seconds, recent_30d_thirds, recent_30d_win_percent,
      recent_30d_place_percent, recent_30d_expected_wins, recent_30d_ae_index,
      recent_30d_profit_loss_1u, recent_30d_roi_percent, last_run_date, last_win_date,
      days_since_last_run, days_since_last_win, statistics_as_of
    ) = (
      excluded.total_runs, excluded.total_wins, excluded.total_places, excluded.total_seconds,
      excluded.total_thirds, excluded.win_percent, excluded.place_percent, excluded.expected_wins,
      excluded.ae_index, excluded.profit_loss_1u, excluded.roi_percent, excluded.recent_14d_runs,
      excluded.recent_14d_wins, excluded.recent_14d_places, excluded.recent_14d_seconds,
      excluded.recent_14d_thirds, excluded.recent_14d_win_percent,
      excluded.recent_14d_place_percent, excluded.recent_14d_expected_wins,
      excluded.recent_14d_ae_index, excluded.recent_14d_profit_loss_1u,
      excluded.recent_14d_roi_percent, excluded.recent_30d_runs, excluded.recent_30d_wins,
      excluded.recent_30d_places, excluded.recent_30d_seconds, excluded.recent_30d_thirds,
      excluded.recent_30d_win_percent, excluded.recent_30d_place_percent,
      excluded.recent_30d_expected_wins, excluded.recent_30d_ae_index,
      excluded.recent_30d_profit_loss_1u, excluded.recent_30d_roi_percent, excluded.last_run_date,
      excluded.last_win_date, excluded.days_since_last_run, excluded.days_since_last_win,
      excluded.statistics_as_of
    )
    where (
      t.total_runs, t.total_wins, t.total_places, t.total_seconds, t.total_thirds, t.win_percent,
      t.place_percent, t.expected_wins, t.ae_index, t.profit_loss_1u, t.roi_percent,
      t.recent_14d_runs, t.recent_14d_wins, t.recent_14d_places, t.recent_14d_seconds,
      t.recent_14d_thirds, t.recent_14d_win_percent, t.recent_14d_place_percent,
      t.recent_14d_expected_wins, t.recent_14d_ae_index, t.recent_14d_profit_loss_1u,
      t.recent_14d_roi_percent, t.recent_30d_runs, t.recent_30d_wins, t.recent_30d_places,
      t.recent_30d_seconds, t.recent_30d_thirds, t.recent_30d_win_percent,
      t.recent_30d_place_percent, t.recent_30d_expected_wins, t.recent_30d_ae_index,
      t.recent_30d_profit_loss_1u, t.recent_30d_roi_percent, t.last_run_date, t.last_win_date,
      t.days_since_last_run, t.days_since_last_win, t.statistics_as_of
    ) is distinct from (
      excluded.total_runs, excluded.total_wins, excluded.total_places, excluded.total_seconds,
      excluded.total_thirds, excluded.win_percent, excluded.place_percent, excluded.expected_wins,
      excluded.ae_index, excluded.profit_loss_1u, excluded.roi_percent, excluded.recent_14d_runs,
      excluded.recent_14d_wins, excluded.recent_14d_places, excluded.recent_14d_seconds,
      excluded.recent_14d_thirds, excluded.recent_14d_win_percent,
      excluded.recent_14d_place_percent, excluded.recent_14d_expected_wins,
      excluded.recent_14d_ae_index, excluded.recent_14d_profit_loss_1u,
      excluded.recent_14d_roi_percent, excluded.recent_30d_runs, excluded.recent_30d_wins,
      excluded.recent_30d_places, excluded.recent_30d_seconds, excluded.recent_30d_thirds,
      excluded.recent_30d_win_percent, excluded.recent_30d_place_percent,
      excluded.recent_30d_expected_wins, excluded.recent_30d_ae_index,
      excluded.recent_30d_profit_loss_1u, excluded.recent_30d_roi_percent, excluded.last_run_date,
      excluded.last_win_date, excluded.days_since_last_run, excluded.days_since_last_win,
      excluded.statistics_as_of
    )
    returning 1
  ),
  trainers as (
    insert into public.ra_trainer_statistics as t (
      trainer_id, total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent,
      place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent, recent_14d_runs,
      recent_14d_wins, recent_14d_places, recent_14d_seconds, recent_14d_thirds,
      recent_14d_win_percent, recent_14d_place_percent, recent_14d_expected_wins,
      recent_14d_ae_index, recent_14d_profit_loss_1u, recent_14d_roi_percent, recent_30d_runs,
      recent_30d_wins, recent_30d_places, recent_30d_seconds, recent_30d_thirds,
      recent_30d_win_percent, recent_30d_place_percent, recent_30d_expected_wins,
      recent_30d_ae_index, recent_30d_profit_loss_1u, recent_30d_roi_percent, last_run_date,
      last_win_date, days_since_last_run, days_since_last_win, statistics_as_of
    )
    select
      s.person_id, s.total_runs, s.total_wins, s.total_places, s.total_seconds, s.total_thirds,
      s.win_percent, s.place_percent, s.expected_wins, s.ae_index, s.profit_loss_1u, s.roi_percent,
      s.recent_14d_runs, s.recent_14d_wins, s.recent_14d_places, s.recent_14d_seconds,
      s.recent_14d_thirds, s.recent_14d_win_percent, s.recent_14d_place_percent,
      s.recent_14d_expected_wins, s.recent_14d_ae_index, s.recent_14d_profit_loss_1u,
      s.recent_14d_roi_percent, s.recent_30d_runs, s.recent_30d_wins, s.recent_30d_places,
      s.recent_30d_seconds, s.recent_30d_thirds, s.recent_30d_win_percent,
      s.recent_30d_place_percent, s.recent_30d_expected_wins, s.recent_30d_ae_index,
      s.recent_30d_profit_loss_1u, s.recent_30d_roi_percent, s.last_run_date, s.last_win_date,
      s.days_since_last_run, s.days_since_last_win, reference_date
    from stats s
    where s.person_kind = 'trainer'
    on conflict (trainer_id) do update
    set (
      total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent, place_percent,
      expected_wins, ae_index, profit_loss_1u, roi_percent, recent_14d_runs, recent_14d_wins,
      recent_14d_places, recent_14d_seconds, recent_14d_thirds, recent_14d_win_percent,
      recent_14d_place_percent, recent_14d_expected_wins, recent_14d_ae_index,
      recent_14d_profit_loss_1u, recent_14d_roi_percent, recent_30d_runs, recent_30d_wins,
      recent_30d_places, recent_30d_seconds, recent_30d_thirds, recent_30d_win_percent,
      recent_30d_place_percent, recent_30d_expected_wins, recent_30d_ae_index,
      recent_30d_profit_loss_1u, recent_30d_roi_percent, last_run_date, last_win_date,
      days_since_last_run, days_since_last_win, statistics_as_of
    ) = (
      excluded.total_runs, excluded.total_wins, excluded.total_places, excluded.total_seconds,
      excluded.total_thirds, excluded.win_percent, excluded.place_percent, excluded.expected_wins,
      excluded.ae_index, excluded.profit_loss_1u, excluded.roi_percent, excluded.recent_14d_runs,
      excluded.recent_14d_wins, excluded.recent_14d_places, excluded.recent_14d_seconds,
      excluded.recent_14d_thirds, excluded.recent_14d_win_percent,
      excluded.recent_14d_place_percent, excluded.recent_14d_expected_wins,
      excluded.recent_14d_ae_index, excluded.recent_14d_profit_loss_1u,
      excluded.recent_14d_roi_percent, excluded.recent_30d_runs, excluded.recent_30d_wins,
      excluded.recent_30d_places, excluded.recent_30d_seconds, excluded.recent_30d_thirds,
      excluded.recent_30d_win_percent, excluded.recent_30d_place_percent,
      excluded.recent_30d_expected_wins, excluded.recent_30d_ae_index,
      excluded.recent_30d_profit_loss_1u, excluded.recent_30d_roi_percent, excluded.last_run_date,
      excluded.last_win_date, excluded.days_since_last_run, excluded.days_since_last_win,
      excluded.statistics_as_of
    )
    where (
      t.total_runs, t.total_wins, t.total_places, t.total_seconds, t.total_thirds, t.win_percent,
      t.place_percent, t.expected_wins, t.ae_index, t.profit_loss_1u, t.roi_percent,
      t.recent_14d_runs, t.recent_14d_wins, t.recent_14d_places, t.recent_14d_seconds,
      t.recent_14d_thirds, t.recent_14d_win_percent, t.recent_14d_place_percent,
      t.recent_14d_expected_wins, t.recent_14d_ae_index, t.recent_14d_profit_loss_1u,
      t.recent_14d_roi_percent, t.recent_30d_runs, t.recent_30d_wins, t.recent_30d_places,
      t.recent_30d_seconds, t.recent_30d_thirds, t.recent_30d_win_percent,
      t.recent_30d_place_percent, t.recent_30d_expected_wins, t.recent_30d_ae_index,
      t.recent_30d_profit_loss_1u, t.recent_30d_roi_percent, t.last_run_date, t.last_win_date,
      t.days_since_last_run, t.days_since_last_win, t.statistics_as_of
    ) is distinct from (
      excluded.total_runs, excluded.total_wins, excluded.total_places, excluded.total_seconds,
      excluded.total_thirds, excluded.win_percent, excluded.place_percent, excluded.expected_wins,
      excluded.ae_index, excluded.profit_loss_1u, excluded.roi_percent, excluded.recent_14d_runs,
      excluded.recent_14d_wins, excluded.recent_14d_places, excluded.recent_14d_seconds,
      excluded.recent_14d_thirds, excluded.recent_14d_win_percent,
      excluded.recent_14d_place_percent, excluded.recent_14d_expected_wins,
      excluded.recent_14d_ae_index, excluded.recent_14d_profit_loss_1u,
      excluded.recent_14d_roi_percent, excluded.recent_30d_runs, excluded.recent_30d_wins,
      excluded.recent_30d_places, excluded.recent_30d_seconds, excluded.recent_30d_thirds,
      excluded.recent_30d_win_percent, excluded.recent_30d_place_percent,
      excluded.recent_30d_expected_wins, excluded.recent_30d_ae_index,
      excluded.recent_30d_profit_loss_1u, excluded.recent_30d_roi_percent, excluded.last_run_date,
      excluded.last_win_date, excluded.days_since_last_run, excluded.days_since_last_win,
      excluded.statistics_as_of
    )
    returning 1
  ),
  owners as (
    insert into public.ra_owner_statistics as t (
      owner_id, total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent,
      place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent, recent_14d_runs,
      recent_14d_wins, recent_14d_places, recent_14d_seconds, recent_14d_thirds,
      recent_14d_win_percent, recent_14d_place_percent, recent_14d_expected_wins,
      recent_14d_ae_index, recent_14d_profit_loss_1u, recent_14d_roi_percent, recent_30d_runs,
      recent_30d_wins, recent_30d_places, recent_30d_seconds, recent_30d_thirds,
      recent_30d_win_percent, recent_30d_place_percent, recent_30d_expected_wins,
      recent_30d_ae_index, recent_30d_profit_loss_1u, recent_30d_roi_percent, last_run_date,
      last_win_date, days_since_last_run, days_since_last_win, total_horses, statistics_as_of
    )
    select
      s.person_id, s.total_runs, s.total_wins, s.total_places, s.total_seconds, s.total_thirds,
      s.win_percent, s.place_percent, s.expected_wins, s.ae_index, s.profit_loss_1u, s.roi_percent,
      s.recent_14d_runs, s.recent_14d_wins, s.recent_14d_places, s.recent_14d_seconds,
      s.recent_14d_thirds, s.recent_14d_win_percent, s.recent_14d_place_percent,
      s.recent_14d_expected_wins, s.recent_14d_ae_index, s.recent_14d_profit_loss_1u,
      s.recent_14d_roi_percent, s.recent_30d_runs, s.recent_30d_wins, s.recent_30d_places,
      s.recent_30d_seconds, s.recent_30d_thirds, s.recent_30d_win_percent,
      s.recent_30d_place_percent, s.recent_30d_expected_wins, s.recent_30d_ae_index,
      s.recent_30d_profit_loss_1u, s.recent_30d_roi_percent, s.last_run_date, s.last_win_date,
      s.days_since_last_run, s.days_since_last_win, s.total_horses, reference_date
    from stats s
    where s.person_kind = 'owner'
    on conflict (owner_id) do update
    set (
      total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent, place_percent,
      expected_wins, ae_index, profit_loss_1u, roi_percent, recent_14d_runs, recent_14d_wins,
      recent_14d_places, recent_14d_seconds, recent_14d_thirds, recent_14d_win_percent,
      recent_14d_place_percent, recent_14d_expected_wins, recent_14d_ae_index,
      recent_14d_profit_loss_1u, recent_14d_roi_percent, recent_30d_runs, recent_30d_wins,
      recent_30d_places, recent_30d_seconds, recent_30d_thirds, recent_30d_win_percent,
      recent_30d_place_percent, recent_30d_expected_wins, recent_30d_ae_index,
      recent_30d_profit_loss_1u, recent_30d_roi_percent, last_run_date, last_win_date,
      days_since_last_run, days_since_last_win, total_horses, statistics_as_of
    ) = (
      excluded.total_runs, excluded.total_wins, excluded.total_places, excluded.total_seconds,
      excluded.total_thirds, excluded.win_percent, excluded.place_percent, excluded.expected_wins,
      excluded.ae_index, excluded.profit_loss_1u, excluded.roi_percent, excluded.recent_14d_runs,
      excluded.recent_14d_wins, excluded.recent_14d_places, excluded.recent_14d_seconds,
      excluded.recent_14d_thirds, excluded.recent_14d_win_percent,
      excluded.recent_14d_place_percent, excluded.recent_14d_expected_wins,
      excluded.recent_14d_ae_index, excluded.recent_14d_profit_loss_1u,
      excluded.recent_14d_roi_percent, excluded.recent_30d_runs, excluded.recent_30d_wins,
      excluded.recent_30d_places, excluded.recent_30d_seconds, excluded.recent_30d_thirds,
      excluded.recent_30d_win_percent, excluded.recent_30d_place_percent,
      excluded.recent_30d_expected_wins, excluded.recent_30d_ae_index,
      excluded.recent_30d_profit_loss_1u, excluded.recent_30d_roi_percent, excluded.last_run_date,
      excluded.last_win_date, excluded.days_since_last_run, excluded.days_since_last_win,
      excluded.total_horses, excluded.statistics_as_of
    )
    where (
      t.total_runs, t.total_wins, t.total_places, t.total_seconds, t.total_thirds, t.win_percent,
      t.place_percent, t.expected_wins, t.ae_index, t.profit_loss_1u, t.roi_percent,
      t.recent_14d_runs, t.recent_14d_wins, t.recent_14d_places, t.recent_14d_seconds,
      t.recent_14d_thirds, t.recent_14d_win_percent, t.recent_14d_place_percent,
      t.recent_14d_expected_wins, t.recent_14d_ae_index, t.recent_14d_profit_loss_1u,
      t.recent_14d_roi_percent, t.recent_30d_runs, t.recent_30d_wins, t.recent_30d_places,
      t.recent_30d_seconds, t.recent_30d_thirds, t.recent_30d_win_percent,
      t.recent_30d_place_percent, t.recent_30d_expected_wins, t.recent_30d_ae_index,
      t.recent_30d_profit_loss_1u, t.recent_30d_roi_percent, t.last_run_date, t.last_win_date,
      t.days_since_last_run, t.days_since_last_win, t.total_horses, t.statistics_as_of
    ) is distinct from (
      excluded.total_runs, excluded.total_wins, excluded.total_places, excluded.total_seconds,
      excluded.total_thirds, excluded.win_percent, excluded.place_percent, excluded.expected_wins,
      excluded.ae_index, excluded.profit_loss_1u, excluded.roi_percent, excluded.recent_14d_runs,
      excluded.recent_14d_wins, excluded.recent_14d_places, excluded.recent_14d_seconds,
      excluded.recent_14d_thirds, excluded.recent_14d_win_percent,
      excluded.recent_14d_place_percent, excluded.recent_14d_expected_wins,
      excluded.recent_14d_ae_index, excluded.recent_14d_profit_loss_1u,
      excluded.recent_14d_roi_percent, excluded.recent_30d_runs, excluded.recent_30d_wins,
      excluded.recent_30d_places, excluded.recent_30d_seconds, excluded.recent_30d_thirds,
      excluded.recent_30d_win_percent, excluded.recent_30d_place_percent,
      excluded.recent_30d_expected_wins, excluded.recent_30d_ae_index,
      excluded.recent_30d_profit_loss_1u, excluded.recent_30d_roi_percent, excluded.last_run_date,
      excluded.last_win_date, excluded.days_since_last_run, excluded.days_since_last_win,
      excluded.total_horses, excluded.statistics_as_of
    )
    returning 1
  )
    select (select count(*) from stats)::integer,
           (select count(*) from jockeys)::integer,
           (select count(*) from trainers)::integer,
           (select count(*) from owners)::integer
    into recomputed, jockeys_changed, trainers_changed, owners_changed;

    -- Everyone else: only the reference date and the days since move.
    with jockeys as (
      update public.ra_jockey_statistics t
      set days_since_last_run = reference_date - t.last_run_date,
          days_since_last_win = reference_date - t.last_win_date,
          statistics_as_of = reference_date
      where t.statistics_as_of is distinct from reference_date
      returning 1
    ),
    trainers as (
      update public.ra_trainer_statistics t
      set days_since_last_run = reference_date - t.last_run_date,
          days_since_last_win = reference_date - t.last_win_date,
          statistics_as_of = reference_date
      where t.statistics_as_of is distinct from reference_date
      returning 1
    ),
    owners as (
      update public.ra_owner_statistics t
      set days_since_last_run = reference_date - t.last_run_date,
          days_since_last_win = reference_date - t.last_win_date,
          statistics_as_of = reference_date
      where t.statistics_as_of is distinct from reference_date
      returning 1
    )
    select (select count(*) from jockeys)::integer + (select count(*) from trainers)::integer
           + (select count(*) from owners)::integer
    into dated;

    update ra_private.statistics_state s
    set last_refresh_at = now(),
        last_as_of = reference_date,
        last_full_at = case when recompute_all then now() else s.last_full_at end,
        last_run_id = run.run_id
    where s.singleton;

    update public.ra_sync_runs r
    set status = 'succeeded',
        rows_written = jockeys_changed + trainers_changed + owners_changed + dated,
        finished_at = clock_timestamp(),
        duration_ms = (extract(epoch from clock_timestamp() - r.started_at) * 1000)::integer,
        summary = jsonb_build_object(
          'as_of', reference_date,
          'full', recompute_all,
          'people_recomputed', recomputed,
          'rows_changed', jsonb_build_object(
            'ra_jockey_statistics', jockeys_changed,
            'ra_trainer_statistics', trainers_changed,
            'ra_owner_statistics', owners_changed,
            'days_since_only', dated))
    where r.run_id = run.run_id
    returning * into run;
  exception when others then
    -- Everything above is undone; the run row (inserted before the block) records why.
    get stacked diagnostics failure = message_text;
    update public.ra_sync_runs r
    set status = 'failed',
        error = failure,
        finished_at = clock_timestamp(),
        duration_ms = (extract(epoch from clock_timestamp() - r.started_at) * 1000)::integer
    where r.run_id = run.run_id
    returning * into run;
  end;
  return run;
end;
$$;
comment on function ra_private.refresh_statistics(boolean, date) is
  'Refreshes the people statistics (ra_jockey/trainer/owner_statistics) as of as_of (default: '
  'today in Europe/London), set-based, in one transaction. Incremental (full false) recomputes the '
  'people whose runners or races changed since the last refresh, the people without a statistics '
  'row, and, '
  'when the reference date moved, everyone with a run within 30 days of either date; everyone '
  'else only gets the new days since. full recomputes everyone. Only changed rows are written, so '
  'a rerun changes nothing. Each call is a refresh-statistics row in ra_sync_runs (returned); a '
  'failure is recorded there as failed and leaves the statistics as they were.';

-- ---------------------------------------------------------------------------------------------
-- Privileges: as for the other sync functions, nothing here is for the API roles.
-- ---------------------------------------------------------------------------------------------

revoke all on table ra_private.runs, ra_private.statistics_state from public;
revoke all on table public.ra_jockey_statistics, public.ra_trainer_statistics,
  public.ra_owner_statistics from public;
revoke all on function ra_private.percent_of(bigint, bigint) from public;
revoke all on function ra_private.ae_index(bigint, numeric) from public;
revoke all on function ra_private.roi_percent(numeric, bigint) from public;
revoke all on function ra_private.person_statistics(date, text[], text[], text[]) from public;
revoke all on function ra_private.refresh_statistics(boolean, date) from public;

do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_catalog.pg_roles where rolname = api_role) then
      execute format('revoke all on table ra_private.runs, ra_private.statistics_state, '
        'public.ra_jockey_statistics, public.ra_trainer_statistics, public.ra_owner_statistics '
        'from %I', api_role);
      execute format('revoke all on function ra_private.percent_of(bigint, bigint), '
        'ra_private.ae_index(bigint, numeric), ra_private.roi_percent(numeric, bigint), '
        'ra_private.person_statistics(date, text[], text[], text[]), '
        'ra_private.refresh_statistics(boolean, date) from %I', api_role);
    end if;
  end loop;
end
$$;
