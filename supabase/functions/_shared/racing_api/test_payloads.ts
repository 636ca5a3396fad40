/**
 * Test support: literal Racing API payloads shared by the schema and transform tests.
 * Every builder returns a fresh object, because tests mutate what they get.
 */

/** The en dash the API sends for a missing rating. */
export const EN_DASH = "\u2013";

/** A Bet365 price with one earlier price movement. */
export function bet365Price(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    bookmaker: "Bet365",
    fractional: "11/4",
    decimal: "3.75",
    ew_places: "3",
    ew_denom: "5",
    updated: "2025-10-14 13:43:08",
    history: [{ changed_at: "2025-10-14T12:00:00+01:00", decimal: "4.0", fractional: "3/1" }],
    ...overrides,
  };
}

/** A declared pro racecard runner with a full profile and two bookmaker prices. */
export function proRunner(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    horse_id: "hrs_57816129",
    horse: "Seneque",
    dob: "2023-02-18",
    age: "2",
    sex: "colt",
    sex_code: "C",
    colour: "b",
    region: "IRE",
    breeder: "E Puerari, Oceanic Bloodstock Sarl Et Al",
    dam: "Tabera",
    dam_id: "dam_20006056",
    dam_region: "GB",
    sire: "Zarak",
    sire_id: "sir_6319173",
    sire_region: "FR",
    damsire: "Gleneagles",
    damsire_id: "dsi_6014925",
    damsire_region: "IRE",
    trainer: "A Fabre",
    trainer_id: "trn_9837",
    trainer_location: "Chantilly, France",
    trainer_14_days: { runs: "24", wins: "4", percent: "17" },
    owner: "Ecurie David R Layani Family",
    owner_id: "own_1379920",
    prev_trainers: [{
      trainer: "Emmet Mullins",
      trainer_id: "trn_278739",
      change_date: "2024-11-18",
    }],
    prev_owners: [],
    comment: "Never dangerous in useful maiden when last seen",
    spotlight: "",
    quotes: [{ date: "2025-03-19", horse: "Seneque", distance_f: "16", distance_y: "3471" }],
    stable_tour: [{ quote: "She's a lovely young horse. 06-11-24" }],
    medical: [{ date: "2025-03-24", type: "Wind Surgery" }],
    number: "1",
    draw: "3",
    headgear: "p",
    headgear_run: "1",
    wind_surgery: "w",
    wind_surgery_run: "1",
    past_results_flags: ["BF", "C"],
    lbs: "126",
    ofr: "-",
    rpr: "-",
    ts: "-",
    jockey: "Joe Williamson(5)",
    jockey_id: "jky_266550",
    silk_url: "https://www.rp-assets.com/svg/0/8/9/344980.svg",
    last_run: "128 (9F)",
    form: "0-7212",
    trainer_rtf: "50",
    odds: [
      bet365Price(),
      {
        bookmaker: "Betfair Exchange",
        fractional: "7.2",
        decimal: "7.2",
        ew_places: "",
        ew_denom: "",
        updated: "2025-10-14 13:43:08",
        history: [],
      },
    ],
    ...overrides,
  };
}

/** A non-runner as the API sends it: number "NR", no jockey id, draw "0", no odds. */
export function proNonRunner(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return proRunner({
    horse_id: "hrs_17393577719",
    horse: "Mr Nippy",
    number: "NR",
    draw: "0",
    jockey: "NON-RUNNER(5)",
    jockey_id: "",
    owner_id: "",
    trainer_rtf: "",
    last_run: "",
    form: "",
    comment: null,
    odds: [],
    ...overrides,
  });
}

