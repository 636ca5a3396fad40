import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { parseApiPayload } from "../racing_api/parse_payload.ts";
import {
  type Result,
  ResultSchema,
  type ResultsPage,
  ResultsPageSchema,
} from "../racing_api/result_schemas.ts";
import * as payloads from "../racing_api/test_payloads.ts";
import { resultsPageToRows, resultToRows } from "./result.ts";

const REGIONS = { regions: ["gb", "ire"] };

/** The winner of an Irish race: "9/4F", "3:7.64", "€5900", ratings "–". */
function winner(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return payloads.resultRunner({
    horse: "Create (IRE)",
    sp_dec: "",
    comment: "Made all - kept on well (op 5/2)",
    ...overrides,
  });
}

/** A pulled-up runner: position "PU", btn "-", time "-", prize "", owner id "". */
function pulledUp(): Record<string, unknown> {
  return winner({
    horse_id: "hrs_30000001",
    horse: "Plain Name",
    sp: "50/1",
    sp_dec: "51.00",
    number: "4",
    position: "PU",
    draw: "",
    btn: "-",
    ovr_btn: "-",
    time: "-",
    or: "58",
    rpr: "",
    tsr: "",
    prize: "",
    jockey: "Joe Williamson",
    jockey_claim_lbs: "5",
    jockey_id: "jky_266550",
    owner: "",
    owner_id: "",
    sire: "Zarak",
    comment: "Behind - pulled up before 2 out",
  });
}

/** The shared result moved to a 2yo maiden on 7 October, with this file's runners and totes. */
function irishResult(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return payloads.result({
    date: "2025-10-07",
    off: "1:30",
    off_dt: "2025-10-07T13:30:00+01:00",
    race_name: "Irish Stallion Farms EBF Maiden",
    rating_band: "",
    age_band: "2yo",
    dist: "1m½f",
    dist_y: "1870",
    dist_m: "1710.0",
    dist_f: "8.5f",
    runners: [winner(), pulledUp()],
    non_runners: "Mr Nippy (self certificate, coughing)",
    tote_win: "€3.20",
    tote_pl: "€1.10 €1.80",
    tote_ex: "€9.50",
    tote_csf: "€7.27",
    ...overrides,
  });
}

function parseResult(result: Record<string, unknown>): Result {
  return parseApiPayload(ResultSchema, result, "result");
}

function parsePage(results: Record<string, unknown>[]): ResultsPage {
  return parseApiPayload(
    ResultsPageSchema,
    { results, total: results.length, limit: 100, skip: 0, query: [] },
    "results page",
  );
}

Deno.test("resultToRows() maps the race: outcome columns, totes in EUR, course without suffix", () => {
  const rows = resultToRows(parseResult(irishResult()), REGIONS);
  assertEquals(rows.ra_mst_races, [{
    id: "rac_11746254",
    course_id: "crs_5304",
    course_name: "Dundalk (AW)",
    region: "IRE",
    race_name: "Irish Stallion Farms EBF Maiden",
    race_date: "2025-10-07",
    off_dt: "2025-10-07T12:30:00.000Z",
    type: "Flat",
    race_class: null,
    pattern: null,
    age_band: "2yo",
    rating_band: null,
    sex_restriction: null,
    distance_round: "1m½f",
    distance_f: 8.5,
    distance_y: 1870,
    distance_m: 1710,
    going: "Standard",
    surface: "AW",
    jumps: null,
    has_result: true,
    winning_time_seconds: 187.64,
    winning_time_detail: "3m 7.64s (slow by 2.07s)",
    comments: null,
    non_runners: "Mr Nippy (self certificate, coughing)",
    tote_currency: "EUR",
    tote_win: 3.2,
    tote_pl: [1.1, 1.8],
    tote_ex: 9.5,
    tote_csf: 7.27,
    tote_tricast: null,
    tote_trifecta: null,
  }]);
  assertEquals(rows.ra_mst_courses, [{ id: "crs_5304", name: "Dundalk (AW)", region_code: "ire" }]);
});

Deno.test("resultToRows() maps the winner: SP 9/4F → 3.25 F, time 3:7.64, prize €5900", () => {
  const rows = resultToRows(parseResult(irishResult({ runners: [winner()] })), REGIONS);
  assertEquals(rows.ra_mst_runners, [{
    race_id: "rac_11746254",
    horse_id: "hrs_42073850",
    jockey_id: "jky_278085",
    trainer_id: "trn_368685",
    owner_id: "own_587472",
    number: 9,
    draw: 2,
    age: 3,
    weight_lbs: 131,
    jockey_claim_lbs: 0,
    headgear: "h",
    silk_url: "https://www.rp-assets.com/svg/8/6/8/146868.svg",
    position: 1,
    finish_status: null,
    beaten_lengths: 0,
    overall_beaten_lengths: 0,
    finishing_time_seconds: 187.64,
    starting_price: "9/4F",
    starting_price_decimal: 3.25,
    sp_favourite: "F",
    prize_won_amount: 5900,
    prize_won_currency: "EUR",
    result_official_rating: 66,
    result_rpr: null,
    result_topspeed: null,
    result_comment: "Made all - kept on well (op 5/2)",
    bsp: 3.41,
  }]);
});

