import assert from "node:assert/strict";
import postgres from "postgres";
import { startPglite } from "./pglite.ts";
import { pushMigrations } from "./tools.ts";

Deno.test("startPglite() serves PGlite over TCP: supabase db push applies the migrations, clients query them", async () => {
  const pglite = await startPglite();
  try {
    assert.equal(pglite.url(), `postgresql://postgres:postgres@127.0.0.1:${pglite.port}/postgres`);
    await pushMigrations(pglite.url());
    const sql = postgres(pglite.url(), { max: 1, prepare: false, onnotice: () => {} });
    try {
      const [migrations] = await sql<{ count: number }[]>`
        select count(*)::integer as count from supabase_migrations.schema_migrations`;
      const files = [...Deno.readDirSync(new URL("../../supabase/migrations/", import.meta.url))]
        .filter((entry) => entry.name.endsWith(".sql"));
      assert.equal(migrations?.count, files.length);
      // No pg_cron, pg_net or Vault here: scheduling reports what is missing instead of failing.
      const [runs] = await sql<{ runs: string }[]>`
        select to_regclass('public.ra_sync_runs')::text as runs`;
      assert.equal(runs?.runs, "ra_sync_runs");
      const [cron] = await sql<{ installed: boolean }[]>`
        select exists (select 1 from pg_extension where extname = 'pg_cron') as installed`;
      assert.equal(cron?.installed, false);
    } finally {
      await sql.end();
    }
  } finally {
    await pglite.stop();
    await pglite.stop();
  }
  await assert.rejects(Deno.connect({ hostname: "127.0.0.1", port: pglite.port }));
});
