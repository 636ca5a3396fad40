/**
 * enrich-horses against the real database and the simulator: the acceptance run after a 30-day
 * racecards sync drains every pending horse once, with the simulator's pedigrees.
 */
import assert from "node:assert/strict";
import { startSimulator } from "../../../dev/simulator/server.ts";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/db.ts";
import { writeBatchInTransaction } from "../_shared/db/writer.ts";
import { parseApiPayload } from "../_shared/racing_api/parse_payload.ts";
import { ResultsPageSchema } from "../_shared/racing_api/result_schemas.ts";
import { resultsPageToRows } from "../_shared/transform/result.ts";
import { splitHorseName } from "../_shared/transform/names.ts";
import {
  asked,
  DB_TEST,
  handlerFor,
  horseIds,
  NOW,
  post,
  REGIONS,
  type Sim,
  simulatorJson,
  syncRacecards,
} from "./job_test_fixtures.ts";

/**
 * Writes results of the first races of 2025-05-31 until `horses` horses the cards did not
 * carry are stored: horses known from results only, which have no profile yet.
 */
async function syncResultsOnlyHorses(
  db: TestDatabase,
  sim: Sim,
  horses: number,
) {
  const body = await simulatorJson(
    sim,
    "/v1/results?start_date=2025-05-31&end_date=2025-05-31&region=gb&region=ire&limit=100",
  );
  const page = parseApiPayload(ResultsPageSchema, body, "results page");
  const known = new Set(
    (await db.sql<{ id: string }[]>`select id from public.ra_mst_horses`).map((
      row,
    ) => row.id),
  );
  const taken = [];
  const added = new Set<string>();
  for (const result of page.results ?? []) {
    if (added.size >= horses) break;
    taken.push(result);
    for (const runner of result.runners) {
      if (!known.has(runner.horse_id)) added.add(runner.horse_id);
    }
  }
  await writeBatchInTransaction(
    db.sql,
    resultsPageToRows({ ...page, results: taken }, REGIONS).rows,
    "result",
  );
}

/** The name and region an ancestor row should hold for the world's "Name (REG)". */
function ancestorTruth(
  suffixed: string,
): { name: string; region: string | null } {
  const split = splitHorseName(suffixed);
  return { name: split.name, region: split.country };
}

Deno.test({
  name: "enrich-horses drains the pending horses once each, with the simulator's pedigrees",
  ...DB_TEST,
  async fn() {
    await using db = await createTestDatabase();
    const sim = await startSimulator({
      seed: 42,
      now: () => NOW,
      rateScale: Infinity,
    });
    try {
      await syncRacecards(db, sim, 30);
      await syncResultsOnlyHorses(db, sim, 40);
      const pending = await horseIds(db.sql, "pending");
      assert.ok(
        pending.length >= 40,
        `fixture has pending horses: ${pending.length}`,
      );
      const proMissing = pending.filter((id) => sim.world.horseProfile(id)?.proNotFound);
      assert.ok(
        proMissing.length > 0,
        "fixture has a horse with no pro profile",
      );
      sim.clearLog();

      const handler = handlerFor(db, sim);
      const drained = await post(handler, { mode: "drain", wait: true });
      assert.equal(drained.status, 200);
      assert.equal(drained.body.status, "succeeded");
      assert.equal(drained.body.api_calls, pending.length + proMissing.length);
      assert.deepEqual(drained.body.details, {
        stopped_by: "drained",
        horses_claimed: pending.length,
        enriched_pro: pending.length - proMissing.length,
        enriched_standard: proMissing.length,
        not_found: 0,
        horses_failed: 0,
        horses_pending: 0,
        horses_given_up: 0,
      });
      // Each pending horse asked of /pro once, /standard only after a pro 404.
      assert.deepEqual(asked(sim, "pro").sort(), pending);
      assert.deepEqual(asked(sim, "standard").sort(), proMissing.sort());
      assert.deepEqual(await horseIds(db.sql, "pending"), []);
      assert.deepEqual(await horseIds(db.sql, "not_found"), []);

      // Every horse's pedigree (the view) equals the world's.
      const pedigrees = await db.sql<
        {
          horse_id: string;
          sire_id: string | null;
          sire: string | null;
          dam_id: string | null;
          dam: string | null;
          damsire_id: string | null;
          damsire: string | null;
          region: string | null;
        }[]
      >`select horse_id, sire_id, sire, dam_id, dam, damsire_id, damsire, region
        from public.ra_horse_pedigree order by horse_id`;
      const [stored] = await db.sql<{ horses: number }[]>`
        select count(*)::integer as horses from public.ra_mst_horses`;
      assert.equal(pedigrees.length, stored!.horses);
      const wrong = pedigrees.filter((row) => {
        const truth = sim.world.horseProfile(row.horse_id)!;
        return row.sire_id !== truth.sire_id || row.dam_id !== truth.dam_id ||
          row.damsire_id !== truth.damsire_id || row.region !== truth.region ||
          row.sire !== ancestorTruth(truth.sire).name ||
          row.dam !== ancestorTruth(truth.dam).name ||
          row.damsire !== ancestorTruth(truth.damsire).name;
      });
      assert.deepEqual(wrong.map((row) => row.horse_id), []);

      // Every sire, dam and damsire links to its own horse in the world, name and region right.
      const ancestors = await db.sql<
        {
          id: string;
          name: string | null;
          region: string | null;
          horse_id: string;
        }[]
      >`select id, name, region, horse_id from public.ra_mst_sires
        union all select id, name, region, horse_id from public.ra_mst_dams
        union all select id, name, region, horse_id from public.ra_mst_damsires`;
      assert.ok(ancestors.length > 0);
      const unlinked = ancestors.filter((row) => {
        const horse = sim.world.horse(row.horse_id);
        return horse === null || row.name !== horse.name ||
          (row.region !== null && row.region !== horse.bred);
      });
      assert.deepEqual(unlinked.map((row) => row.id), []);
      const [sires] = await db.sql<{ without_region: number }[]>`
        select count(*)::integer as without_region from public.ra_mst_sires where region is null`;
      assert.equal(sires!.without_region, 0);

      // A rerun asks nothing; so does the ticker when nothing is pending.
      sim.clearLog();
      const again = await post(handler, { mode: "drain", wait: true });
      assert.equal(again.body.status, "succeeded");
      assert.equal(again.body.api_calls, 0);
      const tick = await post(handler, { mode: "tick", wait: true });
      assert.equal(tick.body.status, "succeeded");
      assert.equal(tick.body.api_calls, 0);
      assert.equal(sim.requestLog.length, 0);
      const [run] = await db.sql<{ status: string; api_calls: number }[]>`
        select status, api_calls from public.ra_sync_runs where run_id = ${
        String(drained.body.run_id)
      }`;
      assert.deepEqual(run, {
        status: "succeeded",
        api_calls: pending.length + proMissing.length,
      });
    } finally {
      await sim.close();
    }
  },
});
