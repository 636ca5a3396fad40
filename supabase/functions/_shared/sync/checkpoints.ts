/**
 * The checkpoint of every (job, date window), through the SQL functions of ra_private that
 * plan, claim under a lease, complete, fail and release windows atomically. Lease-holder
 * checks happen in SQL; a refused call throws LeaseLostError.
 */
import type postgres from "postgres";
import type { DateWindow } from "./windows.ts";

/** A connection or a transaction: completeWindow belongs in the transaction of the rows. */
export type SqlClient = postgres.Sql | postgres.TransactionSql;

/** Checkpoint states, as the SQL check constraint lists them. */
export const CHECKPOINT_STATUSES = ["pending", "running", "done", "failed"] as const;

/** A checkpoint state. */
export type CheckpointStatus = typeof CHECKPOINT_STATUSES[number];

/**
 * Moves the SQL functions of ra_private make, and no other: claim_window (pending → running, or
 * running → running when a lease expired; an exhausted window → failed instead), save_cursor
 * (running → running), complete_window (running → done), fail_window (running → pending |
 * failed), release_leases (running → pending), fail_windows_before (pending → failed: dates the
 * plan cannot serve), retry_failed (failed → pending), request_windows (done | failed → pending:
 * a window asked for again is fetched again). checkpoint_transitions_test.ts drives each
 * function from every state and compares the moves it sees with this table.
 */
export const CHECKPOINT_TRANSITIONS: Readonly<
  Record<CheckpointStatus, readonly CheckpointStatus[]>
> = Object.freeze({
  pending: ["running", "failed"],
  running: ["running", "done", "pending", "failed"],
  done: ["pending"],
  failed: ["pending"],
});

/** A window this worker holds, as claimWindow returns it. */
export interface SyncWindow {
  /** Checkpoint id (bigint, as text). */
  readonly id: string;
  readonly job: string;
  /** First racing day, YYYY-MM-DD. */
  readonly windowStart: string;
  /** Last racing day (inclusive), YYYY-MM-DD. */
  readonly windowEnd: string;
  /** This attempt's number, from 1. */
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly leaseOwner: string;
  readonly leaseExpiresAt: Date;
  /** Progress saved by an earlier attempt, or null; parse it with the job's schema. */
  readonly cursor: unknown;
}

/** Which window, held by whom: enough to call the lease-checked functions. */
export interface HeldWindow {
  readonly id: string;
  readonly leaseOwner: string;
}

/** Thrown when another worker took a window over (the lease expired and it was claimed). */
export class LeaseLostError extends Error {
  /** Checkpoint id. */
  readonly windowId: string;
  /** Who thought they held it. */
  readonly leaseOwner: string;

  /** Builds the error for an action the database refused. */
  constructor(action: string, window: HeldWindow) {
    super(
      `Cannot ${action} window ${window.id}: "${window.leaseOwner}" no longer holds its lease (it expired and another worker took it)`,
    );
    this.name = "LeaseLostError";
    this.windowId = window.id;
    this.leaseOwner = window.leaseOwner;
  }
}

/** Adds pending windows (existing ones are left alone); returns how many were new. */
export async function planWindows(
  sql: SqlClient,
  job: string,
  windows: readonly { readonly start: string; readonly end: string }[],
): Promise<number> {
  if (windows.length === 0) return 0;
  const [row] = await sql<{ planned: number }[]>`
    select ra_private.plan_windows(
      job => ${job}::text,
      window_starts => ${windows.map((w) => w.start)}::date[],
      window_ends => ${windows.map((w) => w.end)}::date[]
    ) as planned`;
  return row?.planned ?? 0;
}

/** Options of claimWindow. */
export interface ClaimOptions {
  readonly job: string;
  /** Who claims, usually the run id. */
  readonly leaseOwner: string;
  /** How long the lease lasts unless renewed by saveCursor. */
  readonly leaseSeconds: number;
  /** Attempts a window gets before it is failed. */
  readonly maxAttempts: number;
}

interface CheckpointRow {
  id: string;
  job: string;
  window_start: string;
  window_end: string;
  attempts: number;
  max_attempts: number;
  lease_owner: string;
  lease_expires_at: Date;
  cursor: unknown;
}

/**
 * Claims the job's earliest claimable window, or returns undefined when none is left.
 * @throws PostgresError when the lease or attempt cap is not positive
 */
