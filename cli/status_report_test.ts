import assert from "node:assert/strict";
import { renderStatus, type StatusSnapshot } from "./status_report.ts";

const run = {
  function_name: "fetch-results",
  mode: "backfill",
  started_at: new Date("2026-06-15T12:00:00Z"),
  api_calls: 3,
  rows_written: 10,
  error: null,
};

Deno.test("renderStatus() counts refused windows, says what to do, and shows a stale run without a duration", () => {
  const snapshot: StatusSnapshot = {
    jobs: [{
      job: "results_backfill",
      total: 10,
      done: 4,
      running: 0,
      pending: 0,
      failed: 6,
      refused: 5,
      api_calls: 12,
      rows_written: 900,
      active_seconds: 4,
    }],
    failed: [],
    runs: [
      { ...run, status: "interrupted", duration_ms: null },
      { ...run, status: "running", duration_ms: null },
      { ...run, status: "succeeded", duration_ms: 2_000 },
    ],
  };
  const lines = renderStatus(snapshot).split("\n");
  assert.match(lines[0]!, /4\/10 windows .* 6 FAILED \(5 refused by the API for their dates\)$/);
  assert.ok(lines.some((line) => /historical add-on/.test(line)));
  const runs = lines.filter((line) => line.includes("fetch-results"));
  assert.match(runs[0]!, /interrupted +- +3 calls/);
  assert.match(runs[1]!, /running +running +3 calls/);
  assert.match(runs[2]!, /succeeded +2s +3 calls/);
});
