import assert from "node:assert/strict";
import type postgres from "postgres";
import { createTestDatabase } from "../../../tests/support/db.ts";
import {
  claimHorses,
  completeHorse,
  enrichmentBacklog,
  failHorse,
  releaseHorses,
} from "./enrichment.ts";

const CLAIM = { leaseSeconds: 300, batchSize: 10, maxAttempts: 3 } as const;

/** Horses as (id, first_seen_date, status) where status decides profile_source/enriched_at. */
async function addHorses(
  sql: postgres.Sql,
  horses: readonly [
    string,
    string | null,
    "pending" | "enriched" | "not_found",
  ][],
): Promise<void> {
  for (const [id, firstSeen, status] of horses) {
    await sql`
      insert into public.ra_mst_horses (id, first_seen_date, profile_source, enriched_at)
      values (
        ${id}, ${firstSeen},
        ${status === "enriched" ? "pro" : null},
        ${status === "pending" ? null : "2025-06-01T00:00:00Z"}
      )`;
  }
}

async function leaseOf(sql: postgres.Sql, horseId: string) {
  const [row] = await sql<
    {
      lease_owner: string | null;
      live: boolean;
      attempts: number;
      last_error: string | null;
    }[]
  >`
    select lease_owner, coalesce(lease_expires_at > clock_timestamp(), false) as live, attempts,
           last_error
    from public.ra_sync_horse_leases where horse_id = ${horseId}`;
  return row;
}

Deno.test("claimHorses() leases pending horses oldest first seen first, then by id, undated last", async () => {
  await using db = await createTestDatabase();
  await addHorses(db.sql, [
    ["hrs_5", "2025-06-03", "pending"],
    ["hrs_4", null, "pending"],
    ["hrs_3", "2025-06-01", "pending"],
    ["hrs_2", "2025-06-03", "pending"],
    ["hrs_1", "2025-05-01", "enriched"],
    ["hrs_0", "2025-05-01", "not_found"],
  ]);
  const claimed = await claimHorses(db.sql, { ...CLAIM, leaseOwner: "run-a" });
  assert.deepEqual(claimed, ["hrs_3", "hrs_2", "hrs_5", "hrs_4"]);
  assert.deepEqual(await leaseOf(db.sql, "hrs_3"), {
    lease_owner: "run-a",
    live: true,
    attempts: 1,
    last_error: null,
  });
});

Deno.test("claimHorses() never hands a leased horse to another run, also when claims race", async () => {
  await using db = await createTestDatabase();
  const horses = Array.from({ length: 40 }, (_, i) => `hrs_${100 + i}`);
  await addHorses(
    db.sql,
    horses.map((id) => [id, "2025-06-01", "pending"] as const),
  );
  const [first, second] = await Promise.all([
    claimHorses(db.sql, { ...CLAIM, batchSize: 25, leaseOwner: "run-a" }),
    claimHorses(db.sql, { ...CLAIM, batchSize: 25, leaseOwner: "run-b" }),
  ]);
  const overlap = first!.filter((id) => second!.includes(id));
  assert.deepEqual(overlap, []);
  assert.equal(first!.length + second!.length, 40);
  assert.deepEqual(
    await claimHorses(db.sql, { ...CLAIM, leaseOwner: "run-c" }),
    [],
  );
});

Deno.test("claimHorses() skips the ids a run already tried and, unforced, horses out of attempts", async () => {
  await using db = await createTestDatabase();
  await addHorses(db.sql, [
    ["hrs_1", "2025-06-01", "pending"],
    ["hrs_2", "2025-06-02", "pending"],
  ]);
  assert.deepEqual(
    await claimHorses(db.sql, {
      ...CLAIM,
      leaseOwner: "run-a",
      skipIds: ["hrs_1"],
    }),
    ["hrs_2"],
  );
  // hrs_1 fails three times (each claim counts an attempt), then is left alone.
  for (const run of ["run-b", "run-c", "run-d"]) {
    assert.deepEqual(
      await claimHorses(db.sql, { ...CLAIM, batchSize: 1, leaseOwner: run }),
      ["hrs_1"],
    );
    assert.equal(
      await failHorse(db.sql, "hrs_1", run, "API answered 500"),
      true,
    );
  }
  assert.deepEqual(
    await claimHorses(db.sql, { ...CLAIM, leaseOwner: "run-e" }),
    [],
  );
  assert.deepEqual(await leaseOf(db.sql, "hrs_1"), {
    lease_owner: "run-d",
    live: false,
    attempts: 3,
    last_error: "API answered 500",
  });
  assert.deepEqual(await enrichmentBacklog(db.sql, 3), {
    pending: 2,
    gaveUp: 1,
  });
  // A forced run takes it again.
  assert.deepEqual(
    await claimHorses(db.sql, {
      ...CLAIM,
      leaseOwner: "run-f",
      includeNotFound: true,
    }),
    ["hrs_1"],
  );
});

Deno.test("claimHorses() with horseIds takes exactly those horses whatever their status", async () => {
  await using db = await createTestDatabase();
  await addHorses(db.sql, [
    ["hrs_1", "2025-06-01", "pending"],
    ["hrs_2", "2025-06-02", "enriched"],
    ["hrs_3", "2025-06-03", "not_found"],
  ]);
  assert.deepEqual(
    await claimHorses(db.sql, {
      ...CLAIM,
      leaseOwner: "run-a",
      horseIds: ["hrs_3", "hrs_2", "hrs_9"],
    }),
    ["hrs_2", "hrs_3"],
  );
  assert.deepEqual(
    await claimHorses(db.sql, {
      ...CLAIM,
      leaseOwner: "run-b",
      includeNotFound: true,
    }),
    ["hrs_1"],
  );
});

Deno.test("completeHorse() drops the lease; releaseHorses() gives the attempt back", async () => {
  await using db = await createTestDatabase();
  await addHorses(db.sql, [
    ["hrs_1", "2025-06-01", "pending"],
    ["hrs_2", "2025-06-02", "pending"],
    ["hrs_3", "2025-06-03", "pending"],
  ]);
  assert.deepEqual(
    await claimHorses(db.sql, { ...CLAIM, leaseOwner: "run-a" }),
    [
      "hrs_1",
      "hrs_2",
      "hrs_3",
    ],
  );
  assert.equal(await completeHorse(db.sql, "hrs_1", "run-b"), false);
  assert.equal(await completeHorse(db.sql, "hrs_1", "run-a"), true);
  assert.equal(await leaseOf(db.sql, "hrs_1"), undefined);
  assert.equal(await releaseHorses(db.sql, "run-a", ["hrs_2"]), 1);
  assert.deepEqual(await leaseOf(db.sql, "hrs_2"), {
    lease_owner: "run-a",
    live: false,
    attempts: 0,
    last_error: null,
  });
  assert.equal(await releaseHorses(db.sql, "run-a"), 1);
  assert.equal((await leaseOf(db.sql, "hrs_3"))?.attempts, 0);
  // hrs_1 is still pending in ra_mst_horses (nothing was written), so it is claimable again.
  assert.deepEqual(
    await claimHorses(db.sql, { ...CLAIM, leaseOwner: "run-c" }),
    [
      "hrs_1",
      "hrs_2",
      "hrs_3",
    ],
  );
});
