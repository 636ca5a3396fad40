import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import postgres from "postgres";
import { createTestDatabase } from "../../../../tests/support/db.ts";
import { createDbClient } from "../db/client.ts";
import {
  CHECKPOINT_STATUSES,
  CHECKPOINT_TRANSITIONS,
  claimWindow,
  completeWindow,
  failWindow,
  LeaseLostError,
  planWindows,
  releaseLeases,
  retryFailed,
  saveCursor,
} from "./checkpoints.ts";

const CLAIM = { job: "results", leaseSeconds: 60, maxAttempts: 3 };

async function statusOf(sql: postgres.Sql, id: string): Promise<string | undefined> {
  const [row] = await sql<{ status: string }[]>`
    select status from ra_sync_checkpoints where id = ${id}::bigint`;
  return row?.status;
}

Deno.test("CHECKPOINT_TRANSITIONS covers every status and matches the SQL check", async () => {
  deepEqual(Object.keys(CHECKPOINT_TRANSITIONS).sort(), [...CHECKPOINT_STATUSES].sort());
  await using db = await createTestDatabase();
  const [row] = await db.sql<{ check: string }[]>`
    select pg_get_constraintdef(oid) as check from pg_constraint
    where conrelid = 'public.ra_sync_checkpoints'::regclass and contype = 'c'
      and pg_get_constraintdef(oid) like '%status = ANY%'`;
  for (const status of CHECKPOINT_STATUSES) ok(row?.check.includes(`'${status}'`), status);
});

Deno.test("claimWindow() returns the earliest window with its dates as text", async () => {
  await using db = await createTestDatabase();
  equal(
    await planWindows(db.sql, "results", [
      { start: "2024-05-03", end: "2024-05-04" },
      { start: "2024-05-01", end: "2024-05-02" },
    ]),
    2,
  );
  equal(await planWindows(db.sql, "results", [{ start: "2024-05-01", end: "2024-05-02" }]), 0);
  const window = await claimWindow(db.sql, { ...CLAIM, leaseOwner: "run-a" });
  equal(window?.windowStart, "2024-05-01");
  equal(window?.windowEnd, "2024-05-02");
  equal(window?.attempts, 1);
  equal(window?.maxAttempts, 3);
  equal(window?.leaseOwner, "run-a");
  equal(window?.cursor, null);
  ok(window?.leaseExpiresAt instanceof Date);
  equal(typeof window?.id, "string");
});

Deno.test("claimWindow() gives concurrent workers different windows", async () => {
  await using db = await createTestDatabase();
  await planWindows(
    db.sql,
    "results",
    ["2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04"].map((d) => ({ start: d, end: d })),
  );
  const workers = Array.from({ length: 5 }, () => postgres(db.url, { max: 1 }));
  try {
    const claimed = await Promise.all(
      workers.map((sql, i) => claimWindow(sql, { ...CLAIM, leaseOwner: `run-${i}` })),
    );
    const starts = claimed.map((w) => w?.windowStart).filter((d) => d !== undefined).sort();
    deepEqual(starts, ["2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04"]);
    equal(claimed.filter((w) => w === undefined).length, 1);
  } finally {
    await Promise.all(workers.map((sql) => sql.end()));
  }
});

Deno.test("completeWindow() commits with the window's rows in one transaction", async () => {
  await using db = await createTestDatabase();
  await planWindows(db.sql, "results", [{ start: "2024-05-01", end: "2024-05-01" }]);
  const window = await claimWindow(db.sql, { ...CLAIM, leaseOwner: "run-a" });
  ok(window);
  await db.sql.begin(async (tx) => {
    await tx`insert into ra_sync_errors (job, error) values ('results', 'a row of the window')`;
    await completeWindow(tx, { ...window, apiCalls: 2, rowsWritten: 1 });
  });
  equal(await statusOf(db.sql, window.id), "done");
  const [counts] = await db.sql<{ api_calls: number; rows_written: number }[]>`
    select api_calls, rows_written from ra_sync_checkpoints where id = ${window.id}::bigint`;
  deepEqual({ ...counts }, { api_calls: 2, rows_written: 1 });
});

