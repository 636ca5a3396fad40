/**
 * How writeBatch() turns rows into statements: one upsert per column set, the last of repeated
 * keys, batches larger than one statement may bind, and the rollback of a failing batch.
 */
import { deepEqual, equal, rejects } from "node:assert/strict";
import type { RowBatch } from "./row_batch.ts";
import { writeBatch, writeBatchInTransaction, type WriterStatement } from "./writer.ts";
import { RACE_ID, withDatabase } from "./writer_test_fixtures.ts";

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
