/**
 * enrich-horses forced runs against the real database and the simulator: given ids are added
 * and enriched, a horse the API does not know is recorded as not found and not asked again.
 */
import assert from "node:assert/strict";
import { startSimulator } from "../../../dev/simulator/server.ts";
import { createTestDatabase } from "../../../tests/support/db.ts";
import {
  asked,
  DB_TEST,
  handlerFor,
  horseIds,
  NOW,
  post,
  syncRacecards,
} from "./job_test_fixtures.ts";

Deno.test({
  name: "enrich-horses force adds and enriches given ids, records not found, never asks it again",
  ...DB_TEST,
  async fn() {
    await using db = await createTestDatabase();
    const sim = await startSimulator({
      seed: 42,
      now: () => NOW,
      rateScale: Infinity,
    });
    try {
      await syncRacecards(db, sim, 1);
      const [sire] = await db.sql<
        { id: string; horse_id: string; name: string }[]
      >`
        select id, horse_id, name from public.ra_mst_sires order by id limit 1`;
      const missing = "hrs_999999999";
      const sireHorse = sim.world.horseProfile(sire!.horse_id)!;
      const handler = handlerFor(db, sim);
      sim.clearLog();

      const forced = await post(handler, {
        mode: "drain",
        force: true,
        horse_ids: [missing, sire!.horse_id],
        wait: true,
      });
      assert.equal(forced.body.status, "succeeded");
      assert.equal(forced.body.api_calls, 2 + (sireHorse.proNotFound ? 2 : 1));
      assert.deepEqual(
        (forced.body.details as Record<string, unknown>).added_horse_ids,
        [sire!.horse_id, missing].sort(),
      );
      assert.deepEqual(await horseIds(db.sql, "not_found"), [missing]);
      // The sire is now a horse in our data too, and its sire row links to that horse.
      const [linked] = await db.sql<
        { horse_name: string; sire_name: string }[]
      >`
        select h.name as horse_name, s.name as sire_name
        from public.ra_mst_sires s join public.ra_mst_horses h on h.id = s.horse_id
        where s.id = ${sire!.id}`;
      assert.deepEqual(linked, {
        horse_name: sire!.name,
        sire_name: sire!.name,
      });
      const [pedigree] = await db.sql<{ sire_id: string; dam_id: string }[]>`
        select sire_id, dam_id from public.ra_horse_pedigree where horse_id = ${sire!.horse_id}`;
      assert.deepEqual(pedigree, {
        sire_id: sireHorse.sire_id,
        dam_id: sireHorse.dam_id,
      });

      sim.clearLog();
      const unforced = await post(handler, { mode: "drain", wait: true });
      assert.equal(unforced.body.api_calls, 0);
      const retried = await post(handler, {
        mode: "drain",
        force: true,
        wait: true,
      });
      assert.equal(retried.body.api_calls, 2);
      assert.deepEqual(asked(sim, "pro"), [missing]);
      assert.deepEqual(await horseIds(db.sql, "not_found"), [missing]);
    } finally {
      await sim.close();
    }
  },
});
