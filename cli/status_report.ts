/**
 * What `deno task status` shows, read from the sync state: per job, windows done of total with
 * a progress bar, API calls, rows, achieved request rate and ETA; failed windows with their
 * errors; the latest runs.
 */
import type postgres from "postgres";
import { formatDuration, progressBar } from "./terminal.ts";
import { REFUSED_ADVICE } from "../supabase/functions/_shared/sync/window_loop.ts";

/** One job's checkpoint totals. */
export interface JobProgress {
  readonly job: string;
  readonly total: number;
  readonly done: number;
  readonly running: number;
  readonly pending: number;
  readonly failed: number;
  /** Failed windows the API refused for their dates (401 plan or 422). */
  readonly refused: number;
  readonly api_calls: number;
  readonly rows_written: number;
  /** Seconds from the first window started to the last finished. */
  readonly active_seconds: number;
}

/** A window that gave up, with its error. */
export interface FailedWindow {
  readonly job: string;
  readonly window_start: string;
  readonly window_end: string;
  readonly attempts: number;
  readonly last_error: string | null;
}

/** One recent function run. */
export interface RecentRun {
  readonly function_name: string;
  readonly mode: string | null;
  readonly status: string;
  readonly started_at: Date;
  readonly duration_ms: number | null;
  readonly api_calls: number;
  readonly rows_written: number;
  readonly error: string | null;
}

/** Everything the status screen shows. */
export interface StatusSnapshot {
  readonly jobs: readonly JobProgress[];
  readonly failed: readonly FailedWindow[];
  readonly runs: readonly RecentRun[];
}

/** Reads the snapshot in three queries. */
export async function readStatus(sql: postgres.Sql): Promise<StatusSnapshot> {
  const jobs = await sql<JobProgress[]>`
    select job,
           count(*)::integer as total,
           (count(*) filter (where status = 'done'))::integer as done,
           (count(*) filter (where status = 'running'))::integer as running,
           (count(*) filter (where status = 'pending'))::integer as pending,
           (count(*) filter (where status = 'failed'))::integer as failed,
           (count(*) filter (where status = 'failed' and last_error ~ 'API answered (401|422)'))
             ::integer as refused,
           coalesce(sum(api_calls), 0)::integer as api_calls,
           coalesce(sum(rows_written), 0)::integer as rows_written,
           coalesce(extract(epoch from max(finished_at) - min(started_at)), 0)::float8
             as active_seconds
    from public.ra_sync_checkpoints
    group by job
    order by job`;
  const failed = await sql<FailedWindow[]>`
    select job, window_start::text, window_end::text, attempts, last_error
    from public.ra_sync_checkpoints
    where status = 'failed'
    order by job, window_start
    limit 20`;
  const runs = await sql<RecentRun[]>`
    select function_name, mode, status, started_at, duration_ms, api_calls, rows_written, error
    from public.ra_sync_runs
    order by started_at desc
    limit 8`;
  return { jobs, failed, runs };
}

/** Renders the snapshot as text. */
export function renderStatus(snapshot: StatusSnapshot): string {
  const lines: string[] = [];
  if (snapshot.jobs.length === 0) {
    lines.push("No windows planned yet: run deno task backfill, or wait for the first schedule.");
  }
  for (const job of snapshot.jobs) {
    const rate = job.active_seconds > 0 ? job.api_calls / job.active_seconds : 0;
    const left = job.pending + job.running;
    const perWindow = job.done > 0 ? job.active_seconds / job.done : NaN;
    const eta = left === 0 ? "done" : formatDuration(left * perWindow);
    lines.push(
      `${job.job.padEnd(18)} ${progressBar(job.done, job.total)} ${job.done}/${job.total} windows` +
        `  ${job.api_calls} calls  ${job.rows_written} rows  ${rate.toFixed(2)} req/s  ETA ${eta}` +
        (job.failed > 0 ? `  ${job.failed} FAILED` : "") +
        (job.refused > 0 ? ` (${job.refused} refused by the API for their dates)` : ""),
    );
  }
  if (snapshot.failed.length > 0) {
    lines.push("", "Failed windows (retry with: deno task backfill --retry-failed):");
    for (const w of snapshot.failed) {
      lines.push(
        `  ${w.job} ${w.window_start}..${w.window_end} after ${w.attempts} attempts: ${
          w.last_error ?? "(no error recorded)"
        }`,
      );
    }
  }
  if (snapshot.jobs.some((job) => job.refused > 0)) lines.push("", REFUSED_ADVICE);
  if (snapshot.runs.length > 0) {
    lines.push("", "Latest runs:");
    for (const run of snapshot.runs) {
      // A run closed as stale has no duration: it never said when it stopped.
      const duration = run.duration_ms !== null
        ? formatDuration(run.duration_ms / 1000)
        : run.status === "running"
        ? "running"
        : "-";
      lines.push(
        `  ${run.started_at.toISOString().slice(0, 19)}Z ${run.function_name.padEnd(16)} ${
          (run.mode ?? "").padEnd(9)
        } ${run.status.padEnd(11)} ${
          duration.padStart(7)
        }  ${run.api_calls} calls  ${run.rows_written} rows` +
          (run.error ? `  ${run.error}` : ""),
      );
    }
  }
  return lines.join("\n");
}
