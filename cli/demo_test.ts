/**
 * `deno task demo` as a user runs it: a subprocess with a short backfill, on Debian's
 * PostgreSQL and on PGlite. It must exit 0, fill the tables users read, and leave no database
 * server behind.
 */
import assert from "node:assert/strict";
import { EXPECTED_FILLED } from "./demo_report.ts";

const PROJECT_ROOT = new URL("../", import.meta.url).pathname;

async function runDemo(args: string[]) {
  const env: Record<string, string> = { ...Deno.env.toObject(), NO_COLOR: "1" };
  // No credentials: the demo must run against the simulator.
  for (const name of ["RACING_API_USERNAME", "RACING_API_PASSWORD", "DATABASE_URL"]) {
    delete env[name];
  }
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "cli/demo.ts", ...args],
    cwd: PROJECT_ROOT,
    clearEnv: true,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** Rows per table from the summary table (`ra_mst_races   452`). */
function tableCounts(stdout: string): Map<string, number> {
  return new Map(
    [...stdout.matchAll(/^(ra_\w+)\s+(\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]),
  );
}

async function accepts(port: number): Promise<boolean> {
  try {
    const connection = await Deno.connect({ hostname: "127.0.0.1", port });
    connection.close();
    return true;
  } catch {
    return false;
  }
}

for (const database of ["postgres", "pglite"] as const) {
  Deno.test(`deno task demo --database ${database} fills every table users read, exits 0 and leaves nothing running`, async () => {
    // Three days: the span fetch-results daily fetches again, so few horses lack a card.
    const demo = await runDemo(["--days", "3", "--database", database]);
    assert.equal(demo.code, 0, `${demo.stdout}\n${demo.stderr}`);

    const counts = tableCounts(demo.stdout);
    for (const table of EXPECTED_FILLED) {
      assert.ok((counts.get(table) ?? 0) > 0, `${table} has rows:\n${demo.stdout}`);
    }
    assert.equal(counts.get("ra_mst_regions"), 44);
    // The seeded books, plus any spelling the simulator's days brought that no book matches.
    assert.ok((counts.get("ra_mst_bookmakers") ?? 0) >= 29, demo.stdout);
    assert.match(demo.stdout, /^\[7\/7\] /m);
    assert.match(demo.stdout, /^Top sires of these days by their runners' A\/E/m);
    assert.match(demo.stdout, /^Odds: \d+ live prices, [1-9]\d* price changes stored/m);
    assert.match(demo.stdout, /^Backfill 3 days\s+succeeded /m);
    assert.match(demo.stdout, /^racecards_backfill .* 3\/3 windows/m);
    assert.doesNotMatch(demo.stdout, /warning: no rows/);

    // The database the demo started is gone with it.
    const port = Number(
      /^ {2}(?:PostgreSQL 15 with pg_cron|PGlite): \S+:(\d+)\//m.exec(
        demo.stdout,
      )?.[1],
    );
    assert.ok(port > 0, demo.stdout);
    assert.equal(await accepts(port), false);
  });
}

Deno.test("deno task demo refuses bad flags with exit 2 and prints --help", async () => {
  const bad = await runDemo(["--days", "0"]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'error: --days must be a whole number from 1 to 365, not "0"\n');
  const help = await runDemo(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^deno task demo \[--days <n>\]/);
});