Deno.test("completeWindow() throws LeaseLostError and its rows roll back when another worker took over", async () => {
  await using db = await createTestDatabase();
  await planWindows(db.sql, "results", [{ start: "2024-05-01", end: "2024-05-01" }]);
  const mine = await claimWindow(db.sql, { ...CLAIM, leaseOwner: "run-slow" });
  ok(mine);
  await db
    .sql`update ra_sync_checkpoints set lease_expires_at = clock_timestamp() - interval '1 s'`;
  const theirs = await claimWindow(db.sql, { ...CLAIM, leaseOwner: "run-fast" });
  equal(theirs?.id, mine.id);
  await rejects(
    db.sql.begin(async (tx) => {
      await tx`insert into ra_sync_errors (job, error) values ('results', 'stale row')`;
      await completeWindow(tx, { ...mine, apiCalls: 1, rowsWritten: 1 });
    }),
    (error: unknown) => {
      ok(error instanceof LeaseLostError);
      equal(error.windowId, mine.id);
      equal(
        error.message,
        `Cannot complete window ${mine.id}: "run-slow" no longer holds its lease (it expired and another worker took it)`,
      );
      return true;
    },
  );
  const [errors] = await db.sql<{ n: number }[]>`select count(*)::int as n from ra_sync_errors`;
  equal(errors?.n, 0);
  equal(await statusOf(db.sql, mine.id), "running");
});

Deno.test("failWindow() retries while attempts remain, then fails", async () => {
  await using db = await createTestDatabase();
  await planWindows(db.sql, "results", [{ start: "2024-05-01", end: "2024-05-01" }]);
  const claim = { ...CLAIM, maxAttempts: 2, leaseOwner: "run-a" };
  const first = await claimWindow(db.sql, claim);
  ok(first);
  equal(
    await failWindow(db.sql, { ...first, error: "API answered 503", retryable: true }),
    "pending",
  );
  equal(await claimWindow(db.sql, claim), undefined, "a run tries a window once");
  const second = await claimWindow(db.sql, { ...claim, leaseOwner: "run-b" });
  equal(second?.attempts, 2);
  ok(second);
  equal(
    await failWindow(db.sql, { ...second, error: "API answered 503", retryable: true }),
    "failed",
  );
  await rejects(
    failWindow(db.sql, { ...second, error: "again", retryable: true }),
    LeaseLostError,
  );
  equal(await retryFailed(db.sql, "results"), 1);
  equal((await claimWindow(db.sql, claim))?.attempts, 1);
});

Deno.test("saveCursor() keeps progress for the next attempt after releaseLeases()", async () => {
  await using db = await createTestDatabase();
  // The functions' own client settings (prepare: false), as in production.
  const sql = createDbClient(db.url, { max: 1 });
  try {
    await planWindows(sql, "results", [{ start: "2024-05-01", end: "2024-05-07" }]);
    const window = await claimWindow(sql, { ...CLAIM, leaseOwner: "run-a" });
    ok(window);
    const cursor = { skip: 100, day: "2024-05-03" };
    await saveCursor(sql, { ...window, cursor, leaseSeconds: 90 });
    await rejects(saveCursor(sql, { ...window, leaseOwner: "run-b", cursor: {} }), LeaseLostError);
    equal(await releaseLeases(sql, "run-a"), 1);
    const again = await claimWindow(sql, { ...CLAIM, leaseOwner: "run-b" });
    deepEqual(again?.cursor, { skip: 100, day: "2024-05-03" });
    equal(again?.attempts, 2);
  } finally {
    await sql.end();
  }
});

Deno.test("claimWindow() returns undefined when the job has nothing left", async () => {
  await using db = await createTestDatabase();
  equal(await claimWindow(db.sql, { ...CLAIM, leaseOwner: "run-a" }), undefined);
  equal(await planWindows(db.sql, "results", []), 0);
});
