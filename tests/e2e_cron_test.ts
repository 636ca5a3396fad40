/**
 * End to end, as on Supabase: pg_cron fires a job in the test cluster's cron database, the job
 * calls ra_private.invoke_function, the pg_net stand-in queues the request, the net worker sends
 * it to the function server, fetch-racecards fetches the day from the simulator and writes it.
 *
 * The cron database is shared with other test files (which work in rolled-back transactions),
 * so this test commits only what it must, names its job without the `ra_` prefix (the
 * schedules tests own those names), never calls ra_private.schedule_jobs(), and removes its job,
 * its secrets and every row it caused in `finally`.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { startSimulator } from "../dev/simulator/server.ts";
import { startFunctionServer } from "../dev/stack/function_server.ts";
import { type NetWorker, startNetWorker } from "../dev/stack/net_worker.ts";
import {
  FUNCTION_SECRET_NAMES,
  installPlatformStandins,
  setFunctionSecrets,
} from "../dev/stack/standins.ts";
import { TEST_ENV } from "../dev/test/test_cluster.ts";
import { addDays, ukDate } from "../supabase/functions/_shared/clock.ts";

const JOB_NAME = "e2e_cron_fetch_racecards";
const FUNCTION_KEY = "e2e-cron-test-key";
/** pg_cron 1.4 fires on the minute: at most 60 s to the next one, plus the run itself. */
const FIRE_DEADLINE_MS = 75_000;
const RUN_DEADLINE_MS = 30_000;

function cronDatabaseUrl(): string {
  const url = Deno.env.get(TEST_ENV.cronUrl);
  if (!url) {
    throw new Error(
      `${TEST_ENV.cronUrl} is not set: run through \`deno task test\` or dev/test/with_db.ts`,
    );
  }
  return url;
}

/** Polls `check` every half second until it returns a value, or fails after `ms`. */
async function waitFor<T>(
  what: string,
  ms: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
}

