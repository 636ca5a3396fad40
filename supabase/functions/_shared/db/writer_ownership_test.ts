/**
 * writeBatch() and column ownership: each source writes only its own columns, keeps the others',
 * and a batch carrying a column its source does not own is refused before anything is written.
 */
import { deepEqual, equal, rejects } from "node:assert/strict";
import type { RowBatch } from "./row_batch.ts";
import { InvalidBatchError, writeBatch, writeBatchInTransaction } from "./writer.ts";
import { dumpTables, RACE_ID, withDatabase } from "./writer_test_fixtures.ts";
import { RACECARD } from "./writer_test_racecard_fixture.ts";
import { RESULT } from "./writer_test_result_fixture.ts";

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
