import assert from "node:assert/strict";
import { type BackfillSummary, drainBackfill } from "./backfill_drain.ts";

/** An invoke that answers the given summaries in turn. */
function answering(...answers: { status: number; body: BackfillSummary }[]) {
  let calls = 0;
  return {
    invoke: () => Promise.resolve(answers[Math.min(calls++, answers.length - 1)]!),
    calls: () => calls,
  };
}

const left = (windows: number) => ({
  status: 200,
  body: { status: "partial", details: { windows_remaining: windows } },
});

Deno.test("drainBackfill() invokes until no window remains and returns every summary", async () => {
  const api = answering(left(3), left(1), left(0), left(0));
  const seen: BackfillSummary[] = [];
  const summaries = await drainBackfill("fetch-results", api.invoke, {
    onSummary: (summary) => seen.push(summary),
  });
  assert.deepEqual(summaries.map((s) => s.details?.windows_remaining), [3, 1, 0]);
  assert.deepEqual(seen, summaries);
  assert.equal(api.calls(), 3);
});

Deno.test("drainBackfill() stops with the reason on a failed run, an error status, or no end", async () => {
  await assert.rejects(
    drainBackfill(
      "fetch-results",
      answering(left(2), {
        status: 200,
        body: { status: "failed", error: "The API refused the credentials (401)" },
      }).invoke,
    ),
    { message: "fetch-results backfill failed: The API refused the credentials (401)" },
  );
  await assert.rejects(
    drainBackfill("fetch-racecards", answering({ status: 401, body: { error: "no key" } }).invoke),
    { message: 'fetch-racecards backfill answered 401: {"error":"no key"}' },
  );
  const endless = answering(left(5));
  await assert.rejects(
    drainBackfill("fetch-results", endless.invoke, { maxInvocations: 4 }),
    { message: "fetch-results still had windows after 4 invocations" },
  );
  assert.equal(endless.calls(), 4);
});
