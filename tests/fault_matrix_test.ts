/**
 * The fault matrix (issue 15): every way the API or the database has been seen to fail, each
 * ending with the database equal to the simulator's truth, no window lost and none finished
 * early.
 */
import assert from "node:assert/strict";
import { BACKFILL_REQUEST_BODY, drainBackfill } from "../dev/stack/backfill_drain.ts";
import { createDatabase, startPostgres } from "../dev/stack/postgres.ts";
import { pushMigrations } from "../dev/stack/tools.ts";
import { addDays } from "../supabase/functions/_shared/clock.ts";
import { createDbClient } from "../supabase/functions/_shared/db/client.ts";
import { planWindows } from "../supabase/functions/_shared/sync/checkpoints.ts";
import { splitIntoWindows } from "../supabase/functions/_shared/sync/windows.ts";
import { resultDifferences } from "./support/ground_truth.ts";
import { type Pipeline, type PipelineOptions, startPipeline } from "./support/pipeline.ts";

const START = Date.now();
const now = () => new Date(Date.parse("2026-06-15T12:00:00Z") + Date.now() - START);
const FROM = "2026-05-01";

async function planResults(pipeline: Pipeline, days: number, windowDays = 5): Promise<string> {
  const to = addDays(FROM, days - 1);
  await planWindows(pipeline.db.sql, "results_backfill", splitIntoWindows(FROM, to, windowDays));
  return to;
}

function drain(pipeline: Pipeline, maxInvocations = 60) {
  return drainBackfill(
    "fetch-results",
    () => pipeline.invoke("fetch-results", BACKFILL_REQUEST_BODY),
    { maxInvocations },
  );
}

/** Windows not done, runs left open, and differences from the simulator's truth. */
async function whatIsWrong(pipeline: Pipeline, to: string) {
  const [state] = await pipeline.db.sql<{ not_done: number; open_runs: number }[]>`
    select (select count(*)::integer from public.ra_sync_checkpoints where status <> 'done')
             as not_done,
           (select count(*)::integer from public.ra_sync_runs where status = 'running')
             as open_runs`;
  const truth = pipeline.sim.groundTruth(FROM, to);
  return {
    ...state,
    differences: await resultDifferences(pipeline.db.sql, { races: truth.races }, FROM, to),
  };
}

const CLEAN = { not_done: 0, open_runs: 0, differences: [] };

async function startFaulty(faults: string, env: Record<string, string> = {}) {
  const options: PipelineOptions = {
    simulator: { seed: 21, now, faults },
    env: { RA_API_ATTEMPTS: "2", RA_API_RETRY_BASE_MS: "20", RA_MAX_ATTEMPTS: "20", ...env },
  };
  return await startPipeline(options);
}

