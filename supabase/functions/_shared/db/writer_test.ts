import { deepEqual, equal, notDeepEqual, ok, rejects } from "node:assert/strict";
import type postgres from "postgres";
import { createTestDatabase } from "../../../../tests/support/db.ts";
import { createDbClient } from "./client.ts";
import { keyColumns, parentTables, type RowBatch } from "./row_batch.ts";
import { WRITE_ORDER } from "./tables.ts";
import {
  InvalidBatchError,
  writeBatch,
  writeBatchInTransaction,
  type WriterStatement,
} from "./writer.ts";

const RACE_ID = "rac_11746254";

/** A pro racecard for one race with two runners, as the transform would map it. */
const RACECARD: RowBatch<"racecard"> = {
  ra_mst_courses: [{ id: "crs_28054", name: "Kempton (AW)", region_code: "gb" }],
  ra_mst_jockeys: [
    {
      id: "jky_278085",
      name: "Hollie Doyle",
      first_seen_date: "2025-10-13",
      last_seen_date: "2025-10-13",
    },
    {
      id: "jky_266550",
      name: "Joe Williamson",
      first_seen_date: "2025-10-13",
      last_seen_date: "2025-10-13",
    },
  ],
  ra_mst_trainers: [
    {
      id: "trn_368685",
      name: "Dr Richard Newland & Jamie Insole",
      location: "Claines, Worcs",
      first_seen_date: "2025-10-13",
      last_seen_date: "2025-10-13",
    },
  ],
  ra_mst_owners: [
    {
      id: "own_587472",
      name: "Chris Stedman",
      first_seen_date: "2025-10-13",
      last_seen_date: "2025-10-13",
    },
  ],
  ra_mst_sires: [{ id: "sir_15245916", name: "Sottsass", region: "FR" }],
  ra_mst_dams: [{ id: "dam_5335260", name: "Up In Time", region: "GB" }],
  ra_mst_damsires: [{ id: "dsi_3709314", name: "Noverre", region: "USA" }],
  ra_mst_horses: [
    {
      id: "hrs_42073850",
      name: "Veraison",
      region: "IRE",
      dob: "2022-03-01",
      sex: "filly",
      sex_code: "F",
      colour: "b",
      breeder: "Oceanic Bloodstock",
      sire_id: "sir_15245916",
      dam_id: "dam_5335260",
      damsire_id: "dsi_3709314",
      profile_source: "racecard",
      first_seen_date: "2025-10-13",
      last_seen_date: "2025-10-13",
    },
    {
      id: "hrs_57816129",
      name: "Seneque",
      region: "GB",
      dob: "2022-02-18",
      sex: "gelding",
      sex_code: "G",
      colour: "ch",
      breeder: "E Puerari",
      sire_id: "sir_15245916",
      dam_id: null,
      damsire_id: null,
      profile_source: "racecard",
      first_seen_date: "2025-10-13",
      last_seen_date: "2025-10-13",
    },
  ],
  ra_mst_races: [
    {
      id: RACE_ID,
      course_id: "crs_28054",
      course_name: "Kempton (AW)",
      region: "GB",
      race_name: "Unibet Fillies' Handicap",
      race_date: "2025-10-13",
      off_dt: "2025-10-13T20:10:00+01:00",
      type: "Flat",
      race_class: 5,
      pattern: null,
      age_band: "3yo+",
      rating_band: "0-70",
      sex_restriction: "F",
      distance_round: "1m3f",
      distance: "1m3f",
      distance_f: 11,
      going: "Standard To Slow",
      going_detailed: "AW: STANDARD TO SLOW",
      surface: "AW",
      prize_amount: 4187,
      prize_currency: "GBP",
      field_size: 2,
      is_big_race: false,
      is_abandoned: false,
      verdict: "Veraison can go one better.",
      betting_forecast: "6/4 Veraison, 2/1 Seneque",
    },
  ],
  ra_mst_runners: [
    {
      race_id: RACE_ID,
      horse_id: "hrs_42073850",
      jockey_id: "jky_278085",
      trainer_id: "trn_368685",
      owner_id: "own_587472",
      number: 9,
      draw: 2,
      is_non_runner: false,
      age: 3,
      weight_lbs: 131,
      jockey_claim_lbs: 0,
      headgear: "h",
      form: "21",
      days_since_last_run: 20,
      official_rating: 66,
      rpr: 78,
      topspeed: null,
      comment: "Close up last time.",
      spotlight: "Progressive filly.",
      trainer_rtf: 50,
      past_results_flags: ["C", "D"],
      silk_url: "https://www.rp-assets.com/svg/8/6/8/146868.svg",
    },
    {
      race_id: RACE_ID,
      horse_id: "hrs_57816129",
      jockey_id: "jky_266550",
      trainer_id: "trn_368685",
      owner_id: null,
      number: 3,
      draw: 1,
      is_non_runner: false,
      age: 3,
      weight_lbs: 126,
      jockey_claim_lbs: 5,
      headgear: null,
      form: null,
      days_since_last_run: null,
      official_rating: null,
      rpr: null,
      topspeed: null,
      comment: null,
      spotlight: "Debutant.",
      trainer_rtf: 50,
      past_results_flags: [],
      silk_url: null,
    },
  ],
};

