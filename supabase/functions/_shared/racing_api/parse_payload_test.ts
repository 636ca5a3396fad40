import { strictEqual as assertSame } from "node:assert/strict";
import { formatPayloadPath, parseApiPayload, PayloadValidationError } from "./parse_payload.ts";
import { ResultSchema, ResultsPageSchema } from "./result_schemas.ts";
import { result, resultRunner } from "./test_payloads.ts";

function resultsPage(): Record<string, unknown> {
  return { results: [result()], total: 1, limit: 100, skip: 0, query: [["region", "ire"]] };
}

/** Runs `fn` and returns the PayloadValidationError it throws. */
function validationErrorOf(fn: () => unknown): PayloadValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PayloadValidationError) return error;
    throw error;
  }
  throw new Error("Expected a PayloadValidationError, but nothing was thrown");
}

Deno.test("parseApiPayload() names the result runner path of a missing horse_id", () => {
  const page = { ...resultsPage(), results: [result(), result(), result(), result()] };
  const fourth = (page.results[3] as Record<string, unknown>).runners as Record<string, unknown>[];
  fourth.push(resultRunner({ horse_id: undefined }));
  const error = validationErrorOf(() => parseApiPayload(ResultsPageSchema, page, "results page"));
  assertSame(
    error.message,
    "Cannot parse results page payload: results[3].runners[2].horse_id: expected string, " +
      "received undefined",
  );
});

Deno.test("PayloadValidationError lists five issues, counts the rest and shows no values", () => {
  const secretLooking = "x".repeat(500);
  const runners = Array.from({ length: 7 }, () => resultRunner({ horse_id: secretLooking }));
  const race = { ...result(), runners };
  const error = validationErrorOf(() => parseApiPayload(ResultSchema, race, "result"));
  assertSame(error.issues.length, 7);
  assertSame(error.message.includes(secretLooking), false);
  assertSame(error.message.startsWith("Cannot parse result payload: runners[0].horse_id: "), true);
  assertSame(error.message.includes("runners[4].horse_id"), true);
  assertSame(error.message.includes("runners[5].horse_id"), false);
  assertSame(error.message.endsWith("; and 2 more"), true);
});

Deno.test("parseApiPayload() reports a non-object payload at the root", () => {
  const error = validationErrorOf(() => parseApiPayload(ResultsPageSchema, "<html>", "results"));
  assertSame(
    error.message,
    "Cannot parse results payload: (root): expected object, received string",
  );
});

Deno.test("formatPayloadPath() joins keys with dots and indexes with brackets", () => {
  assertSame(formatPayloadPath([]), "(root)");
  assertSame(
    formatPayloadPath(["results", 3, "runners", 2, "horse_id"]),
    "results[3].runners[2].horse_id",
  );
  assertSame(formatPayloadPath([0, "region_code"]), "[0].region_code");
});
