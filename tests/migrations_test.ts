import assert from "node:assert/strict";
import postgres from "postgres";
import { adminUrl } from "./support/db.ts";
import { pushMigrations, runSupabase } from "../dev/stack/tools.ts";

const migrationsDir = new URL("../supabase/migrations/", import.meta.url);

async function localMigrationVersions(): Promise<string[]> {
  const versions: string[] = [];
  for await (const entry of Deno.readDir(migrationsDir)) {
    if (entry.isFile && entry.name.endsWith(".sql")) versions.push(entry.name.split("_")[0]!);
  }
  return versions.sort();
}

function urlOf(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

Deno.test("the test cluster runs pg_cron in its cron database", async () => {
  const sql = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select extname from pg_extension where extname = 'pg_cron'`;
    assert.equal(rows.length, 1);
    const [setting] = await sql`select current_setting('cron.database_name') as name`;
    assert.equal(setting?.name, "postgres");
  } finally {
    await sql.end();
  }
});

Deno.test("supabase db push applies every migration from scratch, in order, and migration list agrees", async () => {
  const database = `mig_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${database}`);
  try {
    await pushMigrations(urlOf(database));
    const sql = postgres(urlOf(database), { max: 1, onnotice: () => {} });
    let applied: string[];
    try {
      const rows = await sql<{ version: string }[]>`
        select version from supabase_migrations.schema_migrations order by version`;
      applied = rows.map((row) => row.version);
    } finally {
      await sql.end();
    }
    const local = await localMigrationVersions();
    assert.ok(local.length > 0, "at least one migration");
    assert.deepEqual(applied, local);

    const list = await runSupabase(["migration", "list", "--db-url", urlOf(database)]);
    assert.equal(list.code, 0, list.stderr);
    for (const version of local) {
      // Each applied migration shows its version in both the Local and Remote columns.
      const row = list.stdout.split("\n").find((line) => line.includes(version));
      assert.ok(row, `migration list shows ${version}`);
      assert.equal(row.split(version).length - 1, 2, `${version} is local and applied: ${row}`);
    }
  } finally {
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
});
