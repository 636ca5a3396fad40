/**
 * Issue 15, finding 4: every date a function accepts is bounded (400 naming the field and the
 * bounds), and a results range request works through its own windows only.
 */
import assert from "node:assert/strict";
import { addDays, ukDate } from "../supabase/functions/_shared/clock.ts";
import { planWindows } from "../supabase/functions/_shared/sync/checkpoints.ts";
import { JOBS, resultsRangeJob } from "../supabase/functions/_shared/sync/windows.ts";
import { startPipeline } from "./support/pipeline.ts";

function fieldsOf(body: Record<string, unknown>): string[] {
  return (body.fields as { field: string }[]).map((problem) => problem.field);
}

Deno.test("dates out of bounds get 400 naming the field and the bounds, and nothing runs", async () => {
  await using pipeline = await startPipeline({ simulator: { seed: 3 } });
  const today = ukDate(new Date());
  const range = (start_date: string, end_date: string) =>
    pipeline.invoke("fetch-results", { mode: "range", start_date, end_date, wait: true });

  const century = await range("1900-01-01", "2100-01-01");
  assert.equal(century.status, 400);
  assert.equal(century.body.error, "bad_request");
  assert.deepEqual(fieldsOf(century.body), ["start_date", "end_date"]);
  assert.match(String(century.body.message), /from 1988-01-01 to \d{4}-\d{2}-\d{2} \(today\)/);

  const future = await range("2100-01-01", "2100-01-07");
  assert.equal(future.status, 400);
  assert.deepEqual(fieldsOf(future.body), ["start_date", "end_date"]);

  const longSpan = await range("2024-01-01", addDays("2024-01-01", 366));
  assert.equal(longSpan.status, 400);
  assert.deepEqual(fieldsOf(longSpan.body), ["end_date"]);
  assert.match(String(longSpan.body.message), /at most 365 days after start_date.*367 days/);

  for (const date of ["2023-01-22", addDays(today, 8)]) {
    const cards = await pipeline.invoke("fetch-racecards", { mode: "date", date, wait: true });
    assert.equal(cards.status, 400, date);
    assert.deepEqual(fieldsOf(cards.body), ["date"]);
    assert.match(String(cards.body.message), /from 2023-01-23 to .* \(today \+ 7\)/);
  }

  const [counts] = await pipeline.db.sql<{ runs: number; windows: number }[]>`
    select (select count(*)::integer from public.ra_sync_runs) as runs,
           (select count(*)::integer from public.ra_sync_checkpoints) as windows`;
  assert.deepEqual(counts, { runs: 0, windows: 0 });
  assert.equal(pipeline.sim.requestLog.length, 0);
});

Deno.test("a range request works its own windows, not those another request left", async () => {
  await using pipeline = await startPipeline({ simulator: { seed: 5 } });
  // Windows the API refuses without the historical add-on, left pending by an earlier range
  // request: in the queue all ranges shared before, and in a range job of their own.
  const leftover = { start: "2020-01-06", end: "2020-01-12" };
  const otherRange = resultsRangeJob({ start: "2020-01-01", end: "2020-01-31" });
  await planWindows(pipeline.db.sql, JOBS.resultsRange, [leftover]);
  await planWindows(pipeline.db.sql, otherRange, [leftover]);

  const today = ukDate(new Date());
  const mine = { start: addDays(today, -10), end: addDays(today, -4) };
  const answer = await pipeline.invoke("fetch-results", {
    mode: "range",
    start_date: mine.start,
    end_date: mine.end,
    wait: true,
  });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(answer.body.status, "succeeded", JSON.stringify(answer.body));
  assert.equal(answer.body.windows_claimed, 1);
  assert.equal(answer.body.windows_done, 1);

  const windows = await pipeline.db.sql<{ job: string; status: string; attempts: number }[]>`
    select job, status, attempts from public.ra_sync_checkpoints order by job`;
  assert.deepEqual(windows.map((row) => ({ ...row })), [
    { job: JOBS.resultsRange, status: "pending", attempts: 0 },
    { job: otherRange, status: "pending", attempts: 0 },
    { job: resultsRangeJob(mine), status: "done", attempts: 1 },
  ]);
  const results = pipeline.sim.requestLog.filter((entry) => entry.path === "/v1/results");
  assert.ok(results.length > 0);
  for (const entry of results) {
    assert.ok(entry.query.includes(`start_date=${mine.start}`), entry.query);
  }
});
