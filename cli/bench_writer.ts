/**
 * Bench section 2: runner rows written per second into a fresh local PostgreSQL, for a day and a
 * month of simulated results pages, with where the month's time went per table.
 */
import postgres from "postgres";
import { addDays } from "../supabase/functions/_shared/clock.ts";
import {
  writeBatchInTransaction,
  type WriterStatement,
} from "../supabase/functions/_shared/db/writer.ts";
import { RESULTS_LIMIT_MAX } from "../supabase/functions/_shared/racing_api/endpoints.ts";
import { parseApiPayload } from "../supabase/functions/_shared/racing_api/parse_payload.ts";
import { ResultsPageSchema } from "../supabase/functions/_shared/racing_api/result_schemas.ts";
import { resultsPageToRows } from "../supabase/functions/_shared/transform/result.ts";
import type { LocalPostgres } from "../dev/stack/postgres.ts";
import { apiGet, freshDatabase, type SimulatorProcess } from "./bench_stack.ts";

/** Runner rows written per second for a day and a month of results pages, as printed lines. */
export async function writerThroughput(
  pg: LocalPostgres,
  sim: SimulatorProcess,
  today: string,
): Promise<string[]> {
  const lines: string[] = [];
  for (const [label, days] of [["a day", 1], ["a month", 30]] as const) {
    const end = addDays(today, -2);
    const start = addDays(end, -(days - 1));
    const batches = [];
    for (let skip = 0;; skip += RESULTS_LIMIT_MAX) {
      const body = await apiGet(
        sim,
        `/v1/results?start_date=${start}&end_date=${end}&region=gb&region=ire&limit=100&skip=${skip}`,
      );
      const page = parseApiPayload(ResultsPageSchema, body, "results page");
      batches.push(resultsPageToRows(page, { regions: ["gb", "ire"] }).rows);
      if (skip + (page.results?.length ?? 0) >= page.total || !page.results?.length) break;
    }
    const url = await freshDatabase(pg, `bench_writer_${days}`);
    const sql = postgres(url, { max: 2, onnotice: () => {}, prepare: false });
    try {
      let runners = 0;
      let rows = 0;
      const perTable = new Map<string, { rows: number; ms: number }>();
      const onStatement = ({ table, kind, rows, ms }: WriterStatement) => {
        const name = kind === "parents" ? `${table} (key-only)` : table;
        const spent = perTable.get(name) ?? { rows: 0, ms: 0 };
        perTable.set(name, { rows: spent.rows + rows, ms: spent.ms + ms });
      };
      const started = performance.now();
      for (const batch of batches) {
        const counts = await writeBatchInTransaction(sql, batch, "result", { onStatement });
        runners += counts.ra_mst_runners ?? 0;
        rows += Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
      }
      const ms = performance.now() - started;
      const seconds = ms / 1000;
      lines.push(
        `  ${label.padEnd(8)} ${
          String(runners).padStart(6)
        } runner rows (${rows} rows in all, ${batches.length} pages) in ` +
          `${seconds.toFixed(2)} s: ${Math.round(runners / seconds)} runner rows/s, ` +
          `${Math.round(rows / seconds)} rows/s   (target ≥ 20,000 runner rows/s)`,
      );
      if (days > 1) lines.push(...statementBreakdown(perTable, ms));
    } finally {
      await sql.end();
    }
  }
  return lines;
}

/** Where a write's time went: each table's statements, then the rest (transactions, client). */
function statementBreakdown(
  perTable: ReadonlyMap<string, { rows: number; ms: number }>,
  totalMs: number,
): string[] {
  const spent = [...perTable].sort((a, b) => b[1].ms - a[1].ms);
  const statementsMs = spent.reduce((sum, [, { ms }]) => sum + ms, 0);
  const share = (ms: number) => `${Math.round((ms / totalMs) * 100)}%`.padStart(4);
  return [
    "    time per table (statement sent to answer):",
    ...spent.map(([table, { rows, ms }]) =>
      `      ${table.padEnd(32)} ${String(rows).padStart(6)} rows ${ms.toFixed(0).padStart(5)} ms ${
        share(ms)
      }  ${((ms * 1000) / rows).toFixed(1).padStart(5)} µs/row`
    ),
    `      ${"transactions and client".padEnd(32)} ${"".padStart(11)} ${
      (totalMs - statementsMs).toFixed(0).padStart(5)
    } ms ${share(totalMs - statementsMs)}`,
  ];
}
