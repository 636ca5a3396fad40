/**
 * The historical add-on trap (issue 11): a results backfill planned further back than the plan
 * serves must not stall. Windows the API refuses for their dates fail at once with its reason,
 * the older ones with them, and every window of the last 365 days completes in as many ticks as
 * a backfill planned from a year ago. Wrong credentials still stop the run.
 */
import assert from "node:assert/strict";
import { addDays, ukDate } from "../supabase/functions/_shared/clock.ts";
import { DEFAULT_RATES } from "../supabase/functions/_shared/sync/rates.ts";
import { planWindows } from "../supabase/functions/_shared/sync/checkpoints.ts";
import { planBackfill } from "../cli/backfill_plan.ts";
import { readStatus, renderStatus } from "../cli/status_report.ts";
import { type Pipeline, startPipeline } from "./support/pipeline.ts";

// The functions and the simulator share the real clock, as in production.
const TODAY = ukDate(new Date());
// The oldest start_date served without the add-on.
const OLDEST_SERVED = addDays(TODAY, -365);
const now = () => new Date();

async function planResults(pipeline: Pipeline, from: string, to: string) {
  const plan = planBackfill({
    from,
    to,
    today: TODAY,
    jobs: ["results"],
    resultsWindowDays: 5,
    rates: DEFAULT_RATES,
  });
  for (const job of plan.jobs) await planWindows(pipeline.db.sql, job.checkpointJob, job.windows);
}

/** Ticks (backfill invocations) until every window starting on or after OLDEST_SERVED is done. */
async function ticksUntilServedDone(pipeline: Pipeline): Promise<number> {
  for (let tick = 1; tick <= 6; tick++) {
    await pipeline.invoke("fetch-results", { mode: "backfill", wait: true });
    const [left] = await pipeline.db.sql<{ n: number }[]>`
      select count(*)::integer as n from public.ra_sync_checkpoints
      where window_start >= ${OLDEST_SERVED}::date and status <> 'done'`;
    if (left!.n === 0) return tick;
  }
  return Infinity;
}

Deno.test("a backfill planned past the plan's reach completes the last 365 days as fast as one planned from a year ago", async () => {
  // Budgets wide enough for one tick to do the served windows, so the count of ticks measures
  // only what refused windows hold back, not how loaded the machine is.
  const env = { RA_BUDGET_MS: "20000", RA_LEASE_SECONDS: "60", RA_CPU_BUDGET_MS: "60000" };
  await using past = await startPipeline({ simulator: { seed: 3, now }, env });
  // 10 windows of 5 days start before OLDEST_SERVED; the 10th straddles it (its served part
  // is planned again and fetched).
  const from = addDays(OLDEST_SERVED, -48);
  const to = addDays(OLDEST_SERVED, 30);
  await planResults(past, from, to);
  const pastTicks = await ticksUntilServedDone(past);

  await using recent = await startPipeline({ simulator: { seed: 3, now }, env });
  await planResults(recent, OLDEST_SERVED, to);
  const recentTicks = await ticksUntilServedDone(recent);
  assert.equal(recentTicks, 1, "the recent backfill completes in one tick");
  assert.equal(pastTicks, recentTicks, "refused windows do not hold the served ones back");

  const windows = await past.db.sql<{ status: string; n: number; error: string }[]>`
    select status, count(*)::integer as n, min(coalesce(last_error, '')) as error
    from public.ra_sync_checkpoints
    where window_start < ${OLDEST_SERVED}::date group by status`;
  assert.deepEqual(windows.map((w) => [w.status, w.n]), [["failed", 10]]);
  assert.match(windows[0]!.error, /historical results add-on/, "the API's own reason is kept");
  const refusedCalls = past.sim.requestLog.filter((r) =>
    r.path === "/v1/results" && r.status === 401
  );
  // Each of the run's two workers may have claimed an old window before the first refusal.
  assert.ok(
    refusedCalls.length >= 1 && refusedCalls.length <= 2,
    `one refusal fails every older window, not one call each: ${refusedCalls.length} refusals`,
  );
  const straddled = await past.db.sql<{ window_end: string; status: string }[]>`
    select window_end::text, status from public.ra_sync_checkpoints
    where window_start = ${OLDEST_SERVED}::date`;
  assert.deepEqual(straddled.map((w) => ({ ...w })), [
    { window_end: addDays(from, 49), status: "done" },
  ]);
  const screen = renderStatus(await readStatus(past.db.sql));
  assert.match(screen, /10 FAILED \(10 refused by the API for their dates\)/);
  assert.match(screen, /historical add-on/);
});

Deno.test("wrong credentials still stop the run and leave the window pending", async () => {
  await using pipeline = await startPipeline({
    simulator: { seed: 3, now },
    env: { RACING_API_PASSWORD: "not-the-password" },
  });
  await planResults(pipeline, addDays(OLDEST_SERVED, -20), addDays(OLDEST_SERVED, -11));
  const { body } = await pipeline.invoke("fetch-results", { mode: "backfill", wait: true });
  assert.equal(body.status, "failed");
  const windows = await pipeline.db.sql<{ status: string }[]>`
    select status from public.ra_sync_checkpoints order by window_start`;
  assert.deepEqual(windows.map((w) => w.status), ["pending", "pending"]);
});