Deno.test("resultToRows() maps a pulled-up runner with btn '-', no prize and no owner", () => {
  const rows = resultToRows(parseResult(irishResult({ runners: [pulledUp()] })), REGIONS);
  assertEquals(rows.ra_mst_runners, [{
    race_id: "rac_11746254",
    horse_id: "hrs_30000001",
    jockey_id: "jky_266550",
    trainer_id: "trn_368685",
    owner_id: null,
    number: 4,
    draw: null,
    age: 3,
    weight_lbs: 131,
    jockey_claim_lbs: 5,
    headgear: "h",
    silk_url: "https://www.rp-assets.com/svg/8/6/8/146868.svg",
    position: null,
    finish_status: "PU",
    beaten_lengths: null,
    overall_beaten_lengths: null,
    finishing_time_seconds: null,
    starting_price: "50/1",
    starting_price_decimal: 51,
    sp_favourite: null,
    prize_won_amount: null,
    prize_won_currency: null,
    result_official_rating: 58,
    result_rpr: null,
    result_topspeed: null,
    result_comment: "Behind - pulled up before 2 out",
    bsp: 3.41,
  }]);
  assertEquals(rows.ra_mst_owners, undefined);
  // No winner: the winning time comes from winning_time_detail.
  assertEquals(rows.ra_mst_races?.[0]?.winning_time_seconds, 187.64);
});

Deno.test("resultToRows() creates horse, people and ancestors from the result alone", () => {
  const rows = resultToRows(parseResult(irishResult({ runners: [winner()] })), REGIONS);
  assertEquals(rows.ra_mst_horses, [{
    id: "hrs_42073850",
    name: "Create",
    region: "IRE",
    sex_code: "F",
    sire_id: "sir_15245916",
    dam_id: "dam_5335260",
    damsire_id: "dsi_3709314",
    first_seen_date: "2025-10-07",
    last_seen_date: "2025-10-07",
  }]);
  assertEquals(rows.ra_mst_sires, [{ id: "sir_15245916", name: "Sottsass", region: "FR" }]);
  assertEquals(rows.ra_mst_dams, [{ id: "dam_5335260", name: "Up In Time", region: "GB" }]);
  assertEquals(rows.ra_mst_damsires, [{ id: "dsi_3709314", name: "Noverre", region: null }]);
  const seen = { first_seen_date: "2025-10-07", last_seen_date: "2025-10-07" };
  assertEquals(rows.ra_mst_jockeys, [{ id: "jky_278085", name: "Hollie Doyle", ...seen }]);
  assertEquals(rows.ra_mst_trainers, [
    { id: "trn_368685", name: "Dr Richard Newland & Jamie Insole", ...seen },
  ]);
  assertEquals(rows.ra_mst_owners, [{ id: "own_587472", name: "Chris Stedman", ...seen }]);
});

Deno.test("resultToRows() reads a GB prize without symbol as GBP and leaves bsp out when absent", () => {
  const gbWinner = winner({ prize: "3245.08", sp: "EvensF", sp_dec: "2.00" });
  delete gbWinner.bsp;
  const result = irishResult({
    region: "GB",
    course: "Kempton (AW)",
    course_id: "crs_28054",
    class: "Class 5",
    runners: [gbWinner],
    tote_win: "£9.50",
    tote_pl: "£2.80 £1.50 £2.20",
    tote_ex: "£49",
    tote_csf: "£39.27",
  });
  const rows = resultToRows(parseResult(result), REGIONS);
  const [runner] = rows.ra_mst_runners ?? [];
  assertEquals(
    [runner?.prize_won_amount, runner?.prize_won_currency, runner?.starting_price_decimal],
    [3245.08, "GBP", 2],
  );
  assertEquals([runner?.sp_favourite, runner !== undefined && "bsp" in runner], ["F", false]);
  const [race] = rows.ra_mst_races ?? [];
  assertEquals(
    [race?.race_class, race?.course_name, race?.tote_currency, race?.tote_pl],
    [5, "Kempton (AW)", "GBP", [2.8, 1.5, 2.2]],
  );
});

Deno.test("resultsPageToRows() drops foreign races, counts them, and merges repeated people", () => {
  const page = parsePage([
    irishResult(),
    irishResult({
      race_id: "rac_11746300",
      date: "2025-10-09",
      off_dt: "2025-10-09T15:00:00+01:00",
      runners: [winner({ horse_id: "hrs_50000001", horse: "Another (GB)" })],
    }),
    irishResult({ race_id: "rac_11746999", region: "FR", course: "Chantilly (FR)" }),
  ]);
  const { rows, filteredOut } = resultsPageToRows(page, REGIONS);
  assertEquals(filteredOut, { races: 1 });
  assertEquals(rows.ra_mst_races?.map((race) => race.id), ["rac_11746254", "rac_11746300"]);
  assertEquals(rows.ra_mst_runners?.length, 3);
  assertEquals(rows.ra_mst_jockeys?.find((jockey) => jockey.id === "jky_278085"), {
    id: "jky_278085",
    name: "Hollie Doyle",
    first_seen_date: "2025-10-07",
    last_seen_date: "2025-10-09",
  });
  assertEquals(rows.ra_mst_sires, [{ id: "sir_15245916", name: "Sottsass", region: "FR" }]);
});

Deno.test("resultsPageToRows() accepts a page whose results are null", () => {
  const page = parseApiPayload(
    ResultsPageSchema,
    { results: null, total: 0, limit: 100, skip: 0 },
    "results page",
  );
  assertEquals(resultsPageToRows(page, REGIONS), { rows: {}, filteredOut: { races: 0 } });
});
