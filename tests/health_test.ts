/**
 * GET on a function answers its health (issue 14, first part): 200 with its checks while the
 * database answers and the configuration is valid, 503 naming what fails, never a secret.
 */
import assert from "node:assert/strict";
import { createJobHandler } from "../supabase/functions/_shared/http/serve_job.ts";
import { fetchResultsJob } from "../supabase/functions/fetch-results/job.ts";
import { freePort } from "../dev/stack/postgres.ts";
import { createTestDatabase } from "./support/db.ts";
import { testPlatform } from "./support/pipeline.ts";

const ENV = {
  RACING_API_USERNAME: "user",
  RACING_API_PASSWORD: "hunter2-secret",
  RACING_API_BASE_URL: "http://127.0.0.1:1",
  RA_FUNCTION_KEY: "function-key",
};

async function health(env: Record<string, string>, sql?: never) {
  const handler = createJobHandler(fetchResultsJob, {
    env,
    platform: testPlatform(),
    logSink: () => {},
    ...(sql ? { sql } : {}),
  });
  const response = await handler(new Request("http://127.0.0.1/functions/v1/fetch-results"));
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Record<string, unknown> };
}

const names = (body: Record<string, unknown>) =>
  (body.checks as { name: string; status: string }[]).map((c) => `${c.name}:${c.status}`);

Deno.test("GET answers 200 with the function's checks, and its last success once it has one", async () => {
  await using db = await createTestDatabase();
  const first = await health({ ...ENV, DATABASE_URL: db.url });
  assert.equal(first.status, 200, first.text);
  assert.deepEqual(names(first.body), [
    "configuration:ok",
    "database:ok",
    "last_success:warn",
    "latest_run:ok",
  ]);
  await db.sql`
    insert into public.ra_sync_runs (function_name, mode, status, finished_at)
    values ('fetch-results', 'daily', 'succeeded', '2026-06-15T18:00:00Z'),
           ('fetch-results', 'daily', 'partial', '2026-06-15T19:00:00Z')`;
  const later = await health({ ...ENV, DATABASE_URL: db.url });
  assert.equal(later.status, 200);
  assert.deepEqual(later.body.checks, [
    { name: "configuration", status: "ok", detail: "valid" },
    { name: "database", status: "ok", detail: "reachable" },
    { name: "last_success", status: "ok", detail: "2026-06-15T18:00:00.000Z" },
    { name: "latest_run", status: "warn", detail: "partial" },
  ]);
});

Deno.test("GET answers 503 naming the database when it is down, without a secret", async () => {
  const url = `postgresql://sync:db-password-secret@127.0.0.1:${freePort()}/postgres`;
  const down = await health({ ...ENV, DATABASE_URL: url });
  assert.equal(down.status, 503);
  assert.deepEqual(down.body.failing, ["database"]);
  assert.match(down.text, /unreachable \(ECONNREFUSED\)/);
  assert.doesNotMatch(down.text, /secret|hunter2/);
});

Deno.test("GET answers 503 naming the missing variables, never their values", async () => {
  const { RACING_API_PASSWORD: _, ...withoutPassword } = ENV;
  const misconfigured = await health({ ...withoutPassword, DATABASE_URL: "postgresql://x" });
  assert.equal(misconfigured.status, 503);
  assert.deepEqual(misconfigured.body.failing, ["configuration"]);
  assert.match(misconfigured.text, /RACING_API_PASSWORD/);
  assert.doesNotMatch(misconfigured.text, /hunter2/);
});
