import assert from "node:assert/strict";
import type postgres from "postgres";
import type { SyncConfig } from "../config.ts";
import { createLogger } from "../log.ts";
import { AuthError, ServerError } from "../racing_api/errors.ts";
import { CpuMeter, type JobContext } from "./job_context.ts";
import { runWorkLoop, summarizeWork, type WorkJob } from "./work_loop.ts";

/** A context for jobs that never touch the database or the API on their own. */
function bareContext(overrides: { deadline?: number; signal?: AbortSignal } = {}): JobContext {
  return {
    functionName: "test",
    runId: "run-1",
    sql: undefined as unknown as postgres.Sql,
    config: { cpuBudgetMs: 1_000 } as SyncConfig,
    log: createLogger({ fn: "test" }, { sink: () => {} }),
    api: { get: () => Promise.reject(new Error("no API here")), stats: { calls: 0, retries: 0 } },
    clock: { now: () => new Date(), sleep: () => Promise.resolve() },
    signal: overrides.signal ?? new AbortController().signal,
    deadline: overrides.deadline ?? Date.now() + 60_000,
    drift: undefined as never,
    cpu: new CpuMeter(),
    settle: () => Promise.resolve(),
  };
}

/** An in-memory store of numbered units, claimed `batch` at a time. */
function memoryJob(units: number[], options: {
  batch?: number;
  process?: (unit: number) => Promise<{ rowsWritten: number; outcome?: string }>;
} = {}) {
  const pending = [...units];
  const failed: number[] = [];
  const released: number[] = [];
  const job: WorkJob<number> = {
    claim: () => Promise.resolve(pending.splice(0, options.batch ?? 1)),
    process: options.process ?? ((unit) => Promise.resolve({ rowsWritten: unit })),
    fail: (unit) => {
      failed.push(unit);
      return Promise.resolve("failed");
    },
    release: (handed) => {
      released.push(...handed);
      return Promise.resolve();
    },
    describe: (unit) => ({ log: { unit } }),
  };
  return { job, pending, failed, released };
}

Deno.test("runWorkLoop() works units side by side, never more at once than its workers", async () => {
  let inFlight = 0;
  let most = 0;
  const store = memoryJob([1, 2, 3, 4, 5, 6, 7, 8], {
    batch: 3,
    process: async (unit) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 10));
      inFlight--;
      return { rowsWritten: unit, outcome: unit % 2 === 0 ? "even" : "odd" };
    },
  });
  const result = await runWorkLoop(bareContext(), store.job, { workers: 3 });
  assert.equal(most, 3);
  assert.deepEqual(
    { claimed: result.claimed, done: result.done, rows: result.rowsWritten, by: result.stoppedBy },
    { claimed: 8, done: 8, rows: 36, by: "drained" },
  );
  assert.deepEqual(result.outcomes, { odd: 4, even: 4 });
});

Deno.test("runWorkLoop() with oneBatch works one claim and hands nothing back", async () => {
  const store = memoryJob([1, 2, 3, 4, 5], { batch: 2 });
  const result = await runWorkLoop(bareContext(), store.job, { workers: 2, oneBatch: true });
  assert.deepEqual([result.done, result.stoppedBy], [2, "batch_done"]);
  assert.deepEqual(store.pending, [3, 4, 5]);
  assert.deepEqual(store.released, []);
});

Deno.test("runWorkLoop() stops at a fatal error after one request and hands back what it holds", async () => {
  let asked = 0;
  const store = memoryJob([1, 2, 3, 4], {
    batch: 4,
    process: () => {
      asked++;
      return Promise.reject(new AuthError({ endpoint: "/v1/horses/hrs_1/pro" }));
    },
  });
  const result = await runWorkLoop(bareContext(), store.job, { workers: 4 });
  assert.equal(asked, 1, "the other workers start only once the first unit ended");
  assert.equal(result.stoppedBy, "fatal");
  assert.match(result.error ?? "", /API answered 401/);
  assert.deepEqual(store.failed, []);
  assert.deepEqual(store.released.sort(), [1, 2, 3, 4]);
  assert.equal(summarizeWork([result]).status, "failed");
});

Deno.test("runWorkLoop() records a unit's failure and goes on with the rest", async () => {
  const store = memoryJob([1, 2, 3], {
    process: (unit) =>
      unit === 2
        ? Promise.reject(new ServerError({ endpoint: "/v1/results", status: 503 }))
        : Promise.resolve({ rowsWritten: 1 }),
  });
  const result = await runWorkLoop(bareContext(), store.job, { workers: 2 });
  assert.deepEqual([result.done, result.failed, store.failed], [2, 1, [2]]);
  assert.deepEqual(summarizeWork([result]).status, "partial");
});

Deno.test("runWorkLoop() claims nothing once the budget is spent, and a shutdown interrupts", async () => {
  const late = memoryJob([1, 2]);
  const spent = await runWorkLoop(bareContext({ deadline: Date.now() - 1 }), late.job);
  assert.deepEqual([spent.claimed, spent.stoppedBy], [0, "budget"]);
  assert.deepEqual(late.pending, [1, 2]);

  const controller = new AbortController();
  const store = memoryJob([1, 2, 3], {
    batch: 3,
    process: (unit) => {
      if (unit === 1) controller.abort(new Error("runtime shutdown"));
      return Promise.resolve({ rowsWritten: 1 });
    },
  });
  const result = await runWorkLoop(bareContext({ signal: controller.signal }), store.job);
  assert.deepEqual([result.done, result.stoppedBy], [1, "shutdown"]);
  assert.deepEqual(store.released, [2, 3]);
  assert.equal(summarizeWork([result]).status, "interrupted");
});
