import { deepEqual, equal, ok, rejects, throws } from "node:assert/strict";
import { type Clock, sleep } from "../clock.ts";
import { buildUrl, createRacingApiClient, queryPairs, validationIssues } from "./client.ts";
import { NetworkError } from "./errors.ts";

const OPEN = { acquire: () => Promise.resolve() };
const INSTANT: Clock = { now: () => new Date(), sleep: (_ms, signal) => sleep(0, signal) };

Deno.test("queryPairs() repeats keys for arrays and leaves out undefined", () => {
  deepEqual(
    queryPairs({ date: "2024-05-01", region_codes: ["gb", "ire"], limit: 100, skip: undefined }),
    [["date", "2024-05-01"], ["region_codes", "gb"], ["region_codes", "ire"], ["limit", "100"]],
  );
  deepEqual(queryPairs({}), []);
  deepEqual(queryPairs({ flag: true, ids: [] }), [["flag", "true"]]);
});

Deno.test("buildUrl() joins base, path and an encoded query", () => {
  equal(
    buildUrl("https://api.theracingapi.com/", "/v1/results", {
      start_date: "2024-05-01",
      region: ["gb", "ire"],
    }),
    "https://api.theracingapi.com/v1/results?start_date=2024-05-01&region=gb&region=ire",
  );
  equal(
    buildUrl("http://127.0.0.1:9000", "/v1/courses/regions"),
    "http://127.0.0.1:9000/v1/courses/regions",
  );
  equal(
    buildUrl("http://127.0.0.1:9000/api", "/v1/horses/search", { name: "Frankel & Co" }),
    "http://127.0.0.1:9000/api/v1/horses/search?name=Frankel+%26+Co",
  );
});

Deno.test("validationIssues() reads Pydantic v1 and v2 bodies and a plain detail", () => {
  deepEqual(
    validationIssues({
      detail: [
        { loc: ["query", "limit"], msg: "Input should be less than or equal to 100", input: "500" },
        { loc: ["query", "name"], msg: "field required", type: "value_error.missing" },
      ],
    }),
    [
      { location: "query.limit", message: "Input should be less than or equal to 100" },
      { location: "query.name", message: "field required" },
    ],
  );
  deepEqual(validationIssues({ detail: "Date range too large" }), [
    { location: "request", message: "Date range too large" },
  ]);
  deepEqual(validationIssues({ error: "?" }), []);
  deepEqual(validationIssues(null), []);
});

Deno.test("createRacingApiClient() refuses a base URL with credentials, naming no value", () => {
  throws(
    () =>
      createRacingApiClient({
        baseUrl: "https://user:secret-pw@api.theracingapi.com",
        username: "user",
        password: "secret-pw",
        throttle: OPEN,
      }),
    {
      name: "RangeError",
      message:
        "Cannot create the Racing API client as 'baseUrl' must be an http(s) URL without credentials",
    },
  );
  throws(
    () =>
      createRacingApiClient({
        baseUrl: "ftp://api.example.com",
        username: "u",
        password: "p",
        throttle: OPEN,
      }),
    RangeError,
  );
  throws(
    () =>
      createRacingApiClient({
        baseUrl: "https://api.theracingapi.com",
        username: "u",
        password: "p",
        throttle: OPEN,
        timeoutMs: 0,
      }),
    /'timeoutMs' must be a positive integer/,
  );
});

Deno.test("get() retries when the API cannot be reached, then throws NetworkError", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  const client = createRacingApiClient({
    baseUrl: `http://127.0.0.1:${port}`,
    username: "demo",
    password: "demo",
    throttle: OPEN,
    clock: INSTANT,
    retryPolicy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 10, multiplier: 2, jitter: 0 },
  });
  await rejects(client.get("/v1/courses/regions"), (error: unknown) => {
    ok(error instanceof NetworkError);
    ok(error.message.startsWith("Cannot fetch /v1/courses/regions: no answer from the API"));
    return true;
  });
  deepEqual(client.stats, { calls: 3, retries: 2 });
});
