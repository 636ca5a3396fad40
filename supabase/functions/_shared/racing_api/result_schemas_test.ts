import { deepStrictEqual as assertEquals, strictEqual as assertSame } from "node:assert/strict";
import { parseApiPayload } from "./parse_payload.ts";
import { ResultSchema, ResultsPageSchema } from "./result_schemas.ts";
import { EN_DASH, result, resultRunner } from "./test_payloads.ts";

function resultsPage(): Record<string, unknown> {
  return { results: [result()], total: 1, limit: 100, skip: 0, query: [["region", "ire"]] };
}

Deno.test("ResultsPageSchema accepts results with a PU runner, en dashes and euro prizes", () => {
  const page = parseApiPayload(ResultsPageSchema, resultsPage(), "results page");
  const race = page.results?.[0];
  assertSame(race?.course, "Dundalk (AW) (IRE)");
  assertSame(race?.dist_m, "2400.0");
  assertEquals(race?.runners.map((r) => [r.position, r.btn, r.rpr, r.prize]), [
    ["1", "0", EN_DASH, "€5900"],
    ["PU", "-", EN_DASH, ""],
  ]);
  assertSame(race?.runners[1]?.owner_id, "");
});

Deno.test("ResultsPageSchema accepts null results and runners without bsp", () => {
  const empty = { results: null, total: 0, limit: 100, skip: 0, query: [] };
  assertSame(parseApiPayload(ResultsPageSchema, empty, "results page").results, null);
  const race = result();
  race.runners = [resultRunner({ bsp: undefined, jockey_claim_lbs: undefined })];
  delete race.off_dt;
  delete race.winning_time_detail;
  const parsed = parseApiPayload(ResultSchema, race, "result");
  assertSame(parsed.runners[0]?.bsp, undefined);
  assertSame(parsed.off_dt, undefined);
});
