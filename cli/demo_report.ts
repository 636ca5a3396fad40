/**
 * The demo's closing summary: what each step did, and how many rows each table holds now.
 */
import type postgres from "postgres";
import { formatDuration } from "./terminal.ts";

/** Tables and views the summary counts, in the order it shows them. */
export const SUMMARY_TABLES = [
  "ra_mst_races",
  "ra_mst_runners",
  "ra_mst_race_results",
  "ra_mst_horses",
  "ra_horse_pedigree",
  "ra_mst_sires",
  "ra_mst_dams",
  "ra_mst_damsires",
  "ra_mst_jockeys",
  "ra_mst_trainers",
  "ra_mst_owners",
  "ra_mst_courses",
  "ra_mst_regions",
  "ra_mst_bookmakers",
  "ra_odds_live",
  "ra_odds_history",
] as const;

/** Tables a successful demo always fills; an empty one is worth a warning. */
export const EXPECTED_FILLED: readonly (typeof SUMMARY_TABLES)[number][] = [
  "ra_mst_races",
  "ra_mst_runners",
  "ra_mst_horses",
  "ra_horse_pedigree",
  "ra_mst_jockeys",
  "ra_mst_trainers",
  "ra_mst_owners",
  "ra_mst_courses",
  "ra_odds_live",
  "ra_odds_history",
];

/** Rows in one table or view. */
export interface TableCount {
  readonly table: string;
  readonly rows: number;
}

/** What one step of the demo did. */
export interface StepOutcome {
  readonly step: string;
  /** succeeded, partial or failed (a run status), or the HTTP refusal. */
  readonly status: string;
  readonly apiCalls: number;
  readonly rowsWritten: number;
  readonly seconds: number;
  readonly error: string | null;
}

/** Counts the rows of every summary table. */
export async function countRows(sql: postgres.Sql): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  for (const table of SUMMARY_TABLES) {
    const [row] = await sql<{ rows: number }[]>`
      select count(*)::integer as rows from public.${sql(table)}`;
    counts.push({ table, rows: row?.rows ?? 0 });
  }
  return counts;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length))
  );
  // First column left-aligned (names), the rest right-aligned (numbers).
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) =>
      column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)
    ).join("  ").trimEnd();
  return [line(header), widths.map((width) => "─".repeat(width)).join("  "), ...rows.map(line)];
}

/** Everything the closing summary shows. */
export interface DemoSummary {
  readonly steps: readonly StepOutcome[];
  readonly counts: readonly TableCount[];
  /** API requests the functions made (from their run summaries). */
  readonly apiCalls: number;
  /** Requests the simulator answered, when the demo ran against it. */
  readonly simulatorRequests?: number;
  readonly elapsedSeconds: number;
}

/** Renders the steps table, the rows-per-table table and the totals. */
export function renderSummary(summary: DemoSummary): string {
  const steps = table(
    ["Step", "Status", "API calls", "Rows written", "Time"],
    summary.steps.map((step) => [
      step.step,
      step.status,
      String(step.apiCalls),
      String(step.rowsWritten),
      formatDuration(step.seconds),
    ]),
  );
  const counts = table(
    ["Table", "Rows"],
    summary.counts.map((count) => [count.table, String(count.rows)]),
  );
  const totals = [
    `API calls: ${summary.apiCalls}` +
    (summary.simulatorRequests === undefined
      ? ""
      : ` (the simulator answered ${summary.simulatorRequests} requests)`),
    `Time: ${formatDuration(summary.elapsedSeconds)}`,
  ];
  return [...steps, "", ...counts, "", ...totals].join("\n");
}

/** The expected tables that came out empty. */
export function emptyExpectedTables(counts: readonly TableCount[]): string[] {
  return EXPECTED_FILLED.filter((name) =>
    (counts.find((count) => count.table === name)?.rows ?? 0) === 0
  );
}
