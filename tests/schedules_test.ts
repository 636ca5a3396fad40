/**
 * Scheduled calls without pg_cron, in a fresh database with the pg_net and Vault stand-ins:
 * invoke_function → stand-in queue → net worker → function server → handler, and the job
 * table in docs/operations.md against ra_private.schedules.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { createTestDatabase } from "./support/db.ts";
import { startFunctionServer } from "../dev/stack/function_server.ts";
import { startNetWorker } from "../dev/stack/net_worker.ts";
import { installPlatformStandins, setFunctionSecrets } from "../dev/stack/standins.ts";

interface Received {
  path: string;
  apikey: string | null;
  authorization: string | null;
  body: unknown;
}

Deno.test("invoke_function() reaches the function through pg_net and the function server", async () => {
  await using db = await createTestDatabase();
  await installPlatformStandins(db.sql);
  const received: Received[] = [];
  const server = startFunctionServer({
    port: 0,
    env: {},
    factories: {
      "fetch-results": () => async (request) => {
        received.push({
          path: new URL(request.url).pathname,
          apikey: request.headers.get("apikey"),
          authorization: request.headers.get("authorization"),
          body: await request.json(),
        });
        return Response.json({ run_id: "8d3c4c55-3b8a-4b7e-9a57-0d6f1c2b9e10" }, { status: 202 });
      },
    },
  });
  const worker = startNetWorker(db.url, { pollMs: 20 });
  try {
    await setFunctionSecrets(db.sql, { projectUrl: `${server.url}/`, functionKey: "sk_test_1" });
    const [call] = await db.sql<{ id: string }[]>`
      select ra_private.invoke_function('fetch-results', ${db.sql.json({ mode: "daily" })}) as id`;

    let response: { status_code: number; content: string } | undefined;
    for (let attempt = 0; attempt < 300 && !response; attempt++) {
      [response] = await db.sql<{ status_code: number; content: string }[]>`
        select status_code, content from net._http_response where id = ${call!.id}`;
      if (!response) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual({ ...response }, {
      status_code: 202,
      content: '{"run_id":"8d3c4c55-3b8a-4b7e-9a57-0d6f1c2b9e10"}',
    });
    assert.deepEqual(received, [{
      path: "/functions/v1/fetch-results",
      apikey: "sk_test_1",
      authorization: "Bearer sk_test_1",
      body: { mode: "daily" },
    }]);
    const [queued] = await db.sql<{ timeout_milliseconds: number }[]>`
      select timeout_milliseconds from net.http_request_queue`;
    assert.equal(queued, undefined, "the worker took the request");
    const invocations = await db.sql`
      select request_id::text, function_name, body from ra_private.invocations`;
    assert.deepEqual(invocations.map((row) => ({ ...row })), [
      { request_id: call!.id, function_name: "fetch-results", body: { mode: "daily" } },
    ]);
  } finally {
    await worker.stop();
    await server.close();
  }
});

Deno.test("invoke_function() queues the call with a 10 s timeout and the key in both headers", async () => {
  await using db = await createTestDatabase();
  await installPlatformStandins(db.sql);
  await setFunctionSecrets(db.sql, { projectUrl: "https://abc.supabase.co", functionKey: "k1" });
  // Updating a secret keeps one row per name.
  await setFunctionSecrets(db.sql, { projectUrl: "https://abc.supabase.co", functionKey: "k2" });
  await db.sql`select ra_private.invoke_function('sync-masters', '{"mode": "weekly"}'::jsonb)`;
  const queued = await db.sql`
    select method, url, headers, convert_from(body, 'UTF8') as body, timeout_milliseconds
    from net.http_request_queue`;
  assert.deepEqual(queued.map((row) => ({ ...row })), [{
    method: "POST",
    url: "https://abc.supabase.co/functions/v1/sync-masters",
    headers: { "Content-Type": "application/json", apikey: "k2", Authorization: "Bearer k2" },
    body: '{"mode": "weekly"}',
    timeout_milliseconds: 10000,
  }]);
  const [secrets] = await db.sql`select count(*)::int as count from vault.secrets`;
  assert.equal(secrets?.count, 2);
});

Deno.test("invoke_function() names the missing secret and rejects a body that is not an object", async () => {
  await using db = await createTestDatabase();
  await installPlatformStandins(db.sql);
  const invoke = (body: string) =>
    db.sql`select ra_private.invoke_function('fetch-racecards', ${body}::text::jsonb)`;

  await assert.rejects(invoke("{}"), {
    message:
      'Cannot invoke Edge Function "fetch-racecards": Vault secret "ra_project_url" is missing',
  });
  await db.sql`select vault.create_secret('http://127.0.0.1:54321', 'ra_project_url')`;
  await assert.rejects(invoke("{}"), {
    message:
      'Cannot invoke Edge Function "fetch-racecards": Vault secret "ra_function_key" is missing',
  });
  await db.sql`select vault.create_secret('  ', 'ra_function_key')`;
  await assert.rejects(invoke("{}"), {
    message:
      'Cannot invoke Edge Function "fetch-racecards": Vault secret "ra_function_key" is missing',
  });
  await assert.rejects(invoke('"{\\"mode\\": \\"daily\\"}"'), {
    message:
      'Cannot invoke Edge Function "fetch-racecards": body must be a JSON object, not string',
  });
  const [left] = await db.sql`select count(*)::int as count from net.http_request_queue`;
  assert.equal(left?.count, 0);
});

Deno.test("schedule_jobs() without pg_cron schedules nothing and says why", async () => {
  await using db = await createTestDatabase();
  const notices: string[] = [];
  const sql = postgres(db.url, {
    max: 1,
    onnotice: (notice) => notices.push(String(notice.message)),
  });
  try {
    const scheduled = await sql`select ra_private.schedule_jobs()`;
    assert.equal(scheduled.length, 0);
    assert.deepEqual(notices, [
      `pg_cron is not installed in database "${db.name}": no job was scheduled`,
    ]);
  } finally {
    await sql.end();
  }
});

/** "05:15 / 06:15" for a daily time in UTC (GMT, then BST), or "every minute". */
function ukTimes(cron: string): string {
  const [minute, hour] = cron.split(" ");
  if (minute === "*" && hour === "*") return "every minute";
  const pad = (value: number) => String(value).padStart(2, "0");
  const gmt = Number(hour);
  return `${pad(gmt)}:${pad(Number(minute))} / ${pad((gmt + 1) % 24)}:${pad(Number(minute))}`;
}

Deno.test("docs/operations.md lists exactly the jobs of ra_private.schedules", async () => {
  const text = await Deno.readTextFile(new URL("../docs/operations.md", import.meta.url));
  const section = text.match(/<!-- BEGIN schedules[^>]*-->([\s\S]*?)<!-- END schedules -->/)?.[1];
  assert.ok(section, "docs/operations.md has the schedules table");
  const documented = section.split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim().replaceAll("`", "")));

  await using db = await createTestDatabase();
  const jobs = await db.sql<
    { job_name: string; cron: string; runs: string; body: string }[]
  >`
    select job_name, cron,
      coalesce(function_name, 'ra_private.' || database_function || '()') as runs,
      case when function_name is null then '' else body::text end as body
    from ra_private.schedules order by job_name`;
  assert.deepEqual(
    documented,
    jobs.map((job) => [job.job_name, job.cron, ukTimes(job.cron), job.runs, job.body]),
  );
});
