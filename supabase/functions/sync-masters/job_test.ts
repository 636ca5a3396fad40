/**
 * sync-masters against the real database and the simulator: courses, regions, bookmakers and
 * people, reruns that change nothing, the 401 stop and the request contract.
 */
import assert from "node:assert/strict";
import type postgres from "postgres";
import { regionName, REGIONS } from "../../../dev/simulator/courses.ts";
import { startSimulator } from "../../../dev/simulator/server.ts";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/db.ts";
import { writeBatchInTransaction } from "../_shared/db/writer.ts";
import { createJobHandler } from "../_shared/http/serve_job.ts";
import { BOOKMAKERS } from "./bookmakers.ts";
import { parseApiPayload } from "../_shared/racing_api/parse_payload.ts";
import { RacecardsProPageSchema } from "../_shared/racing_api/racecard_schemas.ts";
import { archiveResponse } from "../_shared/sync/job_context.ts";
import { racecardsPageToRows } from "../_shared/transform/racecard.ts";
import { syncMastersJob } from "./job.ts";

const KEY = "test-function-key";
const NOW = new Date("2025-06-30T20:00:00Z");
const AUTH = { authorization: `Basic ${btoa("demo:demo")}` };
/** Handlers keep a postgres.js pool open until the test database is dropped. */
const DB_TEST = { sanitizeResources: false, sanitizeOps: false } as const;

type Sim = Awaited<ReturnType<typeof startSimulator>>;

function handlerFor(db: TestDatabase, sim: Sim, overrides: Record<string, string> = {}) {
  return createJobHandler(syncMastersJob, {
    env: {
      DATABASE_URL: db.url,
      RACING_API_BASE_URL: sim.baseUrl,
      RACING_API_USERNAME: "demo",
      RACING_API_PASSWORD: "demo",
      RA_FUNCTION_KEY: KEY,
      RA_RATE_COURSES: "10",
      RA_RATE_GLOBAL: "10",
      ...overrides,
    },
    platform: { waitUntil: () => false, onShutdown: () => {} },
    logSink: () => {},
  });
}

