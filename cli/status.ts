/**
 * `deno task status [--watch] [--interval <s>]`: the backfill and schedules at a glance, from
 * the database at DATABASE_URL.
 */
import { parseArgs } from "node:util";
import { readStatus, renderStatus } from "./status_report.ts";
import { databaseFromEnv, runCommand, UsageError } from "./terminal.ts";

const HELP = `deno task status [--watch] [--interval <seconds>]

Per job: windows done of total with a progress bar, API calls, rows written, achieved request
rate and ETA; failed windows with their errors; the latest function runs.

  --watch              refresh until Ctrl+C
  --interval <s>       seconds between refreshes with --watch (default 2)
  --help               this text

Environment: DATABASE_URL (your Supabase or local Postgres).`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      watch: { type: "boolean", default: false },
      interval: { type: "string", default: "2" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const interval = Number(values.interval);
  if (!(interval > 0)) throw new UsageError("--interval must be a positive number of seconds");
  const sql = databaseFromEnv();
  try {
    if (!values.watch) {
      console.log(renderStatus(await readStatus(sql)));
      return 0;
    }
    let stop = false;
    Deno.addSignalListener("SIGINT", () => stop = true);
    while (!stop) {
      const text = renderStatus(await readStatus(sql));
      console.log(`\x1b[2J\x1b[H${new Date().toISOString()}  (Ctrl+C to stop)\n\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, interval * 1000));
    }
    return 0;
  } finally {
    await sql.end();
  }
}

if (import.meta.main) await runCommand(main);
