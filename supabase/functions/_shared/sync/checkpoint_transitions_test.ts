/**
 * CHECKPOINT_TRANSITIONS against the SQL: every ra_private function that changes a checkpoint is
 * called on a window in every state (and lease and attempt variant), and the status moves seen
 * in the database must be exactly the table's.
 */
import { deepEqual } from "node:assert/strict";
import type postgres from "postgres";
import { createTestDatabase } from "../../../../tests/support/db.ts";
import { CHECKPOINT_TRANSITIONS, type CheckpointStatus } from "./checkpoints.ts";

const MAX_ATTEMPTS = 3;
const DAY = "2024-05-01";

/** A window's state before a call: status, attempts used, and who holds its lease until when. */
interface Fixture {
  readonly name: string;
  readonly status: CheckpointStatus;
  readonly attempts: number;
  /** The caller ("me"), another worker, or no lease; seconds until it expires (< 0: expired). */
  readonly lease?: { readonly holder: "me" | "other"; readonly expiresInSeconds: number };
}

const FIXTURES: readonly Fixture[] = [
  { name: "pending", status: "pending", attempts: 0 },
  { name: "pending, attempts spent", status: "pending", attempts: MAX_ATTEMPTS },
  {
    name: "running, held by me",
    status: "running",
    attempts: 1,
    lease: { holder: "me", expiresInSeconds: 3600 },
  },
  {
    name: "running, held by another",
    status: "running",
    attempts: 1,
    lease: { holder: "other", expiresInSeconds: 3600 },
  },
  {
    name: "running, lease expired",
    status: "running",
    attempts: 1,
    lease: { holder: "other", expiresInSeconds: -60 },
  },
  {
    name: "running, lease expired, attempts spent",
    status: "running",
    attempts: MAX_ATTEMPTS,
    lease: { holder: "other", expiresInSeconds: -60 },
  },
  { name: "done", status: "done", attempts: 1, lease: { holder: "me", expiresInSeconds: 3600 } },
  {
    name: "failed",
    status: "failed",
    attempts: MAX_ATTEMPTS,
    lease: { holder: "me", expiresInSeconds: 3600 },
  },
];

/** One call of a SQL function by the worker "me", on the fixture's own job and window. */
interface Call {
  readonly job: string;
  readonly owner: string;
  readonly id: string;
}

const ACTIONS: Readonly<Record<string, (sql: postgres.Sql, call: Call) => Promise<unknown>>> = {
  plan_windows: (sql, { job }) =>
    sql`select ra_private.plan_windows(${job}::text, array[${DAY}]::date[], array[${DAY}]::date[])`,
  request_windows: (sql, { job }) =>
    sql`select ra_private.request_windows(${job}::text, array[${DAY}]::date[], array[${DAY}]::date[])`,
  claim_window: (sql, { job, owner }) =>
    sql`select * from ra_private.claim_window(${job}::text, ${owner}::text, 60, ${MAX_ATTEMPTS}::integer)`,
  complete_window: (sql, { id, owner }) =>
    sql`select ra_private.complete_window(${id}::bigint, ${owner}::text, 1, 1)`,
  "fail_window (retryable)": (sql, { id, owner }) =>
    sql`select ra_private.fail_window(${id}::bigint, ${owner}::text, 'API answered 503', true)`,
  "fail_window (not retryable)": (sql, { id, owner }) =>
    sql`select ra_private.fail_window(${id}::bigint, ${owner}::text, 'API answered 422', false)`,
  save_cursor: (sql, { id, owner }) =>
    sql`select ra_private.save_cursor(${id}::bigint, ${owner}::text, '{"skip": 100}'::jsonb, 60)`,
  release_leases: (sql, { owner }) => sql`select ra_private.release_leases(${owner}::text)`,
  retry_failed: (sql, { job }) => sql`select ra_private.retry_failed(${job}::text)`,
  fail_windows_before: (sql, { job }) =>
    sql`select * from ra_private.fail_windows_before(${job}::text, '2024-05-02'::date, 'API answered 401')`,
};

async function snapshot(sql: postgres.Sql, id: string): Promise<{ status: string; row: string }> {
  const [row] = await sql<{ status: string; row: string }[]>`
    select c.status, to_jsonb(c)::text as row from public.ra_sync_checkpoints c
    where c.id = ${id}::bigint`;
  if (!row) throw new Error(`Cannot read checkpoint ${id}: it is gone`);
  return row;
}

Deno.test("CHECKPOINT_TRANSITIONS lists exactly the moves the ra_private functions make", async () => {
  await using db = await createTestDatabase();
  const seen = new Map<string, string[]>();
  let n = 0;
  for (const fixture of FIXTURES) {
    for (const [action, run] of Object.entries(ACTIONS)) {
      // A job and an owner per case, so that no call reaches another case's window.
      const job = `transitions-${n}`;
      const owner = `run-${n}`;
      n++;
      await db.sql`
        select ra_private.plan_windows(${job}::text, array[${DAY}]::date[], array[${DAY}]::date[])`;
      const [planned] = await db.sql<{ id: string }[]>`
        select c.id::text as id from public.ra_sync_checkpoints c where c.job = ${job}`;
      if (!planned) throw new Error(`Cannot plan the window of case "${job}"`);
      const id = planned.id;
      const lease = fixture.lease;
      await db.sql`
        update public.ra_sync_checkpoints c
        set status = ${fixture.status}, attempts = ${fixture.attempts}, max_attempts = ${MAX_ATTEMPTS},
            lease_owner = ${lease ? (lease.holder === "me" ? owner : "run-other") : null},
            lease_expires_at = case
              when ${lease?.expiresInSeconds ?? null}::integer is null then null
              else clock_timestamp() + make_interval(secs => ${
        lease?.expiresInSeconds ?? null
      }::integer)
            end,
            last_error = case when ${fixture.status} = 'failed' then 'API answered 500' end,
            finished_at = case when ${fixture.status} in ('done', 'failed') then clock_timestamp() end
        where c.id = ${id}::bigint`;
      const before = await snapshot(db.sql, id);
      await run(db.sql, { job, owner, id });
      const after = await snapshot(db.sql, id);
      if (after.row === before.row) continue;
      const move = `${before.status} → ${after.status}`;
      seen.set(move, [...(seen.get(move) ?? []), `${action} on ${fixture.name}`]);
    }
  }
  const declared = Object.entries(CHECKPOINT_TRANSITIONS).flatMap(([from, tos]) =>
    tos.map((to) => `${from} → ${to}`)
  );
  deepEqual(
    [...seen.keys()].sort(),
    declared.sort(),
    `moves seen: ${JSON.stringify(Object.fromEntries(seen), null, 2)}`,
  );
});
