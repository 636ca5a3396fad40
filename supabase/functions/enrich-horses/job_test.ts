/**
 * enrich-horses against the real database and the simulator: the acceptance run after a 30-day
 * racecards sync, forced runs, the 401 stop, quarantine, and the request contract.
 */
import assert from "node:assert/strict";
import type postgres from "postgres";
import { startSimulator } from "../../../dev/simulator/server.ts";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/db.ts";
import { writeBatchInTransaction } from "../_shared/db/writer.ts";
import { createJobHandler, type HandlerDependencies } from "../_shared/http/serve_job.ts";
import { parseApiPayload } from "../_shared/racing_api/parse_payload.ts";
import { RacecardsProPageSchema } from "../_shared/racing_api/racecard_schemas.ts";
import { ResultsPageSchema } from "../_shared/racing_api/result_schemas.ts";
import { mergeRowBatches } from "../_shared/transform/batch.ts";
import { racecardsPageToRows } from "../_shared/transform/racecard.ts";
import { resultsPageToRows } from "../_shared/transform/result.ts";
import { splitHorseName } from "../_shared/transform/names.ts";
import { enrichHorsesJob } from "./job.ts";

const KEY = "test-function-key";
const NOW = new Date("2025-06-30T20:00:00Z");
const REGIONS = { regions: ["gb", "ire"] };
const AUTH = { authorization: `Basic ${btoa("demo:demo")}` };
/** Handlers keep a postgres.js pool open until the test database is dropped. */
const DB_TEST = { sanitizeResources: false, sanitizeOps: false } as const;

type Sim = Awaited<ReturnType<typeof startSimulator>>;

function handlerFor(
  db: TestDatabase,
  sim: Sim,
  overrides: Record<string, string> = {},
  dependencies: Partial<HandlerDependencies> = {},
) {
  return createJobHandler(enrichHorsesJob, {
    env: {
      DATABASE_URL: db.url,
      RACING_API_BASE_URL: sim.baseUrl,
      RACING_API_USERNAME: "demo",
      RACING_API_PASSWORD: "demo",
      RA_FUNCTION_KEY: KEY,
      RA_RATE_DEFAULT: "10",
      RA_RATE_GLOBAL: "10",
      ...overrides,
    },
    platform: { waitUntil: () => false, onShutdown: () => {} },
    logSink: () => {},
    ...dependencies,
  });
}

async function post(
  handler: (request: Request) => Promise<Response>,
  body: unknown,
  headers: Record<string, string> = { apikey: KEY },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await handler(
    new Request("http://localhost/functions/v1/enrich-horses", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
  );
  return { status: response.status, body: await response.json() };
}

async function simulatorJson(sim: Sim, path: string): Promise<unknown> {
  const response = await fetch(`${sim.baseUrl}${path}`, { headers: AUTH });
  assert.equal(
    response.status,
    200,
    `simulator answered ${response.status} for ${path}`,
  );
  return await response.json();
}

/**
 * Writes the racecards of `days` days ending on 2025-06-30, as fetch-racecards would (merged
 * into one batch, which stores what writing the days one by one would).
 */
async function syncRacecards(
  db: TestDatabase,
  sim: Sim,
  days: number,
): Promise<void> {
  const batches = [];
  for (let day = 31 - days; day <= 30; day++) {
    const date = `2025-06-${String(day).padStart(2, "0")}`;
    const body = await simulatorJson(
      sim,
      `/v1/racecards/pro?date=${date}&region_codes=gb&region_codes=ire&limit=500`,
    );
    const page = parseApiPayload(
      RacecardsProPageSchema,
      body,
      "racecards page",
    );
    assert.ok(page.total <= page.racecards.length, `one page holds ${date}`);
    batches.push(racecardsPageToRows(page, REGIONS).rows);
  }
  await writeBatchInTransaction(
    db.sql,
    mergeRowBatches("racecard", batches),
    "racecard",
  );
}

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

/** Horse ids asked of an endpoint ("pro" or "standard"), in request order. */
function asked(sim: Sim, endpoint: "pro" | "standard"): string[] {
  const pattern = new RegExp(`^/v1/horses/(hrs_\\d+)/${endpoint}$`);
  return sim.requestLog.flatMap((entry) => {
    const match = pattern.exec(entry.path);
    return match ? [match[1]!] : [];
  });
}

async function horseIds(sql: postgres.Sql, status: string): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select id from public.ra_mst_horses where enrichment_status = ${status} order by id`;
  return rows.map((row) => row.id);
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

/** Stores three world horses as pending (no profile) and returns their ids. */
async function pendingWorldHorses(
  db: TestDatabase,
  sim: Sim,
): Promise<string[]> {
  const body = await simulatorJson(
    sim,
    "/v1/racecards/pro?date=2025-06-30&region_codes=gb&region_codes=ire&limit=500",
  );
  const page = parseApiPayload(RacecardsProPageSchema, body, "racecards page");
  const ids = page.racecards[0]!.runners.slice(0, 3).map((runner) => runner.horse_id).sort();
  await db.sql`insert into public.ra_mst_horses (id, first_seen_date)
               select id, '2025-06-30' from unnest(${ids}::text[]) as id`;
  return ids;
}

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

Deno.test({
  name: "enrich-horses answers 400 naming bad fields and 401 without the key",
  ...DB_TEST,
  async fn() {
    const handler = createJobHandler(enrichHorsesJob, {
      env: {
        DATABASE_URL: "postgres://nobody@127.0.0.1:1/none",
        RACING_API_USERNAME: "demo",
        RACING_API_PASSWORD: "demo",
        RA_FUNCTION_KEY: KEY,
      },
      platform: { waitUntil: () => false, onShutdown: () => {} },
      logSink: () => {},
    });
    const fieldsOf = async (body: unknown) => {
      const answer = await post(handler, body);
      assert.equal(answer.status, 400);
      return (answer.body.fields as { field: string }[]).map((problem) => problem.field);
    };
    assert.deepEqual(await fieldsOf({ mode: "sprint" }), ["mode"]);
    assert.deepEqual(await fieldsOf({ mode: "drain", batch_size: 0 }), [
      "batch_size",
    ]);
    assert.deepEqual(await fieldsOf({ mode: "drain", batch_size: 501 }), [
      "batch_size",
    ]);
    assert.deepEqual(await fieldsOf({ mode: "tick", horse_ids: ["hrs_1"] }), [
      "horse_ids",
    ]);
    assert.deepEqual(
      await fieldsOf({ mode: "drain", force: true, horse_ids: ["sir_1"] }),
      [
        "horse_ids.0",
      ],
    );
    assert.deepEqual(await fieldsOf({ mode: "drain", speed: 2 }), ["speed"]);
    const anonymous = await post(handler, { mode: "tick" }, {});
    assert.equal(anonymous.status, 401);
  },
});
