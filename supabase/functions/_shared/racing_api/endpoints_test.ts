import { deepEqual, equal, throws } from "node:assert/strict";
import type { GetOptions, Query, RacingApiClient } from "./client.ts";
import {
  getCourses,
  getHorsePro,
  getHorseStandard,
  getRacecardPro,
  getRacecardsPro,
  getRegions,
  getResult,
  getResults,
} from "./endpoints.ts";
import { parseJsonWithoutOdds } from "./skip_odds.ts";

/** A client that records what it was asked and answers nothing. */
function recordingClient() {
  const calls: { path: string; query: Query | undefined; parse?: GetOptions["parse"] }[] = [];
  const client: RacingApiClient = {
    get(path, query, options) {
      calls.push(options?.parse ? { path, query, parse: options.parse } : { path, query });
      return Promise.resolve(null);
    },
    stats: { calls: 0, retries: 0 },
  };
  return { client, calls };
}

Deno.test("getRacecardsPro() asks for one date with region_codes", async () => {
  const { client, calls } = recordingClient();
  await getRacecardsPro(client, { date: "2024-05-01", regionCodes: ["gb", "ire"], limit: 500 });
  deepEqual(calls, [{
    path: "/v1/racecards/pro",
    query: { date: "2024-05-01", region_codes: ["gb", "ire"], limit: 500, skip: undefined },
    parse: parseJsonWithoutOdds,
  }]);
});

Deno.test("getRacecardsPro() refuses dates before the first racecard and paging past the limits", () => {
  const { client, calls } = recordingClient();
  throws(() => getRacecardsPro(client, { date: "2023-01-22", regionCodes: ["gb"] }), {
    name: "RangeError",
    message: 'Cannot fetch racecards for "2023-01-22": the API has none before 2023-01-23',
  });
  throws(() => getRacecardsPro(client, { date: "2024-05-01", regionCodes: ["gb"], limit: 501 }), {
    message:
      "Cannot fetch /v1/racecards/pro as 'limit' must be an integer from 1 to 500: current value is 501",
  });
  throws(
    () => getRacecardsPro(client, { date: "2024-05-01", regionCodes: ["gb"], skip: 501 }),
    RangeError,
  );
  throws(() => getRacecardsPro(client, { date: "1/5/2024", regionCodes: ["gb"] }), RangeError);
  equal(calls.length, 0);
});

Deno.test("getResults() asks for a date range with region", async () => {
  const { client, calls } = recordingClient();
  await getResults(client, {
    startDate: "2024-05-01",
    endDate: "2024-05-03",
    regions: ["gb", "ire"],
    limit: 100,
    skip: 200,
  });
  deepEqual(calls, [{
    path: "/v1/results",
    query: {
      start_date: "2024-05-01",
      end_date: "2024-05-03",
      region: ["gb", "ire"],
      limit: 100,
      skip: 200,
    },
  }]);
});

Deno.test("getResults() refuses reversed or too wide ranges and paging past the limits", () => {
  const { client, calls } = recordingClient();
  const day = { startDate: "2024-05-01", endDate: "2024-05-01", regions: ["gb"] };
  throws(() => getResults(client, { ...day, endDate: "2025-05-02" }), {
    message:
      'Cannot fetch results from "2024-05-01" to "2025-05-02": the end must be 0 to 365 days after the start',
  });
  throws(() => getResults(client, { ...day, endDate: "2024-04-30" }), RangeError);
  throws(() => getResults(client, { ...day, limit: 101 }), RangeError);
  throws(() => getResults(client, { ...day, limit: 0 }), RangeError);
  throws(() => getResults(client, { ...day, skip: 20_001 }), RangeError);
  equal(calls.length, 0);
  getResults(client, { ...day, endDate: "2025-05-01", skip: 20_000 });
  equal(calls.length, 1);
});

Deno.test("single-object endpoints put the id in the path, escaped", async () => {
  const { client, calls } = recordingClient();
  await getRacecardPro(client, "rac_11223344");
  await getResult(client, "rac_11223344");
  await getHorsePro(client, "hrs_123");
  await getHorseStandard(client, "hrs_1/../x");
  deepEqual(calls.map((call) => call.path), [
    "/v1/racecards/rac_11223344/pro",
    "/v1/results/rac_11223344",
    "/v1/horses/hrs_123/pro",
    "/v1/horses/hrs_1%2F..%2Fx/standard",
  ]);
  // Only the racecard is parsed without its odds.
  deepEqual(calls.map((call) => call.parse), [
    parseJsonWithoutOdds,
    undefined,
    undefined,
    undefined,
  ]);
  throws(() => getHorsePro(client, ""), RangeError);
});

Deno.test("getCourses() and getRegions() call the course lists", async () => {
  const { client, calls } = recordingClient();
  await getCourses(client, { regionCodes: ["gb", "ire"] });
  await getRegions(client);
  deepEqual(calls, [
    { path: "/v1/courses", query: { region_codes: ["gb", "ire"] } },
    { path: "/v1/courses/regions", query: undefined },
  ]);
});
