-- Statistics in SQL, third slice (issue 13): pedigree statistics (ra_sire_statistics,
-- ra_dam_statistics, ra_damsire_statistics), jockey-trainer pairs (ra_entity_combinations) and
-- performance by distance band and by course with a going breakdown (ra_performance_by_distance,
-- ra_performance_by_venue), refreshed by ra_private.refresh_statistics (replaced here) in the same
-- transaction as the people and the runner form: full or incremental by the entities that results
-- since the last refresh touched, set-based, only changed rows written.
--
-- Dead heats: a dead-heater keeps its win (A/E counts it whole), but its level-stakes return is
-- split: a 1-unit bet on one of n horses dead-heating for first returns SP / n, so its P/L is
-- SP / n - 1. ra_private.runs (replaced here, same columns plus two appended) carries that
-- sp_profit, so every statistic that sums it (people, runner form and the tables below) follows;
-- the next refresh is a full one. docs/statistics.md states every statistic in words.

-- ---------------------------------------------------------------------------------------------
-- Definitions: a run, now with dead heats in its P/L, and the race's class
--
-- The view's columns stay cheap (every reader of r.* computes them all): a race's distance band
-- and going group are worked out once per race by the functions that need them, not per run.
-- ---------------------------------------------------------------------------------------------

-- The runners placed first in a race: a dead heat for first is two or more of them.
create index ra_mst_runners_winners_idx on public.ra_mst_runners (race_id) where position = 1;

create or replace view ra_private.runs with (security_invoker = true) as
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
    when ru.position = 1 then sp.sp_decimal / (
      select count(*) from public.ra_mst_runners w
      where w.race_id = ru.race_id and w.position = 1 and w.is_non_runner is not true) - 1
    else -1
  end as sp_profit,
  case when ru.position = 1 then (
    select count(*) from public.ra_mst_runners w
    where w.race_id = ru.race_id and w.position = 1 and w.is_non_runner is not true)::integer
  end as dead_heat_runners,
  ra.race_class
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
comment on column ra_private.runs.sp_profit is
  'Level stakes at SP, 1 unit: SP / n - 1 for a winner, where n is the number of runners placed '
  'first in the race (1, or more in a dead heat: the stake is split between the dead-heaters), -1 '
  'for a loser; null without an SP.';
comment on column ra_private.runs.dead_heat_runners is
  'For a win: the number of runners placed first in the race (1 without a dead heat; 2 or more in '
  'a dead heat for first); null for other runs.';
comment on column ra_private.runs.race_class is 'Class of the race (1-7; null when unclassed).';

-- The order of the distance bands, shortest first (ties in the pedigree rankings go to the
-- shorter band).
create function ra_private.distance_band_rank(band text)
returns integer
language sql
immutable
set search_path = ''
as $$
  select array_position(array['up to 6f', '7f to 1m', '1m1f to 1m3f', '1m4f to 1m7f',
                               '2m to 2m4f', '2m5f to 3m', 'over 3m'], distance_band_rank.band);
$$;
comment on function ra_private.distance_band_rank(text) is
  'Position of a distance band from the shortest (1, up to 6f) to the longest (7, over 3m); null '
  'for anything else.';

-- ---------------------------------------------------------------------------------------------
-- Settings: the thresholds of the statistics, in one place (ra_private.settings)
-- ---------------------------------------------------------------------------------------------

insert into ra_private.settings (key, value, description) values
  ('statistics_best_min_sp_runs', '10'::jsonb,
   'Runs with an SP a race class or distance band needs before it can be a sire''s, dam''s or '
   'damsire''s best by A/E (best_class, best_distance). A change counts from the next full '
   'statistics refresh.'),
  ('statistics_min_combination_runs', '5'::jsonb,
   'Runs a jockey and trainer pair needs before it is kept in ra_entity_combinations. A change '
   'counts from the next full statistics refresh.')
on conflict (key) do nothing;