/** Public ra_ tables the run may have written: everything but the run log other tests insert into. */
async function dataTables(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select tablename as name from pg_catalog.pg_tables
    where schemaname = 'public' and tablename like 'ra\\_%' and tablename <> 'ra_sync_runs'
    order by tablename`;
  return rows.map((row) => row.name);
}

/** Removes the job, its history, the secrets and every row the run caused. */
async function cleanUp(sql: postgres.Sql, jobId: string | undefined): Promise<void> {
  await sql`select cron.unschedule(jobid) from cron.job where jobname = ${JOB_NAME}`;
  if (jobId !== undefined) {
    await sql`delete from cron.job_run_details where jobid = ${jobId}::bigint`;
  }
  // Nobody else writes these tables in the cron database, so one truncate is safe (the
  // migrations seed none of them).
  const tables = (await dataTables(sql)).map((name) => `public."${name}"`);
  if (tables.length > 0) await sql.unsafe(`truncate ${tables.join(", ")}`);
  // Plain deletes here: other test files insert into these tables inside open transactions.
  await sql`delete from public.ra_sync_runs`;
  await sql`delete from ra_private.invocations`;
  await sql`delete from net._http_response`;
  await sql`delete from net.http_request_queue`;
  await sql`delete from vault.secrets where name in ${
    sql([FUNCTION_SECRET_NAMES.projectUrl, FUNCTION_SECRET_NAMES.functionKey])
  }`;
}

interface CronRun {
  status: string;
  return_message: string | null;
}

interface HttpResponse {
  status_code: number | null;
  timed_out: boolean | null;
  error_msg: string | null;
  content: string | null;
}

interface SyncRun {
  run_id: string;
  function_name: string;
  mode: string;
  status: string;
  api_calls: number;
  request_body: Record<string, unknown>;
}

Deno.test("a per-minute pg_cron job reaches fetch-racecards through the pg_net stand-in: the day's racecards land and cron, pg_net and ra_sync_runs record it", async () => {
  const url = cronDatabaseUrl();
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const functionsSql = postgres(url, { max: 4, onnotice: () => {}, prepare: false });
  const simulator = await startSimulator({ rateScale: 5 });
  const workerErrors: unknown[] = [];
  // Runs answered with 202 go on in the background; the test waits for them before closing.
  const backgroundRuns: Promise<unknown>[] = [];
  const platform = {
    waitUntil: (work: Promise<unknown>) => (backgroundRuns.push(work.catch(() => {})), true),
    onShutdown: () => {},
  };
  const server = startFunctionServer({
    port: 0,
    env: {
      DATABASE_URL: url,
      RACING_API_BASE_URL: simulator.baseUrl,
      RACING_API_USERNAME: "demo",
      RACING_API_PASSWORD: "demo",
      RA_FUNCTION_KEY: FUNCTION_KEY,
      RA_RATE_RACECARDS: "10",
      RA_RATE_DEFAULT: "10",
      RA_RATE_GLOBAL: "10",
    },
    handlerOptions: { sql: functionsSql, logSink: () => {}, platform },
  });
  let worker: NetWorker | undefined;
  let jobId: string | undefined;
  try {
    // A day the simulator has GB/IRE racecards for, today or just after.
    const today = ukDate(new Date());
    const cards = simulator.groundTruth(today, addDays(today, 2)).racecards;
    const date = cards.map((card) => card.date).sort()[0];
    assert.ok(date, "the simulator has racecards within the next three days");
    const expectedRaceIds = cards.filter((card) => card.date === date)
      .map((card) => card.race_id).sort();
    const expectedRunners = cards.filter((card) => card.date === date)
      .reduce((sum, card) => sum + card.runners.length, 0);

    await installPlatformStandins(sql);
    await setFunctionSecrets(sql, { projectUrl: server.url, functionKey: FUNCTION_KEY });
    worker = startNetWorker(url, { pollMs: 200, onError: (error) => workerErrors.push(error) });
    const body = JSON.stringify({ mode: "date", date });
    const command = `select ra_private.invoke_function('fetch-racecards', '${body}'::jsonb)`;
    const [job] = await sql<{ jobid: string }[]>`
      select cron.schedule(${JOB_NAME}, '* * * * *', ${command})::text as jobid`;
    const scheduledId = job!.jobid;
    jobId = scheduledId;

    // pg_cron fires on the next minute.
    const fired = await waitFor("pg_cron to run the job", FIRE_DEADLINE_MS, async () => {
      const [run] = await sql<CronRun[]>`
        select status, return_message from cron.job_run_details
        where jobid = ${scheduledId}::bigint and status in ('succeeded', 'failed')
        order by runid limit 1`;
      return run;
    });
    // One firing is all the test needs.
    await sql`select cron.unschedule(${scheduledId}::bigint)`;
    assert.deepEqual({ ...fired }, { status: "succeeded", return_message: "SELECT 1" });

    // The call it made, and pg_net's record of the answer (written by the net worker).
    const [invocation] = await sql<{ request_id: string; body: Record<string, unknown> }[]>`
      select request_id::text, body from ra_private.invocations
      where function_name = 'fetch-racecards' order by id limit 1`;
    assert.deepEqual(invocation?.body, { mode: "date", date });
    const response = await waitFor(
      "the net worker to record the answer",
      RUN_DEADLINE_MS,
      async () => {
        const [row] = await sql<HttpResponse[]>`
        select status_code, timed_out, error_msg, content from net._http_response
        where id = ${invocation!.request_id}::bigint`;
        return row;
      },
    );
    assert.equal(response.status_code, 202, response.error_msg ?? response.content ?? "");
    assert.equal(response.timed_out, false);
    const answer = JSON.parse(response.content ?? "{}");
    assert.equal(answer.function, "fetch-racecards");
    assert.equal(answer.status, "accepted");

    // The run the answer names, finished.
    const run = await waitFor("the run to finish", RUN_DEADLINE_MS, async () => {
      const [row] = await sql<SyncRun[]>`
        select run_id::text, function_name, mode, status, api_calls, request_body
        from public.ra_sync_runs where run_id = ${answer.run_id}::uuid and status <> 'running'`;
      return row;
    });
    assert.deepEqual(
      { ...run, api_calls: run.api_calls > 0 },
      {
        run_id: answer.run_id,
        function_name: "fetch-racecards",
        mode: "date",
        status: "succeeded",
        api_calls: true,
        request_body: { mode: "date", date },
      },
    );

    // The day's cards, as the simulator serves them.
    const races = await sql<{ id: string }[]>`
      select id from public.ra_mst_races where race_date = ${date}::date order by id`;
    assert.deepEqual(races.map((race) => race.id), expectedRaceIds);
    const [runners] = await sql<{ count: number }[]>`
      select count(*)::integer as count from public.ra_mst_runners ru
      join public.ra_mst_races ra on ra.id = ru.race_id
      where ra.race_date = ${date}::date`;
    assert.equal(runners?.count, expectedRunners);
    assert.deepEqual(workerErrors, []);
  } finally {
    await worker?.stop();
    await server.close();
    await Promise.all(backgroundRuns);
    await simulator.close();
    try {
      await cleanUp(sql, jobId);
    } finally {
      await functionsSql.end({ timeout: 5 });
      await sql.end({ timeout: 5 });
    }
  }
});