/** The result of the same race, as the transform would map it. */
const RESULT: RowBatch<"result"> = {
  ra_mst_courses: [{ id: "crs_28054", name: "Kempton (AW) (GB)", region_code: "gb" }],
  ra_mst_jockeys: [
    {
      id: "jky_278085",
      name: "Hollie Doyle",
      first_seen_date: "2025-10-13",
      last_seen_date: "2025-10-13",
    },
    {
      id: "jky_266550",
      name: "Joe Williamson",
      first_seen_date: "2025-10-13",
      last_seen_date: "2025-10-13",
    },
  ],
  ra_mst_trainers: [
    {
      id: "trn_368685",
      name: "Dr Richard Newland & Jamie Insole",
      first_seen_date: "2025-10-13",
      last_seen_date: "2025-10-13",
    },
  ],
  ra_mst_owners: [
    {
      id: "own_587472",
      name: "Chris Stedman",
      first_seen_date: "2025-10-13",
      last_seen_date: "2025-10-13",
    },
  ],
  ra_mst_sires: [{ id: "sir_15245916", name: "Sottsass", region: "FR" }],
  ra_mst_dams: [{ id: "dam_5335260", name: "Up In Time", region: "GB" }],
  ra_mst_damsires: [{ id: "dsi_3709314", name: "Noverre", region: null }],
  ra_mst_horses: [
    {
      id: "hrs_42073850",
      name: "Veraison",
      region: "IRE",
      sex_code: "F",
      sire_id: "sir_15245916",
      dam_id: "dam_5335260",
      damsire_id: "dsi_3709314",
      first_seen_date: "2025-10-13",
      last_seen_date: "2025-10-13",
    },
    {
      id: "hrs_57816129",
      name: "Seneque",
      region: "GB",
      sex_code: "G",
      sire_id: "sir_15245916",
      dam_id: null,
      damsire_id: null,
      first_seen_date: "2025-10-13",
      last_seen_date: "2025-10-13",
    },
  ],
  ra_mst_races: [
    {
      id: RACE_ID,
      course_id: "crs_28054",
      course_name: "Kempton (AW) (GB)",
      region: "GB",
      race_name: "Unibet Fillies' Handicap",
      race_date: "2025-10-13",
      off_dt: "2025-10-13T20:10:00+01:00",
      type: "Flat",
      race_class: 5,
      pattern: null,
      age_band: "3yo+",
      rating_band: "0-70",
      sex_restriction: "F",
      distance_round: "1m3f",
      distance_f: 11,
      distance_y: 2419,
      distance_m: 2212,
      going: "Standard To Slow",
      surface: "AW",
      has_result: true,
      winning_time_seconds: 139.97,
      winning_time_detail: "2m 19.97s (slow by 2.07s)",
      comments: null,
      non_runners: null,
      tote_currency: "GBP",
      tote_win: 9.5,
      tote_pl: [2.8, 1.5],
      tote_ex: 49,
      tote_csf: 39.27,
      tote_tricast: null,
      tote_trifecta: null,
    },
  ],
  ra_mst_runners: [
    {
      race_id: RACE_ID,
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
      finishing_time_seconds: 139.97,
      starting_price: "17/2",
      starting_price_decimal: 9.5,
      sp_favourite: null,
      bsp: 11.26,
      prize_won_amount: 4187.2,
      prize_won_currency: "GBP",
      result_official_rating: 66,
      result_rpr: null,
      result_topspeed: null,
      result_comment: "Led over 1f out, ran on",
    },
    {
      race_id: RACE_ID,
      horse_id: "hrs_57816129",
      jockey_id: "jky_266550",
      trainer_id: "trn_368685",
      owner_id: null,
      number: 3,
      draw: 1,
      age: 3,
      weight_lbs: 126,
      jockey_claim_lbs: 5,
      headgear: null,
      silk_url: null,
      position: null,
      finish_status: "PU",
      beaten_lengths: null,
      overall_beaten_lengths: null,
      finishing_time_seconds: null,
      starting_price: "6/4F",
      starting_price_decimal: 2.5,
      sp_favourite: "F",
      bsp: 2.62,
      prize_won_amount: null,
      prize_won_currency: null,
      result_official_rating: null,
      result_rpr: null,
      result_topspeed: null,
      result_comment: "Pulled up before 2f out",
    },
  ],
};

