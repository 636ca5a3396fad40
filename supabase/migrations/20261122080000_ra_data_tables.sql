-- Data tables of the racing sync: masters (courses, regions, bookmakers, people, horses and
-- their ancestors) and events (races, runners), plus the views ra_mst_race_results and
-- ra_horse_pedigree that replace two duplicating tables of the original system.
--
-- Conventions (docs/schema.md lists every column and every change from the original system):
-- - keys are the API's ids as text; only keys (and created_at/updated_at) are NOT NULL,
--   because the API omits things;
-- - one unit per column, named for it (distance_f, distance_y, distance_m); money is an amount
--   plus a currency; times are timestamptz from `off_dt`;
-- - foreign keys always hold: the writer (`_shared/db/writer.ts`) inserts a key-only row for
--   any referenced parent the batch does not carry, before the child rows;
-- - RLS is on for every table with no policies: only the service role (which bypasses RLS)
--   reads or writes until a later change opens reads.

-- ---------------------------------------------------------------------------------------------
-- Masters
-- ---------------------------------------------------------------------------------------------

create table public.ra_mst_regions (
  code text primary key,
  name text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.ra_mst_regions is
  'Racing regions from /v1/courses/regions (code lower-case: gb, ire, fr, …).';

create table public.ra_mst_courses (
  id text primary key,
  name text,
  region_code text,
  region text,
  latitude numeric,
  longitude numeric,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.ra_mst_courses is
  'Courses from /v1/courses (crs_ ids). A race may create a key-only row before sync-masters fills it.';
comment on column public.ra_mst_courses.name is
  'Course name as /v1/courses gives it ("Dundalk (AW)"); results add a region suffix that is not stored.';
comment on column public.ra_mst_courses.region_code is
  'Lower-case region code ("gb", "ire"); matches ra_mst_regions.code (not enforced: regions are a lookup).';
comment on column public.ra_mst_courses.region is 'Region name ("Great Britain").';
comment on column public.ra_mst_courses.latitude is
  'Not from the API: set by hand; no sync writer touches it.';
comment on column public.ra_mst_courses.longitude is
  'Not from the API: set by hand; no sync writer touches it.';

create table public.ra_mst_bookmakers (
  id text primary key,
  name text,
  type text,
  is_active boolean,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.ra_mst_bookmakers is
  'Bookmakers (the API has no bookmaker endpoint: a seeded list). id is a slug such as bet365.';
comment on column public.ra_mst_bookmakers.type is 'online, exchange or spread.';

create table public.ra_mst_bookmaker_aliases (
  alias text primary key,
  bookmaker_id text not null references public.ra_mst_bookmakers (id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.ra_mst_bookmaker_aliases is
  'Bookmaker names exactly as the API writes them in runner odds ("Bet365", "William Hill"), each mapped to one bookmaker.';
create index ra_mst_bookmaker_aliases_bookmaker_id_idx
  on public.ra_mst_bookmaker_aliases (bookmaker_id);

create table public.ra_mst_jockeys (
  id text primary key,
  name text,
  first_seen_date date,
  last_seen_date date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.ra_mst_jockeys is 'Jockeys (jky_ ids), taken from racecard and result runners.';
comment on column public.ra_mst_jockeys.name is
  'Name without the claim suffix that racecards add ("Joe Williamson", not "Joe Williamson(5)").';
comment on column public.ra_mst_jockeys.first_seen_date is
  'Earliest race date on which a stored racecard or result named this jockey.';
comment on column public.ra_mst_jockeys.last_seen_date is
  'Latest race date on which a stored racecard or result named this jockey (can be a future, declared race).';

create table public.ra_mst_trainers (
  id text primary key,
  name text,
  location text,
  first_seen_date date,
  last_seen_date date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.ra_mst_trainers is 'Trainers (trn_ ids), taken from racecard and result runners.';
comment on column public.ra_mst_trainers.location is
  'Racecard trainer_location ("Newmarket, Suffolk"); results do not carry it.';
comment on column public.ra_mst_trainers.first_seen_date is
  'Earliest race date on which a stored racecard or result named this trainer.';
comment on column public.ra_mst_trainers.last_seen_date is
  'Latest race date on which a stored racecard or result named this trainer (can be a future, declared race).';

create table public.ra_mst_owners (
  id text primary key,
  name text,
  first_seen_date date,
  last_seen_date date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.ra_mst_owners is 'Owners (own_ ids), taken from racecard and result runners.';
comment on column public.ra_mst_owners.first_seen_date is
  'Earliest race date on which a stored racecard or result named this owner.';
comment on column public.ra_mst_owners.last_seen_date is
  'Latest race date on which a stored racecard or result named this owner (can be a future, declared race).';

-- Sires, dams and damsires: the API gives each ancestor an id in its own namespace (sir_, dam_,
-- dsi_) whose digits are the ancestor's own horse id. horse_id is derived from the id, so it is
-- always right; it has no foreign key because the ancestor's own horse row may not exist.
create table public.ra_mst_sires (
  id text primary key,
  name text,
  region text,
  horse_id text generated always as (regexp_replace(id, '^[a-z]+_', 'hrs_')) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.ra_mst_sires is 'Sires (sir_ ids) named by runners and horse profiles.';
comment on column public.ra_mst_sires.name is 'Name without the country suffix ("Sottsass", not "Sottsass (FR)").';
comment on column public.ra_mst_sires.region is 'Country of breeding, upper-case as the API writes it ("FR", "IRE").';
comment on column public.ra_mst_sires.horse_id is
  'The sire''s own horse id (hrs_ + the same digits), derived from id; no foreign key.';

create table public.ra_mst_dams (
  id text primary key,
  name text,
  region text,
  horse_id text generated always as (regexp_replace(id, '^[a-z]+_', 'hrs_')) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.ra_mst_dams is 'Dams (dam_ ids) named by runners and horse profiles.';
comment on column public.ra_mst_dams.name is 'Name without the country suffix.';
comment on column public.ra_mst_dams.region is 'Country of breeding, upper-case as the API writes it.';
comment on column public.ra_mst_dams.horse_id is
  'The dam''s own horse id (hrs_ + the same digits), derived from id; no foreign key.';

create table public.ra_mst_damsires (
  id text primary key,
  name text,
  region text,
  horse_id text generated always as (regexp_replace(id, '^[a-z]+_', 'hrs_')) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.ra_mst_damsires is 'Damsires (dsi_ ids) named by runners and horse profiles.';
comment on column public.ra_mst_damsires.name is 'Name without the country suffix.';
comment on column public.ra_mst_damsires.region is 'Country of breeding, upper-case as the API writes it.';
comment on column public.ra_mst_damsires.horse_id is
  'The damsire''s own horse id (hrs_ + the same digits), derived from id; no foreign key.';

create table public.ra_mst_horses (
  id text primary key,
  name text,
  region text,
  dob date,
  sex text,
  sex_code text,
  colour text,
  colour_code text,
  breeder text,
  sire_id text references public.ra_mst_sires (id),
  dam_id text references public.ra_mst_dams (id),
  damsire_id text references public.ra_mst_damsires (id),
  profile_source text check (profile_source in ('racecard', 'pro', 'standard')),
  enriched_at timestamptz,
  enrichment_status text generated always as (
    case
      when profile_source is not null then 'enriched'
      when enriched_at is not null then 'not_found'
      else 'pending'
    end
  ) stored,
  first_seen_date date,
  last_seen_date date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.ra_mst_horses is
  'Horses (hrs_ ids) from runners; the profile comes from the racecard or, failing that, from /v1/horses/{id}/pro|standard.';
comment on column public.ra_mst_horses.name is
  'Name without the country suffix: racecards give "Seneque", results and profiles "Veraison (IRE)"; the suffix goes to region.';
comment on column public.ra_mst_horses.region is
  'Country of breeding, upper-case as the API writes it ("IRE", "GB", "FR").';
comment on column public.ra_mst_horses.sex is 'Word: colt, filly, gelding, horse, mare.';
comment on column public.ra_mst_horses.sex_code is 'Code: C, F, G, H, M (results give only this).';
comment on column public.ra_mst_horses.colour is 'Colour abbreviation as the API writes it ("b", "ch", "b/br").';
comment on column public.ra_mst_horses.colour_code is 'Upper-case colour code from the horse profile ("B").';
comment on column public.ra_mst_horses.profile_source is
  'Where the profile (dob, sex, colour, breeder, pedigree) came from: racecard, pro or standard; null while unknown.';
comment on column public.ra_mst_horses.enriched_at is
  'When enrich-horses last fetched the horse profile (found or not).';
comment on column public.ra_mst_horses.enrichment_status is
  'Derived: enriched (profile known), not_found (profile fetch found nothing), pending (enrich-horses will fetch it).';
comment on column public.ra_mst_horses.first_seen_date is
  'Earliest race date on which a stored racecard or result carried this horse.';
comment on column public.ra_mst_horses.last_seen_date is
  'Latest race date on which a stored racecard or result carried this horse (can be a future, declared race).';
create index ra_mst_horses_sire_id_idx on public.ra_mst_horses (sire_id);
create index ra_mst_horses_dam_id_idx on public.ra_mst_horses (dam_id);
create index ra_mst_horses_damsire_id_idx on public.ra_mst_horses (damsire_id);
create index ra_mst_horses_pending_idx on public.ra_mst_horses (id)
  where enrichment_status = 'pending';

-- ---------------------------------------------------------------------------------------------
-- Events
-- ---------------------------------------------------------------------------------------------

create table public.ra_mst_races (
  id text primary key,
  course_id text references public.ra_mst_courses (id),
  course_name text,
  region text,
  race_name text,
  race_date date,
  off_dt timestamptz,
  off_time time generated always as ((off_dt at time zone 'Europe/London')::time) stored,
  type text,
  race_class integer,
  pattern text,
  age_band text,
  rating_band text,
  sex_restriction text,
  distance_round text,
  distance text,
  distance_f numeric,
  distance_y integer,
  distance_m numeric,
  going text,
  going_detailed text,
  surface text,
  jumps text,
  rail_movements text,
  stalls text,
  weather text,
  prize_amount numeric,
  prize_currency text,
  field_size integer,
  is_big_race boolean,
  is_abandoned boolean,
  race_status text,
  tip text,
  verdict text,
  betting_forecast text,
  has_result boolean,
  winning_time_seconds numeric,
  winning_time_detail text,
  comments text,
  non_runners text,
  tote_currency text,
  tote_win numeric,
  tote_pl numeric[],
  tote_ex numeric,
  tote_csf numeric,
  tote_tricast numeric,
  tote_trifecta numeric,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.ra_mst_races is
  'Races (rac_ ids): pre-race columns from /v1/racecards/pro, post-race columns from /v1/results.';
comment on column public.ra_mst_races.course_name is
  'Course name as the racecard gives it; a result fills it only when empty (results add a region suffix).';
comment on column public.ra_mst_races.region is 'Upper-case region of the course as the API writes it ("GB", "IRE").';
comment on column public.ra_mst_races.race_date is 'Racing date (UK) of the race: API date.';
comment on column public.ra_mst_races.off_dt is 'Scheduled off time from the API off_dt (never from the 12-hour off_time).';
comment on column public.ra_mst_races.off_time is 'Derived: local UK clock time (24-hour) of off_dt.';
comment on column public.ra_mst_races.type is 'Flat, Hurdle, Chase or NH Flat.';
comment on column public.ra_mst_races.race_class is 'Class number 1-7 ("Class 5" gives 5); null for unclassed races (Irish, foreign).';
comment on column public.ra_mst_races.sex_restriction is 'Racecard sex_restriction / result sex_rest.';
comment on column public.ra_mst_races.distance_round is 'Rounded distance as text ("1m", "2m6f"): racecard distance_round, result dist.';
comment on column public.ra_mst_races.distance is 'Exact distance as text ("2m6f31y"): racecard distance.';
comment on column public.ra_mst_races.distance_f is 'Distance in furlongs (racecard distance_f "8.0", result dist_f "8.5f").';
comment on column public.ra_mst_races.distance_y is 'Distance in yards (result dist_y).';
comment on column public.ra_mst_races.distance_m is 'Distance in metres (result dist_m).';
comment on column public.ra_mst_races.prize_amount is 'Racecard prize ("£12,851" gives 12851).';
comment on column public.ra_mst_races.prize_currency is 'ISO currency of prize_amount (GBP, EUR).';
comment on column public.ra_mst_races.field_size is 'API field_size (declared runners; non-runners can make it differ from the runner count).';
comment on column public.ra_mst_races.is_big_race is 'API big_race.';
comment on column public.ra_mst_races.race_status is 'API race_status (values undocumented).';
comment on column public.ra_mst_races.has_result is 'True once a result for the race was stored.';
comment on column public.ra_mst_races.winning_time_seconds is 'Winner''s time in seconds (the winning runner''s time "2:19.97" gives 139.97).';
comment on column public.ra_mst_races.winning_time_detail is 'Result winning_time_detail ("2m 19.97s (slow by 2.07s)").';
comment on column public.ra_mst_races.comments is 'Result comments (stewards'' notes, "New course record").';
comment on column public.ra_mst_races.non_runners is 'Result non_runners, free text ("Name (reason), Name (reason)").';
comment on column public.ra_mst_races.tote_currency is 'ISO currency of the tote_* amounts.';
comment on column public.ra_mst_races.tote_pl is 'Tote place dividends, one per placed horse, in finishing order.';

create index ra_mst_races_race_date_idx on public.ra_mst_races (race_date);
create index ra_mst_races_course_id_race_date_idx on public.ra_mst_races (course_id, race_date);

create table public.ra_mst_runners (
  race_id text not null references public.ra_mst_races (id),
  horse_id text not null references public.ra_mst_horses (id),
  jockey_id text references public.ra_mst_jockeys (id),
  trainer_id text references public.ra_mst_trainers (id),
  owner_id text references public.ra_mst_owners (id),
  number integer,
  draw integer,
  is_non_runner boolean,
  age integer,
  weight_lbs integer,
  jockey_claim_lbs integer,
  headgear text,
  headgear_run integer,
  wind_surgery boolean,
  wind_surgery_run integer,
  form text,
  days_since_last_run integer,
  official_rating integer,
  rpr integer,
  topspeed integer,
  comment text,
  spotlight text,
  trainer_rtf integer,
  past_results_flags text[],
  silk_url text,
  position integer,
  finish_status text,
  beaten_lengths numeric,
  overall_beaten_lengths numeric,
  finishing_time_seconds numeric,
  starting_price text,
  starting_price_decimal numeric,
  sp_favourite text,
  bsp numeric,
  prize_won_amount numeric,
  prize_won_currency text,
  result_official_rating integer,
  result_rpr integer,
  result_topspeed integer,
  result_comment text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (race_id, horse_id)
);
comment on table public.ra_mst_runners is
  'One row per horse per race: declared (pre-race) columns from racecards, result columns from results.';
comment on column public.ra_mst_runners.jockey_id is 'Null while no jockey is declared (the API gives "").';
comment on column public.ra_mst_runners.owner_id is 'Null when the API gives "".';
comment on column public.ra_mst_runners.number is 'Saddle-cloth number; null for a non-runner ("NR").';
comment on column public.ra_mst_runners.draw is 'Stall; null when there is none (jumps races, non-runners).';
comment on column public.ra_mst_runners.is_non_runner is 'Racecard number "NR".';
comment on column public.ra_mst_runners.age is 'Age in years at the race.';
comment on column public.ra_mst_runners.weight_lbs is 'Weight carried in lb (racecard lbs, result weight_lbs).';
comment on column public.ra_mst_runners.jockey_claim_lbs is 'Apprentice allowance in lb (result jockey_claim_lbs, racecard jockey "(5)" suffix).';
comment on column public.ra_mst_runners.headgear_run is '1 = first time in this headgear.';
comment on column public.ra_mst_runners.wind_surgery is 'Racecard wind_surgery "w".';
comment on column public.ra_mst_runners.wind_surgery_run is 'Runs since wind surgery (1 = first run after it).';
comment on column public.ra_mst_runners.days_since_last_run is 'Racecard last_run: days since the last run (leading integer of "128 (9F)"); null for debutants.';
comment on column public.ra_mst_runners.official_rating is 'Pre-race official rating (racecard ofr).';
comment on column public.ra_mst_runners.rpr is 'Pre-race Racing Post Rating (racecard rpr).';
comment on column public.ra_mst_runners.topspeed is 'Pre-race Topspeed (racecard ts).';
comment on column public.ra_mst_runners.comment is 'Pre-race comment (racecard comment).';
comment on column public.ra_mst_runners.trainer_rtf is 'Trainer runs-to-form percentage.';
comment on column public.ra_mst_runners.position is 'Finishing position; null for a non-finisher (see finish_status).';
comment on column public.ra_mst_runners.finish_status is 'Non-finish code from the result position (PU, UR, F, BD, RR, SU, RO, DSQ, …); null when the runner finished.';
comment on column public.ra_mst_runners.beaten_lengths is 'Lengths behind the horse in front (result btn).';
comment on column public.ra_mst_runners.overall_beaten_lengths is 'Lengths behind the winner (result ovr_btn).';
comment on column public.ra_mst_runners.finishing_time_seconds is 'Runner''s time in seconds (result time "2:19.97" gives 139.97).';
comment on column public.ra_mst_runners.starting_price is 'Result sp as given, with its favourite marker ("9/4F", "EvensF").';
comment on column public.ra_mst_runners.starting_price_decimal is 'Decimal SP (result sp_dec; else from the fraction: a/b + 1, Evens = 2).';
comment on column public.ra_mst_runners.sp_favourite is 'Favourite marker of the SP: F (favourite), J (joint), C (co-favourite); null otherwise.';
comment on column public.ra_mst_runners.bsp is 'Betfair starting price (result bsp).';
comment on column public.ra_mst_runners.prize_won_amount is 'Prize money won (result prize).';
comment on column public.ra_mst_runners.prize_won_currency is 'ISO currency of prize_won_amount.';
comment on column public.ra_mst_runners.result_official_rating is 'Official rating in the result (result or).';
comment on column public.ra_mst_runners.result_rpr is 'Racing Post Rating earned in the race (result rpr).';
comment on column public.ra_mst_runners.result_topspeed is 'Topspeed earned in the race (result tsr).';
comment on column public.ra_mst_runners.result_comment is 'In-running comment (result comment).';

create index ra_mst_runners_horse_id_idx on public.ra_mst_runners (horse_id);
create index ra_mst_runners_jockey_id_idx on public.ra_mst_runners (jockey_id);
create index ra_mst_runners_trainer_id_idx on public.ra_mst_runners (trainer_id);
create index ra_mst_runners_owner_id_idx on public.ra_mst_runners (owner_id);

-- ---------------------------------------------------------------------------------------------
-- Views that replace duplicating tables
-- ---------------------------------------------------------------------------------------------

create view public.ra_mst_race_results with (security_invoker = true) as
select
  ru.race_id,
  ra.race_date,
  ra.off_dt,
  ra.course_id,
  ra.course_name,
  ra.region,
  ra.race_name,
  ru.horse_id,
  h.name as horse_name,
  ru.jockey_id,
  j.name as jockey_name,
  ru.trainer_id,
  t.name as trainer_name,
  ru.owner_id,
  o.name as owner_name,
  h.sire_id,
  h.dam_id,
  h.damsire_id,
  ru.number,
  ru.draw,
  ru.age,
  h.sex_code,
  ru.weight_lbs,
  ru.jockey_claim_lbs,
  ru.headgear,
  ru.position,
  ru.finish_status,
  ru.beaten_lengths,
  ru.overall_beaten_lengths,
  ru.finishing_time_seconds,
  ru.starting_price,
  ru.starting_price_decimal,
  ru.sp_favourite,
  ru.bsp,
  ru.prize_won_amount,
  ru.prize_won_currency,
  ru.result_official_rating,
  ru.result_rpr,
  ru.result_topspeed,
  ru.result_comment,
  ru.silk_url,
  ru.updated_at
from public.ra_mst_runners ru
join public.ra_mst_races ra on ra.id = ru.race_id
left join public.ra_mst_horses h on h.id = ru.horse_id
left join public.ra_mst_jockeys j on j.id = ru.jockey_id
left join public.ra_mst_trainers t on t.id = ru.trainer_id
left join public.ra_mst_owners o on o.id = ru.owner_id
where ru.position is not null or ru.finish_status is not null;
comment on view public.ra_mst_race_results is
  'One row per resulted runner (runners with a position or a non-finish code), with race and names joined; no data of its own.';

create view public.ra_horse_pedigree with (security_invoker = true) as
select
  h.id as horse_id,
  h.sire_id,
  s.name as sire,
  h.dam_id,
  d.name as dam,
  h.damsire_id,
  ds.name as damsire,
  h.breeder,
  h.region,
  h.updated_at
from public.ra_mst_horses h
left join public.ra_mst_sires s on s.id = h.sire_id
left join public.ra_mst_dams d on d.id = h.dam_id
left join public.ra_mst_damsires ds on ds.id = h.damsire_id
where h.sire_id is not null or h.dam_id is not null or h.damsire_id is not null;
comment on view public.ra_horse_pedigree is
  'Sire, dam and damsire of every horse that has any, read from ra_mst_horses and the ancestor tables; no data of its own.';

-- ---------------------------------------------------------------------------------------------
-- Row level security: on everywhere, no policies (the service role bypasses RLS)
-- ---------------------------------------------------------------------------------------------

alter table public.ra_mst_regions enable row level security;
alter table public.ra_mst_courses enable row level security;
alter table public.ra_mst_bookmakers enable row level security;
alter table public.ra_mst_bookmaker_aliases enable row level security;
alter table public.ra_mst_jockeys enable row level security;
alter table public.ra_mst_trainers enable row level security;
alter table public.ra_mst_owners enable row level security;
alter table public.ra_mst_sires enable row level security;
alter table public.ra_mst_dams enable row level security;
alter table public.ra_mst_damsires enable row level security;
alter table public.ra_mst_horses enable row level security;
alter table public.ra_mst_races enable row level security;
alter table public.ra_mst_runners enable row level security;
