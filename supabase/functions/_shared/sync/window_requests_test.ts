import { deepEqual, equal, ok } from "node:assert/strict";
import { createTestDatabase } from "../../../../tests/support/db.ts";
import { claimWindow, completeWindow, failWindow } from "./checkpoints.ts";
import { requestWindows } from "./window_requests.ts";

const CLAIM = { job: "results", leaseSeconds: 60, maxAttempts: 3 };

Deno.test("requestWindows() adds new windows and re-opens finished ones, leaving held ones alone", async () => {
  await using db = await createTestDatabase();
  const days = ["2024-05-01", "2024-05-02", "2024-05-03"].map((d) => ({ start: d, end: d }));
  equal(await requestWindows(db.sql, "results", days), 3);

  const done = await claimWindow(db.sql, { ...CLAIM, leaseOwner: "run-a" });
  ok(done);
  await completeWindow(db.sql, { ...done, apiCalls: 2, rowsWritten: 30 });
  const failed = await claimWindow(db.sql, { ...CLAIM, leaseOwner: "run-a" });
  ok(failed);
  await failWindow(db.sql, { ...failed, error: "API answered 422", retryable: false });
  const held = await claimWindow(db.sql, { ...CLAIM, leaseOwner: "run-b" });
  equal(held?.windowStart, "2024-05-03");

  equal(
    await requestWindows(db.sql, "results", [...days, { start: "2024-05-04", end: "2024-05-04" }]),
    3,
  );
  const rows = await db.sql<
    { window_start: string; status: string; attempts: number; last_error: string | null }[]
  >`
    select window_start::text, status, attempts, last_error from ra_sync_checkpoints
    where job = 'results' order by window_start`;
  deepEqual(rows.map((row) => ({ ...row })), [
    { window_start: "2024-05-01", status: "pending", attempts: 0, last_error: null },
    { window_start: "2024-05-02", status: "pending", attempts: 0, last_error: null },
    { window_start: "2024-05-03", status: "running", attempts: 1, last_error: null },
    { window_start: "2024-05-04", status: "pending", attempts: 0, last_error: null },
  ]);
  equal(await requestWindows(db.sql, "results", []), 0);
});