/** Every row of every data table, ordered by key: the state a re-run must not change. */
async function dumpTables(sql: postgres.Sql): Promise<Record<string, postgres.Row[]>> {
  const dump: Record<string, postgres.Row[]> = {};
  for (const table of WRITE_ORDER) {
    dump[table] = await sql`select * from ${sql(table)} order by ${sql([...keyColumns(table)])}`;
  }
  return dump;
}

/** Opens the production client on a fresh test database. */
async function withDatabase(work: (sql: postgres.Sql) => Promise<void>): Promise<void> {
  await using db = await createTestDatabase();
  const sql = createDbClient(db.url);
  try {
    await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

Deno.test("WRITE_ORDER puts every parent table before the tables that reference it", () => {
  for (const [index, table] of WRITE_ORDER.entries()) {
    for (const parent of Object.values(parentTables(table))) {
      ok(WRITE_ORDER.indexOf(parent) < index, `${parent} must come before ${table}`);
      equal(keyColumns(parent).length, 1, `${parent} must have a single key column`);
    }
  }
});

Deno.test("writeBatch() writes a racecard and counts every row", async () => {
  await withDatabase(async (sql) => {
    const counts = await writeBatchInTransaction(sql, RACECARD, "racecard");
    deepEqual(counts, {
      ra_mst_courses: 1,
      ra_mst_jockeys: 2,
      ra_mst_trainers: 1,
      ra_mst_owners: 1,
      ra_mst_sires: 1,
      ra_mst_dams: 1,
      ra_mst_damsires: 1,
      ra_mst_horses: 2,
      ra_mst_races: 1,
      ra_mst_runners: 2,
    });
    const [race] = await sql`
      select off_dt, off_time, race_class, distance_f, prize_amount from ra_mst_races
    `;
    deepEqual(race, {
      off_dt: new Date("2025-10-13T19:10:00Z"),
      off_time: "20:10:00",
      race_class: 5,
      distance_f: "11",
      prize_amount: "4187",
    });
    const horses = await sql`
      select id, enrichment_status, sire_id from ra_mst_horses order by id
    `;
    deepEqual(horses, [
      { id: "hrs_42073850", enrichment_status: "enriched", sire_id: "sir_15245916" },
      { id: "hrs_57816129", enrichment_status: "enriched", sire_id: "sir_15245916" },
    ]);
    const [sire] = await sql`select horse_id from ra_mst_sires`;
    deepEqual(sire, { horse_id: "hrs_15245916" });
    const [runner] = await sql`
      select past_results_flags, number from ra_mst_runners where horse_id = 'hrs_42073850'
    `;
    deepEqual(runner, { past_results_flags: ["C", "D"], number: 9 });
  });
});

Deno.test("writeBatch() result keeps racecard-only columns, and a racecard re-run keeps the result", async () => {
  await withDatabase(async (sql) => {
    await writeBatchInTransaction(sql, RACECARD, "racecard");
    await writeBatchInTransaction(sql, RESULT, "result");

    const [race] = await sql`
      select course_name, going_detailed, prize_amount, verdict, is_big_race, has_result,
        distance, distance_y, winning_time_seconds, tote_pl, tote_ex
      from ra_mst_races
    `;
    deepEqual(race, {
      course_name: "Kempton (AW)",
      going_detailed: "AW: STANDARD TO SLOW",
      prize_amount: "4187",
      verdict: "Veraison can go one better.",
      is_big_race: false,
      has_result: true,
      distance: "1m3f",
      distance_y: 2419,
      winning_time_seconds: "139.97",
      tote_pl: ["2.8", "1.5"],
      tote_ex: "49",
    });
    const runners = await sql`
      select horse_id, rpr, spotlight, comment, form, position, finish_status, starting_price,
        sp_favourite, prize_won_amount, result_comment
      from ra_mst_runners order by horse_id
    `;
    deepEqual(runners, [
      {
        horse_id: "hrs_42073850",
        rpr: 78,
        spotlight: "Progressive filly.",
        comment: "Close up last time.",
        form: "21",
        position: 1,
        finish_status: null,
        starting_price: "17/2",
        sp_favourite: null,
        prize_won_amount: "4187.2",
        result_comment: "Led over 1f out, ran on",
      },
      {
        horse_id: "hrs_57816129",
        rpr: null,
        spotlight: "Debutant.",
        comment: null,
        form: null,
        position: null,
        finish_status: "PU",
        starting_price: "6/4F",
        sp_favourite: "F",
        prize_won_amount: null,
        result_comment: "Pulled up before 2f out",
      },
    ]);
    const [trainer] = await sql`select location from ra_mst_trainers`;
    deepEqual(trainer, { location: "Claines, Worcs" });
    const [horse] = await sql`
      select dob::text, sex, colour, breeder from ra_mst_horses where id = 'hrs_42073850'
    `;
    deepEqual(horse, {
      dob: "2022-03-01",
      sex: "filly",
      colour: "b",
      breeder: "Oceanic Bloodstock",
    });
    const [damsire] = await sql`select region from ra_mst_damsires`;
    deepEqual(damsire, { region: "USA" });

    const before = await dumpTables(sql);
    const counts = await writeBatchInTransaction(sql, RACECARD, "racecard");
    deepEqual(Object.values(counts).filter((count) => count !== 0), []);
    deepEqual(await dumpTables(sql), before);
  });
});

Deno.test("writeBatch() twice with the same batch changes nothing, updated_at included", async () => {
  await withDatabase(async (sql) => {
    await writeBatchInTransaction(sql, RACECARD, "racecard");
    await writeBatchInTransaction(sql, RESULT, "result");
    const before = await dumpTables(sql);
    const counts = await writeBatchInTransaction(sql, RESULT, "result");
    deepEqual(counts, {
      ra_mst_courses: 0,
      ra_mst_jockeys: 0,
      ra_mst_trainers: 0,
      ra_mst_owners: 0,
      ra_mst_sires: 0,
      ra_mst_dams: 0,
      ra_mst_damsires: 0,
      ra_mst_horses: 0,
      ra_mst_races: 0,
      ra_mst_runners: 0,
    });
    deepEqual(await dumpTables(sql), before);
  });
});

Deno.test("writeBatch() moves updated_at only on the row whose value changed", async () => {
  await withDatabase(async (sql) => {
    await writeBatchInTransaction(sql, RESULT, "result");
    const before = await sql`select horse_id, updated_at from ra_mst_runners order by horse_id`;
    const counts = await writeBatchInTransaction(sql, {
      ra_mst_runners: [{ race_id: RACE_ID, horse_id: "hrs_57816129", result_rpr: 41 }],
    }, "result");
    deepEqual(counts, { ra_mst_runners: 1 });
    const after = await sql`select horse_id, updated_at from ra_mst_runners order by horse_id`;
    deepEqual(after[0], before[0]);
    notDeepEqual(after[1]!.updated_at, before[1]!.updated_at);
  });
});

Deno.test("writeBatch() result outcome: null replaces, an absent column is left alone", async () => {
  await withDatabase(async (sql) => {
    await writeBatchInTransaction(sql, RESULT, "result");
    // Stewards disqualify the winner; the corrected result has no bsp field at all.
    await writeBatchInTransaction(sql, {
      ra_mst_runners: [{
        race_id: RACE_ID,
        horse_id: "hrs_42073850",
        position: null,
        finish_status: "DSQ",
        prize_won_amount: null,
        prize_won_currency: null,
        starting_price: "8/1",
        starting_price_decimal: 9,
        result_comment: null,
      }],
    }, "result");
    const [runner] = await sql`
      select position, finish_status, prize_won_amount, starting_price, starting_price_decimal,
        bsp, result_comment, jockey_id
      from ra_mst_runners where horse_id = 'hrs_42073850'
    `;
    deepEqual(runner, {
      position: null,
      finish_status: "DSQ",
      prize_won_amount: null,
      starting_price: "8/1",
      starting_price_decimal: "9",
      bsp: "11.26",
      result_comment: "Led over 1f out, ran on",
      jockey_id: "jky_278085",
    });
  });
});

Deno.test("writeBatch() upserts rows per column set, whatever order their keys come in", async () => {
  await withDatabase(async (sql) => {
    const statements: WriterStatement[] = [];
    const counts = await writeBatch(
      sql,
      {
        ra_mst_jockeys: [
          { id: "jky_1", name: "Hollie Doyle", first_seen_date: "2025-10-13" },
          { first_seen_date: "2025-10-13", name: "Joe Williamson", id: "jky_2" },
          // An undefined column is a column the row leaves out.
          { id: "jky_3", name: undefined, first_seen_date: "2025-10-13" },
        ],
      },
      "racecard",
      { onStatement: (statement) => statements.push(statement) },
    );
    deepEqual(statements.map(({ table, kind, rows }) => [table, kind, rows]), [
      ["ra_mst_jockeys", "upsert", 2],
      ["ra_mst_jockeys", "upsert", 1],
    ]);
    deepEqual(counts, { ra_mst_jockeys: 3 });
    deepEqual(await sql`select id, name from ra_mst_jockeys order by id`, [
      { id: "jky_1", name: "Hollie Doyle" },
      { id: "jky_2", name: "Joe Williamson" },
      { id: "jky_3", name: null },
    ]);
  });
});

Deno.test("writeBatch() keeps the earliest first_seen_date and the latest last_seen_date", async () => {
  await withDatabase(async (sql) => {
    const seen = (first: string, last: string): RowBatch<"racecard"> => ({
      ra_mst_jockeys: [{
        id: "jky_278085",
        name: "Hollie Doyle",
        first_seen_date: first,
        last_seen_date: last,
      }],
    });
    await writeBatch(sql, seen("2025-10-13", "2025-10-13"), "racecard");
    await writeBatch(sql, seen("2025-10-20", "2025-10-20"), "racecard");
    await writeBatch(sql, seen("2025-10-01", "2025-10-01"), "result");
    const [jockey] =
      await sql`select first_seen_date::text, last_seen_date::text from ra_mst_jockeys`;
    deepEqual(jockey, { first_seen_date: "2025-10-01", last_seen_date: "2025-10-20" });
  });
});

Deno.test("writeBatch() keeps the last row of a key repeated within a batch", async () => {
  await withDatabase(async (sql) => {
    const counts = await writeBatch(sql, {
      ra_mst_owners: [
        { id: "own_587472", name: "C Stedman" },
        { id: "own_1379920", name: "Ecurie Layani" },
        { id: "own_587472", name: "Chris Stedman" },
      ],
    }, "racecard");
    deepEqual(counts, { ra_mst_owners: 2 });
    deepEqual(await sql`select id, name from ra_mst_owners order by id`, [
      { id: "own_1379920", name: "Ecurie Layani" },
      { id: "own_587472", name: "Chris Stedman" },
    ]);
  });
});

Deno.test("writeBatch() inserts key-only parents the batch does not carry, before the children", async () => {
  await withDatabase(async (sql) => {
    const statements: WriterStatement[] = [];
    const counts = await writeBatch(
      sql,
      {
        ra_mst_races: [{ id: RACE_ID, course_id: "crs_28054", race_date: "2025-10-13" }],
        ra_mst_runners: [{
          race_id: RACE_ID,
          horse_id: "hrs_42073850",
          jockey_id: "jky_278085",
          trainer_id: "trn_368685",
          owner_id: null,
          position: 1,
        }],
      },
      "result",
      { onStatement: (statement) => statements.push(statement) },
    );
    // The profiling hook sees every statement, in the order they ran; the race the batch
    // carries needs no key-only row.
    deepEqual(statements.map(({ table, kind, rows }) => [table, kind, rows]), [
      ["ra_mst_courses", "parents", 1],
      ["ra_mst_races", "upsert", 1],
      ["ra_mst_horses", "parents", 1],
      ["ra_mst_jockeys", "parents", 1],
      ["ra_mst_trainers", "parents", 1],
      ["ra_mst_runners", "upsert", 1],
    ]);
    ok(statements.every(({ ms }) => ms >= 0));
    deepEqual(counts, {
      ra_mst_courses: 1,
      ra_mst_races: 1,
      ra_mst_horses: 1,
      ra_mst_jockeys: 1,
      ra_mst_trainers: 1,
      ra_mst_runners: 1,
    });
    deepEqual(await sql`select id, name from ra_mst_courses`, [{ id: "crs_28054", name: null }]);
    deepEqual(await sql`select id, enrichment_status from ra_mst_horses`, [
      { id: "hrs_42073850", enrichment_status: "pending" },
    ]);
    equal((await sql`select count(*)::int as n from ra_mst_owners`)[0]!.n, 0);

    // The masters sync later fills the course row the result created.
    await writeBatch(sql, {
      ra_mst_courses: [{
        id: "crs_28054",
        name: "Kempton (AW)",
        region_code: "gb",
        region: "Great Britain",
      }],
    }, "masters");
    deepEqual(await sql`select name, region from ra_mst_courses`, [
      { name: "Kempton (AW)", region: "Great Britain" },
    ]);
  });
});

Deno.test("writeBatch() writes 3,000 runners (more values than a statement may bind) in one go", async () => {
  await withDatabase(async (sql) => {
    const races = Array.from({ length: 300 }, (_, r) => ({
      id: `rac_${100000 + r}`,
      race_date: "2025-10-13",
    }));
    const runners = races.flatMap((race, r) =>
      Array.from({ length: 10 }, (_, h) => ({
        race_id: race.id,
        horse_id: `hrs_${h}`,
        jockey_id: `jky_${(r + h) % 50}`,
        trainer_id: `trn_${h}`,
        owner_id: `own_${r}`,
        number: h + 1,
        draw: h + 1,
        is_non_runner: false,
        age: 4,
        weight_lbs: 120 + h,
        jockey_claim_lbs: 0,
        headgear: "p",
        headgear_run: 1,
        wind_surgery: false,
        wind_surgery_run: null,
        form: "1-23",
        days_since_last_run: 14,
        official_rating: 70,
        rpr: 75,
        topspeed: 60,
        comment: "Has claims.",
        spotlight: "Should go well.",
        trainer_rtf: 40,
        past_results_flags: ["C"],
        silk_url: null,
      }))
    );
    // 3,000 rows of 25 columns: 75,000 parameters, more than one statement can take.
    const counts = await writeBatchInTransaction(sql, {
      ra_mst_races: races,
      ra_mst_runners: runners,
    }, "racecard");
    equal(counts.ra_mst_runners, 3000);
    equal(counts.ra_mst_jockeys, 50);
    const [row] = await sql`
      select count(*)::int as runners, count(distinct race_id)::int as races,
        sum(weight_lbs)::int as weight
      from ra_mst_runners
    `;
    deepEqual(row, { runners: 3000, races: 300, weight: 300 * (1200 + 45) });
    const again = await writeBatchInTransaction(sql, {
      ra_mst_races: races,
      ra_mst_runners: runners,
    }, "racecard");
    equal(again.ra_mst_runners, 0);
  });
});

Deno.test("writeBatchInTransaction() rolls back the whole batch when one row fails", async () => {
  await withDatabase(async (sql) => {
    const batch: RowBatch<"racecard"> = {
      ra_mst_horses: [{ id: "hrs_1", name: "Good Row" }],
      ra_mst_races: [{ id: RACE_ID, race_name: "Maiden" }],
      ra_mst_runners: [
        { race_id: RACE_ID, horse_id: "hrs_1", number: 1 },
        { race_id: RACE_ID, horse_id: "hrs_2", number: "twelve" as unknown as number },
      ],
    };
    await rejects(
      writeBatchInTransaction(sql, batch, "racecard"),
      (error: Error & { code?: string }) => error.code === "22P02",
    );
    const [row] = await sql`
      select (select count(*) from ra_mst_horses)::int as horses,
        (select count(*) from ra_mst_races)::int as races,
        (select count(*) from ra_mst_runners)::int as runners
    `;
    deepEqual(row, { horses: 0, races: 0, runners: 0 });
  });
});

Deno.test("writeBatch() refuses a column the source does not own before writing anything", async () => {
  await withDatabase(async (sql) => {
    // Rows as a buggy transform would build them, past the compile-time checks.
    const notOwned = {
      ra_mst_races: [{ id: RACE_ID, race_name: "Maiden" }],
      ra_mst_runners: [{ race_id: RACE_ID, horse_id: "hrs_1", position: 1 }],
    } as unknown as RowBatch<"racecard">;
    await rejects(
      writeBatch(sql, notOwned, "racecard"),
      (error: unknown) =>
        error instanceof InvalidBatchError && error.table === "ra_mst_runners" &&
        error.message ===
          'Cannot write ra_mst_runners row 0 as racecard: column "position" is not owned by racecard',
    );
    await rejects(
      writeBatch(sql, { ra_mst_runners: [{ race_id: RACE_ID, horse_id: "" }] }, "result"),
      (error: unknown) =>
        error instanceof InvalidBatchError && /key "horse_id"/.test(error.message),
    );
    const racesAsEnrichment = { ra_mst_races: [{ id: RACE_ID, race_name: "Maiden" }] };
    await rejects(
      writeBatch(sql, racesAsEnrichment as RowBatch<"enrichment">, "enrichment"),
      (error: unknown) =>
        error instanceof InvalidBatchError &&
        error.message ===
          "Cannot write ra_mst_races as enrichment: the source owns no column of this table",
    );
    equal((await sql`select count(*)::int as n from ra_mst_races`)[0]!.n, 0);
  });
});
