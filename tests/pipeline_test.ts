/**
 * The pipeline against the simulator and a real database (issue: fetch-results,
 * fetch-racecards and the checkpointed backfill).
 */
import assert from "node:assert/strict";
import { BACKFILL_REQUEST_BODY, drainBackfill } from "../dev/stack/backfill_drain.ts";
import { addDays } from "../supabase/functions/_shared/clock.ts";
import { planWindows, retryFailed } from "../supabase/functions/_shared/sync/checkpoints.ts";
import { DEFAULT_RATES } from "../supabase/functions/_shared/sync/rates.ts";
import { type BackfillJob, planBackfill } from "../cli/backfill_plan.ts";
import { resultDifferences } from "./support/ground_truth.ts";
import { type Pipeline, startPipeline } from "./support/pipeline.ts";

// The simulator's clock starts at a fixed instant (every day of the backfills has its results)
// and runs at real speed, so its request log measures real request rates.
const START = Date.now();
const now = () => new Date(Date.parse("2026-06-15T12:00:00Z") + Date.now() - START);

async function planDays(
  pipeline: Pipeline,
  from: string,
  to: string,
  jobs: BackfillJob[] = ["results", "racecards"],
) {
  const plan = planBackfill({
    from,
    to,
    today: "2026-06-15",
    jobs,
    resultsWindowDays: 5,
    rates: DEFAULT_RATES,
  });
  for (const job of plan.jobs) await planWindows(pipeline.db.sql, job.checkpointJob, job.windows);
  return plan;
}

/** Invokes a function's backfill mode until no window remains; returns the invocations. */
function drain(pipeline: Pipeline, name: string) {
  return drainBackfill(name, () => pipeline.invoke(name, BACKFILL_REQUEST_BODY), {
    maxInvocations: 200,
  });
}

async function checkpointStatuses(pipeline: Pipeline) {
  const rows = await pipeline.db.sql<{ job: string; status: string; n: number }[]>`
    select job, status, count(*)::integer as n from public.ra_sync_checkpoints
    group by job, status order by job, status`;
  return rows.map((row) => ({ ...row }));
}

Deno.test("a 60-day backfill in many small invocations equals the simulator's truth", async () => {
  await using pipeline = await startPipeline({
    simulator: { seed: 7, now },
    env: { RA_BUDGET_MS: "1500", RA_LEASE_SECONDS: "30" },
  });
  const from = "2026-04-01";
  const to = addDays(from, 59);
  await planDays(pipeline, from, to);
  // Both jobs at once, as their pg_cron tickers run them: they upsert the same people and horses.
  const [results, racecards] = await Promise.all([
    drain(pipeline, "fetch-results"),
    drain(pipeline, "fetch-racecards"),
  ]);
  assert.ok(results.length > 1 && racecards.length > 1, "the budget cut the work into runs");
  assert.deepEqual(await checkpointStatuses(pipeline), [
    { job: "racecards_backfill", status: "done", n: 60 },
    { job: "results_backfill", status: "done", n: 12 },
  ]);
  const truth = pipeline.sim.groundTruth(from, to);
  assert.ok(truth.races.length > 1000, `a realistic volume: ${truth.races.length} races`);
  assert.deepEqual(await resultDifferences(pipeline.db.sql, truth, from, to), []);
  const [runs] = await pipeline.db.sql<{ n: number; open: number }[]>`
    select count(*)::integer as n, (count(*) filter (where status = 'running'))::integer as open
    from public.ra_sync_runs`;
  assert.equal(runs!.n, results.length + racecards.length);
  assert.equal(runs!.open, 0);
});

Deno.test("two workers started together never take the same window and share the rate", async () => {
  await using pipeline = await startPipeline({
    simulator: { seed: 3, now },
    env: { RA_RATE_DEFAULT: "8", RA_RATE_GLOBAL: "8", RA_WINDOW_WORKERS: "1" },
  });
  const from = "2026-05-01";
  const to = addDays(from, 24);
  await planDays(pipeline, from, to, ["results"]);
  pipeline.sim.clearLog();
  const [a, b] = await Promise.all([
    pipeline.invoke("fetch-results", { mode: "backfill", wait: true }),
    pipeline.invoke("fetch-results", { mode: "backfill", wait: true }),
  ]);
  assert.equal(a.status, 200);
  assert.equal(b.status, 200);
  assert.ok((a.body.windows_done as number) > 0 && (b.body.windows_done as number) > 0);
  assert.equal((a.body.windows_done as number) + (b.body.windows_done as number), 5);
  const requests = pipeline.sim.requestLog.filter((r) => r.path === "/v1/results");
  const pages = requests.map((r) => r.query);
  assert.equal(new Set(pages).size, pages.length, "no page was fetched twice");
  for (const request of requests) {
    const inWindow = requests.filter((r) => r.at >= request.at && r.at < request.at + 1000);
    assert.ok(inWindow.length <= 8, `${inWindow.length} requests within 1 s`);
  }
  assert.ok(requests.every((r) => r.status === 200), "no 429");
});

