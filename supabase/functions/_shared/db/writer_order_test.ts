/**
 * The writer's table order: parents before children, and key-only parent rows inserted for the
 * references a batch carries without their rows.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { keyColumns, parentTables } from "./row_batch.ts";
import { WRITE_ORDER } from "./tables.ts";
import { writeBatch, type WriterStatement } from "./writer.ts";
import { RACE_ID, withDatabase } from "./writer_test_fixtures.ts";

Deno.test("WRITE_ORDER puts every parent table before the tables that reference it", () => {
  for (const [index, table] of WRITE_ORDER.entries()) {
    for (const parent of Object.values(parentTables(table))) {
      ok(WRITE_ORDER.indexOf(parent) < index, `${parent} must come before ${table}`);
      equal(keyColumns(parent).length, 1, `${parent} must have a single key column`);
    }
  }
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
