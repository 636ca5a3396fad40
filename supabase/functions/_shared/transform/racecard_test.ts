import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { parseApiPayload } from "../racing_api/parse_payload.ts";
import {
  type RacecardPro,
  RacecardProSchema,
  type RacecardsProPage,
  RacecardsProPageSchema,
} from "../racing_api/racecard_schemas.ts";
import * as payloads from "../racing_api/test_payloads.ts";
import { parseRaceClass, racecardsPageToRows, racecardToRows, stallOf } from "./racecard.ts";

const REGIONS = { regions: ["gb", "ire"] };

/** How this file's runners differ from the shared one: no extras, and a Racing Post rating. */
function cardRunnerFields(): Record<string, unknown> {
  return { prev_trainers: [], quotes: [], stable_tour: [], medical: [], rpr: "88" };
}

/** A declared pro runner, as the API sends it. */
function declaredRunner(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return payloads.proRunner({
    ...cardRunnerFields(),
    odds: [payloads.bet365Price({ updated: "2025-10-07 13:03:08", history: [] })],
    ...overrides,
  });
}

/** A non-runner: number "NR", jockey "NON-RUNNER", no jockey or owner id, draw "0". */
function nonRunner(): Record<string, unknown> {
  return payloads.proNonRunner({
    ...cardRunnerFields(),
    dob: "",
    sex: "",
    sex_code: "",
    colour: "",
    region: "",
    breeder: "",
    sire: "",
    sire_id: "",
    dam: "",
    dam_id: "",
    damsire: "",
    damsire_id: "",
    owner: "",
    jockey: "NON-RUNNER",
    headgear: "",
    headgear_run: "",
    wind_surgery: "",
    wind_surgery_run: "",
    past_results_flags: [],
  });
}

/** The shared Irish card with this file's runners and no race_status. */
function proRacecard(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const card = payloads.proRacecard({ runners: [declaredRunner(), nonRunner()], ...overrides });
  delete card.race_status;
  return card;
}

function parseCard(card: Record<string, unknown>): RacecardPro {
  return parseApiPayload(RacecardProSchema, card, "racecard");
}

function parsePage(racecards: Record<string, unknown>[]): RacecardsProPage {
  return parseApiPayload(
    RacecardsProPageSchema,
    { racecards, total: racecards.length, limit: 500, skip: 0, query: [] },
    "racecards page",
  );
}

Deno.test("racecardToRows() maps the race: off_dt in UTC, prize with currency, blanks null", () => {
  const rows = racecardToRows(parseCard(proRacecard()), REGIONS);
  assertEquals(rows.ra_mst_races, [{
    id: "rac_11775764",
    course_id: "crs_5304",
    course_name: "Dundalk (AW)",
    region: "IRE",
    race_name: "Irish Stallion Farms EBF Maiden (Div I)",
    race_date: "2025-10-07",
    // off_time "1:30" is never read: 13:30 BST is 12:30 UTC.
    off_dt: "2025-10-07T12:30:00.000Z",
    type: "Flat",
    race_class: null,
    pattern: null,
    age_band: "2yo",
    rating_band: null,
    sex_restriction: null,
    distance_round: "1m",
    distance: "1m½f",
    distance_f: 8.5,
    going: "Standard",
    going_detailed: null,
    surface: "AW",
    jumps: null,
    rail_movements: null,
    stalls: null,
    weather: null,
    prize_amount: 5900,
    prize_currency: "EUR",
    field_size: 1,
    is_big_race: false,
    is_abandoned: false,
    race_status: null,
    tip: "Seneque",
    verdict: null,
    betting_forecast: "11/4 Seneque",
  }]);
  assertEquals(rows.ra_mst_courses, [{ id: "crs_5304", name: "Dundalk (AW)", region_code: "ire" }]);
});

Deno.test("racecardToRows() maps a declared runner with the card's profile and people", () => {
  const rows = racecardToRows(parseCard(proRacecard({ runners: [declaredRunner()] })), REGIONS);
  assertEquals(rows.ra_mst_runners, [{
    race_id: "rac_11775764",
    horse_id: "hrs_57816129",
    jockey_id: "jky_266550",
    trainer_id: "trn_9837",
    owner_id: "own_1379920",
    number: 1,
    draw: 3,
    is_non_runner: false,
    age: 2,
    weight_lbs: 126,
    jockey_claim_lbs: 5,
    headgear: "p",
    headgear_run: 1,
    wind_surgery: true,
    wind_surgery_run: 1,
    form: "0-7212",
    days_since_last_run: 128,
    official_rating: null,
    rpr: 88,
    topspeed: null,
    comment: "Never dangerous in useful maiden when last seen",
    spotlight: null,
    trainer_rtf: 50,
    past_results_flags: ["BF", "C"],
    silk_url: "https://www.rp-assets.com/svg/0/8/9/344980.svg",
  }]);
  assertEquals(rows.ra_mst_horses, [{
    id: "hrs_57816129",
    name: "Seneque",
    region: "IRE",
    dob: "2023-02-18",
    sex: "colt",
    sex_code: "C",
    colour: "b",
    breeder: "E Puerari, Oceanic Bloodstock Sarl Et Al",
    sire_id: "sir_6319173",
    dam_id: "dam_20006056",
    damsire_id: "dsi_6014925",
    profile_source: "racecard",
    first_seen_date: "2025-10-07",
    last_seen_date: "2025-10-07",
  }]);
  assertEquals(rows.ra_mst_jockeys, [{
    id: "jky_266550",
    name: "Joe Williamson",
    first_seen_date: "2025-10-07",
    last_seen_date: "2025-10-07",
  }]);
  assertEquals(rows.ra_mst_trainers, [{
    id: "trn_9837",
    name: "A Fabre",
    location: "Chantilly, France",
    first_seen_date: "2025-10-07",
    last_seen_date: "2025-10-07",
  }]);
  assertEquals(rows.ra_mst_owners, [{
    id: "own_1379920",
    name: "Ecurie David R Layani Family",
    first_seen_date: "2025-10-07",
    last_seen_date: "2025-10-07",
  }]);
  assertEquals(rows.ra_mst_sires, [{ id: "sir_6319173", name: "Zarak", region: "FR" }]);
  assertEquals(rows.ra_mst_dams, [{ id: "dam_20006056", name: "Tabera", region: "GB" }]);
  assertEquals(rows.ra_mst_damsires, [{ id: "dsi_6014925", name: "Gleneagles", region: "IRE" }]);
});

