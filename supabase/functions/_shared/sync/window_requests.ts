/**
 * Windows asked for on demand (daily runs, a date, a range), through ra_private.request_windows:
 * planned like backfill windows, and a window already done or failed is put back to pending,
 * because a daily run must fetch again (late corrections, changed declarations). A window
 * another worker holds is left alone.
 */
import type { SqlClient } from "./checkpoints.ts";
import type { DateWindow } from "./windows.ts";

/** Plans the windows of `job` and re-opens those already finished; returns how many it added or re-opened. */
export async function requestWindows(
  sql: SqlClient,
  job: string,
  windows: readonly DateWindow[],
): Promise<number> {
  if (windows.length === 0) return 0;
  const [row] = await sql<{ requested: number }[]>`
    select ra_private.request_windows(
      job => ${job}::text,
      window_starts => ${windows.map((w) => w.start)}::date[],
      window_ends => ${windows.map((w) => w.end)}::date[]
    ) as requested`;
  return row?.requested ?? 0;
}
