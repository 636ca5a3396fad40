/**
 * The core acceptance of the sync's writes: results and racecards of the same races, written
 * any number of times and in any order, leave the same data; and a write that changes nothing
 * leaves `updated_at` alone. Runs against fresh databases and the simulator.
 */
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import type postgres from "postgres";
import { startSimulator } from "../dev/simulator/server.ts";
import { keyColumns, type RowBatch } from "../supabase/functions/_shared/db/row_batch.ts";
import { WRITE_ORDER } from "../supabase/functions/_shared/db/tables.ts";
import { writeBatchInTransaction } from "../supabase/functions/_shared/db/writer.ts";
import { parseApiPayload } from "../supabase/functions/_shared/racing_api/parse_payload.ts";
import { RacecardsProPageSchema } from "../supabase/functions/_shared/racing_api/racecard_schemas.ts";
import { ResultsPageSchema } from "../supabase/functions/_shared/racing_api/result_schemas.ts";
import { racecardsPageToRows } from "../supabase/functions/_shared/transform/racecard.ts";
import { resultsPageToRows } from "../supabase/functions/_shared/transform/result.ts";
import { createTestDatabase } from "./support/db.ts";

const REGIONS = ["gb", "ire"];
const WEEK = { start: "2025-06-09", end: "2025-06-15" };
/** The simulator's clock: after the week, so every race of it has a result. */
const SIMULATOR_NOW = "2025-06-20T21:00:00Z";

interface Batches {
  results: RowBatch<"result">;
  /** One racecard batch per date of the results page, in date order. */
  racecards: RowBatch<"racecard">[];
  raceCount: number;
}

/** Fetches a results page of a past week and the racecards of the same races. */
async function fetchBatches(): Promise<Batches> {
  const simulator = await startSimulator({
    seed: 3,
    plan: "pro",
    username: "demo",
    password: "demo",
    rateScale: 0,
    now: () => new Date(SIMULATOR_NOW),
  });
  const get = async (path: string) => {
    const response = await fetch(`${simulator.baseUrl}${path}`, {
      headers: { authorization: `Basic ${btoa("demo:demo")}` },
    });
    const body = await response.json();
    assert(response.ok, `${path} answered ${response.status}`);
    return body;
  };
  try {
    const resultsPage = parseApiPayload(
      ResultsPageSchema,
      await get(
        `/v1/results?start_date=${WEEK.start}&end_date=${WEEK.end}&region=gb&region=ire&limit=100`,
      ),
      "results page",
    );
    const results = resultsPage.results ?? [];
    const raceIds = new Set(results.map((result) => result.race_id));
    const dates = [...new Set(results.map((result) => result.date))].sort();
    const racecards: RowBatch<"racecard">[] = [];
    for (const date of dates) {
      const page = parseApiPayload(
        RacecardsProPageSchema,
        await get(`/v1/racecards/pro?date=${date}&region_codes=gb&region_codes=ire`),
        "racecards page",
      );
      const sameRaces = page.racecards.filter((card) => raceIds.has(card.race_id));
      racecards.push(racecardsPageToRows({ racecards: sameRaces }, { regions: REGIONS }).rows);
    }
    return {
      results: resultsPageToRows(resultsPage, { regions: REGIONS }).rows,
      racecards,
      raceCount: raceIds.size,
    };
  } finally {
    await simulator.close();
  }
}

async function writeResults(sql: postgres.Sql, batches: Batches) {
  return await writeBatchInTransaction(sql, batches.results, "result");
}

async function writeRacecards(sql: postgres.Sql, batches: Batches): Promise<void> {
  for (const batch of batches.racecards) await writeBatchInTransaction(sql, batch, "racecard");
}

/** Every data table's rows ordered by key, without created_at/updated_at. */
async function dumpTables(sql: postgres.Sql): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of WRITE_ORDER) {
    const rows = await sql`
      select to_jsonb(t) - 'created_at' - 'updated_at' as row
      from ${sql(table)} t
      order by ${sql(keyColumns(table) as string[])}
    `;
    dump[table] = rows.map((r) => r.row);
  }
  return dump;
}

/** Key and updated_at of every row of every data table. */
async function updatedAts(sql: postgres.Sql): Promise<Record<string, unknown[]>> {
  const stamps: Record<string, unknown[]> = {};
  for (const table of WRITE_ORDER) {
    const keys = keyColumns(table) as string[];
    const rows = await sql`
      select ${sql(keys)}, updated_at from ${sql(table)} order by ${sql(keys)}
    `;
    stamps[table] = rows.map((row) => ({ ...row }));
  }
  return stamps;
}

let fetched: Promise<Batches> | undefined;
function batches(): Promise<Batches> {
  fetched ??= fetchBatches();
  return fetched;
}

Deno.test("results ×2, racecards, results again store what one write of each stores", async () => {
  const input = await batches();
  assert(input.raceCount > 20, `expected a full results page, got ${input.raceCount} races`);
  assert(input.racecards.length > 1, "expected racecards for several dates");

  await using repeated = await createTestDatabase();
  await writeResults(repeated.sql, input);
  await writeResults(repeated.sql, input);
  await writeRacecards(repeated.sql, input);
  await writeResults(repeated.sql, input);

  await using resultsFirst = await createTestDatabase();
  await writeResults(resultsFirst.sql, input);
  await writeRacecards(resultsFirst.sql, input);

  await using racecardsFirst = await createTestDatabase();
  await writeRacecards(racecardsFirst.sql, input);
  await writeResults(racecardsFirst.sql, input);

  const expected = await dumpTables(resultsFirst.sql);
  assertEquals((expected.ra_mst_races ?? []).length, input.raceCount);
  assert((expected.ra_mst_runners ?? []).length > input.raceCount * 5);
  assertEquals(await dumpTables(repeated.sql), expected);
  assertEquals(await dumpTables(racecardsFirst.sql), expected);
});

Deno.test("re-writing the same batch changes no row and leaves updated_at unchanged", async () => {
  const input = await batches();
  await using db = await createTestDatabase();
  await writeResults(db.sql, input);
  await writeRacecards(db.sql, input);
  const before = await updatedAts(db.sql);

  const resultCounts = await writeResults(db.sql, input);
  const racecardCounts = [];
  for (const batch of input.racecards) {
    racecardCounts.push(await writeBatchInTransaction(db.sql, batch, "racecard"));
  }
  const changed = [resultCounts, ...racecardCounts].flatMap((counts) =>
    Object.entries(counts).filter(([, n]) => n !== 0)
  );
  assertEquals(changed, []);
  assertEquals(await updatedAts(db.sql), before);
});
