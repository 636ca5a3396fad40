import assert from "node:assert/strict";
import type postgres from "postgres";
import { createTestDatabase } from "../tests/support/db.ts";
import { formatRefresh } from "./stats.ts";

const decoder = new TextDecoder();

async function stats(url: string, ...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./stats.ts", import.meta.url).pathname, "--db-url", url, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/** Two races of two runners each, with results. */
async function insertFixture(sql: postgres.Sql) {
  await sql`insert into ra_mst_courses (id) values ('crs_1')`;
  await sql`insert into ra_mst_jockeys (id) values ('jky_a'), ('jky_b')`;
  await sql`insert into ra_mst_trainers (id) values ('trn_x')`;
  await sql`insert into ra_mst_horses (id) values ('hrs_1'), ('hrs_2')`;
  await sql`insert into ra_mst_races (id, course_id, race_date, off_dt, has_result, going,
                 distance_f) values
    ('rac_1', 'crs_1', '2025-05-01', '2025-05-01 14:00+01', true, 'Good', 8),
    ('rac_2', 'crs_1', '2025-05-08', '2025-05-08 14:00+01', true, 'Soft', 12)`;
  await sql`insert into ra_mst_runners (race_id, horse_id, jockey_id, trainer_id, position,
                 starting_price_decimal) values
    ('rac_1', 'hrs_1', 'jky_a', 'trn_x', 1, 3.0), ('rac_1', 'hrs_2', 'jky_b', 'trn_x', 2, 2.0),
    ('rac_2', 'hrs_1', 'jky_a', 'trn_x', 2, 2.5), ('rac_2', 'hrs_2', 'jky_b', 'trn_x', 1, 4.0)`;
}

Deno.test("deno task stats refreshes, prints rows changed per table and the run id; a rerun changes nothing", async () => {
  await using db = await createTestDatabase();
  await insertFixture(db.sql);

  const first = await stats(db.url);
  assert.equal(first.code, 0, first.stdout + first.stderr);
  assert.match(first.stdout, /^refreshing statistics \(incremental\): people, runner form, /m);
  // The first refresh ever is a full one, whatever it is asked.
  assert.match(first.stdout, /^full refresh as of \d{4}-\d{2}-\d{2}: 3 people, 4 runners, /m);
  assert.match(first.stdout, /^ {4}ra_jockey_statistics +2 rows changed$/m);
  assert.match(first.stdout, /^ {4}ra_runner_statistics +4 rows changed$/m);
  const [run] = await db.sql<{ run_id: string; status: string; mode: string }[]>`
    select run_id::text, status, mode from ra_sync_runs
    where function_name = 'refresh-statistics'`;
  assert.equal(run?.status, "succeeded");
  assert.ok(first.stdout.includes(`run ${run.run_id}`), first.stdout);

  const again = await stats(db.url, "--full");
  assert.equal(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stdout, /^full refresh as of/m);
  for (const line of again.stdout.split("\n").filter((l) => l.endsWith("rows changed"))) {
    assert.match(line, / 0 rows changed$/, again.stdout);
  }
});

Deno.test("deno task stats exits 1 with the error when the refresh fails, which ra_sync_runs records", async () => {
  await using db = await createTestDatabase();
  await insertFixture(db.sql);
  await db.sql`update ra_private.settings set value = '"five"'::jsonb
               where key = 'statistics_min_combination_runs'`;

  const out = await stats(db.url, "--full");
  assert.equal(out.code, 1, out.stdout + out.stderr);
  assert.match(
    out.stdout,
    /^refresh failed after [\d.]+ s: invalid input syntax for type integer/m,
  );
  const [run] = await db.sql<{ run_id: string; status: string }[]>`
    select run_id::text, status from ra_sync_runs where function_name = 'refresh-statistics'`;
  assert.equal(run?.status, "failed");
  assert.ok(out.stdout.includes(`run ${run.run_id}`), out.stdout);
});

Deno.test("deno task stats without a database names --db-url and exits 2", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./stats.ts", import.meta.url).pathname],
    env: { SUPABASE_DB_URL: "", DATABASE_URL: "" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 2);
  assert.match(decoder.decode(out.stderr), /Cannot refresh the statistics: pass --db-url/);
});

Deno.test("formatRefresh() lists every statistics table under its part", () => {
  const lines = formatRefresh({
    run_id: "r1",
    mode: "incremental",
    status: "succeeded",
    error: null,
    duration_ms: 1234,
    rows_written: 5,
    summary: {
      as_of: "2026-01-02",
      full: false,
      people_recomputed: 3,
      runners_recomputed: 40,
      pedigree_recomputed: 2,
      rows_changed: { ra_runner_statistics: 40, days_since_only: 7 },
    },
  });
  assert.equal(
    lines[0],
    "incremental refresh as of 2026-01-02: 3 people, 40 runners, 2 sires/dams/damsires recomputed",
  );
  assert.equal(lines.filter((line) => line.endsWith("rows changed")).length, 10);
  assert.ok(lines.includes("  7 people rows got only the new days since"));
  assert.equal(lines.at(-1), "succeeded in 1.2 s, run r1");
});