export async function claimWindow(
  sql: SqlClient,
  options: ClaimOptions,
): Promise<SyncWindow | undefined> {
  const [row] = await sql<CheckpointRow[]>`
    select c.id::text as id, c.job, c.window_start::text as window_start,
           c.window_end::text as window_end, c.attempts, c.max_attempts, c.lease_owner,
           c.lease_expires_at, c.cursor
    from ra_private.claim_window(
      job => ${options.job}::text,
      lease_owner => ${options.leaseOwner}::text,
      lease_seconds => ${options.leaseSeconds}::integer,
      max_attempts => ${options.maxAttempts}::integer
    ) as c`;
  if (!row) return undefined;
  return {
    id: row.id,
    job: row.job,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    leaseOwner: row.lease_owner,
    leaseExpiresAt: row.lease_expires_at,
    cursor: row.cursor,
  };
}

/**
 * Marks a held window done with its counts; call it inside the transaction that writes the
 * window's rows, so both commit together.
 * @throws LeaseLostError when the caller no longer holds the window
 */
export async function completeWindow(
  sql: SqlClient,
  done: HeldWindow & { readonly apiCalls: number; readonly rowsWritten: number },
): Promise<void> {
  const [row] = await sql<{ completed: boolean }[]>`
    select ra_private.complete_window(
      id => ${done.id}::bigint,
      lease_owner => ${done.leaseOwner}::text,
      api_calls => ${done.apiCalls}::integer,
      rows_written => ${done.rowsWritten}::integer
    ) as completed`;
  if (!row?.completed) throw new LeaseLostError("complete", done);
}

/**
 * Records a failed attempt; returns "pending" when the window will be tried again, "failed"
 * when it will not (not retryable, or attempts spent).
 * @throws LeaseLostError when the caller no longer holds the window
 */
export async function failWindow(
  sql: SqlClient,
  failure: HeldWindow & {
    readonly error: string;
    readonly retryable: boolean;
    readonly apiCalls?: number;
  },
): Promise<"pending" | "failed"> {
  const [row] = await sql<{ status: "pending" | "failed" | null }[]>`
    select ra_private.fail_window(
      id => ${failure.id}::bigint,
      lease_owner => ${failure.leaseOwner}::text,
      error => ${failure.error}::text,
      retryable => ${failure.retryable}::boolean,
      api_calls => ${failure.apiCalls ?? 0}::integer
    ) as status`;
  if (!row?.status) throw new LeaseLostError("fail", failure);
  return row.status;
}

/**
 * Saves progress inside a held window and, given leaseSeconds, renews the lease from now.
 * @throws LeaseLostError when the caller no longer holds the window
 */
export async function saveCursor(
  sql: SqlClient,
  progress: HeldWindow & { readonly cursor: unknown; readonly leaseSeconds?: number },
): Promise<void> {
  const [row] = await sql<{ saved: boolean }[]>`
    select ra_private.save_cursor(
      id => ${progress.id}::bigint,
      lease_owner => ${progress.leaseOwner}::text,
      cursor => ${sql.json((progress.cursor ?? null) as postgres.JSONValue)}::jsonb,
      lease_seconds => ${progress.leaseSeconds ?? null}::integer
    ) as saved`;
  if (!row?.saved) throw new LeaseLostError("save the cursor of", progress);
}

/**
 * Fails the pending windows of a job that start before `before` with one error (a plan that
 * cannot serve their dates); returns them.
 */
export async function failWindowsBefore(
  sql: SqlClient,
  job: string,
  before: string,
  error: string,
): Promise<DateWindow[]> {
  const rows = await sql<{ start: string; end: string }[]>`
    select w.window_start::text as start, w.window_end::text as end
    from ra_private.fail_windows_before(
      job => ${job}::text,
      before => ${before}::date,
      error => ${error}::text
    ) as w`;
  return rows.map(({ start, end }) => ({ start, end }));
}

/** Puts every window the owner holds back to pending (shutdown); returns how many. */
export async function releaseLeases(sql: SqlClient, leaseOwner: string): Promise<number> {
  const [row] = await sql<{ released: number }[]>`
    select ra_private.release_leases(lease_owner => ${leaseOwner}::text) as released`;
  return row?.released ?? 0;
}

/** Puts failed windows of a job (of every job when omitted) back to pending; returns how many. */
export async function retryFailed(sql: SqlClient, job?: string): Promise<number> {
  const [row] = await sql<{ retried: number }[]>`
    select ra_private.retry_failed(job => ${job ?? null}::text) as retried`;
  return row?.retried ?? 0;
}
