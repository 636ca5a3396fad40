/**
 * Windows asked for on demand (daily runs, a date, a range): planned like backfill windows, and
 * a window already done or failed is put back to pending, because a daily run must fetch again
 * (late corrections, changed declarations). A window another worker holds is left alone.
 */
import type postgres from "postgres";
import type { DateWindow } from "./windows.ts";

/** Plans the windows of `job` and re-opens those already finished; returns how many are pending now. */
export async function requestWindows(
  sql: postgres.Sql,
  job: string,
  windows: readonly DateWindow[],
): Promise<number> {
  if (windows.length === 0) return 0;
  const starts = windows.map((w) => w.start);
  const ends = windows.map((w) => w.end);
  const rows = await sql`
    insert into public.ra_sync_checkpoints as c (job, window_start, window_end)
    select ${job}, w.s, w.e
    from unnest(${starts}::date[], ${ends}::date[]) as w(s, e)
    on conflict (job, window_start, window_end) do update
      set status = 'pending', attempts = 0, last_error = null, "cursor" = null,
          lease_owner = null, lease_expires_at = null, finished_at = null,
          updated_at = clock_timestamp()
      where c.status in ('done', 'failed')
    returning c.id`;
  return rows.length;
}