create function ra_private.statistics_setting(setting text)
returns integer
language sql
stable
set search_path = ''
as $$
  select (s.value #>> '{}')::integer from ra_private.settings s
  where s.key = statistics_setting.setting;
$$;
comment on function ra_private.statistics_setting(text) is
  'An integer threshold of the statistics from ra_private.settings (statistics_best_min_sp_runs, '
  'statistics_min_combination_runs).';

-- ---------------------------------------------------------------------------------------------
-- Pedigree: one table per kind, one row per sire, dam and damsire
-- ---------------------------------------------------------------------------------------------

create table public.ra_sire_statistics (
  sire_id text primary key references public.ra_mst_sires (id) on delete cascade,
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
  top_class_1 integer,
  top_class_1_runs integer,
  top_class_1_wins integer,
  top_class_1_win_percent numeric,
  top_class_1_expected_wins numeric,
  top_class_1_ae_index numeric,
  top_class_2 integer,
  top_class_2_runs integer,
  top_class_2_wins integer,
  top_class_2_win_percent numeric,
  top_class_2_expected_wins numeric,
  top_class_2_ae_index numeric,
  top_class_3 integer,
  top_class_3_runs integer,
  top_class_3_wins integer,
  top_class_3_win_percent numeric,
  top_class_3_expected_wins numeric,
  top_class_3_ae_index numeric,
  top_distance_1 text,
  top_distance_1_runs integer,
  top_distance_1_wins integer,
  top_distance_1_win_percent numeric,
  top_distance_1_expected_wins numeric,
  top_distance_1_ae_index numeric,
  top_distance_2 text,
  top_distance_2_runs integer,
  top_distance_2_wins integer,
  top_distance_2_win_percent numeric,
  top_distance_2_expected_wins numeric,
  top_distance_2_ae_index numeric,
  top_distance_3 text,
  top_distance_3_runs integer,
  top_distance_3_wins integer,
  top_distance_3_win_percent numeric,
  top_distance_3_expected_wins numeric,
  top_distance_3_ae_index numeric,
  best_class integer,
  best_class_runs integer,
  best_class_wins integer,
  best_class_win_percent numeric,
  best_class_expected_wins numeric,
  best_class_ae_index numeric,
  best_distance text,
  best_distance_runs integer,
  best_distance_wins integer,
  best_distance_win_percent numeric,
  best_distance_expected_wins numeric,
  best_distance_ae_index numeric,
  own_runs integer,
  own_wins integer,
  own_places integer,
  own_win_percent numeric
);
comment on table public.ra_sire_statistics is
  'Statistics of each sire (ra_mst_sires) over the sire''s progeny (horses whose sire_id it is), and its own record as a horse; as of the '
  'last refresh''s as_of (docs/statistics.md); written only by ra_private.refresh_statistics.';
comment on column public.ra_sire_statistics.sire_id is 'The sire (ra_mst_sires.id).';
comment on column public.ra_sire_statistics.total_runs is
  'Runs of the progeny (runners, one per run).';
comment on column public.ra_sire_statistics.total_wins is
  'Wins of the progeny (position 1, dead heats included).';
comment on column public.ra_sire_statistics.total_places is
  'Places (positions 1-3) of the progeny.';
comment on column public.ra_sire_statistics.total_seconds is
  'Second places of the progeny.';
comment on column public.ra_sire_statistics.total_thirds is
  'Third places of the progeny.';
comment on column public.ra_sire_statistics.win_percent is
  'Win %: wins / runs x 100, 2 decimals; null without runs.';
comment on column public.ra_sire_statistics.place_percent is
  'Place %: places / runs x 100, 2 decimals; null without runs.';
comment on column public.ra_sire_statistics.expected_wins is
  'Expected wins: sum of 1 / SP over runs with an SP, 2 decimals (the sample beside A/E).';
comment on column public.ra_sire_statistics.ae_index is
  'A/E: wins / expected wins over runs with an SP, 2 decimals; null when no run has an SP.';
comment on column public.ra_sire_statistics.profit_loss_1u is
  'Level-stakes P/L at SP in units (SP / dead-heaters - 1 per winner, -1 per loser; runs with an SP).';
comment on column public.ra_sire_statistics.roi_percent is
  'ROI %: P/L / runs with an SP x 100, 2 decimals.';
comment on column public.ra_sire_statistics.top_class_1 is
  'Race class (1-7) with the most progeny wins (ties: fewer runs, then the higher class, i.e. the lower number); null when the progeny ran in fewer classes.';
comment on column public.ra_sire_statistics.top_class_1_runs is
  'Runs of the progeny in class top_class_1.';
comment on column public.ra_sire_statistics.top_class_1_wins is
  'Wins of the progeny in class top_class_1.';
comment on column public.ra_sire_statistics.top_class_1_win_percent is
  'Win % of the progeny in class top_class_1.';
comment on column public.ra_sire_statistics.top_class_1_expected_wins is
  'Expected wins (2 decimals) of the progeny in class top_class_1.';
comment on column public.ra_sire_statistics.top_class_1_ae_index is
  'A/E of the progeny in class top_class_1.';
comment on column public.ra_sire_statistics.top_class_2 is
  'Race class (1-7) with the second most progeny wins (ties: fewer runs, then the higher class, i.e. the lower number); null when the progeny ran in fewer classes.';
comment on column public.ra_sire_statistics.top_class_2_runs is
  'Runs of the progeny in class top_class_2.';
comment on column public.ra_sire_statistics.top_class_2_wins is
  'Wins of the progeny in class top_class_2.';
comment on column public.ra_sire_statistics.top_class_2_win_percent is
  'Win % of the progeny in class top_class_2.';
comment on column public.ra_sire_statistics.top_class_2_expected_wins is
  'Expected wins (2 decimals) of the progeny in class top_class_2.';
comment on column public.ra_sire_statistics.top_class_2_ae_index is
  'A/E of the progeny in class top_class_2.';
comment on column public.ra_sire_statistics.top_class_3 is
  'Race class (1-7) with the third most progeny wins (ties: fewer runs, then the higher class, i.e. the lower number); null when the progeny ran in fewer classes.';
comment on column public.ra_sire_statistics.top_class_3_runs is
  'Runs of the progeny in class top_class_3.';
comment on column public.ra_sire_statistics.top_class_3_wins is
  'Wins of the progeny in class top_class_3.';
comment on column public.ra_sire_statistics.top_class_3_win_percent is
  'Win % of the progeny in class top_class_3.';
comment on column public.ra_sire_statistics.top_class_3_expected_wins is
  'Expected wins (2 decimals) of the progeny in class top_class_3.';
comment on column public.ra_sire_statistics.top_class_3_ae_index is
  'A/E of the progeny in class top_class_3.';
comment on column public.ra_sire_statistics.top_distance_1 is
  'Distance band with the most progeny wins (ties: fewer runs, then the shorter band); null when the progeny ran in fewer bands.';
comment on column public.ra_sire_statistics.top_distance_1_runs is
  'Runs of the progeny in band top_distance_1.';
comment on column public.ra_sire_statistics.top_distance_1_wins is
  'Wins of the progeny in band top_distance_1.';
comment on column public.ra_sire_statistics.top_distance_1_win_percent is
  'Win % of the progeny in band top_distance_1.';
comment on column public.ra_sire_statistics.top_distance_1_expected_wins is
  'Expected wins (2 decimals) of the progeny in band top_distance_1.';
comment on column public.ra_sire_statistics.top_distance_1_ae_index is
  'A/E of the progeny in band top_distance_1.';
comment on column public.ra_sire_statistics.top_distance_2 is
  'Distance band with the second most progeny wins (ties: fewer runs, then the shorter band); null when the progeny ran in fewer bands.';
comment on column public.ra_sire_statistics.top_distance_2_runs is
  'Runs of the progeny in band top_distance_2.';
comment on column public.ra_sire_statistics.top_distance_2_wins is
  'Wins of the progeny in band top_distance_2.';
comment on column public.ra_sire_statistics.top_distance_2_win_percent is
  'Win % of the progeny in band top_distance_2.';
comment on column public.ra_sire_statistics.top_distance_2_expected_wins is
  'Expected wins (2 decimals) of the progeny in band top_distance_2.';
comment on column public.ra_sire_statistics.top_distance_2_ae_index is
  'A/E of the progeny in band top_distance_2.';
comment on column public.ra_sire_statistics.top_distance_3 is
  'Distance band with the third most progeny wins (ties: fewer runs, then the shorter band); null when the progeny ran in fewer bands.';
comment on column public.ra_sire_statistics.top_distance_3_runs is
  'Runs of the progeny in band top_distance_3.';
comment on column public.ra_sire_statistics.top_distance_3_wins is
  'Wins of the progeny in band top_distance_3.';
comment on column public.ra_sire_statistics.top_distance_3_win_percent is
  'Win % of the progeny in band top_distance_3.';
comment on column public.ra_sire_statistics.top_distance_3_expected_wins is
  'Expected wins (2 decimals) of the progeny in band top_distance_3.';
comment on column public.ra_sire_statistics.top_distance_3_ae_index is
  'A/E of the progeny in band top_distance_3.';
comment on column public.ra_sire_statistics.best_class is
  'Race class with the highest progeny A/E among those with at least statistics_best_min_sp_runs runs with an SP (ra_private.settings); ties: more expected wins, then the higher class; null when none has the sample.';
comment on column public.ra_sire_statistics.best_class_runs is
  'Runs of the progeny in best_class.';
comment on column public.ra_sire_statistics.best_class_wins is
  'Wins of the progeny in best_class.';
comment on column public.ra_sire_statistics.best_class_win_percent is
  'Win % of the progeny in best_class.';
comment on column public.ra_sire_statistics.best_class_expected_wins is
  'Expected wins (2 decimals) of the progeny in best_class.';
comment on column public.ra_sire_statistics.best_class_ae_index is
  'A/E of the progeny in best_class.';
comment on column public.ra_sire_statistics.best_distance is
  'Distance band with the highest progeny A/E among those with at least statistics_best_min_sp_runs runs with an SP (ra_private.settings); ties: more expected wins, then the shorter band; null when none has the sample.';
comment on column public.ra_sire_statistics.best_distance_runs is
  'Runs of the progeny in best_distance.';
comment on column public.ra_sire_statistics.best_distance_wins is
  'Wins of the progeny in best_distance.';
comment on column public.ra_sire_statistics.best_distance_win_percent is
  'Win % of the progeny in best_distance.';
comment on column public.ra_sire_statistics.best_distance_expected_wins is
  'Expected wins (2 decimals) of the progeny in best_distance.';
comment on column public.ra_sire_statistics.best_distance_ae_index is
  'A/E of the progeny in best_distance.';
comment on column public.ra_sire_statistics.own_runs is
  'The ancestor''s own runs as a horse (its hrs_ id, the master''s horse_id).';
comment on column public.ra_sire_statistics.own_wins is
  'The ancestor''s own wins as a horse.';
comment on column public.ra_sire_statistics.own_places is
  'The ancestor''s own places (1st-3rd) as a horse.';
comment on column public.ra_sire_statistics.own_win_percent is
  'The ancestor''s own win % as a horse; null when it never ran.';
alter table public.ra_sire_statistics enable row level security;

create table public.ra_dam_statistics (
  dam_id text primary key references public.ra_mst_dams (id) on delete cascade,
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
  top_class_1 integer,
  top_class_1_runs integer,
  top_class_1_wins integer,
  top_class_1_win_percent numeric,
  top_class_1_expected_wins numeric,
  top_class_1_ae_index numeric,
  top_class_2 integer,
  top_class_2_runs integer,
  top_class_2_wins integer,
  top_class_2_win_percent numeric,
  top_class_2_expected_wins numeric,
  top_class_2_ae_index numeric,
  top_class_3 integer,
  top_class_3_runs integer,
  top_class_3_wins integer,
  top_class_3_win_percent numeric,
  top_class_3_expected_wins numeric,
  top_class_3_ae_index numeric,
  top_distance_1 text,
  top_distance_1_runs integer,
  top_distance_1_wins integer,
  top_distance_1_win_percent numeric,
  top_distance_1_expected_wins numeric,
  top_distance_1_ae_index numeric,
  top_distance_2 text,
  top_distance_2_runs integer,
  top_distance_2_wins integer,
  top_distance_2_win_percent numeric,
  top_distance_2_expected_wins numeric,
  top_distance_2_ae_index numeric,
  top_distance_3 text,
  top_distance_3_runs integer,
  top_distance_3_wins integer,
  top_distance_3_win_percent numeric,
  top_distance_3_expected_wins numeric,
  top_distance_3_ae_index numeric,
  best_class integer,
  best_class_runs integer,
  best_class_wins integer,
  best_class_win_percent numeric,
  best_class_expected_wins numeric,
  best_class_ae_index numeric,
  best_distance text,
  best_distance_runs integer,
  best_distance_wins integer,
  best_distance_win_percent numeric,
  best_distance_expected_wins numeric,
  best_distance_ae_index numeric,
  own_runs integer,
  own_wins integer,
  own_places integer,
  own_win_percent numeric
);
comment on table public.ra_dam_statistics is
  'Statistics of each dam (ra_mst_dams) over the dam''s progeny (horses whose dam_id it is), and its own record as a horse; as of the '
  'last refresh''s as_of (docs/statistics.md); written only by ra_private.refresh_statistics.';
comment on column public.ra_dam_statistics.dam_id is 'The dam (ra_mst_dams.id).';
comment on column public.ra_dam_statistics.total_runs is
  'Runs of the progeny (runners, one per run).';
comment on column public.ra_dam_statistics.total_wins is
  'Wins of the progeny (position 1, dead heats included).';
comment on column public.ra_dam_statistics.total_places is
  'Places (positions 1-3) of the progeny.';
comment on column public.ra_dam_statistics.total_seconds is
  'Second places of the progeny.';
comment on column public.ra_dam_statistics.total_thirds is
  'Third places of the progeny.';
comment on column public.ra_dam_statistics.win_percent is
  'Win %: wins / runs x 100, 2 decimals; null without runs.';
comment on column public.ra_dam_statistics.place_percent is
  'Place %: places / runs x 100, 2 decimals; null without runs.';
comment on column public.ra_dam_statistics.expected_wins is
  'Expected wins: sum of 1 / SP over runs with an SP, 2 decimals (the sample beside A/E).';
comment on column public.ra_dam_statistics.ae_index is
  'A/E: wins / expected wins over runs with an SP, 2 decimals; null when no run has an SP.';
comment on column public.ra_dam_statistics.profit_loss_1u is
  'Level-stakes P/L at SP in units (SP / dead-heaters - 1 per winner, -1 per loser; runs with an SP).';
comment on column public.ra_dam_statistics.roi_percent is
  'ROI %: P/L / runs with an SP x 100, 2 decimals.';
comment on column public.ra_dam_statistics.top_class_1 is
  'Race class (1-7) with the most progeny wins (ties: fewer runs, then the higher class, i.e. the lower number); null when the progeny ran in fewer classes.';
comment on column public.ra_dam_statistics.top_class_1_runs is
  'Runs of the progeny in class top_class_1.';
comment on column public.ra_dam_statistics.top_class_1_wins is
  'Wins of the progeny in class top_class_1.';
comment on column public.ra_dam_statistics.top_class_1_win_percent is
  'Win % of the progeny in class top_class_1.';
comment on column public.ra_dam_statistics.top_class_1_expected_wins is
  'Expected wins (2 decimals) of the progeny in class top_class_1.';
comment on column public.ra_dam_statistics.top_class_1_ae_index is
  'A/E of the progeny in class top_class_1.';
comment on column public.ra_dam_statistics.top_class_2 is
  'Race class (1-7) with the second most progeny wins (ties: fewer runs, then the higher class, i.e. the lower number); null when the progeny ran in fewer classes.';
comment on column public.ra_dam_statistics.top_class_2_runs is
  'Runs of the progeny in class top_class_2.';
comment on column public.ra_dam_statistics.top_class_2_wins is
  'Wins of the progeny in class top_class_2.';
comment on column public.ra_dam_statistics.top_class_2_win_percent is
  'Win % of the progeny in class top_class_2.';
comment on column public.ra_dam_statistics.top_class_2_expected_wins is
  'Expected wins (2 decimals) of the progeny in class top_class_2.';
comment on column public.ra_dam_statistics.top_class_2_ae_index is
  'A/E of the progeny in class top_class_2.';
comment on column public.ra_dam_statistics.top_class_3 is
  'Race class (1-7) with the third most progeny wins (ties: fewer runs, then the higher class, i.e. the lower number); null when the progeny ran in fewer classes.';
comment on column public.ra_dam_statistics.top_class_3_runs is
  'Runs of the progeny in class top_class_3.';
comment on column public.ra_dam_statistics.top_class_3_wins is
  'Wins of the progeny in class top_class_3.';
comment on column public.ra_dam_statistics.top_class_3_win_percent is
  'Win % of the progeny in class top_class_3.';
comment on column public.ra_dam_statistics.top_class_3_expected_wins is
  'Expected wins (2 decimals) of the progeny in class top_class_3.';
comment on column public.ra_dam_statistics.top_class_3_ae_index is
  'A/E of the progeny in class top_class_3.';
comment on column public.ra_dam_statistics.top_distance_1 is
  'Distance band with the most progeny wins (ties: fewer runs, then the shorter band); null when the progeny ran in fewer bands.';
comment on column public.ra_dam_statistics.top_distance_1_runs is
  'Runs of the progeny in band top_distance_1.';
comment on column public.ra_dam_statistics.top_distance_1_wins is
  'Wins of the progeny in band top_distance_1.';
comment on column public.ra_dam_statistics.top_distance_1_win_percent is
  'Win % of the progeny in band top_distance_1.';
comment on column public.ra_dam_statistics.top_distance_1_expected_wins is
  'Expected wins (2 decimals) of the progeny in band top_distance_1.';
comment on column public.ra_dam_statistics.top_distance_1_ae_index is
  'A/E of the progeny in band top_distance_1.';
comment on column public.ra_dam_statistics.top_distance_2 is
  'Distance band with the second most progeny wins (ties: fewer runs, then the shorter band); null when the progeny ran in fewer bands.';
comment on column public.ra_dam_statistics.top_distance_2_runs is
  'Runs of the progeny in band top_distance_2.';
comment on column public.ra_dam_statistics.top_distance_2_wins is
  'Wins of the progeny in band top_distance_2.';
comment on column public.ra_dam_statistics.top_distance_2_win_percent is
  'Win % of the progeny in band top_distance_2.';
comment on column public.ra_dam_statistics.top_distance_2_expected_wins is
  'Expected wins (2 decimals) of the progeny in band top_distance_2.';
comment on column public.ra_dam_statistics.top_distance_2_ae_index is
  'A/E of the progeny in band top_distance_2.';
comment on column public.ra_dam_statistics.top_distance_3 is
  'Distance band with the third most progeny wins (ties: fewer runs, then the shorter band); null when the progeny ran in fewer bands.';
comment on column public.ra_dam_statistics.top_distance_3_runs is
  'Runs of the progeny in band top_distance_3.';
comment on column public.ra_dam_statistics.top_distance_3_wins is
  'Wins of the progeny in band top_distance_3.';
comment on column public.ra_dam_statistics.top_distance_3_win_percent is
  'Win % of the progeny in band top_distance_3.';
comment on column public.ra_dam_statistics.top_distance_3_expected_wins is
  'Expected wins (2 decimals) of the progeny in band top_distance_3.';
comment on column public.ra_dam_statistics.top_distance_3_ae_index is
  'A/E of the progeny in band top_distance_3.';
comment on column public.ra_dam_statistics.best_class is
  'Race class with the highest progeny A/E among those with at least statistics_best_min_sp_runs runs with an SP (ra_private.settings); ties: more expected wins, then the higher class; null when none has the sample.';
comment on column public.ra_dam_statistics.best_class_runs is
  'Runs of the progeny in best_class.';
comment on column public.ra_dam_statistics.best_class_wins is
  'Wins of the progeny in best_class.';
comment on column public.ra_dam_statistics.best_class_win_percent is
  'Win % of the progeny in best_class.';
comment on column public.ra_dam_statistics.best_class_expected_wins is
  'Expected wins (2 decimals) of the progeny in best_class.';
comment on column public.ra_dam_statistics.best_class_ae_index is
  'A/E of the progeny in best_class.';
comment on column public.ra_dam_statistics.best_distance is
  'Distance band with the highest progeny A/E among those with at least statistics_best_min_sp_runs runs with an SP (ra_private.settings); ties: more expected wins, then the shorter band; null when none has the sample.';
comment on column public.ra_dam_statistics.best_distance_runs is
  'Runs of the progeny in best_distance.';
comment on column public.ra_dam_statistics.best_distance_wins is
  'Wins of the progeny in best_distance.';
comment on column public.ra_dam_statistics.best_distance_win_percent is
  'Win % of the progeny in best_distance.';
comment on column public.ra_dam_statistics.best_distance_expected_wins is
  'Expected wins (2 decimals) of the progeny in best_distance.';
comment on column public.ra_dam_statistics.best_distance_ae_index is
  'A/E of the progeny in best_distance.';
comment on column public.ra_dam_statistics.own_runs is
  'The ancestor''s own runs as a horse (its hrs_ id, the master''s horse_id).';
comment on column public.ra_dam_statistics.own_wins is
  'The ancestor''s own wins as a horse.';
comment on column public.ra_dam_statistics.own_places is
  'The ancestor''s own places (1st-3rd) as a horse.';
comment on column public.ra_dam_statistics.own_win_percent is
  'The ancestor''s own win % as a horse; null when it never ran.';
alter table public.ra_dam_statistics enable row level security;

create table public.ra_damsire_statistics (
  damsire_id text primary key references public.ra_mst_damsires (id) on delete cascade,
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
  top_class_1 integer,
  top_class_1_runs integer,
  top_class_1_wins integer,
  top_class_1_win_percent numeric,
  top_class_1_expected_wins numeric,
  top_class_1_ae_index numeric,
  top_class_2 integer,
  top_class_2_runs integer,
  top_class_2_wins integer,
  top_class_2_win_percent numeric,
  top_class_2_expected_wins numeric,
  top_class_2_ae_index numeric,
  top_class_3 integer,
  top_class_3_runs integer,
  top_class_3_wins integer,
  top_class_3_win_percent numeric,
  top_class_3_expected_wins numeric,
  top_class_3_ae_index numeric,
  top_distance_1 text,
  top_distance_1_runs integer,
  top_distance_1_wins integer,
  top_distance_1_win_percent numeric,
  top_distance_1_expected_wins numeric,
  top_distance_1_ae_index numeric,
  top_distance_2 text,
  top_distance_2_runs integer,
  top_distance_2_wins integer,
  top_distance_2_win_percent numeric,
  top_distance_2_expected_wins numeric,
  top_distance_2_ae_index numeric,
  top_distance_3 text,
  top_distance_3_runs integer,
  top_distance_3_wins integer,
  top_distance_3_win_percent numeric,
  top_distance_3_expected_wins numeric,
  top_distance_3_ae_index numeric,
  best_class integer,
  best_class_runs integer,
  best_class_wins integer,
  best_class_win_percent numeric,
  best_class_expected_wins numeric,
  best_class_ae_index numeric,
  best_distance text,
  best_distance_runs integer,
  best_distance_wins integer,
  best_distance_win_percent numeric,
  best_distance_expected_wins numeric,
  best_distance_ae_index numeric,
  own_runs integer,
  own_wins integer,
  own_places integer,
  own_win_percent numeric
);
comment on table public.ra_damsire_statistics is
  'Statistics of each damsire (ra_mst_damsires) over the damsire''s grand-offspring through its daughters (horses whose damsire_id it is), and its own record as a horse; as of the '
  'last refresh''s as_of (docs/statistics.md); written only by ra_private.refresh_statistics.';
comment on column public.ra_damsire_statistics.damsire_id is 'The damsire (ra_mst_damsires.id).';
comment on column public.ra_damsire_statistics.total_runs is
  'Runs of the progeny (runners, one per run).';
comment on column public.ra_damsire_statistics.total_wins is
  'Wins of the progeny (position 1, dead heats included).';
comment on column public.ra_damsire_statistics.total_places is
  'Places (positions 1-3) of the progeny.';
comment on column public.ra_damsire_statistics.total_seconds is
  'Second places of the progeny.';
comment on column public.ra_damsire_statistics.total_thirds is
  'Third places of the progeny.';
comment on column public.ra_damsire_statistics.win_percent is
  'Win %: wins / runs x 100, 2 decimals; null without runs.';
comment on column public.ra_damsire_statistics.place_percent is
  'Place %: places / runs x 100, 2 decimals; null without runs.';
comment on column public.ra_damsire_statistics.expected_wins is
  'Expected wins: sum of 1 / SP over runs with an SP, 2 decimals (the sample beside A/E).';
comment on column public.ra_damsire_statistics.ae_index is
  'A/E: wins / expected wins over runs with an SP, 2 decimals; null when no run has an SP.';
comment on column public.ra_damsire_statistics.profit_loss_1u is
  'Level-stakes P/L at SP in units (SP / dead-heaters - 1 per winner, -1 per loser; runs with an SP).';
comment on column public.ra_damsire_statistics.roi_percent is
  'ROI %: P/L / runs with an SP x 100, 2 decimals.';
comment on column public.ra_damsire_statistics.top_class_1 is
  'Race class (1-7) with the most progeny wins (ties: fewer runs, then the higher class, i.e. the lower number); null when the progeny ran in fewer classes.';
comment on column public.ra_damsire_statistics.top_class_1_runs is
  'Runs of the progeny in class top_class_1.';
comment on column public.ra_damsire_statistics.top_class_1_wins is
  'Wins of the progeny in class top_class_1.';
comment on column public.ra_damsire_statistics.top_class_1_win_percent is
  'Win % of the progeny in class top_class_1.';
comment on column public.ra_damsire_statistics.top_class_1_expected_wins is
  'Expected wins (2 decimals) of the progeny in class top_class_1.';
comment on column public.ra_damsire_statistics.top_class_1_ae_index is
  'A/E of the progeny in class top_class_1.';
comment on column public.ra_damsire_statistics.top_class_2 is
  'Race class (1-7) with the second most progeny wins (ties: fewer runs, then the higher class, i.e. the lower number); null when the progeny ran in fewer classes.';
comment on column public.ra_damsire_statistics.top_class_2_runs is
  'Runs of the progeny in class top_class_2.';
comment on column public.ra_damsire_statistics.top_class_2_wins is
  'Wins of the progeny in class top_class_2.';
comment on column public.ra_damsire_statistics.top_class_2_win_percent is
  'Win % of the progeny in class top_class_2.';
comment on column public.ra_damsire_statistics.top_class_2_expected_wins is
  'Expected wins (2 decimals) of the progeny in class top_class_2.';
comment on column public.ra_damsire_statistics.top_class_2_ae_index is
  'A/E of the progeny in class top_class_2.';
comment on column public.ra_damsire_statistics.top_class_3 is
  'Race class (1-7) with the third most progeny wins (ties: fewer runs, then the higher class, i.e. the lower number); null when the progeny ran in fewer classes.';
comment on column public.ra_damsire_statistics.top_class_3_runs is
  'Runs of the progeny in class top_class_3.';
comment on column public.ra_damsire_statistics.top_class_3_wins is
  'Wins of the progeny in class top_class_3.';
comment on column public.ra_damsire_statistics.top_class_3_win_percent is
  'Win % of the progeny in class top_class_3.';
comment on column public.ra_damsire_statistics.top_class_3_expected_wins is
  'Expected wins (2 decimals) of the progeny in class top_class_3.';
comment on column public.ra_damsire_statistics.top_class_3_ae_index is
  'A/E of the progeny in class top_class_3.';
comment on column public.ra_damsire_statistics.top_distance_1 is
  'Distance band with the most progeny wins (ties: fewer runs, then the shorter band); null when the progeny ran in fewer bands.';
comment on column public.ra_damsire_statistics.top_distance_1_runs is
  'Runs of the progeny in band top_distance_1.';
comment on column public.ra_damsire_statistics.top_distance_1_wins is
  'Wins of the progeny in band top_distance_1.';
comment on column public.ra_damsire_statistics.top_distance_1_win_percent is
  'Win % of the progeny in band top_distance_1.';
comment on column public.ra_damsire_statistics.top_distance_1_expected_wins is
  'Expected wins (2 decimals) of the progeny in band top_distance_1.';
comment on column public.ra_damsire_statistics.top_distance_1_ae_index is
  'A/E of the progeny in band top_distance_1.';
comment on column public.ra_damsire_statistics.top_distance_2 is
  'Distance band with the second most progeny wins (ties: fewer runs, then the shorter band); null when the progeny ran in fewer bands.';
comment on column public.ra_damsire_statistics.top_distance_2_runs is
  'Runs of the progeny in band top_distance_2.';
comment on column public.ra_damsire_statistics.top_distance_2_wins is
  'Wins of the progeny in band top_distance_2.';
comment on column public.ra_damsire_statistics.top_distance_2_win_percent is
  'Win % of the progeny in band top_distance_2.';
comment on column public.ra_damsire_statistics.top_distance_2_expected_wins is
  'Expected wins (2 decimals) of the progeny in band top_distance_2.';
comment on column public.ra_damsire_statistics.top_distance_2_ae_index is
  'A/E of the progeny in band top_distance_2.';
comment on column public.ra_damsire_statistics.top_distance_3 is
  'Distance band with the third most progeny wins (ties: fewer runs, then the shorter band); null when the progeny ran in fewer bands.';
comment on column public.ra_damsire_statistics.top_distance_3_runs is
  'Runs of the progeny in band top_distance_3.';
comment on column public.ra_damsire_statistics.top_distance_3_wins is
  'Wins of the progeny in band top_distance_3.';
comment on column public.ra_damsire_statistics.top_distance_3_win_percent is
  'Win % of the progeny in band top_distance_3.';
comment on column public.ra_damsire_statistics.top_distance_3_expected_wins is
  'Expected wins (2 decimals) of the progeny in band top_distance_3.';
comment on column public.ra_damsire_statistics.top_distance_3_ae_index is
  'A/E of the progeny in band top_distance_3.';
comment on column public.ra_damsire_statistics.best_class is
  'Race class with the highest progeny A/E among those with at least statistics_best_min_sp_runs runs with an SP (ra_private.settings); ties: more expected wins, then the higher class; null when none has the sample.';
comment on column public.ra_damsire_statistics.best_class_runs is
  'Runs of the progeny in best_class.';
comment on column public.ra_damsire_statistics.best_class_wins is
  'Wins of the progeny in best_class.';
comment on column public.ra_damsire_statistics.best_class_win_percent is
  'Win % of the progeny in best_class.';
comment on column public.ra_damsire_statistics.best_class_expected_wins is
  'Expected wins (2 decimals) of the progeny in best_class.';
comment on column public.ra_damsire_statistics.best_class_ae_index is
  'A/E of the progeny in best_class.';
comment on column public.ra_damsire_statistics.best_distance is
  'Distance band with the highest progeny A/E among those with at least statistics_best_min_sp_runs runs with an SP (ra_private.settings); ties: more expected wins, then the shorter band; null when none has the sample.';
comment on column public.ra_damsire_statistics.best_distance_runs is
  'Runs of the progeny in best_distance.';
comment on column public.ra_damsire_statistics.best_distance_wins is
  'Wins of the progeny in best_distance.';
comment on column public.ra_damsire_statistics.best_distance_win_percent is
  'Win % of the progeny in best_distance.';
comment on column public.ra_damsire_statistics.best_distance_expected_wins is
  'Expected wins (2 decimals) of the progeny in best_distance.';
comment on column public.ra_damsire_statistics.best_distance_ae_index is
  'A/E of the progeny in best_distance.';
comment on column public.ra_damsire_statistics.own_runs is
  'The ancestor''s own runs as a horse (its hrs_ id, the master''s horse_id).';
comment on column public.ra_damsire_statistics.own_wins is
  'The ancestor''s own wins as a horse.';
comment on column public.ra_damsire_statistics.own_places is
  'The ancestor''s own places (1st-3rd) as a horse.';
comment on column public.ra_damsire_statistics.own_win_percent is
  'The ancestor''s own win % as a horse; null when it never ran.';
alter table public.ra_damsire_statistics enable row level security;

-- The ancestors' own records: their horse ids, looked up by an incremental refresh.
create index ra_mst_sires_horse_id_idx on public.ra_mst_sires (horse_id);
create index ra_mst_dams_horse_id_idx on public.ra_mst_dams (horse_id);
create index ra_mst_damsires_horse_id_idx on public.ra_mst_damsires (horse_id);

create function ra_private.pedigree_statistics(kind text, as_of date, ids text[] default null)
returns table (
  pedigree_id text,
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
  top_class_1 integer,
  top_class_1_runs integer,
  top_class_1_wins integer,
  top_class_1_win_percent numeric,
  top_class_1_expected_wins numeric,
  top_class_1_ae_index numeric,
  top_class_2 integer,
  top_class_2_runs integer,
  top_class_2_wins integer,
  top_class_2_win_percent numeric,
  top_class_2_expected_wins numeric,
  top_class_2_ae_index numeric,
  top_class_3 integer,
  top_class_3_runs integer,
  top_class_3_wins integer,
  top_class_3_win_percent numeric,
  top_class_3_expected_wins numeric,
  top_class_3_ae_index numeric,
  top_distance_1 text,
  top_distance_1_runs integer,
  top_distance_1_wins integer,
  top_distance_1_win_percent numeric,
  top_distance_1_expected_wins numeric,
  top_distance_1_ae_index numeric,
  top_distance_2 text,
  top_distance_2_runs integer,
  top_distance_2_wins integer,
  top_distance_2_win_percent numeric,
  top_distance_2_expected_wins numeric,
  top_distance_2_ae_index numeric,
  top_distance_3 text,
  top_distance_3_runs integer,
  top_distance_3_wins integer,
  top_distance_3_win_percent numeric,
  top_distance_3_expected_wins numeric,
  top_distance_3_ae_index numeric,
  best_class integer,
  best_class_runs integer,
  best_class_wins integer,
  best_class_win_percent numeric,
  best_class_expected_wins numeric,
  best_class_ae_index numeric,
  best_distance text,
  best_distance_runs integer,
  best_distance_wins integer,
  best_distance_win_percent numeric,
  best_distance_expected_wins numeric,
  best_distance_ae_index numeric,
  own_runs integer,
  own_wins integer,
  own_places integer,
  own_win_percent numeric
)
language sql
stable
set search_path = ''
-- The whole history is sorted and grouped: in memory, not in temporary files.
set work_mem = '128MB'
as $$
  with targets as (
    select m.id, m.horse_id from public.ra_mst_sires m
    where pedigree_statistics.kind = 'sire'
      and (pedigree_statistics.ids is null or m.id = any (pedigree_statistics.ids))
    union all
    select m.id, m.horse_id from public.ra_mst_dams m
    where pedigree_statistics.kind = 'dam'
      and (pedigree_statistics.ids is null or m.id = any (pedigree_statistics.ids))
    union all
    select m.id, m.horse_id from public.ra_mst_damsires m
    where pedigree_statistics.kind = 'damsire'
      and (pedigree_statistics.ids is null or m.id = any (pedigree_statistics.ids))
  ),
  progeny as (
    -- The horses each ancestor counts: its sons and daughters (sire, dam) or its daughters'
    -- offspring (damsire).
    select t.id as pedigree_id, h.id as horse_id
    from targets t join public.ra_mst_horses h on h.sire_id = t.id
    where pedigree_statistics.kind = 'sire'
    union all
    select t.id, h.id
    from targets t join public.ra_mst_horses h on h.dam_id = t.id
    where pedigree_statistics.kind = 'dam'
    union all
    select t.id, h.id
    from targets t join public.ra_mst_horses h on h.damsire_id = t.id
    where pedigree_statistics.kind = 'damsire'
  ),
  race_bands as materialized (
    select ra.id as race_id,
      ra_private.distance_band(ra.distance_f, ra.distance_y, ra.distance_m) as distance_band
    from public.ra_mst_races ra
    where ra.has_result
  ),
  figures as materialized (
    -- Totals (split 3), by class (split 1) and by distance band (split 2) in one pass.
    select
      p.pedigree_id,
      grouping(r.race_class, b.distance_band) as split,
      r.race_class,
      b.distance_band,
      count(*) as runs,
      count(*) filter (where r.is_win) as wins,
      count(*) filter (where r.is_place) as places,
      count(*) filter (where r.is_second) as seconds,
      count(*) filter (where r.is_third) as thirds,
      count(r.sp_decimal) as sp_runs,
      sum(r.sp_actual_win) as sp_wins,
      sum(r.sp_expected_win) as expected,
      sum(r.sp_profit) as profit_loss
    from progeny p
    join ra_private.runs r on r.horse_id = p.horse_id
    join race_bands b on b.race_id = r.race_id
    where r.run_date <= pedigree_statistics.as_of
    group by grouping sets ((p.pedigree_id), (p.pedigree_id, r.race_class),
                            (p.pedigree_id, b.distance_band))
  ),
  splits as materialized (
    -- Each class and band the progeny ran in (an unclassed race or one without a distance is in
    -- none), ranked by wins (win_rank) and, among those with the minimum sample, by A/E (ae_rank).
    select
      f.pedigree_id,
      f.split,
      f.race_class,
      f.distance_band,
      f.runs,
      f.wins,
      ra_private.percent_of(f.wins, f.runs) as win_percent,
      round(f.expected, 2) as expected_wins,
      ra_private.ae_index(f.sp_wins, f.expected) as ae_index,
      f.sp_runs >= m.min_sp_runs as has_sample,
      row_number() over (
        partition by f.pedigree_id, f.split
        order by f.wins desc, f.runs, f.race_class, ra_private.distance_band_rank(f.distance_band)
      ) as win_rank,
      row_number() over (
        partition by f.pedigree_id, f.split, f.sp_runs >= m.min_sp_runs
        order by ra_private.ae_index(f.sp_wins, f.expected) desc nulls last,
                 round(f.expected, 2) desc nulls last, f.race_class,
                 ra_private.distance_band_rank(f.distance_band)
      ) as ae_rank
    from figures f
    cross join (
      select greatest(coalesce(ra_private.statistics_setting('statistics_best_min_sp_runs'), 10),
                      1) as min_sp_runs
    ) m
    where (f.split = 1 and f.race_class is not null)
       or (f.split = 2 and f.distance_band is not null)
  ),
  own as (
    select t.id as pedigree_id,
      count(*) as runs,
      count(*) filter (where r.is_win) as wins,
      count(*) filter (where r.is_place) as places
    from targets t
    join ra_private.runs r on r.horse_id = t.horse_id
    where r.run_date <= pedigree_statistics.as_of
    group by t.id
  )
  select
    t.id,
    coalesce(f.runs, 0)::integer,
    coalesce(f.wins, 0)::integer,
    coalesce(f.places, 0)::integer,
    coalesce(f.seconds, 0)::integer,
    coalesce(f.thirds, 0)::integer,
    ra_private.percent_of(f.wins, f.runs),
    ra_private.percent_of(f.places, f.runs),
    round(f.expected, 2),
    ra_private.ae_index(f.sp_wins, f.expected),
    round(f.profit_loss, 2),
    ra_private.roi_percent(f.profit_loss, f.sp_runs),
    c1.race_class, c1.runs::integer, c1.wins::integer, c1.win_percent, c1.expected_wins,
    c1.ae_index,
    c2.race_class, c2.runs::integer, c2.wins::integer, c2.win_percent, c2.expected_wins,
    c2.ae_index,
    c3.race_class, c3.runs::integer, c3.wins::integer, c3.win_percent, c3.expected_wins,
    c3.ae_index,
    d1.distance_band, d1.runs::integer, d1.wins::integer, d1.win_percent, d1.expected_wins,
    d1.ae_index,
    d2.distance_band, d2.runs::integer, d2.wins::integer, d2.win_percent, d2.expected_wins,
    d2.ae_index,
    d3.distance_band, d3.runs::integer, d3.wins::integer, d3.win_percent, d3.expected_wins,
    d3.ae_index,
    bc.race_class, bc.runs::integer, bc.wins::integer, bc.win_percent, bc.expected_wins,
    bc.ae_index,
    bd.distance_band, bd.runs::integer, bd.wins::integer, bd.win_percent, bd.expected_wins,
    bd.ae_index,
    coalesce(o.runs, 0)::integer,
    coalesce(o.wins, 0)::integer,
    coalesce(o.places, 0)::integer,
    ra_private.percent_of(o.wins, o.runs)
  from targets t
  left join figures f on f.pedigree_id = t.id and f.split = 3
  left join splits c1 on c1.pedigree_id = t.id and c1.split = 1 and c1.win_rank = 1
  left join splits c2 on c2.pedigree_id = t.id and c2.split = 1 and c2.win_rank = 2
  left join splits c3 on c3.pedigree_id = t.id and c3.split = 1 and c3.win_rank = 3
  left join splits d1 on d1.pedigree_id = t.id and d1.split = 2 and d1.win_rank = 1
  left join splits d2 on d2.pedigree_id = t.id and d2.split = 2 and d2.win_rank = 2
  left join splits d3 on d3.pedigree_id = t.id and d3.split = 2 and d3.win_rank = 3
  left join splits bc on bc.pedigree_id = t.id and bc.split = 1 and bc.has_sample
    and bc.ae_rank = 1
  left join splits bd on bd.pedigree_id = t.id and bd.split = 2 and bd.has_sample
    and bd.ae_rank = 1
  left join own o on o.pedigree_id = t.id;
$$;
comment on function ra_private.pedigree_statistics(text, date, text[]) is
  'Statistics (the columns of ra_sire/dam/damsire_statistics) of the sires, dams or damsires '
  '(kind sire, dam or damsire) with the given ids (null: all) over the runs on or before as_of of '
  'their progeny (damsires: their daughters'' offspring), and their own record as horses. '
  'docs/statistics.md.';

-- ---------------------------------------------------------------------------------------------
-- Jockey and trainer pairs
-- ---------------------------------------------------------------------------------------------

create table public.ra_entity_combinations (
  jockey_id text not null references public.ra_mst_jockeys (id) on delete cascade,
  trainer_id text not null references public.ra_mst_trainers (id) on delete cascade,
  runs integer,
  wins integer,
  places integer,
  win_percent numeric,
  place_percent numeric,
  expected_wins numeric,
  ae_index numeric,
  profit_loss_1u numeric,
  roi_percent numeric,
  first_run_date date,
  last_run_date date,
  primary key (jockey_id, trainer_id)
);
create index ra_entity_combinations_trainer_id_idx on public.ra_entity_combinations (trainer_id);
alter table public.ra_entity_combinations enable row level security;
comment on table public.ra_entity_combinations is
  'Each jockey and trainer pair with at least statistics_min_combination_runs runs together '
  '(ra_private.settings, 5): the runs of the trainer''s runners ridden by the jockey, as of the last '
  'refresh''s as_of (docs/statistics.md); written only by ra_private.refresh_statistics.';
comment on column public.ra_entity_combinations.jockey_id is 'The jockey (ra_mst_jockeys.id).';
comment on column public.ra_entity_combinations.trainer_id is 'The trainer (ra_mst_trainers.id).';
comment on column public.ra_entity_combinations.runs is
  'Runs.';
comment on column public.ra_entity_combinations.wins is
  'Wins (position 1, dead heats included).';
comment on column public.ra_entity_combinations.places is
  'Places (positions 1-3).';
comment on column public.ra_entity_combinations.win_percent is
  'Win %: wins / runs x 100, 2 decimals.';
comment on column public.ra_entity_combinations.place_percent is
  'Place %: places / runs x 100, 2 decimals.';
comment on column public.ra_entity_combinations.expected_wins is
  'Expected wins: sum of 1 / SP over runs with an SP, 2 decimals (the sample beside A/E).';
comment on column public.ra_entity_combinations.ae_index is
  'A/E: wins / expected wins over runs with an SP, 2 decimals; null when no run has an SP.';
comment on column public.ra_entity_combinations.profit_loss_1u is
  'Level-stakes P/L at SP in units (dead heats at the split stake).';
comment on column public.ra_entity_combinations.roi_percent is
  'ROI %: P/L / runs with an SP x 100, 2 decimals.';
comment on column public.ra_entity_combinations.first_run_date is
  'Date of the pair''s first run.';
comment on column public.ra_entity_combinations.last_run_date is
  'Date of the pair''s latest run.';

create function ra_private.combination_statistics(as_of date, jockey_ids text[] default null,
                                                  trainer_ids text[] default null)
returns table (
  jockey_id text,
  trainer_id text,
  runs integer,
  wins integer,
  places integer,
  win_percent numeric,
  place_percent numeric,
  expected_wins numeric,
  ae_index numeric,
  profit_loss_1u numeric,
  roi_percent numeric,
  first_run_date date,
  last_run_date date
)
language sql
stable
set search_path = ''
-- The whole history is sorted and grouped: in memory, not in temporary files.
set work_mem = '128MB'
as $$
  select
    r.jockey_id,
    r.trainer_id,
    count(*)::integer,
    (count(*) filter (where r.is_win))::integer,
    (count(*) filter (where r.is_place))::integer,
    ra_private.percent_of(count(*) filter (where r.is_win), count(*)),
    ra_private.percent_of(count(*) filter (where r.is_place), count(*)),
    round(sum(r.sp_expected_win), 2),
    ra_private.ae_index(sum(r.sp_actual_win), sum(r.sp_expected_win)),
    round(sum(r.sp_profit), 2),
    ra_private.roi_percent(sum(r.sp_profit), count(r.sp_decimal)),
    min(r.run_date),
    max(r.run_date)
  from ra_private.runs r
  where r.jockey_id is not null
    and r.trainer_id is not null
    and r.run_date <= combination_statistics.as_of
    and (combination_statistics.jockey_ids is null
      or r.jockey_id = any (combination_statistics.jockey_ids))
    and (combination_statistics.trainer_ids is null
      or r.trainer_id = any (combination_statistics.trainer_ids))
  group by r.jockey_id, r.trainer_id
  having count(*) >= greatest(
    coalesce(ra_private.statistics_setting('statistics_min_combination_runs'), 5), 1);
$$;
comment on function ra_private.combination_statistics(date, text[], text[]) is
  'Statistics (the columns of ra_entity_combinations) of the jockey and trainer pairs with at '
  'least statistics_min_combination_runs runs on or before as_of, among the given jockeys and '
  'trainers (null: all). docs/statistics.md.';

-- ---------------------------------------------------------------------------------------------
-- Performance by distance band and by course, with the going breakdown
-- ---------------------------------------------------------------------------------------------

create table public.ra_performance_by_distance (
  entity_type text not null check (entity_type in ('horse', 'jockey', 'trainer')),
  entity_id text not null,
  distance_band text not null,
  going_group text not null,
  runs integer,
  wins integer,
  places integer,
  win_percent numeric,
  place_percent numeric,
  expected_wins numeric,
  ae_index numeric,
  profit_loss_1u numeric,
  roi_percent numeric,
  primary key (entity_type, entity_id, distance_band, going_group)
);
-- "Who does best over this band on this going": the band and going first.
create index ra_performance_by_distance_band_idx
  on public.ra_performance_by_distance (distance_band, going_group, entity_type);
alter table public.ra_performance_by_distance enable row level security;
comment on table public.ra_performance_by_distance is
  'Runs of each horse, jockey and trainer in each distance band, one row per going group and one '
  '(going_group all) for the total, as of the last refresh''s as_of (docs/statistics.md); written '
  'only by ra_private.refresh_statistics.';
comment on column public.ra_performance_by_distance.entity_type is
  'horse, jockey or trainer.';
comment on column public.ra_performance_by_distance.entity_id is
  'The horse, jockey or trainer (hrs_, jky_ or trn_ id).';
comment on column public.ra_performance_by_distance.distance_band is
  'Distance band of the races (ra_private.distance_band).';
comment on column public.ra_performance_by_distance.going_group is
  'Going group of the races (ra_private.going_group); ''unknown'' for races without one; ''all'' is the total over every going.';
comment on column public.ra_performance_by_distance.runs is
  'Runs.';
comment on column public.ra_performance_by_distance.wins is
  'Wins (position 1, dead heats included).';
comment on column public.ra_performance_by_distance.places is
  'Places (positions 1-3).';
comment on column public.ra_performance_by_distance.win_percent is
  'Win %: wins / runs x 100, 2 decimals.';
comment on column public.ra_performance_by_distance.place_percent is
  'Place %: places / runs x 100, 2 decimals.';
comment on column public.ra_performance_by_distance.expected_wins is
  'Expected wins: sum of 1 / SP over runs with an SP, 2 decimals (the sample beside A/E).';
comment on column public.ra_performance_by_distance.ae_index is
  'A/E: wins / expected wins over runs with an SP, 2 decimals; null when no run has an SP.';
comment on column public.ra_performance_by_distance.profit_loss_1u is
  'Level-stakes P/L at SP in units (dead heats at the split stake).';
comment on column public.ra_performance_by_distance.roi_percent is
  'ROI %: P/L / runs with an SP x 100, 2 decimals.';

create table public.ra_performance_by_venue (
  entity_type text not null check (entity_type in ('jockey', 'trainer')),
  entity_id text not null,
  course_id text not null references public.ra_mst_courses (id) on delete cascade,
  going_group text not null,
  runs integer,
  wins integer,
  places integer,
  win_percent numeric,
  place_percent numeric,
  expected_wins numeric,
  ae_index numeric,
  profit_loss_1u numeric,
  roi_percent numeric,
  primary key (entity_type, entity_id, course_id, going_group)
);
-- "Who does best at this course on this going": the course and going first.
create index ra_performance_by_venue_course_idx
  on public.ra_performance_by_venue (course_id, going_group, entity_type);
alter table public.ra_performance_by_venue enable row level security;
comment on table public.ra_performance_by_venue is
  'Runs of each jockey and trainer at each course, one row per going group and one (going_group '
  'all) for the total, as of the last refresh''s as_of (docs/statistics.md); written only by '
  'ra_private.refresh_statistics.';
comment on column public.ra_performance_by_venue.entity_type is
  'jockey or trainer.';
comment on column public.ra_performance_by_venue.entity_id is
  'The jockey or trainer (jky_ or trn_ id).';
comment on column public.ra_performance_by_venue.course_id is
  'The course (ra_mst_courses.id).';
comment on column public.ra_performance_by_venue.going_group is
  'Going group of the races (ra_private.going_group); ''unknown'' for races without one; ''all'' is the total over every going.';
comment on column public.ra_performance_by_venue.runs is
  'Runs.';
comment on column public.ra_performance_by_venue.wins is
  'Wins (position 1, dead heats included).';
comment on column public.ra_performance_by_venue.places is
  'Places (positions 1-3).';
comment on column public.ra_performance_by_venue.win_percent is
  'Win %: wins / runs x 100, 2 decimals.';
comment on column public.ra_performance_by_venue.place_percent is
  'Place %: places / runs x 100, 2 decimals.';
comment on column public.ra_performance_by_venue.expected_wins is
  'Expected wins: sum of 1 / SP over runs with an SP, 2 decimals (the sample beside A/E).';
comment on column public.ra_performance_by_venue.ae_index is
  'A/E: wins / expected wins over runs with an SP, 2 decimals; null when no run has an SP.';
comment on column public.ra_performance_by_venue.profit_loss_1u is
  'Level-stakes P/L at SP in units (dead heats at the split stake).';
comment on column public.ra_performance_by_venue.roi_percent is
  'ROI %: P/L / runs with an SP x 100, 2 decimals.';

create function ra_private.distance_performance(as_of date, horse_ids text[] default null,
                                                jockey_ids text[] default null,
                                                trainer_ids text[] default null)
returns table (
  entity_type text,
  entity_id text,
  distance_band text,
  going_group text,
  runs integer,
  wins integer,
  places integer,
  win_percent numeric,
  place_percent numeric,
  expected_wins numeric,
  ae_index numeric,
  profit_loss_1u numeric,
  roi_percent numeric
)
language sql
stable
set search_path = ''
-- The whole history is sorted and grouped: in memory, not in temporary files.
set work_mem = '128MB'
as $$
  with race_groups as materialized (
    select ra.id as race_id,
      ra_private.distance_band(ra.distance_f, ra.distance_y, ra.distance_m) as distance_band,
      coalesce(ra_private.going_group(ra.going), 'unknown') as going_group
    from public.ra_mst_races ra
    where ra.has_result
  ),
  entity_runs as (
    select 'horse'::text as entity_type, r.horse_id as entity_id, r.*
    from ra_private.runs r
    where distance_performance.horse_ids is null
       or r.horse_id = any (distance_performance.horse_ids)
    union all
    select 'jockey', r.jockey_id, r.*
    from ra_private.runs r
    where r.jockey_id is not null
      and (distance_performance.jockey_ids is null
        or r.jockey_id = any (distance_performance.jockey_ids))
    union all
    select 'trainer', r.trainer_id, r.*
    from ra_private.runs r
    where r.trainer_id is not null
      and (distance_performance.trainer_ids is null
        or r.trainer_id = any (distance_performance.trainer_ids))
  )
  select
    e.entity_type,
    e.entity_id,
    g.distance_band,
    -- The total has the going grouped away; a race without a going group is 'unknown'.
    case when grouping(g.going_group) = 1 then 'all' else g.going_group end,
    count(*)::integer,
    (count(*) filter (where e.is_win))::integer,
    (count(*) filter (where e.is_place))::integer,
    ra_private.percent_of(count(*) filter (where e.is_win), count(*)),
    ra_private.percent_of(count(*) filter (where e.is_place), count(*)),
    round(sum(e.sp_expected_win), 2),
    ra_private.ae_index(sum(e.sp_actual_win), sum(e.sp_expected_win)),
    round(sum(e.sp_profit), 2),
    ra_private.roi_percent(sum(e.sp_profit), count(e.sp_decimal))
  from entity_runs e
  join race_groups g on g.race_id = e.race_id
  where g.distance_band is not null
    and e.run_date <= distance_performance.as_of
  group by grouping sets (
    (e.entity_type, e.entity_id, g.distance_band, g.going_group),
    (e.entity_type, e.entity_id, g.distance_band));
$$;
comment on function ra_private.distance_performance(date, text[], text[], text[]) is
  'Rows of ra_performance_by_distance for the given horses, jockeys and trainers (null: all) over '
  'their runs on or before as_of. docs/statistics.md.';

create function ra_private.venue_performance(as_of date, jockey_ids text[] default null,
                                             trainer_ids text[] default null)
returns table (
  entity_type text,
  entity_id text,
  course_id text,
  going_group text,
  runs integer,
  wins integer,
  places integer,
  win_percent numeric,
  place_percent numeric,
  expected_wins numeric,
  ae_index numeric,
  profit_loss_1u numeric,
  roi_percent numeric
)
language sql
stable
set search_path = ''
-- The whole history is sorted and grouped: in memory, not in temporary files.
set work_mem = '128MB'
as $$
  with race_groups as materialized (
    select ra.id as race_id, coalesce(ra_private.going_group(ra.going), 'unknown') as going_group
    from public.ra_mst_races ra
    where ra.has_result
  ),
  entity_runs as (
    select 'jockey'::text as entity_type, r.jockey_id as entity_id, r.*
    from ra_private.runs r
    where r.jockey_id is not null
      and (venue_performance.jockey_ids is null
        or r.jockey_id = any (venue_performance.jockey_ids))
    union all
    select 'trainer', r.trainer_id, r.*
    from ra_private.runs r
    where r.trainer_id is not null
      and (venue_performance.trainer_ids is null
        or r.trainer_id = any (venue_performance.trainer_ids))
  )
  select
    e.entity_type,
    e.entity_id,
    e.course_id,
    case when grouping(g.going_group) = 1 then 'all' else g.going_group end,
    count(*)::integer,
    (count(*) filter (where e.is_win))::integer,
    (count(*) filter (where e.is_place))::integer,
    ra_private.percent_of(count(*) filter (where e.is_win), count(*)),
    ra_private.percent_of(count(*) filter (where e.is_place), count(*)),
    round(sum(e.sp_expected_win), 2),
    ra_private.ae_index(sum(e.sp_actual_win), sum(e.sp_expected_win)),
    round(sum(e.sp_profit), 2),
    ra_private.roi_percent(sum(e.sp_profit), count(e.sp_decimal))
  from entity_runs e
  join race_groups g on g.race_id = e.race_id
  where e.course_id is not null
    and e.run_date <= venue_performance.as_of
  group by grouping sets (
    (e.entity_type, e.entity_id, e.course_id, g.going_group),
    (e.entity_type, e.entity_id, e.course_id));
$$;
comment on function ra_private.venue_performance(date, text[], text[]) is
  'Rows of ra_performance_by_venue for the given jockeys and trainers (null: all) over their runs '
  'on or before as_of. docs/statistics.md.';

-- ---------------------------------------------------------------------------------------------
-- Refresh: people and runner form as before, then pedigree, pairs, distance and venue, in the
-- same transaction
-- ---------------------------------------------------------------------------------------------

create or replace function ra_private.refresh_statistics(full boolean default false,
                                                      as_of date default null)
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
  runners_from timestamptz;
  touched_horse_ids text[];
  touched_jockey_ids text[];
  touched_trainer_ids text[];
  form_horse_ids text[];
  form_jockey_ids text[];
  form_trainer_ids text[];
  runners_recomputed integer := 0;
  runners_changed integer := 0;
  runners_removed integer := 0;
  -- Pedigree, pairs, distance and venue (this migration): the entities to recompute (null: all).
  stats_horse_ids text[];
  stats_jockey_ids text[];
  stats_trainer_ids text[];
  sire_ids text[];
  dam_ids text[];
  damsire_ids text[];
  pedigree_recomputed integer := 0;
  sires_changed integer := 0;
  dams_changed integer := 0;
  damsires_changed integer := 0;
  combinations_changed integer := 0;
  distance_changed integer := 0;
  venue_changed integer := 0;
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

    -- Runner form (ra_runner_statistics). Full: every runner. Incremental: a changed run moves the
    -- form of every later runner of its horse, jockey and trainer, so the runners recomputed are
    -- those whose race is off at or after the earliest changed runner's race and that share a
    -- horse, jockey or trainer with a changed runner; their form reads the whole history of their
    -- horses, jockeys and trainers.
    if not recompute_all then
      with touched as (
        select ru.horse_id, ru.jockey_id, ru.trainer_id, ra.off_dt
        from public.ra_mst_runners ru
        join public.ra_mst_races ra on ra.id = ru.race_id
        where ru.updated_at > touched_since
        union
        select ru.horse_id, ru.jockey_id, ru.trainer_id, ra.off_dt
        from public.ra_mst_races ra
        join public.ra_mst_runners ru on ru.race_id = ra.id
        where ra.updated_at > touched_since
      )
      select min(x.off_dt),
             array_agg(distinct x.horse_id),
             array_agg(distinct x.jockey_id) filter (where x.jockey_id is not null),
             array_agg(distinct x.trainer_id) filter (where x.trainer_id is not null)
      from touched x
      where x.off_dt is not null
      into runners_from, touched_horse_ids, touched_jockey_ids, touched_trainer_ids;

      select coalesce(array_agg(distinct ru.horse_id), '{}'),
             coalesce(array_agg(distinct ru.jockey_id) filter (where ru.jockey_id is not null),
                      '{}'),
             coalesce(array_agg(distinct ru.trainer_id) filter (where ru.trainer_id is not null),
                      '{}')
      from public.ra_mst_races ra
      join public.ra_mst_runners ru on ru.race_id = ra.id
      where ra.off_dt >= runners_from
        and (ru.horse_id = any (touched_horse_ids)
          or ru.jockey_id = any (touched_jockey_ids)
          or ru.trainer_id = any (touched_trainer_ids))
      into form_horse_ids, form_jockey_ids, form_trainer_ids;
    end if;

    if recompute_all or runners_from is not null then
      with form as materialized (
        select *
        from ra_private.runner_form(form_horse_ids, form_jockey_ids, form_trainer_ids,
                                    runners_from)
      ),
      runners as (
        insert into public.ra_runner_statistics as t (
      race_id, horse_id, off_dt, jockey_id, trainer_id, course_id, distance_band, going_group,
      horse_runs, horse_wins, horse_places, horse_win_percent, horse_place_percent,
      horse_expected_wins, horse_ae_index, horse_profit_loss_1u, horse_roi_percent,
      horse_course_runs, horse_course_wins, horse_course_places, horse_course_win_percent,
      horse_course_place_percent, horse_distance_runs, horse_distance_wins, horse_distance_places,
      horse_distance_win_percent, horse_distance_place_percent, horse_going_runs, horse_going_wins,
      horse_going_places, horse_going_win_percent, horse_going_place_percent,
      horse_course_distance_runs, horse_course_distance_wins, horse_course_distance_places,
      horse_course_distance_win_percent, horse_course_distance_place_percent, horse_jockey_runs,
      horse_jockey_wins, horse_jockey_places, horse_jockey_win_percent, horse_jockey_place_percent,
      horse_last10_runs, horse_last10_wins, horse_last10_places, horse_last10_win_percent,
      horse_last10_place_percent, horse_12m_runs, horse_12m_wins, horse_12m_places,
      horse_12m_win_percent, horse_12m_place_percent, jockey_runs, jockey_wins, jockey_places,
      jockey_win_percent, jockey_place_percent, jockey_expected_wins, jockey_ae_index,
      jockey_profit_loss_1u, jockey_roi_percent, jockey_course_runs, jockey_course_wins,
      jockey_course_places, jockey_course_win_percent, jockey_course_place_percent,
      jockey_12m_runs, jockey_12m_wins, jockey_12m_places, jockey_12m_win_percent,
      jockey_12m_place_percent, trainer_runs, trainer_wins, trainer_places, trainer_win_percent,
      trainer_place_percent, trainer_expected_wins, trainer_ae_index, trainer_profit_loss_1u,
      trainer_roi_percent, trainer_course_runs, trainer_course_wins, trainer_course_places,
      trainer_course_win_percent, trainer_course_place_percent, trainer_12m_runs, trainer_12m_wins,
      trainer_12m_places, trainer_12m_win_percent, trainer_12m_place_percent,
      horse_days_since_last_run, jockey_days_since_last_run, trainer_days_since_last_run
        )
        select
      f.race_id, f.horse_id, f.off_dt, f.jockey_id, f.trainer_id, f.course_id, f.distance_band,
      f.going_group, f.horse_runs, f.horse_wins, f.horse_places, f.horse_win_percent,
      f.horse_place_percent, f.horse_expected_wins, f.horse_ae_index, f.horse_profit_loss_1u,
      f.horse_roi_percent, f.horse_course_runs, f.horse_course_wins, f.horse_course_places,
      f.horse_course_win_percent, f.horse_course_place_percent, f.horse_distance_runs,
      f.horse_distance_wins, f.horse_distance_places, f.horse_distance_win_percent,
      f.horse_distance_place_percent, f.horse_going_runs, f.horse_going_wins, f.horse_going_places,
      f.horse_going_win_percent, f.horse_going_place_percent, f.horse_course_distance_runs,
      f.horse_course_distance_wins, f.horse_course_distance_places,
      f.horse_course_distance_win_percent, f.horse_course_distance_place_percent,
      f.horse_jockey_runs, f.horse_jockey_wins, f.horse_jockey_places, f.horse_jockey_win_percent,
      f.horse_jockey_place_percent, f.horse_last10_runs, f.horse_last10_wins,
      f.horse_last10_places, f.horse_last10_win_percent, f.horse_last10_place_percent,
      f.horse_12m_runs, f.horse_12m_wins, f.horse_12m_places, f.horse_12m_win_percent,
      f.horse_12m_place_percent, f.jockey_runs, f.jockey_wins, f.jockey_places,
      f.jockey_win_percent, f.jockey_place_percent, f.jockey_expected_wins, f.jockey_ae_index,
      f.jockey_profit_loss_1u, f.jockey_roi_percent, f.jockey_course_runs, f.jockey_course_wins,
      f.jockey_course_places, f.jockey_course_win_percent, f.jockey_course_place_percent,
      f.jockey_12m_runs, f.jockey_12m_wins, f.jockey_12m_places, f.jockey_12m_win_percent,
      f.jockey_12m_place_percent, f.trainer_runs, f.trainer_wins, f.trainer_places,
      f.trainer_win_percent, f.trainer_place_percent, f.trainer_expected_wins, f.trainer_ae_index,
      f.trainer_profit_loss_1u, f.trainer_roi_percent, f.trainer_course_runs,
      f.trainer_course_wins, f.trainer_course_places, f.trainer_course_win_percent,
      f.trainer_course_place_percent, f.trainer_12m_runs, f.trainer_12m_wins, f.trainer_12m_places,
      f.trainer_12m_win_percent, f.trainer_12m_place_percent, f.horse_days_since_last_run,
      f.jockey_days_since_last_run, f.trainer_days_since_last_run
        from form f
        on conflict (race_id, horse_id) do update
        set (
      off_dt, jockey_id, trainer_id, course_id, distance_band, going_group, horse_runs, horse_wins,
      horse_places, horse_win_percent, horse_place_percent, horse_expected_wins, horse_ae_index,
      horse_profit_loss_1u, horse_roi_percent, horse_course_runs, horse_course_wins,
      horse_course_places, horse_course_win_percent, horse_course_place_percent,
      horse_distance_runs, horse_distance_wins, horse_distance_places, horse_distance_win_percent,
      horse_distance_place_percent, horse_going_runs, horse_going_wins, horse_going_places,
      horse_going_win_percent, horse_going_place_percent, horse_course_distance_runs,
      horse_course_distance_wins, horse_course_distance_places, horse_course_distance_win_percent,
      horse_course_distance_place_percent, horse_jockey_runs, horse_jockey_wins,
      horse_jockey_places, horse_jockey_win_percent, horse_jockey_place_percent, horse_last10_runs,
      horse_last10_wins, horse_last10_places, horse_last10_win_percent, horse_last10_place_percent,
      horse_12m_runs, horse_12m_wins, horse_12m_places, horse_12m_win_percent,
      horse_12m_place_percent, jockey_runs, jockey_wins, jockey_places, jockey_win_percent,
      jockey_place_percent, jockey_expected_wins, jockey_ae_index, jockey_profit_loss_1u,
      jockey_roi_percent, jockey_course_runs, jockey_course_wins, jockey_course_places,
      jockey_course_win_percent, jockey_course_place_percent, jockey_12m_runs, jockey_12m_wins,
      jockey_12m_places, jockey_12m_win_percent, jockey_12m_place_percent, trainer_runs,
      trainer_wins, trainer_places, trainer_win_percent, trainer_place_percent,
      trainer_expected_wins, trainer_ae_index, trainer_profit_loss_1u, trainer_roi_percent,
      trainer_course_runs, trainer_course_wins, trainer_course_places, trainer_course_win_percent,
      trainer_course_place_percent, trainer_12m_runs, trainer_12m_wins, trainer_12m_places,
      trainer_12m_win_percent, trainer_12m_place_percent, horse_days_since_last_run,
      jockey_days_since_last_run, trainer_days_since_last_run
        ) = (
      excluded.off_dt, excluded.jockey_id, excluded.trainer_id, excluded.course_id,
      excluded.distance_band, excluded.going_group, excluded.horse_runs, excluded.horse_wins,
      excluded.horse_places, excluded.horse_win_percent, excluded.horse_place_percent,
      excluded.horse_expected_wins, excluded.horse_ae_index, excluded.horse_profit_loss_1u,
      excluded.horse_roi_percent, excluded.horse_course_runs, excluded.horse_course_wins,
      excluded.horse_course_places, excluded.horse_course_win_percent,
      excluded.horse_course_place_percent, excluded.horse_distance_runs,
      excluded.horse_distance_wins, excluded.horse_distance_places,
      excluded.horse_distance_win_percent, excluded.horse_distance_place_percent,
      excluded.horse_going_runs, excluded.horse_going_wins, excluded.horse_going_places,
      excluded.horse_going_win_percent, excluded.horse_going_place_percent,
      excluded.horse_course_distance_runs, excluded.horse_course_distance_wins,
      excluded.horse_course_distance_places, excluded.horse_course_distance_win_percent,
      excluded.horse_course_distance_place_percent, excluded.horse_jockey_runs,
      excluded.horse_jockey_wins, excluded.horse_jockey_places, excluded.horse_jockey_win_percent,
      excluded.horse_jockey_place_percent, excluded.horse_last10_runs, excluded.horse_last10_wins,
      excluded.horse_last10_places, excluded.horse_last10_win_percent,
      excluded.horse_last10_place_percent, excluded.horse_12m_runs, excluded.horse_12m_wins,
      excluded.horse_12m_places, excluded.horse_12m_win_percent, excluded.horse_12m_place_percent,
      excluded.jockey_runs, excluded.jockey_wins, excluded.jockey_places,
      excluded.jockey_win_percent, excluded.jockey_place_percent, excluded.jockey_expected_wins,
      excluded.jockey_ae_index, excluded.jockey_profit_loss_1u, excluded.jockey_roi_percent,
      excluded.jockey_course_runs, excluded.jockey_course_wins, excluded.jockey_course_places,
      excluded.jockey_course_win_percent, excluded.jockey_course_place_percent,
      excluded.jockey_12m_runs, excluded.jockey_12m_wins, excluded.jockey_12m_places,
      excluded.jockey_12m_win_percent, excluded.jockey_12m_place_percent, excluded.trainer_runs,
      excluded.trainer_wins, excluded.trainer_places, excluded.trainer_win_percent,
      excluded.trainer_place_percent, excluded.trainer_expected_wins, excluded.trainer_ae_index,
      excluded.trainer_profit_loss_1u, excluded.trainer_roi_percent, excluded.trainer_course_runs,
      excluded.trainer_course_wins, excluded.trainer_course_places,
      excluded.trainer_course_win_percent, excluded.trainer_course_place_percent,
      excluded.trainer_12m_runs, excluded.trainer_12m_wins, excluded.trainer_12m_places,
      excluded.trainer_12m_win_percent, excluded.trainer_12m_place_percent,
      excluded.horse_days_since_last_run, excluded.jockey_days_since_last_run,
      excluded.trainer_days_since_last_run
        )
        where (
      t.off_dt, t.jockey_id, t.trainer_id, t.course_id, t.distance_band, t.going_group,
      t.horse_runs, t.horse_wins, t.horse_places, t.horse_win_percent, t.horse_place_percent,
      t.horse_expected_wins, t.horse_ae_index, t.horse_profit_loss_1u, t.horse_roi_percent,
      t.horse_course_runs, t.horse_course_wins, t.horse_course_places, t.horse_course_win_percent,
      t.horse_course_place_percent, t.horse_distance_runs, t.horse_distance_wins,
      t.horse_distance_places, t.horse_distance_win_percent, t.horse_distance_place_percent,
      t.horse_going_runs, t.horse_going_wins, t.horse_going_places, t.horse_going_win_percent,
      t.horse_going_place_percent, t.horse_course_distance_runs, t.horse_course_distance_wins,
      t.horse_course_distance_places, t.horse_course_distance_win_percent,
      t.horse_course_distance_place_percent, t.horse_jockey_runs, t.horse_jockey_wins,
      t.horse_jockey_places, t.horse_jockey_win_percent, t.horse_jockey_place_percent,
      t.horse_last10_runs, t.horse_last10_wins, t.horse_last10_places, t.horse_last10_win_percent,
      t.horse_last10_place_percent, t.horse_12m_runs, t.horse_12m_wins, t.horse_12m_places,
      t.horse_12m_win_percent, t.horse_12m_place_percent, t.jockey_runs, t.jockey_wins,
      t.jockey_places, t.jockey_win_percent, t.jockey_place_percent, t.jockey_expected_wins,
      t.jockey_ae_index, t.jockey_profit_loss_1u, t.jockey_roi_percent, t.jockey_course_runs,
      t.jockey_course_wins, t.jockey_course_places, t.jockey_course_win_percent,
      t.jockey_course_place_percent, t.jockey_12m_runs, t.jockey_12m_wins, t.jockey_12m_places,
      t.jockey_12m_win_percent, t.jockey_12m_place_percent, t.trainer_runs, t.trainer_wins,
      t.trainer_places, t.trainer_win_percent, t.trainer_place_percent, t.trainer_expected_wins,
      t.trainer_ae_index, t.trainer_profit_loss_1u, t.trainer_roi_percent, t.trainer_course_runs,
      t.trainer_course_wins, t.trainer_course_places, t.trainer_course_win_percent,
      t.trainer_course_place_percent, t.trainer_12m_runs, t.trainer_12m_wins, t.trainer_12m_places,
      t.trainer_12m_win_percent, t.trainer_12m_place_percent, t.horse_days_since_last_run,
      t.jockey_days_since_last_run, t.trainer_days_since_last_run
        ) is distinct from (
      excluded.off_dt, excluded.jockey_id, excluded.trainer_id, excluded.course_id,
      excluded.distance_band, excluded.going_group, excluded.horse_runs, excluded.horse_wins,
      excluded.horse_places, excluded.horse_win_percent, excluded.horse_place_percent,
      excluded.horse_expected_wins, excluded.horse_ae_index, excluded.horse_profit_loss_1u,
      excluded.horse_roi_percent, excluded.horse_course_runs, excluded.horse_course_wins,
      excluded.horse_course_places, excluded.horse_course_win_percent,
      excluded.horse_course_place_percent, excluded.horse_distance_runs,
      excluded.horse_distance_wins, excluded.horse_distance_places,
      excluded.horse_distance_win_percent, excluded.horse_distance_place_percent,
      excluded.horse_going_runs, excluded.horse_going_wins, excluded.horse_going_places,
      excluded.horse_going_win_percent, excluded.horse_going_place_percent,
      excluded.horse_course_distance_runs, excluded.horse_course_distance_wins,
      excluded.horse_course_distance_places, excluded.horse_course_distance_win_percent,
      excluded.horse_course_distance_place_percent, excluded.horse_jockey_runs,
      excluded.horse_jockey_wins, excluded.horse_jockey_places, excluded.horse_jockey_win_percent,
      excluded.horse_jockey_place_percent, excluded.horse_last10_runs, excluded.horse_last10_wins,
      excluded.horse_last10_places, excluded.horse_last10_win_percent,
      excluded.horse_last10_place_percent, excluded.horse_12m_runs, excluded.horse_12m_wins,
      excluded.horse_12m_places, excluded.horse_12m_win_percent, excluded.horse_12m_place_percent,
      excluded.jockey_runs, excluded.jockey_wins, excluded.jockey_places,
      excluded.jockey_win_percent, excluded.jockey_place_percent, excluded.jockey_expected_wins,
      excluded.jockey_ae_index, excluded.jockey_profit_loss_1u, excluded.jockey_roi_percent,
      excluded.jockey_course_runs, excluded.jockey_course_wins, excluded.jockey_course_places,
      excluded.jockey_course_win_percent, excluded.jockey_course_place_percent,
      excluded.jockey_12m_runs, excluded.jockey_12m_wins, excluded.jockey_12m_places,
      excluded.jockey_12m_win_percent, excluded.jockey_12m_place_percent, excluded.trainer_runs,
      excluded.trainer_wins, excluded.trainer_places, excluded.trainer_win_percent,
      excluded.trainer_place_percent, excluded.trainer_expected_wins, excluded.trainer_ae_index,
      excluded.trainer_profit_loss_1u, excluded.trainer_roi_percent, excluded.trainer_course_runs,
      excluded.trainer_course_wins, excluded.trainer_course_places,
      excluded.trainer_course_win_percent, excluded.trainer_course_place_percent,
      excluded.trainer_12m_runs, excluded.trainer_12m_wins, excluded.trainer_12m_places,
      excluded.trainer_12m_win_percent, excluded.trainer_12m_place_percent,
      excluded.horse_days_since_last_run, excluded.jockey_days_since_last_run,
      excluded.trainer_days_since_last_run
        )
        returning 1
      )
      select (select count(*) from form)::integer, (select count(*) from runners)::integer
      into runners_recomputed, runners_changed;
    end if;

    if recompute_all then
      -- Runners whose race lost its off time have no point in time: their row goes.
      delete from public.ra_runner_statistics s
      using public.ra_mst_races ra
      where ra.id = s.race_id and ra.off_dt is null;
      get diagnostics runners_removed = row_count;
    end if;

    -- Pedigree, pairs, distance and venue. Full: everyone (null lists). Incremental: the horses,
    -- jockeys and trainers of the runners whose row or race changed since the last refresh, or
    -- whose run moved across the reference date; the sires, dams and damsires of those horses
    -- and of the horses whose row changed (a pedigree filled in later), the ancestors that are
    -- those horses, and the ancestors without a statistics row yet.
    if not recompute_all then
      with touched as (
        select ru.horse_id, ru.jockey_id, ru.trainer_id
        from public.ra_mst_runners ru
        where ru.updated_at > touched_since
        union
        select ru.horse_id, ru.jockey_id, ru.trainer_id
        from public.ra_mst_races ra
        join public.ra_mst_runners ru on ru.race_id = ra.id
        where ra.updated_at > touched_since
        union
        select ru.horse_id, ru.jockey_id, ru.trainer_id
        from public.ra_mst_races ra
        join public.ra_mst_runners ru on ru.race_id = ra.id
        where state.last_as_of is distinct from reference_date
          and coalesce(ra.race_date, (ra.off_dt at time zone 'Europe/London')::date)
            between least(state.last_as_of, reference_date)
                and greatest(state.last_as_of, reference_date)
      )
      select coalesce(array_agg(distinct x.horse_id), '{}'),
             coalesce(array_agg(distinct x.jockey_id) filter (where x.jockey_id is not null), '{}'),
             coalesce(array_agg(distinct x.trainer_id) filter (where x.trainer_id is not null),
                      '{}')
      from touched x
      into stats_horse_ids, stats_jockey_ids, stats_trainer_ids;

      with horses as (
        select h.id, h.sire_id, h.dam_id, h.damsire_id
        from public.ra_mst_horses h
        where h.id = any (stats_horse_ids) or h.updated_at > touched_since
      )
      select
        array(
          select x.sire_id from horses x where x.sire_id is not null
          union
          select m.id from public.ra_mst_sires m where m.horse_id = any (stats_horse_ids)
          union
          select m.id from public.ra_mst_sires m
          where not exists (select 1 from public.ra_sire_statistics s where s.sire_id = m.id)),
        array(
          select x.dam_id from horses x where x.dam_id is not null
          union
          select m.id from public.ra_mst_dams m where m.horse_id = any (stats_horse_ids)
          union
          select m.id from public.ra_mst_dams m
          where not exists (select 1 from public.ra_dam_statistics s where s.dam_id = m.id)),
        array(
          select x.damsire_id from horses x where x.damsire_id is not null
          union
          select m.id from public.ra_mst_damsires m where m.horse_id = any (stats_horse_ids)
          union
          select m.id from public.ra_mst_damsires m
          where not exists (
            select 1 from public.ra_damsire_statistics s where s.damsire_id = m.id))
      into sire_ids, dam_ids, damsire_ids;
    end if;

    with sires_new as materialized (
      select * from ra_private.pedigree_statistics('sire', reference_date, sire_ids)
    ),
    dams_new as materialized (
      select * from ra_private.pedigree_statistics('dam', reference_date, dam_ids)
    ),
    damsires_new as materialized (
      select * from ra_private.pedigree_statistics('damsire', reference_date, damsire_ids)
    ),
    sires as (
      insert into public.ra_sire_statistics as t
      select * from sires_new
      on conflict (sire_id) do update
      set (
      sire_id, total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent,
      place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent, top_class_1,
      top_class_1_runs, top_class_1_wins, top_class_1_win_percent, top_class_1_expected_wins,
      top_class_1_ae_index, top_class_2, top_class_2_runs, top_class_2_wins,
      top_class_2_win_percent, top_class_2_expected_wins, top_class_2_ae_index, top_class_3,
      top_class_3_runs, top_class_3_wins, top_class_3_win_percent, top_class_3_expected_wins,
      top_class_3_ae_index, top_distance_1, top_distance_1_runs, top_distance_1_wins,
      top_distance_1_win_percent, top_distance_1_expected_wins, top_distance_1_ae_index,
      top_distance_2, top_distance_2_runs, top_distance_2_wins, top_distance_2_win_percent,
      top_distance_2_expected_wins, top_distance_2_ae_index, top_distance_3, top_distance_3_runs,
      top_distance_3_wins, top_distance_3_win_percent, top_distance_3_expected_wins,
      top_distance_3_ae_index, best_class, best_class_runs, best_class_wins,
      best_class_win_percent, best_class_expected_wins, best_class_ae_index, best_distance,
      best_distance_runs, best_distance_wins, best_distance_win_percent,
      best_distance_expected_wins, best_distance_ae_index, own_runs, own_wins, own_places,
      own_win_percent
      ) = row (excluded.*)
      where t is distinct from excluded
      returning 1
    ),
    dams as (
      insert into public.ra_dam_statistics as t
      select * from dams_new
      on conflict (dam_id) do update
      set (
      dam_id, total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent,
      place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent, top_class_1,
      top_class_1_runs, top_class_1_wins, top_class_1_win_percent, top_class_1_expected_wins,
      top_class_1_ae_index, top_class_2, top_class_2_runs, top_class_2_wins,
      top_class_2_win_percent, top_class_2_expected_wins, top_class_2_ae_index, top_class_3,
      top_class_3_runs, top_class_3_wins, top_class_3_win_percent, top_class_3_expected_wins,
      top_class_3_ae_index, top_distance_1, top_distance_1_runs, top_distance_1_wins,
      top_distance_1_win_percent, top_distance_1_expected_wins, top_distance_1_ae_index,
      top_distance_2, top_distance_2_runs, top_distance_2_wins, top_distance_2_win_percent,
      top_distance_2_expected_wins, top_distance_2_ae_index, top_distance_3, top_distance_3_runs,
      top_distance_3_wins, top_distance_3_win_percent, top_distance_3_expected_wins,
      top_distance_3_ae_index, best_class, best_class_runs, best_class_wins,
      best_class_win_percent, best_class_expected_wins, best_class_ae_index, best_distance,
      best_distance_runs, best_distance_wins, best_distance_win_percent,
      best_distance_expected_wins, best_distance_ae_index, own_runs, own_wins, own_places,
      own_win_percent
      ) = row (excluded.*)
      where t is distinct from excluded
      returning 1
    ),
    damsires as (
      insert into public.ra_damsire_statistics as t
      select * from damsires_new
      on conflict (damsire_id) do update
      set (
      damsire_id, total_runs, total_wins, total_places, total_seconds, total_thirds, win_percent,
      place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent, top_class_1,
      top_class_1_runs, top_class_1_wins, top_class_1_win_percent, top_class_1_expected_wins,
      top_class_1_ae_index, top_class_2, top_class_2_runs, top_class_2_wins,
      top_class_2_win_percent, top_class_2_expected_wins, top_class_2_ae_index, top_class_3,
      top_class_3_runs, top_class_3_wins, top_class_3_win_percent, top_class_3_expected_wins,
      top_class_3_ae_index, top_distance_1, top_distance_1_runs, top_distance_1_wins,
      top_distance_1_win_percent, top_distance_1_expected_wins, top_distance_1_ae_index,
      top_distance_2, top_distance_2_runs, top_distance_2_wins, top_distance_2_win_percent,
      top_distance_2_expected_wins, top_distance_2_ae_index, top_distance_3, top_distance_3_runs,
      top_distance_3_wins, top_distance_3_win_percent, top_distance_3_expected_wins,
      top_distance_3_ae_index, best_class, best_class_runs, best_class_wins,
      best_class_win_percent, best_class_expected_wins, best_class_ae_index, best_distance,
      best_distance_runs, best_distance_wins, best_distance_win_percent,
      best_distance_expected_wins, best_distance_ae_index, own_runs, own_wins, own_places,
      own_win_percent
      ) = row (excluded.*)
      where t is distinct from excluded
      returning 1
    )
    select (select count(*) from sires_new)::integer + (select count(*) from dams_new)::integer
             + (select count(*) from damsires_new)::integer,
           (select count(*) from sires)::integer,
           (select count(*) from dams)::integer,
           (select count(*) from damsires)::integer
    into pedigree_recomputed, sires_changed, dams_changed, damsires_changed;

    -- Pairs: those of a recomputed jockey with a recomputed trainer. A pair no longer at the
    -- threshold (a result corrected) leaves the table.
    with pairs_new as materialized (
      select * from ra_private.combination_statistics(reference_date, stats_jockey_ids,
                                                      stats_trainer_ids)
    ),
    upserted as (
      insert into public.ra_entity_combinations as t
      select * from pairs_new
      on conflict (jockey_id, trainer_id) do update
      set (
      jockey_id, trainer_id, runs, wins, places, win_percent, place_percent, expected_wins,
      ae_index, profit_loss_1u, roi_percent, first_run_date, last_run_date
      ) = row (excluded.*)
      where t is distinct from excluded
      returning 1
    ),
    removed as (
      delete from public.ra_entity_combinations t
      where (stats_jockey_ids is null or t.jockey_id = any (stats_jockey_ids))
        and (stats_trainer_ids is null or t.trainer_id = any (stats_trainer_ids))
        and not exists (
          select 1 from pairs_new n where n.jockey_id = t.jockey_id and n.trainer_id = t.trainer_id)
      returning 1
    )
    select (select count(*) from upserted)::integer + (select count(*) from removed)::integer
    into combinations_changed;

    -- Distance and venue: every row of a recomputed horse, jockey or trainer; its rows that are
    -- no longer computed (a band or course it no longer has a run in) leave the table.
    with distance_new as materialized (
      select * from ra_private.distance_performance(reference_date, stats_horse_ids,
                                                    stats_jockey_ids, stats_trainer_ids)
    ),
    upserted as (
      insert into public.ra_performance_by_distance as t
      select * from distance_new
      on conflict (entity_type, entity_id, distance_band, going_group) do update
      set (
      entity_type, entity_id, distance_band, going_group, runs, wins, places, win_percent,
      place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent
      ) = row (excluded.*)
      where t is distinct from excluded
      returning 1
    ),
    removed as (
      delete from public.ra_performance_by_distance t
      where ((t.entity_type = 'horse'
               and (stats_horse_ids is null or t.entity_id = any (stats_horse_ids)))
          or (t.entity_type = 'jockey'
               and (stats_jockey_ids is null or t.entity_id = any (stats_jockey_ids)))
          or (t.entity_type = 'trainer'
               and (stats_trainer_ids is null or t.entity_id = any (stats_trainer_ids))))
        and not exists (
          select 1 from distance_new n
          where n.entity_type = t.entity_type and n.entity_id = t.entity_id
            and n.distance_band = t.distance_band and n.going_group = t.going_group)
      returning 1
    )
    select (select count(*) from upserted)::integer + (select count(*) from removed)::integer
    into distance_changed;

    with venue_new as materialized (
      select * from ra_private.venue_performance(reference_date, stats_jockey_ids,
                                                 stats_trainer_ids)
    ),
    upserted as (
      insert into public.ra_performance_by_venue as t
      select * from venue_new
      on conflict (entity_type, entity_id, course_id, going_group) do update
      set (
      entity_type, entity_id, course_id, going_group, runs, wins, places, win_percent,
      place_percent, expected_wins, ae_index, profit_loss_1u, roi_percent
      ) = row (excluded.*)
      where t is distinct from excluded
      returning 1
    ),
    removed as (
      delete from public.ra_performance_by_venue t
      where ((t.entity_type = 'jockey'
               and (stats_jockey_ids is null or t.entity_id = any (stats_jockey_ids)))
          or (t.entity_type = 'trainer'
               and (stats_trainer_ids is null or t.entity_id = any (stats_trainer_ids))))
        and not exists (
          select 1 from venue_new n
          where n.entity_type = t.entity_type and n.entity_id = t.entity_id
            and n.course_id = t.course_id and n.going_group = t.going_group)
      returning 1
    )
    select (select count(*) from upserted)::integer + (select count(*) from removed)::integer
    into venue_changed;

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
          'runners_recomputed', runners_recomputed,
          'pedigree_recomputed', pedigree_recomputed,
          'rows_changed', jsonb_build_object(
            'ra_jockey_statistics', jockeys_changed,
            'ra_trainer_statistics', trainers_changed,
            'ra_owner_statistics', owners_changed,
            'days_since_only', dated,
            'ra_runner_statistics', runners_changed + runners_removed,
            'ra_sire_statistics', sires_changed,
            'ra_dam_statistics', dams_changed,
            'ra_damsire_statistics', damsires_changed,
            'ra_entity_combinations', combinations_changed,
            'ra_performance_by_distance', distance_changed,
            'ra_performance_by_venue', venue_changed))
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
  'Refreshes every statistic as of as_of (default: today in Europe/London), set-based, in one '
  'transaction: the people (ra_jockey/trainer/owner_statistics), the runner form '
  '(ra_runner_statistics), the pedigree (ra_sire/dam/damsire_statistics), the jockey and trainer '
  'pairs (ra_entity_combinations) and the performance by distance and by course '
  '(ra_performance_by_distance, ra_performance_by_venue). Incremental (full false) recomputes the '
  'people, horses, ancestors and runners whose runs or races changed since the last refresh (and, '
  'when the reference date moved, those with runs near it); full recomputes everything. Only '
  'changed rows are written, so a rerun changes nothing; rows_written counts the people rows, '
  'summary.rows_changed every table. Each call is a refresh-statistics row in ra_sync_runs '
  '(returned); a failure is recorded there as failed and leaves the statistics as they were.';

