/**
 * writeBatch() run again: what a first racecard stores and counts, a repeated batch changing
 * nothing, updated_at moving only with a value, and first/last seen dates widening.
 */
import { deepEqual, notDeepEqual } from "node:assert/strict";
import type { RowBatch } from "./row_batch.ts";
import { writeBatch, writeBatchInTransaction } from "./writer.ts";
import { dumpTables, RACE_ID, withDatabase } from "./writer_test_fixtures.ts";
import { RACECARD } from "./writer_test_racecard_fixture.ts";
import { RESULT } from "./writer_test_result_fixture.ts";

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