Deno.test("with 20% faults the backfill completes; exhausted windows fail with the error, then a retry completes them", async () => {
  await using pipeline = await startPipeline({
    simulator: { seed: 5, now, faults: "5xx=0.15,malformed=0.05" },
    env: { RA_MAX_ATTEMPTS: "1", RA_API_ATTEMPTS: "1" },
  });
  const from = "2026-05-01";
  const to = addDays(from, 29);
  await planDays(pipeline, from, to, ["results"]);
  await drain(pipeline, "fetch-results");
  const failed = await pipeline.db.sql<{ last_error: string }[]>`
    select last_error from public.ra_sync_checkpoints
    where job = 'results_backfill' and status = 'failed'`;
  assert.ok(failed.length > 0, "some windows used up their attempt");
  for (const window of failed) {
    assert.match(window.last_error, /answered 50\d|JSON|malformed|truncated/i);
  }
  for (let pass = 0; pass < 20; pass++) {
    if ((await retryFailed(pipeline.db.sql, "results_backfill")) === 0) break;
    await drain(pipeline, "fetch-results");
  }
  const statuses = await checkpointStatuses(pipeline);
  assert.deepEqual(statuses.filter((s) => s.job === "results_backfill"), [
    { job: "results_backfill", status: "done", n: 6 },
  ]);
  const truth = pipeline.sim.groundTruth(from, to);
  const differences = await resultDifferences(pipeline.db.sql, { races: truth.races }, from, to);
  assert.deepEqual(differences, []);
});

Deno.test("bad credentials stop the run with a clear message instead of retrying", async () => {
  await using pipeline = await startPipeline({
    simulator: { seed: 1, now },
    env: { RACING_API_PASSWORD: "wrong-password" },
  });
  await planDays(pipeline, "2026-05-01", "2026-05-20", ["results"]);
  pipeline.sim.clearLog();
  const { status, body } = await pipeline.invoke("fetch-results", { mode: "backfill", wait: true });
  assert.equal(status, 200);
  assert.equal(body.status, "failed");
  assert.match(body.error as string, /401/);
  assert.doesNotMatch(body.error as string, /wrong-password/);
  // One request any plan may make tells wrong credentials from a plan's refusal, once a run.
  const probes = pipeline.sim.requestLog.filter((r) => r.path === "/v1/courses/regions");
  assert.equal(probes.length, 1, "the credentials are checked once");
  // Each worker of the run asks once; none asks again.
  const asked = pipeline.sim.requestLog
    .filter((r) => r.path === "/v1/results")
    .map((request) => request.query);
  assert.ok(asked.length >= 1 && asked.length <= 2, `${asked.length} requests`);
  assert.equal(
    new Set(asked).size,
    asked.length,
    `a 401 is not retried: ${JSON.stringify(pipeline.sim.requestLog)}`,
  );
  const [run] = await pipeline.db.sql<{ status: string; error: string }[]>`
    select status, error from public.ra_sync_runs`;
  assert.equal(run!.status, "failed");
  assert.match(run!.error, /credentials|plan/i);
});

Deno.test("a bad body gets 400 naming the field, a missing key 401, and neither writes", async () => {
  await using pipeline = await startPipeline({ simulator: { seed: 1, now } });
  const bad = await pipeline.invoke("fetch-results", { mode: "range", start_date: "2026-01-01" });
  assert.equal(bad.status, 400);
  assert.deepEqual((bad.body.fields as { field: string }[]).map((f) => f.field), ["end_date"]);
  const unknown = await pipeline.invoke("fetch-racecards", { mode: "daily", days: 3 });
  assert.equal(unknown.status, 400);
  assert.deepEqual((unknown.body.fields as { field: string }[]).map((f) => f.field), ["days"]);
  const wrongMode = await pipeline.invoke("fetch-results", { mode: "weekly" });
  assert.equal(wrongMode.status, 400);
  assert.deepEqual((wrongMode.body.fields as { field: string }[]).map((f) => f.field), ["mode"]);
  const notJson = await pipeline.invoke("fetch-results", "{mode:");
  assert.equal(notJson.status, 400);
  const noKey = await pipeline.invoke("fetch-results", { mode: "daily" }, {});
  assert.equal(noKey.status, 401);
  const wrongKey = await pipeline.invoke("fetch-results", { mode: "daily" }, {
    authorization: "Bearer not-the-key",
  });
  assert.equal(wrongKey.status, 401);
  const [counts] = await pipeline.db.sql<{ runs: number; windows: number }[]>`
    select (select count(*)::integer from public.ra_sync_runs) as runs,
           (select count(*)::integer from public.ra_sync_checkpoints) as windows`;
  assert.deepEqual(counts, { runs: 0, windows: 0 });
  assert.equal(pipeline.sim.requestLog.length, 0);
});

