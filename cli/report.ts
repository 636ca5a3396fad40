/**
 * `deno task report [--db-url <url>] [--out report.html] [--days <n>]`: a self-contained HTML
 * page (no script, no network) with charts drawn to inline SVG: races and runners per day
 * against the API's totals, column fill rates, API calls and failed requests per day, backfill
 * progress, odds coverage, the freshness of every job and the rows of ra_data_quality.
 */
import { resolve } from "node:path";
import { createDbClient } from "../supabase/functions/_shared/db/client.ts";
import { planCharts, renderCharts } from "./report_charts.ts";
import {
  DEFAULT_REPORT_DAYS,
  readReportData,
  type ReportDatabase,
  type ReportPeriod,
} from "./report_data.ts";
import { renderReportHtml } from "./report_html.ts";
import { databaseUrlFrom, parseFlags, runCommand, UsageError } from "./terminal.ts";

/** Where the report is written unless --out says otherwise. */
export const DEFAULT_REPORT_FILE = "report.html";

const HELP = `deno task report [--db-url <url>] [--out <file>] [--days <n>]

Writes one self-contained HTML page (inline SVG charts, no script, no network) from the database:
  - races and runners stored per racing day, and per window against the API's own totals
  - column fill rates (the data-quality fill checks' measures) against their minimums
  - API calls per day and function, requests that failed, and 429s among them
  - backfill progress: windows done, running, pending and failed per job
  - odds coverage: races with prices, price-history rows per day
  - freshness: hours since each job last succeeded, and the last statistics refresh
  - every row of ra_data_quality

  --db-url <url>   the database (default: SUPABASE_DB_URL, else DATABASE_URL)
  --out <file>     where to write the page (default ${DEFAULT_REPORT_FILE})
  --days <n>       racing days to show, ending today, plus tomorrow (default ${DEFAULT_REPORT_DAYS})
  --help           this text`;

/** Reads the database and returns the report's HTML. */
export async function buildReport(
  sql: ReportDatabase,
  period: ReportPeriod = {},
): Promise<string> {
  const data = await readReportData(sql, period);
  return renderReportHtml(data, await renderCharts(planCharts(data)));
}

/** Builds the report and writes it to a file; returns the file's absolute path. */
export async function writeReport(
  sql: ReportDatabase,
  out: string = DEFAULT_REPORT_FILE,
  period: ReportPeriod = {},
): Promise<string> {
  const path = resolve(out);
  await Deno.writeTextFile(path, await buildReport(sql, period));
  return path;
}

function parseDays(text: string): number {
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    throw new UsageError(`--days must be a whole number from 1 to 366, not "${text}"`);
  }
  return days;
}

async function main(): Promise<number> {
  const values = parseFlags({
    "db-url": { type: "string" },
    out: { type: "string", default: DEFAULT_REPORT_FILE },
    days: { type: "string", default: String(DEFAULT_REPORT_DAYS) },
    help: { type: "boolean", default: false },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const days = parseDays(values.days);
  const url = databaseUrlFrom(values["db-url"], "read the database");
  const sql = createDbClient(url, { max: 2 });
  try {
    const path = await writeReport(sql, values.out, { days });
    console.log(`Report written to ${path}`);
    return 0;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

if (import.meta.main) await runCommand(main);
