import assert from "node:assert/strict";
import type postgres from "postgres";
import { createTestDatabase } from "../../../tests/support/db.ts";
import { parseJockeyName } from "../_shared/transform/names.ts";
import { blankToNull } from "../_shared/transform/numbers.ts";
import { refreshPeople } from "./people.ts";

const REGIONS = { regions: ["gb", "ire"] } as const;

/** A runner as archived payloads carry it (only the fields the refresh reads). */
function runner(
  horse: string,
  jockey: string,
  trainer: string,
  location?: string,
) {
  return {
    horse_id: horse,
    jockey_id: "jky_1",
    jockey,
    trainer_id: "trn_1",
    trainer,
    ...(location === undefined ? {} : { trainer_location: location }),
    owner_id: "own_1",
    owner: "",
  };
}

async function archive(
  sql: postgres.Sql,
  endpoint: string,
  body: unknown,
  fetchedAt: string,
): Promise<void> {
  await sql`
    select ra_private.archive_response(
      endpoint => ${endpoint}::text,
      params => ${sql.json({ fetched: fetchedAt })}::jsonb,
      status => 200,
      body => ${sql.json(body as postgres.JSONValue)}::jsonb,
      fetched_at => ${fetchedAt}::timestamptz
    )`;
}

async function seedStoredRunners(sql: postgres.Sql): Promise<void> {
  await sql`insert into public.ra_mst_jockeys (id, name, first_seen_date, last_seen_date)
            values ('jky_1', 'Stale Name', '2025-06-10', '2025-06-10')`;
  await sql`insert into public.ra_mst_trainers (id, name, location) values ('trn_1', 'T Stale', null)`;
  await sql`insert into public.ra_mst_owners (id, name) values ('own_1', 'Owner Kept')`;
  await sql`insert into public.ra_mst_horses (id) values ('hrs_1'), ('hrs_2')`;
  await sql`insert into public.ra_mst_races (id, race_date)
            values ('rac_1', '2025-05-01'), ('rac_2', '2025-06-20')`;
  await sql`insert into public.ra_mst_runners (race_id, horse_id, jockey_id, trainer_id, owner_id)
            values ('rac_1', 'hrs_1', 'jky_1', 'trn_1', 'own_1'),
                   ('rac_2', 'hrs_2', 'jky_1', 'trn_1', 'own_1')`;
}

/** A date column as postgres.js reads it (a Date at UTC midnight) → "YYYY-MM-DD". */
function isoDate(value: unknown): string | null {
  return value instanceof Date ? value.toISOString().slice(0, 10) : null;
}

async function person(sql: postgres.Sql, table: string) {
  const [row] = await sql<Record<string, unknown>[]>`
    select * from ${sql(table)} where id like '%_1'`;
  const {
    created_at: _c,
    updated_at: _u,
    first_seen_date,
    last_seen_date,
    ...rest
  } = row!;
  return {
    ...rest,
    first_seen_date: isoDate(first_seen_date),
    last_seen_date: isoDate(last_seen_date),
  };
}

