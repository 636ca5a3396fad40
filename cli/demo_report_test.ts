import assert from "node:assert/strict";
import {
  emptyExpectedTables,
  EXPECTED_FILLED,
  renderSummary,
  SUMMARY_TABLES,
} from "./demo_report.ts";

Deno.test("renderSummary() lines up steps, table counts and totals", () => {
  const text = renderSummary({
    steps: [
      {
        step: "Reference data",
        status: "succeeded",
        apiCalls: 2,
        rowsWritten: 228,
        seconds: 0.4,
        error: null,
      },
      {
        step: "Backfill 14 days",
        status: "partial",
        apiCalls: 20,
        rowsWritten: 27888,
        seconds: 65,
        error: "1 racecards windows failed",
      },
    ],
    counts: [{ table: "ra_mst_races", rows: 452 }, { table: "ra_mst_runners", rows: 4536 }],
    apiCalls: 22,
    simulatorRequests: 23,
    elapsedSeconds: 75,
  });
  assert.equal(
    text,
    [
      "Step                 Status  API calls  Rows written    Time",
      "────────────────  ─────────  ─────────  ────────────  ──────",
      "Reference data    succeeded          2           228      0s",
      "Backfill 14 days    partial         20         27888  1m 05s",
      "",
      "Table           Rows",
      "──────────────  ────",
      "ra_mst_races     452",
      "ra_mst_runners  4536",
      "",
      "API calls: 22 (the simulator answered 23 requests)",
      "Time: 1m 15s",
    ].join("\n"),
  );
});

Deno.test("emptyExpectedTables() names the expected tables without rows", () => {
  const counts = SUMMARY_TABLES.map((table) => ({
    table,
    rows: table === "ra_mst_owners" || table === "ra_mst_bookmakers" ? 0 : 5,
  }));
  assert.deepEqual(emptyExpectedTables(counts), ["ra_mst_owners"]);
  assert.deepEqual(emptyExpectedTables([]), [...EXPECTED_FILLED]);
});
