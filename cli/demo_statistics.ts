/**
 * The demo's look at the statistics: one full refresh (ra_private.refresh_statistics, SQL only)
 * and the jockeys and sires with the best A/E over the stored days, as the SQL computed them.
 */
import type postgres from "postgres";

/** A jockey's line in the demo, as ra_jockey_statistics holds it. */
export interface JockeyLine {
  readonly name: string;
  readonly runs: number;
  readonly wins: number;
  readonly win_percent: string | null;
  readonly ae_index: string | null;
  readonly profit_loss_1u: string | null;
}

/** Fewest runs for a jockey to be listed: A/E over a handful of rides says little. */
export const DEMO_MIN_RUNS = 10;

/** Refreshes every statistic in full; returns the refresh's run status and rows written. */
export async function refreshStatistics(
  sql: postgres.Sql,
): Promise<{ status: string; rows_written: number }> {
  const [run] = await sql<{ status: string; rows_written: number }[]>`
    select status, rows_written from ra_private.refresh_statistics(full => true)`;
  return run ?? { status: "missing", rows_written: 0 };
}

/** Who the demo ranks: the statistics table, its key and the master table with the names. */
const RANKED = {
  jockey: { statistics: "ra_jockey_statistics", key: "jockey_id", names: "ra_mst_jockeys" },
  sire: { statistics: "ra_sire_statistics", key: "sire_id", names: "ra_mst_sires" },
} as const;

/** The jockeys with the highest A/E (at least DEMO_MIN_RUNS runs), best first. */
export function topJockeysByAe(sql: postgres.Sql, limit = 5): Promise<JockeyLine[]> {
  return topByAe(sql, "jockey", limit);
}

/** The jockeys or sires (progeny) with the highest A/E, at least DEMO_MIN_RUNS runs, best first. */
export async function topByAe(
  sql: postgres.Sql,
  kind: keyof typeof RANKED,
  limit = 5,
): Promise<JockeyLine[]> {
  const { statistics, key, names } = RANKED[kind];
  return await sql<JockeyLine[]>`
    select n.name, s.total_runs as runs, s.total_wins as wins, s.win_percent::text,
           s.ae_index::text, s.profit_loss_1u::text
    from ${sql("public." + statistics)} s
    join ${sql("public." + names)} n on n.id = s.${sql(key)}
    where s.total_runs >= ${DEMO_MIN_RUNS} and s.ae_index is not null
    order by s.ae_index desc, s.total_runs desc, n.name
    limit ${limit}`;
}

/** The table the demo prints. */
export function renderTopJockeys(lines: readonly JockeyLine[], kind = "jockey"): string {
  if (lines.length === 0) return `  no ${kind} has ${DEMO_MIN_RUNS} runs with an SP yet`;
  const rows = lines.map((line) =>
    `  ${line.name.padEnd(24).slice(0, 24)} ${String(line.runs).padStart(4)} ${
      String(line.wins).padStart(4)
    } ${(line.win_percent ?? "-").padStart(6)} ${(line.ae_index ?? "-").padStart(5)} ${
      (line.profit_loss_1u ?? "-").padStart(7)
    }`
  );
  return [`  ${kind.padEnd(24)} runs wins  win %   A/E     P/L`, ...rows].join("\n");
}
