/**
 * enrich-horses when the API fails it: the 401 stop that hands the horses back, and the
 * quarantine of a profile of the wrong shape while the rest go on.
 */
import assert from "node:assert/strict";
import { startSimulator } from "../../../dev/simulator/server.ts";
import { createTestDatabase } from "../../../tests/support/db.ts";
import {
  DB_TEST,
  handlerFor,
  horseIds,
  NOW,
  pendingWorldHorses,
  post,
} from "./job_test_fixtures.ts";

Deno.test({
  name: "enrich-horses stops at a 401 with a clear message and hands its horses back",
  ...DB_TEST,
  async fn() {
    await using db = await createTestDatabase();
    const sim = await startSimulator({
      seed: 42,
      now: () => NOW,
      rateScale: Infinity,
    });
    try {
      const ids = await pendingWorldHorses(db, sim);
      sim.clearLog();
      const handler = handlerFor(db, sim, { RACING_API_PASSWORD: "wrong" });
      const result = await post(handler, { mode: "drain", wait: true });
      assert.equal(result.body.status, "failed");
      assert.equal(result.body.api_calls, 1);
      const [run] = await db.sql<{ status: string; error: string }[]>`
        select status, error from public.ra_sync_runs where run_id = ${String(result.body.run_id)}`;
      assert.equal(run!.status, "failed");
      assert.match(
        run!.error,
        /API answered 401: the username or password is wrong/,
      );
      assert.match(
        run!.error,
        /check RACING_API_USERNAME, RACING_API_PASSWORD and the plan/,
      );
      assert.doesNotMatch(run!.error, /wrong"|:wrong/);
      assert.deepEqual(await horseIds(db.sql, "pending"), ids);
      const [leases] = await db.sql<{ live: number; attempts: number }[]>`
        select count(*) filter (where lease_expires_at is not null)::integer as live,
               coalesce(sum(attempts), 0)::integer as attempts
        from public.ra_sync_horse_leases`;
      assert.deepEqual(leases, { live: 0, attempts: 0 });
    } finally {
      await sim.close();
    }
  },
});

Deno.test({
  name: "enrich-horses quarantines a profile of the wrong shape and goes on with the rest",
  ...DB_TEST,
  async fn() {
    await using db = await createTestDatabase();
    const sim = await startSimulator({
      seed: 42,
      now: () => NOW,
      rateScale: Infinity,
    });
    try {
      const ids = await pendingWorldHorses(db, sim);
      const broken = ids[0]!;
      const brokenFetch: typeof fetch = (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (url.endsWith(`/v1/horses/${broken}/pro`)) {
          return Promise.resolve(Response.json({ id: broken, dob: 20110619 }));
        }
        return fetch(input, init);
      };
      const handler = handlerFor(db, sim, {}, { fetch: brokenFetch });
      const result = await post(handler, { mode: "drain", wait: true });
      assert.equal(result.body.status, "partial");
      const details = result.body.details as Record<string, number>;
      assert.equal(details.horses_failed, 1);
      assert.equal(details.horses_pending, 1);
      assert.equal(
        result.body.error,
        "Cannot parse horse pro profile payload: dob: expected string, received number",
      );
      const [quarantined] = await db.sql<
        { endpoint: string; params: unknown; payload: unknown }[]
      >`
        select endpoint, params, payload from public.ra_sync_errors where run_id = ${
        String(result.body.run_id)
      }`;
      assert.deepEqual(quarantined, {
        endpoint: `/v1/horses/${broken}/pro`,
        params: { horse_id: broken },
        payload: { id: broken, dob: 20110619 },
      });
      assert.deepEqual(await horseIds(db.sql, "pending"), [broken]);
      const [lease] = await db.sql<{ attempts: number; live: boolean }[]>`
        select attempts, lease_expires_at is not null as live
        from public.ra_sync_horse_leases where horse_id = ${broken}`;
      assert.deepEqual(lease, { attempts: 1, live: false });
    } finally {
      await sim.close();
    }
  },
});
