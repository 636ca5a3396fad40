/**
 * Column ownership of the data tables: the one place that says, per table, which columns form
 * the key, which parent tables the foreign keys point at, and which columns each writer source
 * (racecard, result, enrichment, masters) owns and how its upsert merges them.
 * The table and source names are in `tables.ts`; the row types derived from this table, and
 * its lookups, in `row_batch.ts`.
 *
 * Everything is typed against the generated `database_types.ts`, so renaming or dropping a
 * column in a migration (and regenerating the types) breaks `deno check` here.
 *
 * Merge policies (how `ON CONFLICT DO UPDATE` combines the stored value `t.c` with the incoming
 * `excluded.c`). A column a row leaves out (absent key or `undefined`) is never touched; a
 * `null` means "the payload gave no value", and the policy decides what that does:
 * - `coalesce`: `coalesce(excluded.c, t.c)`: a value overwrites, null keeps the stored one.
 * - `replace`: `excluded.c`: the source states the column completely, null included (only for
 *   result outcome columns, which a stewards' change can clear: a disqualified winner loses
 *   its position). Leave the key out when the payload lacks the field.
 * - `fill`: `coalesce(t.c, excluded.c)`: only fills an empty column (a weaker source).
 * - `earliest` / `latest`: `least` / `greatest` of both (first and last seen dates).
 */
import type { TableName, TableSpec } from "./tables.ts";

// Person tables share one shape: name from runners (and from masters searches), plus the
// racing dates on which a stored card or result named the person.
const PERSON_FROM_RUNNERS = {
  name: "coalesce",
  first_seen_date: "earliest",
  last_seen_date: "latest",
} as const;

// Sires, dams and damsires: name (suffix stripped) and breeding region from runners and from
// horse profiles. horse_id is generated from the id, so no source writes it.
const ANCESTOR = {
  keys: ["id"],
  parents: {},
  owners: {
    racecard: { name: "coalesce", region: "coalesce" },
    result: { name: "coalesce", region: "coalesce" },
    enrichment: { name: "coalesce", region: "coalesce" },
  },
} as const;

// Runner columns both a racecard and a result carry: the latest non-null value wins, so the
// normal order (card, then result) leaves the result's values.
const RUNNER_SHARED = {
  jockey_id: "coalesce",
  trainer_id: "coalesce",
  owner_id: "coalesce",
  number: "coalesce",
  draw: "coalesce",
  age: "coalesce",
  weight_lbs: "coalesce",
  jockey_claim_lbs: "coalesce",
  headgear: "coalesce",
  silk_url: "coalesce",
} as const;

// Race columns both a racecard and a result describe.
const RACE_SHARED = {
  course_id: "coalesce",
  region: "coalesce",
  race_name: "coalesce",
  race_date: "coalesce",
  off_dt: "coalesce",
  type: "coalesce",
  race_class: "coalesce",
  pattern: "coalesce",
  age_band: "coalesce",
  rating_band: "coalesce",
  sex_restriction: "coalesce",
  distance_round: "coalesce",
  distance_f: "coalesce",
  going: "coalesce",
  surface: "coalesce",
  jumps: "coalesce",
} as const;

