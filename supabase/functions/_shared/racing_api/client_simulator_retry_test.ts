/**
 * The client against the simulator over real HTTP: faults that must be retried (5xx, malformed
 * and truncated bodies, timeouts, dropped connections, 429) and giving up with the last error.
 * Retry waits use an instant clock.
 */
import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { createRacingApiClient } from "./client.ts";
import { getRacecardsPro } from "./endpoints.ts";
import { MalformedBodyError, TimeoutError } from "./errors.ts";
import {
  CREDENTIALS,
  INSTANT,
  OPEN,
  PATIENT,
  simulator,
} from "./client_simulator_test_fixtures.ts";

Deno.test("get() retries 5xx answers and succeeds", async () => {
  const sim = await simulator({ faults: { error5xx: 0.5 } });
  try {
    const client = createRacingApiClient({
      baseUrl: sim.baseUrl,
      ...CREDENTIALS,
      throttle: OPEN,
      clock: INSTANT,
      retryPolicy: PATIENT,
    });
    for (let i = 0; i < 10; i++) await client.get("/v1/courses/regions");
    const statuses = sim.requestLog.map((r) => r.status);
    equal(statuses.filter((s) => s === 200).length, 10);
    ok(statuses.some((s) => s >= 500), "no 5xx answer was met");
    deepEqual(client.stats, { calls: statuses.length, retries: statuses.length - 10 });
  } finally {
    await sim.close();
  }
});

Deno.test("get() retries malformed and truncated bodies and succeeds", async () => {
  const sim = await simulator({ faults: { malformed: 0.2, truncated: 0.2 } });
  try {
    const client = createRacingApiClient({
      baseUrl: sim.baseUrl,
      ...CREDENTIALS,
      throttle: OPEN,
      clock: INSTANT,
      retryPolicy: PATIENT,
    });
    for (let i = 0; i < 10; i++) await client.get("/v1/courses/regions");
    ok(client.stats.retries > 0, "no malformed body was met");
    equal(client.stats.calls, 10 + client.stats.retries);
  } finally {
    await sim.close();
  }
});

Deno.test("get() gives up with the last error when every attempt fails", async () => {
  const sim = await simulator({ faults: { malformed: 1 } });
  try {
    const client = createRacingApiClient({
      baseUrl: sim.baseUrl,
      ...CREDENTIALS,
      throttle: OPEN,
      clock: INSTANT,
      retryPolicy: { ...PATIENT, maxAttempts: 3 },
    });
    await rejects(client.get("/v1/courses/regions"), MalformedBodyError);
    deepEqual(client.stats, { calls: 3, retries: 2 });
  } finally {
    await sim.close();
  }
});

Deno.test("getRacecardsPro() still retries malformed and truncated bodies", async () => {
  const sim = await simulator({
    now: () => new Date("2025-06-20T21:00:00Z"),
    faults: { malformed: 0.3, truncated: 0.3 },
  });
  try {
    const client = createRacingApiClient({
      baseUrl: sim.baseUrl,
      ...CREDENTIALS,
      throttle: OPEN,
      clock: INSTANT,
      retryPolicy: { ...PATIENT, maxAttempts: 30 },
    });
    const clean = await getRacecardsPro(client, { date: "2025-06-14", regionCodes: ["gb"] });
    for (let i = 0; i < 5; i++) {
      deepEqual(await getRacecardsPro(client, { date: "2025-06-14", regionCodes: ["gb"] }), clean);
    }
    ok(client.stats.retries > 0, "no malformed or truncated body was met");
  } finally {
    await sim.close();
  }
});

Deno.test("get() times out an attempt that gets no answer and retries it", async () => {
  const sim = await simulator({ faults: { hang: 1 } });
  try {
    const client = createRacingApiClient({
      baseUrl: sim.baseUrl,
      ...CREDENTIALS,
      throttle: OPEN,
      clock: INSTANT,
      timeoutMs: 200,
      retryPolicy: { ...PATIENT, maxAttempts: 2 },
    });
    await rejects(client.get("/v1/courses/regions"), (error: unknown) => {
      ok(error instanceof TimeoutError);
      equal(error.message, "Cannot fetch /v1/courses/regions: no answer within 200 ms");
      return true;
    });
    deepEqual(client.stats, { calls: 2, retries: 1 });
  } finally {
    await sim.close();
  }
});

Deno.test("get() gets through dropped connections", async () => {
  const sim = await simulator({ faults: { reset: 0.4 } });
  try {
    const client = createRacingApiClient({
      baseUrl: sim.baseUrl,
      ...CREDENTIALS,
      throttle: OPEN,
      clock: INSTANT,
      retryPolicy: PATIENT,
    });
    // fetch itself resends a GET whose pooled connection dropped before any answer; the rest
    // (a body cut off mid-way) reach the client as errors it retries.
    for (let i = 0; i < 10; i++) ok(Array.isArray(await client.get("/v1/courses/regions")));
    const statuses = sim.requestLog.map((r) => r.status);
    ok(statuses.includes(0), "no connection was dropped");
    equal(statuses.filter((s) => s === 200).length, 10);
  } finally {
    await sim.close();
  }
});

Deno.test("get() backs off after 429 and succeeds", async () => {
  // Course lists allow 1 request per second; without a throttle the second one is refused.
  const sim = await simulator({ rateScale: 1 });
  try {
    const client = createRacingApiClient({
      baseUrl: sim.baseUrl,
      ...CREDENTIALS,
      throttle: OPEN,
      retryPolicy: { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 1000, multiplier: 2, jitter: 0 },
    });
    await client.get("/v1/courses/regions");
    await client.get("/v1/courses/regions");
    const statuses = sim.requestLog.map((r) => r.status);
    ok(statuses.includes(429), "the simulator refused nothing");
    equal(statuses.filter((s) => s === 200).length, 2);
    equal(client.stats.retries, statuses.filter((s) => s === 429).length);
  } finally {
    await sim.close();
  }
});
