import assert from "node:assert/strict";
import { runAnswerOf } from "./demo_run_answer.ts";

Deno.test("runAnswerOf() reads a 200 run summary", () => {
  assert.deepEqual(
    runAnswerOf({
      status: 200,
      body: {
        run_id: "r1",
        function: "fetch-results",
        status: "partial",
        windows_claimed: 4,
        windows_done: 3,
        api_calls: 9,
        rows_written: 812,
        error: null,
        details: { windows_remaining: 2 },
      },
    }),
    {
      ok: true,
      status: "partial",
      windowsClaimed: 4,
      apiCalls: 9,
      rowsWritten: 812,
      error: null,
      details: { windows_remaining: 2 },
    },
  );
});

Deno.test("runAnswerOf() turns a refusal into an HTTP status with the function's message", () => {
  const refused = (status: number, body: unknown) => runAnswerOf({ status, body });
  assert.deepEqual(refused(400, { error: "bad_request", message: "mode: Invalid" }), {
    ok: false,
    status: "HTTP 400",
    windowsClaimed: 0,
    apiCalls: 0,
    rowsWritten: 0,
    error: "mode: Invalid",
    details: {},
  });
  assert.equal(refused(404, { error: 'Function "x" not found' }).error, 'Function "x" not found');
  assert.equal(refused(502, "Bad gateway").error, "Bad gateway");
  // A 202 is not a finished run either.
  assert.deepEqual(
    [refused(202, { run_id: "r", status: "accepted" }).ok, refused(202, {}).status],
    [false, "HTTP 202"],
  );
});
