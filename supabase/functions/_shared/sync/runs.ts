/**
 * One `ra_sync_runs` row per invocation: opened when the request is accepted, closed with what
 * the run did, or marked interrupted when the runtime stops the isolate first, or, when even that
 * statement never ran, by the next invocation once the run is older than the wall-clock limit.
 */
import type postgres from "postgres";

/** How a run ended. */
export type RunStatus = "succeeded" | "partial" | "failed" | "interrupted";

/** What a run did, as stored in ra_sync_runs and answered to a caller that waited. */
export interface RunSummary {
  readonly status: RunStatus;
  readonly windows_claimed: number;
  readonly windows_done: number;
  readonly windows_failed: number;
  readonly api_calls: number;
  readonly rows_written: number;
  readonly error: string | null;
  /** Job-specific details: windows remaining, horses enriched, drift found, … */
  readonly details: Record<string, unknown>;
}

/**
 * How a run ended, by precedence: a fatal error (credentials, plan, refused query) fails it; a
 * shutdown interrupts it; failed or left-over work makes it partial; otherwise it succeeded.
 */
export function runStatusOf(outcome: {
  readonly fatal: boolean;
  readonly interrupted: boolean;
  readonly incomplete: boolean;
}): RunStatus {
  if (outcome.fatal) return "failed";
  if (outcome.interrupted) return "interrupted";
  return outcome.incomplete ? "partial" : "succeeded";
}

/**
 * Closes as interrupted the runs of any function still `running` past the Edge Functions'
 * wall-clock limit (ra_private.close_stale_runs, 400 s): nothing alive can still end them.
 * Returns how many it closed.
 */
export async function closeStaleRuns(sql: postgres.Sql): Promise<number> {
  const [row] = await sql<{ closed: number }[]>`select ra_private.close_stale_runs() as closed`;
  return row?.closed ?? 0;
}

/** Opens a run and returns its id. */
export async function openRun(
  sql: postgres.Sql,
  functionName: string,
  mode: string,
  requestBody: unknown,
): Promise<string> {
  const [row] = await sql<{ run_id: string }[]>`
    insert into public.ra_sync_runs (function_name, mode, request_body)
    values (${functionName}, ${mode}, ${sql.json(requestBody as postgres.JSONValue)})
    returning run_id`;
  return row!.run_id;
}

/** Closes a run with its summary; a run already marked interrupted keeps that status. */
export async function closeRun(
  sql: postgres.Sql,
  runId: string,
  summary: RunSummary,
): Promise<void> {
  await sql`
    update public.ra_sync_runs
    set status = case when status = 'interrupted' then status else ${summary.status} end,
        windows_claimed = ${summary.windows_claimed},
        windows_done = ${summary.windows_done},
        windows_failed = ${summary.windows_failed},
        api_calls = ${summary.api_calls},
        rows_written = ${summary.rows_written},
        error = coalesce(${summary.error}, error),
        summary = ${sql.json(summary as unknown as postgres.JSONValue)},
        finished_at = clock_timestamp(),
        duration_ms = (extract(epoch from clock_timestamp() - started_at) * 1000)::integer
    where run_id = ${runId}`;
}

/**
 * The one cheap statement run on shutdown: marks the run interrupted and hands its windows and
 * horses back, so the next invocation takes them without waiting for their leases to expire.
 */
export async function markRunInterrupted(
  sql: postgres.Sql,
  runId: string,
  reason: string,
): Promise<void> {
  await sql`
    with released as (
      select ra_private.release_leases(${runId}) as windows,
             ra_private.release_horses(${runId}) as horses
    )
    update public.ra_sync_runs
    set status = 'interrupted',
        error = coalesce(error, ${`Stopped by the runtime (${reason})`}),
        finished_at = clock_timestamp(),
        duration_ms = (extract(epoch from clock_timestamp() - started_at) * 1000)::integer
    where run_id = ${runId} and status = 'running'
      and (select count(*) from released) >= 0`;
}