Deno.test("refreshPeople() takes seen dates from stored runners and names from the latest race", async () => {
  await using db = await createTestDatabase();
  await seedStoredRunners(db.sql);
  // The June card was fetched first, the May result later (a backfill): the June names win.
  await archive(db.sql, "/v1/racecards/pro", {
    racecards: [{
      race_id: "rac_2",
      date: "2025-06-20",
      region: "GB",
      runners: [runner("hrs_2", "Joe Bloggs(5)", "T New", "Lambourn, Berks")],
    }],
  }, "2025-06-19T08:00:00Z");
  await archive(db.sql, "/v1/results", {
    results: [{
      race_id: "rac_1",
      date: "2025-05-01",
      region: "GB",
      runners: [runner("hrs_1", "Joseph Bloggs", "T Old", "Middleham")],
    }],
  }, "2025-06-25T08:00:00Z");
  // Later races that must not count: a non-runner line, and a French race (region not synced).
  await archive(db.sql, "/v1/racecards/rac_3/pro", {
    race_id: "rac_3",
    date: "2025-06-28",
    region: "IRE",
    runners: [runner("hrs_2", "NON-RUNNER(5)", "", "-")],
  }, "2025-06-27T08:00:00Z");
  await archive(db.sql, "/v1/racecards/pro", {
    racecards: [{
      race_id: "rac_4",
      date: "2025-07-01",
      region: "FR",
      runners: [runner("hrs_2", "J. Bloggs", "T French", "Chantilly")],
    }],
  }, "2025-06-30T08:00:00Z");

  const changed = await refreshPeople(db.sql, REGIONS);
  assert.deepEqual(changed, {
    ra_mst_jockeys: 1,
    ra_mst_trainers: 1,
    ra_mst_owners: 1,
  });
  assert.deepEqual(await person(db.sql, "ra_mst_jockeys"), {
    id: "jky_1",
    name: "Joe Bloggs",
    first_seen_date: "2025-05-01",
    last_seen_date: "2025-06-20",
  });
  assert.deepEqual(await person(db.sql, "ra_mst_trainers"), {
    id: "trn_1",
    name: "T New",
    location: "Lambourn, Berks",
    first_seen_date: "2025-05-01",
    last_seen_date: "2025-06-20",
  });
  // The archive never names the owner: the stored name stays.
  assert.deepEqual(await person(db.sql, "ra_mst_owners"), {
    id: "own_1",
    name: "Owner Kept",
    first_seen_date: "2025-05-01",
    last_seen_date: "2025-06-20",
  });

  const [before] = await db
    .sql`select updated_at from public.ra_mst_jockeys where id = 'jky_1'`;
  assert.deepEqual(await refreshPeople(db.sql, REGIONS), {
    ra_mst_jockeys: 0,
    ra_mst_trainers: 0,
    ra_mst_owners: 0,
  });
  const [after] = await db
    .sql`select updated_at from public.ra_mst_jockeys where id = 'jky_1'`;
  assert.deepEqual(after, before);
});

Deno.test("refreshPeople() leaves people no runner or archive names untouched", async () => {
  await using db = await createTestDatabase();
  await db
    .sql`insert into public.ra_mst_jockeys (id, name, first_seen_date, last_seen_date)
               values ('jky_1', 'Alone', '2024-01-01', '2024-02-01')`;
  assert.deepEqual(await refreshPeople(db.sql, REGIONS), {
    ra_mst_jockeys: 0,
    ra_mst_trainers: 0,
    ra_mst_owners: 0,
  });
  assert.deepEqual(await person(db.sql, "ra_mst_jockeys"), {
    id: "jky_1",
    name: "Alone",
    first_seen_date: "2024-01-01",
    last_seen_date: "2024-02-01",
  });
});

Deno.test("ra_private.jockey_name() and blank_to_null() agree with their TypeScript twins", async () => {
  await using db = await createTestDatabase();
  const samples = [
    "Joe Williamson(5)",
    "Joe Williamson (3)",
    "  Rossa Ryan  ",
    "NON-RUNNER",
    "non-runner(7)",
    "(5)",
    "",
    "-",
    "\u2013",
    "\u2014",
    "Jack (Jnr) Smith",
    "A. P. McCoy(10)",
  ];
  const rows = await db.sql<
    { sample: string; jockey: string | null; blank: string | null }[]
  >`
    select s.sample, ra_private.jockey_name(s.sample) as jockey,
           ra_private.blank_to_null(s.sample) as blank
    from unnest(${samples}::text[]) with ordinality as s(sample, n)
    order by s.n`;
  assert.deepEqual(
    rows.map((row) => [row.jockey, row.blank]),
    samples.map((
      sample,
    ) => [parseJockeyName(sample).name, blankToNull(sample)]),
  );
});
