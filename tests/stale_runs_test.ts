/**
 * Issue 15, finding 6: a run killed mid-way (no end recorded) does not stay `running` forever:
 * the next run of any function closes it as interrupted once it is past the wall-clock limit.
 */
import assert from "node:assert/strict";
import { startPipeline } from "./support/pipeline.ts";

Deno.test("a run left running past 400 s is closed interrupted when the next run opens", async () => {
  await using pipeline = await startPipeline({ simulator: { seed: 4 } });
  const { sql } = pipeline.db;
  // As SIGKILL or the wall-clock limit leaves them: no end, no interrupted mark.
  const [killed, live] = await sql<{ run_id: string }[]>`
    insert into public.ra_sync_runs (function_name, mode, started_at)
    values ('fetch-results', 'backfill', clock_timestamp() - interval '401 seconds'),
           ('fetch-racecards', 'daily', clock_timestamp() - interval '30 seconds')
    returning run_id::text`;

  const next = await pipeline.invoke("enrich-horses", { mode: "tick", wait: true });
  assert.equal(next.status, 200, JSON.stringify(next.body));

  const runs = await sql<{ run_id: string; status: string; error: string | null }[]>`
    select run_id::text, status, error from public.ra_sync_runs
    where run_id in (${killed!.run_id}::uuid, ${live!.run_id}::uuid)
    order by started_at`;
  assert.deepEqual(runs.map((run) => ({ ...run })), [
    {
      run_id: killed!.run_id,
      status: "interrupted",
      error:
        "No end recorded within 400 s: the function was stopped (wall-clock limit, crash or restart)",
    },
    { run_id: live!.run_id, status: "running", error: null },
  ]);
});

Deno.test("a run with nothing to do succeeds, also when the windows left are held by another run", async () => {
  await using pipeline = await startPipeline({ simulator: { seed: 4 } });
  const { sql } = pipeline.db;
  const empty = await pipeline.invoke("fetch-results", { mode: "backfill", wait: true });
  assert.equal(empty.body.status, "succeeded", JSON.stringify(empty.body));
  assert.equal(empty.body.windows_claimed, 0);
  // Another invocation holds the only window under a live lease.
  await sql`
    insert into public.ra_sync_checkpoints
      (job, window_start, window_end, status, attempts, lease_owner, lease_expires_at)
    values ('results_backfill', '2026-05-01', '2026-05-07', 'running', 1, 'another-run',
            clock_timestamp() + interval '5 minutes')`;
  const held = await pipeline.invoke("fetch-results", { mode: "backfill", wait: true });
  assert.equal(held.body.status, "succeeded", JSON.stringify(held.body));
  assert.deepEqual(
    [held.body.windows_claimed, (held.body.details as Record<string, unknown>).windows_remaining],
    [0, 1],
  );
  const tick = await pipeline.invoke("enrich-horses", { mode: "tick", wait: true });
  assert.equal(tick.body.status, "succeeded", JSON.stringify(tick.body));
});
