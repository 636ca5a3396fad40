/**
 * The schedules against the real pg_cron of the test cluster's cron database. That database is
 * shared by every test file, so each test works inside one transaction that it rolls back:
 * pg_cron never sees the jobs (it reads committed rows only) and nothing is left behind.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { TEST_ENV } from "../dev/test/test_cluster.ts";
import { installPlatformStandins, setFunctionSecrets } from "../dev/stack/standins.ts";

function cronDatabaseUrl(): string {
  const url = Deno.env.get(TEST_ENV.cronUrl);
  if (!url) {
    throw new Error(
      `${TEST_ENV.cronUrl} is not set: run through \`deno task test\` or dev/test/with_db.ts`,
    );
  }
  return url;
}

class RolledBack extends Error {
  constructor() {
    super("Rolled back on purpose");
    this.name = "RolledBack";
  }
}

/** Runs the test body in a transaction of the cron database and always rolls it back. */
async function inRolledBackTransaction(
  body: (tx: postgres.TransactionSql) => Promise<void>,
): Promise<void> {
  const sql = postgres(cronDatabaseUrl(), { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      await body(tx);
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  } finally {
    await sql.end();
  }
}

interface CronJob {
  jobname: string;
  schedule: string;
  command: string;
  active: boolean;
}

const cronJobs = (tx: postgres.TransactionSql) =>
  tx<CronJob[]>`
    select jobname::text, schedule, command, active from cron.job
    where jobname like 'ra\\_%' order by jobname`;

Deno.test("schedule_jobs() puts every job of ra_private.schedules into pg_cron; unschedule_jobs() takes them out", async () => {
  await inRolledBackTransaction(async (tx) => {
    await installPlatformStandins(tx);
    await setFunctionSecrets(tx, { projectUrl: "http://127.0.0.1:9", functionKey: "test-key" });
    assert.deepEqual([...await tx`select p from ra_private.scheduling_problems() as p`], []);

    const expected = await tx<CronJob[]>`
      select job_name as jobname, cron as schedule, ra_private.schedule_command(s) as command,
        true as active
      from ra_private.schedules s order by job_name`;
    assert.equal(expected.length, 16);
    const scheduled = await tx<{ job_name: string }[]>`
      select ra_private.schedule_jobs() as job_name`;
    assert.deepEqual(scheduled.map((row) => row.job_name), expected.map((job) => job.jobname));
    assert.deepEqual([...await cronJobs(tx)], [...expected]);
    const [first] = await cronJobs(tx);
    assert.equal(first?.jobname, "ra_enrich_tick");
    assert.equal(
      first?.command,
      `select ra_private.invoke_function('enrich-horses', '{"mode": "tick"}'::jsonb)`,
    );

    // Again: the same jobs, updated in place.
    const idsBefore = await tx`select jobid from cron.job where jobname like 'ra\\_%' order by 1`;
    await tx`select ra_private.schedule_jobs()`;
    const idsAfter = await tx`select jobid from cron.job where jobname like 'ra\\_%' order by 1`;
    assert.deepEqual([...idsAfter], [...idsBefore]);

    // A job dropped from the table is unscheduled; jobs without the ra_ prefix are not ours.
    await tx`select cron.schedule('ra_retired_job', '0 1 * * *', 'select 1')`;
    await tx`select cron.schedule('other_app_job', '0 1 * * *', 'select 1')`;
    await tx`select ra_private.schedule_jobs()`;
    assert.deepEqual([...await cronJobs(tx)], [...expected]);

    const status = await tx<{ job_name: string; scheduled: boolean; active: boolean }[]>`
      select job_name, scheduled, active from public.ra_schedule_status order by job_name`;
    assert.deepEqual(
      status.map((row) => [row.job_name, row.scheduled, row.active]),
      expected.map((job) => [job.jobname, true, true]),
    );

    const removed = await tx<{ job_name: string }[]>`
      select ra_private.unschedule_jobs() as job_name`;
    assert.deepEqual(removed.map((row) => row.job_name), expected.map((job) => job.jobname));
    assert.deepEqual([...await cronJobs(tx)], []);
    const [other] =
      await tx`select count(*)::int as count from cron.job where jobname = 'other_app_job'`;
    assert.equal(other?.count, 1);
  });
});

Deno.test("ra_schedule_status shows each job's last run, its HTTP outcome and the sync run it started", async () => {
  await inRolledBackTransaction(async (tx) => {
    await installPlatformStandins(tx);
    await setFunctionSecrets(tx, { projectUrl: "http://127.0.0.1:9", functionKey: "test-key" });
    await tx`select ra_private.schedule_jobs()`;

    // What pg_cron and pg_net would have written: a run of the job, during which the job's
    // command called invoke_function, and the function's answer.
    const lastRun = async (jobName: string, status: string) => {
      await tx`
        insert into cron.job_run_details
          (jobid, job_pid, database, username, command, status, return_message, start_time, end_time)
        select j.jobid, 1, current_database(), current_user, j.command, ${status}, '1 row',
          now() - interval '1 second', now() + interval '1 second'
        from cron.job j where j.jobname = ${jobName}`;
    };
    const invoke = async (name: string, body: Record<string, string>) => {
      const [row] = await tx<{ id: string }[]>`
        select ra_private.invoke_function(${name}, ${tx.json(body)}) as id`;
      return row!.id;
    };
    const answer = async (requestId: string, status: number, content: string) => {
      await tx`
        insert into net._http_response (id, status_code, content_type, content, timed_out)
        values (${requestId}, ${status}, 'application/json', ${content}, false)`;
    };
    const syncRun = async (functionName: string, mode: string, status: string) => {
      const [row] = await tx<{ run_id: string }[]>`
        insert into public.ra_sync_runs (function_name, mode, status, started_at)
        values (${functionName}, ${mode}, ${status}, clock_timestamp())
        returning run_id`;
      return row!.run_id;
    };

    // The answer names its run.
    await lastRun("ra_results_morning", "succeeded");
    const morningRequest = await invoke("fetch-results", { mode: "daily" });
    await syncRun("fetch-results", "daily", "running");
    const morningRun = await syncRun("fetch-results", "daily", "succeeded");
    await answer(morningRequest, 202, JSON.stringify({ run_id: morningRun }));

    // No run id in the answer: the first run of that function and mode after the call.
    await lastRun("ra_enrich_tick", "succeeded");
    const tickRequest = await invoke("enrich-horses", { mode: "tick" });
    const tickRun = await syncRun("enrich-horses", "tick", "partial");
    await answer(tickRequest, 202, "accepted");

    // Refused: no run, even though one of that function and mode started later.
    await lastRun("ra_people_weekly", "succeeded");
    const weeklyRequest = await invoke("sync-masters", { mode: "weekly" });
    await syncRun("sync-masters", "weekly", "succeeded");
    await answer(weeklyRequest, 401, '{"error": "Invalid key"}');

    // The cron run itself failed: no call was made.
    await lastRun("ra_masters_monthly", "failed");

    const rows = await tx`
      select job_name, last_run_status, request_id::text, http_status_code, sync_run_id::text,
        sync_status
      from public.ra_schedule_status
      where job_name in ('ra_results_morning', 'ra_results_evening', 'ra_enrich_tick',
        'ra_people_weekly', 'ra_masters_monthly')
      order by job_name`;
    assert.deepEqual(rows.map((row) => ({ ...row })), [
      {
        job_name: "ra_enrich_tick",
        last_run_status: "succeeded",
        request_id: tickRequest,
        http_status_code: 202,
        sync_run_id: tickRun,
        sync_status: "partial",
      },
      {
        job_name: "ra_masters_monthly",
        last_run_status: "failed",
        request_id: null,
        http_status_code: null,
        sync_run_id: null,
        sync_status: null,
      },
      {
        job_name: "ra_people_weekly",
        last_run_status: "succeeded",
        request_id: weeklyRequest,
        http_status_code: 401,
        sync_run_id: null,
        sync_status: null,
      },
      {
        job_name: "ra_results_evening",
        last_run_status: null,
        request_id: null,
        http_status_code: null,
        sync_run_id: null,
        sync_status: null,
      },
      {
        job_name: "ra_results_morning",
        last_run_status: "succeeded",
        request_id: morningRequest,
        http_status_code: 202,
        sync_run_id: morningRun,
        sync_status: "succeeded",
      },
    ]);
  });
});