/** Keys, parents and column ownership of every data table. */
export const TABLES = {
  // masters: /v1/courses/regions.
  ra_mst_regions: {
    keys: ["code"],
    parents: {},
    owners: { masters: { name: "coalesce" } },
  },
  // masters: /v1/courses. Racecards and results only fill an empty (key-only) course row.
  // latitude/longitude are set by hand: no source owns them.
  ra_mst_courses: {
    keys: ["id"],
    parents: {},
    owners: {
      masters: { name: "coalesce", region_code: "coalesce", region: "coalesce" },
      racecard: { name: "fill", region_code: "fill" },
      result: { name: "fill", region_code: "fill" },
    },
  },
  // masters: the seeded bookmaker list.
  ra_mst_bookmakers: {
    keys: ["id"],
    parents: {},
    owners: { masters: { name: "coalesce", type: "coalesce", is_active: "coalesce" } },
  },
  // masters: the API's bookmaker names in odds, each mapped to a bookmaker.
  ra_mst_bookmaker_aliases: {
    keys: ["alias"],
    parents: { bookmaker_id: "ra_mst_bookmakers" },
    owners: { masters: { bookmaker_id: "replace" } },
  },
  // racecard + result runners (names without the claim suffix); masters searches.
  ra_mst_jockeys: {
    keys: ["id"],
    parents: {},
    owners: {
      racecard: PERSON_FROM_RUNNERS,
      result: PERSON_FROM_RUNNERS,
      masters: { name: "coalesce" },
    },
  },
  // As jockeys; only racecards carry trainer_location.
  ra_mst_trainers: {
    keys: ["id"],
    parents: {},
    owners: {
      racecard: { ...PERSON_FROM_RUNNERS, location: "coalesce" },
      result: PERSON_FROM_RUNNERS,
      masters: { name: "coalesce" },
    },
  },
  // As jockeys.
  ra_mst_owners: {
    keys: ["id"],
    parents: {},
    owners: {
      racecard: PERSON_FROM_RUNNERS,
      result: PERSON_FROM_RUNNERS,
      masters: { name: "coalesce" },
    },
  },
  ra_mst_sires: ANCESTOR,
  ra_mst_dams: ANCESTOR,
  ra_mst_damsires: ANCESTOR,
  // racecard: the full profile a pro card carries (profile_source 'racecard' when it did);
  // result: name, region (from the name suffix), sex_code and pedigree ids;
  // enrichment: the /pro or /standard profile, profile_source and enriched_at (set also when
  // nothing was found). enrichment_status is generated from profile_source and enriched_at.
  ra_mst_horses: {
    keys: ["id"],
    parents: {
      sire_id: "ra_mst_sires",
      dam_id: "ra_mst_dams",
      damsire_id: "ra_mst_damsires",
    },
    owners: {
      racecard: {
        name: "coalesce",
        region: "coalesce",
        dob: "coalesce",
        sex: "coalesce",
        sex_code: "coalesce",
        colour: "coalesce",
        breeder: "coalesce",
        sire_id: "coalesce",
        dam_id: "coalesce",
        damsire_id: "coalesce",
        profile_source: "coalesce",
        first_seen_date: "earliest",
        last_seen_date: "latest",
      },
      result: {
        name: "coalesce",
        region: "coalesce",
        sex_code: "coalesce",
        sire_id: "coalesce",
        dam_id: "coalesce",
        damsire_id: "coalesce",
        first_seen_date: "earliest",
        last_seen_date: "latest",
      },
      enrichment: {
        name: "coalesce",
        region: "coalesce",
        dob: "coalesce",
        sex: "coalesce",
        sex_code: "coalesce",
        colour: "coalesce",
        colour_code: "coalesce",
        breeder: "coalesce",
        sire_id: "coalesce",
        dam_id: "coalesce",
        damsire_id: "coalesce",
        profile_source: "coalesce",
        enriched_at: "replace",
      },
    },
  },
  // racecard: the card's description of the race; result: the same description (the course
  // name only when empty, as results add a region suffix) plus the result columns.
  // off_time is generated from off_dt.
  ra_mst_races: {
    keys: ["id"],
    parents: { course_id: "ra_mst_courses" },
    owners: {
      racecard: {
        ...RACE_SHARED,
        course_name: "coalesce",
        distance: "coalesce",
        going_detailed: "coalesce",
        rail_movements: "coalesce",
        stalls: "coalesce",
        weather: "coalesce",
        prize_amount: "coalesce",
        prize_currency: "coalesce",
        field_size: "coalesce",
        is_big_race: "coalesce",
        is_abandoned: "coalesce",
        race_status: "coalesce",
        tip: "coalesce",
        verdict: "coalesce",
        betting_forecast: "coalesce",
      },
      result: {
        ...RACE_SHARED,
        course_name: "fill",
        distance_y: "coalesce",
        distance_m: "coalesce",
        has_result: "coalesce",
        winning_time_seconds: "coalesce",
        winning_time_detail: "coalesce",
        comments: "coalesce",
        non_runners: "coalesce",
        tote_currency: "coalesce",
        tote_win: "coalesce",
        tote_pl: "coalesce",
        tote_ex: "coalesce",
        tote_csf: "coalesce",
        tote_tricast: "coalesce",
        tote_trifecta: "coalesce",
      },
    },
  },
  // racecard: declared (pre-race) columns; result: the outcome, which a result states
  // completely ("replace": a re-run with a changed outcome clears what no longer applies),
  // and the post-race ratings and comment. Shared columns: latest non-null wins.
  ra_mst_runners: {
    keys: ["race_id", "horse_id"],
    parents: {
      race_id: "ra_mst_races",
      horse_id: "ra_mst_horses",
      jockey_id: "ra_mst_jockeys",
      trainer_id: "ra_mst_trainers",
      owner_id: "ra_mst_owners",
    },
    owners: {
      racecard: {
        ...RUNNER_SHARED,
        is_non_runner: "coalesce",
        headgear_run: "coalesce",
        wind_surgery: "coalesce",
        wind_surgery_run: "coalesce",
        form: "coalesce",
        days_since_last_run: "coalesce",
        official_rating: "coalesce",
        rpr: "coalesce",
        topspeed: "coalesce",
        comment: "coalesce",
        spotlight: "coalesce",
        trainer_rtf: "coalesce",
        past_results_flags: "coalesce",
      },
      result: {
        ...RUNNER_SHARED,
        position: "replace",
        finish_status: "replace",
        beaten_lengths: "replace",
        overall_beaten_lengths: "replace",
        finishing_time_seconds: "replace",
        starting_price: "replace",
        starting_price_decimal: "replace",
        sp_favourite: "replace",
        bsp: "replace",
        prize_won_amount: "replace",
        prize_won_currency: "replace",
        result_official_rating: "coalesce",
        result_rpr: "coalesce",
        result_topspeed: "coalesce",
        result_comment: "coalesce",
      },
    },
  },
} as const satisfies { readonly [T in TableName]: TableSpec<T> };