Deno.test("racecardToRows() maps a non-runner: no number, no stall, no jockey, no owner", () => {
  const rows = racecardToRows(parseCard(proRacecard({ runners: [nonRunner()] })), REGIONS);
  assertEquals(rows.ra_mst_runners, [{
    race_id: "rac_11775764",
    horse_id: "hrs_17393577719",
    jockey_id: null,
    trainer_id: "trn_9837",
    owner_id: null,
    number: null,
    draw: null,
    is_non_runner: true,
    age: 2,
    weight_lbs: 126,
    jockey_claim_lbs: null,
    headgear: null,
    headgear_run: null,
    wind_surgery: false,
    wind_surgery_run: null,
    form: null,
    days_since_last_run: null,
    official_rating: null,
    rpr: 88,
    topspeed: null,
    comment: null,
    spotlight: null,
    trainer_rtf: null,
    past_results_flags: [],
    silk_url: "https://www.rp-assets.com/svg/0/8/9/344980.svg",
  }]);
  // No profile on the card: the horse stays pending for enrichment (profile_source null).
  assertEquals(rows.ra_mst_horses, [{
    id: "hrs_17393577719",
    name: "Mr Nippy",
    region: null,
    dob: null,
    sex: null,
    sex_code: null,
    colour: null,
    breeder: null,
    sire_id: null,
    dam_id: null,
    damsire_id: null,
    profile_source: null,
    first_seen_date: "2025-10-07",
    last_seen_date: "2025-10-07",
  }]);
  assertEquals(rows.ra_mst_jockeys, undefined);
  assertEquals(rows.ra_mst_owners, undefined);
  assertEquals(rows.ra_mst_sires, undefined);
});

Deno.test("racecardToRows() gives a GB card's class as a number and its prize in GBP", () => {
  const card = proRacecard({
    region: "GB",
    course: "Kempton (AW)",
    course_id: "crs_28054",
    race_class: "Class 5",
    prize: "£12,851",
    runners: [],
  });
  const [race] = racecardToRows(parseCard(card), REGIONS).ra_mst_races ?? [];
  assertEquals(
    [race?.race_class, race?.prize_amount, race?.prize_currency, race?.region],
    [5, 12851, "GBP", "GB"],
  );
});

Deno.test("racecardsPageToRows() drops foreign races and counts them", () => {
  const page = parsePage([
    proRacecard(),
    proRacecard({ race_id: "rac_11775999", region: "FR", course: "Chantilly", runners: [] }),
  ]);
  const { rows, filteredOut } = racecardsPageToRows(page, REGIONS);
  assertEquals(filteredOut, { races: 1 });
  assertEquals(rows.ra_mst_races?.map((race) => race.id), ["rac_11775764"]);
  assertEquals(racecardsPageToRows(page, { regions: ["fr"] }).filteredOut, { races: 1 });
  assertEquals(racecardToRows(parseCard(proRacecard({ region: "FR" })), REGIONS), {});
});

Deno.test("racecardsPageToRows() merges a jockey riding in two races into one row", () => {
  const page = parsePage([
    proRacecard(),
    proRacecard({
      race_id: "rac_11776000",
      date: "2025-10-08",
      off_dt: "2025-10-08T14:00:00+01:00",
      runners: [declaredRunner({ horse_id: "hrs_1", horse: "Other", jockey: "Joe Williamson" })],
    }),
  ]);
  const { rows } = racecardsPageToRows(page, REGIONS);
  assertEquals(rows.ra_mst_jockeys, [{
    id: "jky_266550",
    name: "Joe Williamson",
    first_seen_date: "2025-10-07",
    last_seen_date: "2025-10-08",
  }]);
  assertEquals(rows.ra_mst_runners?.length, 3);
  assertEquals(rows.ra_mst_races?.length, 2);
  assertEquals(rows.ra_mst_courses?.length, 1);
});

Deno.test("racecard rows never hold undefined", () => {
  const card = proRacecard({ runners: [declaredRunner(), nonRunner()] });
  delete card.big_race;
  delete card.tip;
  const rows = racecardToRows(parseCard(card), REGIONS);
  for (const [table, tableRows] of Object.entries(rows)) {
    for (const row of tableRows as Record<string, unknown>[]) {
      for (const [column, value] of Object.entries(row)) {
        assertEquals([table, column, value === undefined], [table, column, false]);
      }
    }
  }
});

Deno.test("parseRaceClass() reads 'Class 5' and gives null for unclassed races", () => {
  assertEquals(
    [
      parseRaceClass("Class 5"),
      parseRaceClass("Class 1"),
      parseRaceClass(""),
      parseRaceClass(null),
    ],
    [5, 1, null, null],
  );
});

Deno.test("stallOf() treats draw '0' and '' as no stall", () => {
  assertEquals([stallOf("3"), stallOf("0"), stallOf(""), stallOf("-")], [3, null, null, null]);
});