Deno.test("daily modes fetch yesterday's results and the coming racecards again", async () => {
  await using pipeline = await startPipeline({ simulator: { seed: 9 } });
  const results = await pipeline.invoke("fetch-results", {
    mode: "daily",
    days_back: 2,
    wait: true,
  });
  assert.equal(results.status, 200, JSON.stringify(results.body));
  assert.equal(results.body.status, "succeeded", JSON.stringify(results.body));
  const cards = await pipeline.invoke("fetch-racecards", { mode: "daily", wait: true });
  assert.equal(cards.body.status, "succeeded", JSON.stringify(cards.body));
  assert.equal(cards.body.windows_done, 3);
  const again = await pipeline.invoke("fetch-racecards", { mode: "daily", wait: true });
  assert.equal(again.body.windows_done, 3, "a daily run fetches its days again");
  const [races] = await pipeline.db.sql<{ n: number }[]>`
    select count(*)::integer as n from public.ra_mst_races`;
  assert.ok(races!.n > 20);
});

Deno.test("a shutdown marks the run interrupted and hands its windows back at once", async () => {
  await using pipeline = await startPipeline({
    simulator: { seed: 2, now },
    env: { RA_RATE_DEFAULT: "1", RA_RATE_GLOBAL: "1", RA_WINDOW_WORKERS: "1" },
  });
  await planDays(pipeline, "2026-05-01", "2026-05-14", ["results"]);
  const run = pipeline.invoke("fetch-results", { mode: "backfill", wait: true });
  // Shut down once the run holds a window mid-way (its first page written, the next pending).
  while (true) {
    const [mid] = await pipeline.db.sql<{ n: number }[]>`
      select count(*)::integer as n from public.ra_sync_checkpoints where cursor is not null`;
    if (mid!.n > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  pipeline.platform.shutdown("wall_clock");
  const { body } = await run;
  assert.equal(body.status, "interrupted");
  const [state] = await pipeline.db.sql<{ running: number; status: string; error: string }[]>`
    select (select count(*)::integer from public.ra_sync_checkpoints where status = 'running')
             as running,
           status, error
    from public.ra_sync_runs`;
  assert.equal(state!.running, 0, "no window stays leased to the stopped run");
  assert.equal(state!.status, "interrupted");
  assert.match(state!.error, /wall_clock/);
  // The next run resumes where the stopped one was and finishes the job.
  await drain(pipeline, "fetch-results");
  const truth = pipeline.sim.groundTruth("2026-05-01", "2026-05-14");
  const differences = await resultDifferences(
    pipeline.db.sql,
    { races: truth.races },
    "2026-05-01",
    "2026-05-14",
  );
  assert.deepEqual(differences, []);
});

Deno.test("a 422 from the API fails its window at once with the API's reason; the run goes on", async () => {
  await using pipeline = await startPipeline({
    simulator: { seed: 1, now },
    // About refusals, not the CPU budget: on a loaded machine the day's page (with its prices)
    // must not spend the budget before the refused window is claimed.
    env: { RA_CPU_BUDGET_MS: "10000" },
  });
  // A racecards day the API no longer (or not yet) serves: it answers 422.
  const tooFar = addDays("2026-06-15", 12);
  await planWindows(pipeline.db.sql, "racecards_backfill", [
    { start: tooFar, end: tooFar },
    { start: "2026-06-14", end: "2026-06-14" },
  ]);
  const { body } = await pipeline.invoke("fetch-racecards", { mode: "backfill", wait: true });
  assert.equal(body.status, "partial");
  assert.equal(body.windows_done, 1, "the day the API serves is fetched in the same run");
  assert.equal(body.windows_failed, 1);
  assert.match(body.error as string, /422/);
  assert.equal((body.details as Record<string, unknown>).windows_refused_by_api, 1);
  const refused = pipeline.sim.requestLog.filter((r) => r.query.includes(`date=${tooFar}`));
  assert.equal(refused.length, 1, "a 422 is not retried");
  const windows = await pipeline.db.sql<
    { window_start: string; status: string; last_error: string }[]
  >`
    select window_start::text, status, coalesce(last_error, '') as last_error
    from public.ra_sync_checkpoints order by window_start`;
  assert.deepEqual(windows.map((w) => [w.window_start, w.status]), [
    ["2026-06-14", "done"],
    [tooFar, "failed"],
  ]);
  assert.match(windows[1]!.last_error, /422/);
  const again = await pipeline.invoke("fetch-racecards", { mode: "backfill", wait: true });
  assert.equal(again.body.windows_claimed, 0, "a refused window waits for --retry-failed");
});

Deno.test("a run stops claiming windows once its measured CPU budget is spent", async () => {
  await using pipeline = await startPipeline({
    simulator: { seed: 4, now },
    env: { RA_CPU_BUDGET_MS: "1", RA_WINDOW_WORKERS: "1" },
  });
  await planDays(pipeline, "2026-05-01", "2026-05-03", ["racecards"]);
  const { body } = await pipeline.invoke("fetch-racecards", { mode: "backfill", wait: true });
  assert.equal(body.status, "partial");
  assert.equal(body.windows_done, 1, "the window in hand is finished, no other is claimed");
  assert.deepEqual(
    {
      remaining: (body.details as Record<string, unknown>).windows_remaining,
      by: (body.details as Record<string, unknown>).stopped_by,
    },
    { remaining: 2, by: "cpu" },
  );
});