/** An Irish pro racecard with a declared runner and a non-runner. */
export function proRacecard(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    race_id: "rac_11775764",
    course: "Dundalk (AW)",
    course_id: "crs_5304",
    date: "2025-10-07",
    off_time: "1:30",
    off_dt: "2025-10-07T13:30:00+01:00",
    race_name: "Irish Stallion Farms EBF Maiden (Div I)",
    distance_round: "1m",
    distance: "1m½f",
    distance_f: "8.5",
    region: "IRE",
    pattern: "",
    sex_restriction: "",
    race_class: "",
    type: "Flat",
    age_band: "2yo",
    rating_band: "",
    prize: "€5,900",
    field_size: "1",
    going_detailed: "",
    rail_movements: "",
    stalls: "",
    weather: "",
    going: "Standard",
    surface: "AW",
    jumps: "",
    runners: [proRunner(), proNonRunner()],
    big_race: false,
    is_abandoned: false,
    tip: "Seneque",
    verdict: "",
    betting_forecast: "11/4 Seneque",
    race_status: "",
    ...overrides,
  };
}

/** The winner of an Irish result: "9/4F", "3:7.64", "€5900", ratings "–". */
export function resultRunner(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    horse_id: "hrs_42073850",
    horse: "Veraison (IRE)",
    sp: "9/4F",
    sp_dec: "3.25",
    bsp: "3.41",
    number: "9",
    position: "1",
    draw: "2",
    btn: "0",
    ovr_btn: "0",
    age: "3",
    sex: "F",
    weight: "9-5",
    weight_lbs: "131",
    headgear: "h",
    time: "3:7.64",
    or: "66",
    rpr: EN_DASH,
    tsr: EN_DASH,
    prize: "€5900",
    jockey: "Hollie Doyle",
    jockey_claim_lbs: "0",
    jockey_id: "jky_278085",
    trainer: "Dr Richard Newland & Jamie Insole",
    trainer_id: "trn_368685",
    owner: "Chris Stedman",
    owner_id: "own_587472",
    sire: "Sottsass (FR)",
    sire_id: "sir_15245916",
    dam: "Up In Time (GB)",
    dam_id: "dam_5335260",
    damsire: "Noverre",
    damsire_id: "dsi_3709314",
    comment: "In touch with leaders - switched left and headway (op 13/2)",
    silk_url: "https://www.rp-assets.com/svg/8/6/8/146868.svg",
    ...overrides,
  };
}

/** An Irish handicap result with a winner and a pulled-up runner, prizes and totes in euros. */
export function result(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    race_id: "rac_11746254",
    date: "2025-10-13",
    region: "IRE",
    course: "Dundalk (AW) (IRE)",
    course_id: "crs_5304",
    off: "8:10",
    off_dt: "2025-10-13T20:10:00+01:00",
    race_name: "Handicap",
    type: "Flat",
    class: "",
    pattern: "",
    rating_band: "0-70",
    age_band: "3yo+",
    sex_rest: "",
    dist: "1m3f",
    dist_y: "2419",
    dist_m: "2400.0",
    dist_f: "11f",
    going: "Standard",
    surface: "AW",
    jumps: "",
    runners: [
      resultRunner(),
      resultRunner({
        horse_id: "hrs_6181308",
        horse: "Flaggan (IRE)",
        position: "PU",
        btn: "-",
        ovr_btn: "-",
        time: "-",
        sp: "17/2",
        sp_dec: "9.50",
        prize: "",
        owner_id: "",
      }),
    ],
    winning_time_detail: "3m 7.64s (slow by 2.07s)",
    comments: "",
    non_runners: "Miss Chester (self certificate, coughing)",
    tote_win: "€9.50",
    tote_pl: "€2.80 €1.50",
    tote_ex: "€49",
    tote_csf: "",
    tote_tricast: "",
    tote_trifecta: "",
    ...overrides,
  };
}

/** A pro horse profile with breeding, colour and breeder filled in. */
export function horsePro(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "hrs_6181308",
    name: "Flaggan (IRE)",
    breeder: "Liam Delahunty & Dick O'Hara",
    colour: "b",
    colour_code: "B",
    dob: "2011-06-19",
    sex: "gelding",
    sex_code: "G",
    sire: "Stowaway (GB)",
    sire_id: "sir_3188248",
    dam: "Zapata I (IRE)",
    dam_id: "dam_3194996",
    damsire: "Thatching (GB)",
    damsire_id: "dsi_2117444",
    ...overrides,
  };
}
