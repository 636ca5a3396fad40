/**
 * `deno task stats [--full] [--db-url <url>]`: refreshes the statistics now, as the pg_cron jobs
 * ra_statistics_morning/evening do, by calling `ra_private.refresh_statistics(full)`, and prints
 * what it did: the parts, the rows changed per table, the duration and the run id. Exit 1 when
 * the refresh failed (the function records the failure in ra_sync_runs).
 */
import type postgres from "postgres";
import { createDbClient } from "../supabase/functions/_shared/db/client.ts";
import { databaseUrlFrom, parseFlags, runCommand } from "./terminal.ts";

const HELP = `deno task stats [--full] [--db-url <url>]

Refreshes every statistic (docs/statistics.md) in one transaction with
ra_private.refresh_statistics(full): the people, the runner form, the pedigree, the jockey and
trainer pairs, and performance by distance and by course. Incremental by default (what results
since the last refresh touched); --full recomputes everything. Prints the rows changed per table,
the duration and the run id (a refresh-statistics row of ra_sync_runs). Exit 1 when it failed.

  --full           recompute everything
  --db-url <url>   the database (default: SUPABASE_DB_URL, else DATABASE_URL)
  --help           this text`;

/** The parts a refresh goes through, in order, with the tables each writes. */
export const REFRESH_PARTS = [
  {
    part: "people",
    tables: ["ra_jockey_statistics", "ra_trainer_statistics", "ra_owner_statistics"],
  },
  { part: "runner form", tables: ["ra_runner_statistics"] },
  {
    part: "pedigree",
    tables: ["ra_sire_statistics", "ra_dam_statistics", "ra_damsire_statistics"],
  },
  { part: "jockey and trainer pairs", tables: ["ra_entity_combinations"] },
  { part: "distance", tables: ["ra_performance_by_distance"] },
  { part: "venue", tables: ["ra_performance_by_venue"] },
] as const;

/** The ra_sync_runs row refresh_statistics returns, as far as the command reads it. */
export interface RefreshRun {
  readonly run_id: string;
  readonly mode: string;
  readonly status: string;
  readonly error: string | null;
  readonly duration_ms: number | null;
  readonly rows_written: number | null;
  readonly summary: RefreshSummary | null;
}

/** `summary` of a refresh-statistics run. */
export interface RefreshSummary {
  readonly as_of?: string;
  readonly full?: boolean;
  readonly people_recomputed?: number;
  readonly runners_recomputed?: number;
  readonly pedigree_recomputed?: number;
  readonly rows_changed?: Readonly<Record<string, number>>;
}

/** Calls `ra_private.refresh_statistics(full)` and returns its ra_sync_runs row. */
export async function refreshStatistics(sql: postgres.Sql, full: boolean): Promise<RefreshRun> {
  const [run] = await sql<RefreshRun[]>`
    select r.run_id::text, r.mode, r.status, r.error, r.duration_ms, r.rows_written, r.summary
    from ra_private.refresh_statistics(full => ${full}::boolean) r`;
  if (!run) throw new Error("Cannot refresh the statistics: refresh_statistics returned no row");
  return run;
}

/** The report of a finished refresh: outcome, what was recomputed, rows changed per table. */
export function formatRefresh(run: RefreshRun): string[] {
  const seconds = ((run.duration_ms ?? 0) / 1000).toFixed(1);
  if (run.status !== "succeeded") {
    return [
      `refresh ${run.status} after ${seconds} s: ${run.error ?? "no error recorded"}`,
      `run ${run.run_id} (ra_sync_runs: nothing was changed)`,
    ];
  }
  const summary = run.summary ?? {};
  const changed = summary.rows_changed ?? {};
  const width = Math.max(...REFRESH_PARTS.flatMap((p) => p.tables.map((t) => t.length)));
  const lines = [
    `${summary.full ? "full" : "incremental"} refresh as of ${summary.as_of ?? "?"}: ` +
    `${summary.people_recomputed ?? 0} people, ${summary.runners_recomputed ?? 0} runners, ` +
    `${summary.pedigree_recomputed ?? 0} sires/dams/damsires recomputed`,
  ];
  for (const { part, tables } of REFRESH_PARTS) {
    lines.push(`  ${part}`);
    for (const table of tables) {
      lines.push(
        `    ${table.padEnd(width)} ${String(changed[table] ?? 0).padStart(9)} rows changed`,
      );
    }
  }
  if (changed.days_since_only) {
    lines.push(`  ${changed.days_since_only} people rows got only the new days since`);
  }
  lines.push(`succeeded in ${seconds} s, run ${run.run_id}`);
  return lines;
}

async function main(): Promise<number> {
  const values = parseFlags({
    full: { type: "boolean", default: false },
    "db-url": { type: "string" },
    help: { type: "boolean", default: false },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const url = databaseUrlFrom(values["db-url"], "refresh the statistics");
  const sql = createDbClient(url, { max: 1 });
  const started = performance.now();
  const mode = values.full ? "full" : "incremental";
  console.log(
    `refreshing statistics (${mode}): ${REFRESH_PARTS.map((p) => p.part).join(", ")}, ` +
      "in one transaction",
  );
  const ticker = setInterval(() => {
    console.log(`  still refreshing: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }, 10_000);
  try {
    const run = await refreshStatistics(sql, values.full);
    for (const line of formatRefresh(run)) console.log(line);
    return run.status === "succeeded" ? 0 : 1;
  } finally {
    clearInterval(ticker);
    await sql.end({ timeout: 5 });
  }
}

if (import.meta.main) await runCommand(main);