async function post(
  handler: (request: Request) => Promise<Response>,
  body: unknown,
  headers: Record<string, string> = { apikey: KEY },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await handler(
    new Request("http://localhost/functions/v1/sync-masters", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
  );
  return { status: response.status, body: await response.json() };
}

/**
 * Stores two days of racecards as fetch-racecards would (rows and raw archive) and returns the
 * bookmaker names their odds use.
 */
async function syncRacecards(db: TestDatabase, sim: Sim): Promise<Set<string>> {
  const bookmakers = new Set<string>();
  for (const date of ["2025-06-29", "2025-06-30"]) {
    const params = { date, region_codes: ["gb", "ire"], limit: "500" };
    const response = await fetch(
      `${sim.baseUrl}/v1/racecards/pro?date=${date}&region_codes=gb&region_codes=ire&limit=500`,
      { headers: AUTH },
    );
    const bodyText = await response.text();
    const body = JSON.parse(bodyText);
    await archiveResponse(db.sql, null, {
      endpoint: "/v1/racecards/pro",
      params,
      status: 200,
      body,
      bodyText,
      fetchedAt: NOW,
    });
    const page = parseApiPayload(RacecardsProPageSchema, body, "racecards page");
    for (const card of page.racecards) {
      for (const runner of card.runners) {
        for (const price of runner.odds ?? []) bookmakers.add(price.bookmaker);
      }
    }
    await writeBatchInTransaction(
      db.sql,
      racecardsPageToRows(page, { regions: ["gb", "ire"] }).rows,
      "racecard",
    );
  }
  return bookmakers;
}

async function masters(sql: postgres.Sql) {
  const courses = await sql`select id, name, region_code, region, updated_at
                            from public.ra_mst_courses order by id`;
  const regions = await sql`select code, name, updated_at from public.ra_mst_regions order by code`;
  const bookmakers = await sql`select * from public.ra_mst_bookmakers order by id`;
  const aliases = await sql`select * from public.ra_mst_bookmaker_aliases order by alias`;
  const trainers = await sql`select * from public.ra_mst_trainers order by id`;
  return { courses, regions, bookmakers, aliases, trainers };
}

Deno.test({
  name:
    "sync-masters monthly stores the simulator's courses, regions and bookmakers; a rerun changes nothing",
  ...DB_TEST,
  async fn() {
    await using db = await createTestDatabase();
    const sim = await startSimulator({ seed: 42, now: () => NOW, rateScale: Infinity });
    try {
      const oddsBookmakers = await syncRacecards(db, sim);
      sim.clearLog();
      const handler = handlerFor(db, sim);
      const first = await post(handler, { mode: "monthly", wait: true });
      assert.equal(first.status, 200);
      assert.equal(first.body.status, "succeeded");
      assert.equal(first.body.api_calls, 2);
      assert.deepEqual(
        sim.requestLog.map((entry) => `${entry.path}?${entry.query}`),
        ["/v1/courses/regions?", "/v1/courses?region_codes=gb&region_codes=ire"],
      );

      const stored = await masters(db.sql);
      const homeCourses = sim.world.courses
        .filter((course) => course.regionCode === "gb" || course.regionCode === "ire")
        .map((course) => ({
          id: course.id,
          name: course.name,
          region_code: course.regionCode,
          region: regionName(course.regionCode),
        }))
        .sort((a, b) => a.id < b.id ? -1 : 1);
      assert.deepEqual(
        stored.courses.map(({ id, name, region_code, region }) => ({
          id,
          name,
          region_code,
          region,
        })),
        homeCourses,
      );
      assert.deepEqual(
        stored.regions.map(({ code, name }) => ({ region_code: code, region: name })),
        [...REGIONS].sort((a, b) => a.region_code < b.region_code ? -1 : 1),
      );
      assert.equal(stored.bookmakers.length, BOOKMAKERS.length);
      assert.ok(oddsBookmakers.size >= 20, `the cards quote ${oddsBookmakers.size} books`);
      const resolved = await db.sql<{ alias: string }[]>`
        select alias from public.ra_mst_bookmaker_aliases
        where alias = any(${[...oddsBookmakers]}::text[])`;
      assert.equal(resolved.length, oddsBookmakers.size);

      const entities = (first.body.details as { entities: Record<string, Record<string, unknown>> })
        .entities;
      assert.deepEqual(Object.keys(entities), ["regions", "courses", "bookmakers", "people"]);
      assert.equal(entities.courses!.courses, homeCourses.length);
      assert.equal(entities.regions!.regions, REGIONS.length);

      const again = await post(handler, { mode: "monthly", wait: true });
      assert.equal(again.body.status, "succeeded");
      assert.equal(again.body.rows_written, 0);
      assert.deepEqual(await masters(db.sql), stored);
    } finally {
      await sim.close();
    }
  },
});

Deno.test({
  name:
    "sync-masters weekly refreshes people from stored runners and the archive, with no API call",
  ...DB_TEST,
  async fn() {
    await using db = await createTestDatabase();
    const sim = await startSimulator({ seed: 42, now: () => NOW, rateScale: Infinity });
    try {
      await syncRacecards(db, sim);
      const [trainer] = await db.sql<
        { id: string; name: string; location: string; last_seen_date: Date }[]
      >`select id, name, location, last_seen_date from public.ra_mst_trainers
        where location is not null order by id limit 1`;
      // A backfill of older data left a stale name, no location and a wrong last seen date.
      await db.sql`update public.ra_mst_trainers
                   set name = 'Stale Name', location = null, last_seen_date = '2020-01-01'
                   where id = ${trainer!.id}`;
      sim.clearLog();
      const handler = handlerFor(db, sim);
      const weekly = await post(handler, { mode: "weekly", wait: true });
      assert.equal(weekly.body.status, "succeeded");
      assert.equal(weekly.body.api_calls, 0);
      assert.equal(sim.requestLog.length, 0);
      assert.equal(weekly.body.rows_written, 1);
      const [refreshed] = await db.sql`
        select id, name, location, last_seen_date from public.ra_mst_trainers
        where id = ${trainer!.id}`;
      assert.deepEqual(refreshed, trainer);
      assert.deepEqual(Object.keys((weekly.body.details as { entities: object }).entities), [
        "people",
      ]);

      const again = await post(handler, { mode: "entities", entities: ["people"], wait: true });
      assert.equal(again.body.rows_written, 0);
    } finally {
      await sim.close();
    }
  },
});

Deno.test({
  name: "sync-masters follows RA_REGIONS for courses and syncs only the entities asked for",
  ...DB_TEST,
  async fn() {
    await using db = await createTestDatabase();
    const sim = await startSimulator({ seed: 42, now: () => NOW, rateScale: Infinity });
    try {
      const handler = handlerFor(db, sim, { RA_REGIONS: "ire" });
      const result = await post(handler, {
        mode: "entities",
        entities: ["courses", "bookmakers", "courses"],
        wait: true,
      });
      assert.equal(result.body.status, "succeeded");
      assert.equal(result.body.api_calls, 1);
      const regions = await db.sql`select distinct region_code from public.ra_mst_courses`;
      assert.deepEqual([...regions], [{ region_code: "ire" }]);
      const [counts] = await db.sql<{ regions: number; bookmakers: number }[]>`
        select (select count(*)::integer from public.ra_mst_regions) as regions,
               (select count(*)::integer from public.ra_mst_bookmakers) as bookmakers`;
      assert.deepEqual(counts, { regions: 0, bookmakers: BOOKMAKERS.length });
    } finally {
      await sim.close();
    }
  },
});

Deno.test({
  name: "sync-masters stops at a 401 with a clear message and skips the entities left",
  ...DB_TEST,
  async fn() {
    await using db = await createTestDatabase();
    const sim = await startSimulator({ seed: 42, now: () => NOW, rateScale: Infinity });
    try {
      const handler = handlerFor(db, sim, { RACING_API_PASSWORD: "wrong" });
      const result = await post(handler, { mode: "monthly", wait: true });
      assert.equal(result.body.status, "failed");
      assert.equal(result.body.api_calls, 1);
      const [run] = await db.sql<{ status: string; error: string }[]>`
        select status, error from public.ra_sync_runs where run_id = ${String(result.body.run_id)}`;
      assert.equal(run!.status, "failed");
      assert.match(
        run!.error,
        /^Cannot fetch \/v1\/courses\/regions: API answered 401: the username or password is wrong/,
      );
      const entities = (result.body.details as { entities: Record<string, { status: string }> })
        .entities;
      assert.deepEqual(
        Object.fromEntries(Object.entries(entities).map(([name, entity]) => [name, entity.status])),
        { regions: "failed", courses: "skipped", bookmakers: "skipped", people: "skipped" },
      );
    } finally {
      await sim.close();
    }
  },
});

Deno.test("sync-masters answers 400 naming bad fields and 401 without the key", async () => {
  const handler = createJobHandler(syncMastersJob, {
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
  assert.deepEqual(await fieldsOf({ mode: "daily" }), ["mode"]);
  assert.deepEqual(await fieldsOf({ mode: "entities", entities: [] }), ["entities"]);
  assert.deepEqual(await fieldsOf({ mode: "entities", entities: ["horses"] }), ["entities.0"]);
  const fivePeople = Array.from({ length: 5 }, () => "people");
  assert.deepEqual(await fieldsOf({ mode: "entities", entities: fivePeople }), ["entities"]);
  assert.deepEqual(await fieldsOf({ mode: "entities" }), ["entities"]);
  assert.deepEqual(await fieldsOf({ mode: "weekly", entities: ["people"] }), ["entities"]);
  assert.equal((await post(handler, { mode: "weekly" }, {})).status, 401);
});