Deno.test("empty and short pages while the API's total promises more never finish a window", async () => {
  await using pipeline = await startFaulty("empty_page=0.3");
  const to = await planResults(pipeline, 20);
  await drain(pipeline);
  assert.deepEqual(await whatIsWrong(pipeline, to), CLEAN);
  const recorded = await pipeline.db.sql<{ error: string; items: number; total: number }[]>`
    select error, jsonb_array_length(payload -> 'results') as items,
           (payload ->> 'total')::integer as total
    from public.ra_sync_errors`;
  assert.ok(recorded.length > 0, "the empty pages were recorded");
  for (const row of recorded) {
    assert.match(row.error, /is empty while the API's total is \d+/);
    assert.equal(row.items, 0);
    assert.ok(row.total > 0);
  }
});

Deno.test("an HTML or empty 200 body is recorded, and a run tries each window once", async () => {
  await using pipeline = await startFaulty("html=1", { RA_WINDOW_WORKERS: "1" });
  await planResults(pipeline, 10);
  const { body } = await pipeline.invoke("fetch-results", BACKFILL_REQUEST_BODY);
  assert.equal(body.status, "partial");
  assert.equal(body.windows_claimed, 2, "each window is claimed once in the run");
  assert.equal(pipeline.sim.requestLog.length, 4, "two requests (RA_API_ATTEMPTS) per window");
  const windows = await pipeline.db.sql<{ status: string; attempts: number }[]>`
    select status, attempts from public.ra_sync_checkpoints order by window_start`;
  assert.deepEqual(windows.map((w) => ({ ...w })), [
    { status: "pending", attempts: 1 },
    { status: "pending", attempts: 1 },
  ]);
  const errors = await pipeline.db.sql<{ endpoint: string; error: string; payload: never }[]>`
    select endpoint, error, payload from public.ra_sync_errors order by id`;
  assert.equal(errors.length, 2);
  for (const error of errors) {
    assert.equal(error.endpoint, "/v1/results");
    assert.match(error.error, /answered 200 with a body that is not JSON/);
    const payload = error.payload as { status: number; content_type: string; received: string };
    assert.equal(payload.status, 200);
    assert.match(payload.content_type, /^text\/html/);
    assert.match(payload.received, /^<!DOCTYPE html>/);
  }

  await using blank = await startFaulty("blank=1", { RA_WINDOW_WORKERS: "1" });
  await planResults(blank, 5);
  await blank.invoke("fetch-results", BACKFILL_REQUEST_BODY);
  const [empty] = await blank.db.sql<{ error: string; received: string }[]>`
    select error, payload ->> 'received' as received from public.ra_sync_errors`;
  assert.match(empty!.error, /answered 200 with an empty body/);
  assert.equal(empty!.received, "");
});

Deno.test("mixed faults and hangs: the backfill still ends equal to the truth", async () => {
  await using pipeline = await startFaulty("empty_page=0.1,html=0.05,blank=0.05,hang=0.05", {
    RA_REQUEST_TIMEOUT_MS: "500",
  });
  const to = await planResults(pipeline, 20);
  await drain(pipeline);
  assert.deepEqual(await whatIsWrong(pipeline, to), CLEAN);
});

Deno.test("10 concurrent invocations: no window twice, no page twice, all done", async () => {
  await using pipeline = await startPipeline({ simulator: { seed: 22, now } });
  const to = await planResults(pipeline, 30);
  const answers = await Promise.all(
    Array.from({ length: 10 }, () => pipeline.invoke("fetch-results", BACKFILL_REQUEST_BODY)),
  );
  assert.ok(answers.every((a) => a.status === 200));
  const done = answers.reduce((sum, a) => sum + (a.body.windows_done as number), 0);
  assert.equal(done, 6, "each of the 6 windows done by exactly one invocation");
  const pages = pipeline.sim.requestLog.filter((r) => r.path === "/v1/results").map((r) => r.query);
  assert.equal(new Set(pages).size, pages.length, "no page was fetched twice");
  assert.deepEqual(await whatIsWrong(pipeline, to), CLEAN);
});

Deno.test("a worker killed with SIGKILL mid-window is resumed after its lease expires", async () => {
  await using pipeline = await startPipeline({
    simulator: { seed: 11, now },
    env: {
      RA_BUDGET_MS: "20000",
      RA_LEASE_SECONDS: "21",
      RA_RATE_DEFAULT: "2",
      RA_RATE_GLOBAL: "2",
      RA_WINDOW_WORKERS: "1",
    },
  });
  const from = "2026-03-01";
  const to = addDays(from, 29);
  await planWindows(pipeline.db.sql, "results_backfill", splitIntoWindows(from, to, 5));
  const worker = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./support/backfill_worker.ts", import.meta.url).pathname],
    env: pipeline.env,
    stdout: "null",
    stderr: "null",
  }).spawn();
  // Wait until the worker has finished one window and is inside the next one.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const [state] = await pipeline.db.sql<{ done: number; mid: number }[]>`
      select (count(*) filter (where status = 'done'))::integer as done,
             (count(*) filter (where status = 'running' and cursor is not null))::integer as mid
      from public.ra_sync_checkpoints where job = 'results_backfill'`;
    if (state!.done >= 1 && state!.mid >= 1) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  worker.kill("SIGKILL");
  const status = await worker.status;
  assert.equal(status.signal, "SIGKILL");
  const held = await pipeline.db.sql`
    select window_start::text, status, cursor, lease_owner from public.ra_sync_checkpoints
    where status = 'running'`;
  assert.equal(
    held.length,
    1,
    `the killed worker left its window running: ${JSON.stringify(held)}`,
  );
  // A new worker cannot take the window until the lease expires; then it finishes everything.
  await pipeline.db.sql`
    update public.ra_sync_checkpoints set lease_expires_at = clock_timestamp()
    where status = 'running'`;
  await drain(pipeline);
  const truth = pipeline.sim.groundTruth(from, to);
  assert.deepEqual(await resultDifferences(pipeline.db.sql, { races: truth.races }, from, to), []);
});

Deno.test("rows of a page written again after a deadlock are counted once", async () => {
  const rowsWritten = async (deadlockOnce: boolean) => {
    await using pipeline = await startPipeline({
      simulator: { seed: 23, now },
      env: { RA_WINDOW_WORKERS: "1" },
    });
    await planResults(pipeline, 10);
    if (deadlockOnce) {
      // Every page's checkpoint write is picked as a deadlock victim on its first try (a
      // sequence is not rolled back): the page's transaction, rows and counts, runs again.
      await pipeline.db.sql.unsafe(`
        create sequence public.t_deadlocks;
        create function public.t_deadlock_first_try() returns trigger language plpgsql as $$
        begin
          if nextval('public.t_deadlocks') % 2 = 1 then
            raise exception 'deadlock detected' using errcode = '40P01';
          end if;
          return new;
        end $$;
        create trigger t_deadlock_first_try before update on public.ra_sync_checkpoints
        for each row when (new.status = 'done' or (old.status = 'running'
          and new.status = 'running' and new.cursor is distinct from old.cursor))
        execute function public.t_deadlock_first_try();`);
    }
    const { body } = await pipeline.invoke("fetch-results", BACKFILL_REQUEST_BODY);
    const [stored] = await pipeline.db.sql<{ rows: number }[]>`
      select sum(rows_written)::integer as rows from public.ra_sync_checkpoints`;
    return { run: body.rows_written, windows: stored!.rows };
  };
  const clean = await rowsWritten(false);
  assert.ok(clean.windows > 100);
  assert.equal(clean.run, clean.windows);
  assert.deepEqual(await rowsWritten(true), clean);
});

Deno.test("a PostgreSQL restart mid-backfill fails the run's queries, not the process; the next runs finish", async () => {
  const cluster = await startPostgres();
  try {
    const url = await createDatabase(cluster, "restarts");
    await pushMigrations(url);
    // The functions' own pool settings, with a short connect timeout so that attempts made
    // while the server restarts give up quickly.
    const sql = createDbClient(url, { connectTimeoutSeconds: 2 });
    const database = {
      name: "restarts",
      url,
      sql,
      drop: () => sql.end({ timeout: 5 }),
      [Symbol.asyncDispose]: () => sql.end({ timeout: 5 }),
    };
    await using pipeline = await startPipeline({
      database,
      simulator: { seed: 24, now },
      env: { RA_RATE_DEFAULT: "4", RA_RATE_GLOBAL: "4", RA_LEASE_SECONDS: "130" },
    });
    const to = await planResults(pipeline, 30);
    const run = pipeline.invoke("fetch-results", BACKFILL_REQUEST_BODY);
    // Restart once the run is inside its windows, and again while it recovers.
    while (pipeline.sim.requestLog.length < 3) await new Promise((r) => setTimeout(r, 20));
    await cluster.restart();
    await new Promise((r) => setTimeout(r, 300));
    await cluster.restart();
    const { status, body } = await run;
    assert.equal(status, 200);
    assert.equal(body.status, "interrupted", JSON.stringify(body));
    assert.match(body.error as string, /database connection was lost/);
    // Until the pool has its connections back, a call answers 503 and does nothing.
    while (true) {
      const { status, body } = await pipeline.invoke("fetch-results", BACKFILL_REQUEST_BODY);
      if (status === 200) break;
      assert.equal(status, 503, JSON.stringify(body));
      assert.equal(body.error, "database_unavailable");
    }
    await drain(pipeline);
    assert.deepEqual(await whatIsWrong(pipeline, to), CLEAN);
  } finally {
    await cluster.stop();
  }
});
