/**
 * The client against the simulator over real HTTP: Basic auth and the answers that must not be
 * retried (401, a plan without the endpoint, 422, 404).
 */
import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { createRacingApiClient } from "./client.ts";
import { AuthError, NotFoundError, ValidationError422 } from "./errors.ts";
import {
  CREDENTIALS,
  INSTANT,
  OPEN,
  recordingClient,
  simulator,
} from "./client_simulator_test_fixtures.ts";

Deno.test("get() authenticates with Basic auth and returns the parsed body", async () => {
  const sim = await simulator();
  try {
    const { client, records } = recordingClient(sim.baseUrl);
    const courses = await client.get("/v1/courses", { region_codes: ["gb", "ire"] });
    ok(Array.isArray((courses as { courses?: unknown }).courses));
    deepEqual(client.stats, { calls: 1, retries: 0 });
    equal(records.length, 1);
    equal(records[0]?.endpoint, "/v1/courses");
    deepEqual(records[0]?.params, { region_codes: ["gb", "ire"] });
    equal(records[0]?.status, 200);
    equal(records[0]?.body, courses);
    deepEqual(sim.requestLog.map((r) => [r.path, r.status]), [["/v1/courses", 200]]);
  } finally {
    await sim.close();
  }
});

Deno.test("get() throws AuthError on 401 without retrying or showing the password", async () => {
  const sim = await simulator();
  try {
    const client = createRacingApiClient({
      baseUrl: sim.baseUrl,
      username: "demo",
      password: "wrong-pass-1234",
      throttle: OPEN,
      clock: INSTANT,
    });
    await rejects(client.get("/v1/courses/regions"), (error: unknown) => {
      ok(error instanceof AuthError);
      equal(error.status, 401);
      equal(error.message.includes("wrong-pass-1234"), false);
      equal(JSON.stringify(error).includes("wrong-pass-1234"), false);
      return true;
    });
    deepEqual(client.stats, { calls: 1, retries: 0 });
  } finally {
    await sim.close();
  }
});

Deno.test("get() throws AuthError when the plan does not include the endpoint", async () => {
  const sim = await simulator({ plan: "standard" });
  try {
    const client = createRacingApiClient({ baseUrl: sim.baseUrl, ...CREDENTIALS, throttle: OPEN });
    await rejects(client.get("/v1/racecards/pro", { date: "2024-05-01" }), AuthError);
    equal(client.stats.calls, 1);
  } finally {
    await sim.close();
  }
});

Deno.test("get() throws ValidationError422 with the API's issues, without retrying", async () => {
  const sim = await simulator();
  try {
    const client = createRacingApiClient({ baseUrl: sim.baseUrl, ...CREDENTIALS, throttle: OPEN });
    await rejects(
      client.get("/v1/results", { start_date: "2024-05-01", end_date: "2024-05-01", limit: 1000 }),
      (error: unknown) => {
        ok(error instanceof ValidationError422);
        deepEqual(error.issues.map((issue) => issue.location), ["query.limit"]);
        ok(
          error.message.startsWith(
            "Cannot fetch /v1/results (start_date=2024-05-01, end_date=2024-05-01, limit=1000): " +
              "API answered 422: query.limit: ",
          ),
          error.message,
        );
        return true;
      },
    );
    deepEqual(client.stats, { calls: 1, retries: 0 });
  } finally {
    await sim.close();
  }
});

Deno.test("get() throws NotFoundError on 404 without retrying", async () => {
  const sim = await simulator();
  try {
    const client = createRacingApiClient({ baseUrl: sim.baseUrl, ...CREDENTIALS, throttle: OPEN });
    await rejects(client.get("/v1/results/rac_0"), NotFoundError);
    deepEqual(client.stats, { calls: 1, retries: 0 });
  } finally {
    await sim.close();
  }
});