-- Dead heats changed P/L and the new tables start empty: the next refresh is a full one.
update ra_private.statistics_state set last_refresh_at = null where singleton;

-- ---------------------------------------------------------------------------------------------
-- Privileges: nothing here is for the API roles.
-- ---------------------------------------------------------------------------------------------

revoke all on table public.ra_sire_statistics, public.ra_dam_statistics,
  public.ra_damsire_statistics, public.ra_entity_combinations, public.ra_performance_by_distance,
  public.ra_performance_by_venue from public;
revoke all on function ra_private.distance_band_rank(text) from public;
revoke all on function ra_private.statistics_setting(text) from public;
revoke all on function ra_private.pedigree_statistics(text, date, text[]) from public;
revoke all on function ra_private.combination_statistics(date, text[], text[]) from public;
revoke all on function ra_private.distance_performance(date, text[], text[], text[]) from public;
revoke all on function ra_private.venue_performance(date, text[], text[]) from public;
revoke all on function ra_private.refresh_statistics(boolean, date) from public;

do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated'] loop
    if exists (select 1 from pg_catalog.pg_roles where rolname = api_role) then
      execute format('revoke all on table public.ra_sire_statistics, public.ra_dam_statistics, '
        'public.ra_damsire_statistics, public.ra_entity_combinations, '
        'public.ra_performance_by_distance, public.ra_performance_by_venue from %I', api_role);
      execute format('revoke all on function ra_private.distance_band_rank(text), '
        'ra_private.statistics_setting(text), '
        'ra_private.pedigree_statistics(text, date, text[]), '
        'ra_private.combination_statistics(date, text[], text[]), '
        'ra_private.distance_performance(date, text[], text[], text[]), '
        'ra_private.venue_performance(date, text[], text[]), '
        'ra_private.refresh_statistics(boolean, date) from %I', api_role);
    end if;
  end loop;
end
$$;
