/**
 * The client against the simulator over real HTTP: auth, statuses that must not be retried,
 * faults that must be, timeouts, and the onResponse hook. Retry waits use an instant clock.
 */
import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { startSimulator } from "../../../../dev/simulator/server.ts";
import { type Clock, sleep } from "../clock.ts";
import { type ApiResponseRecord, createRacingApiClient, type Throttle } from "./client.ts";
import { getRacecardsPro } from "./endpoints.ts";
import {
  AuthError,
  MalformedBodyError,
  NotFoundError,
  ServerError,
  TimeoutError,
  ValidationError422,
} from "./errors.ts";

const OPEN: Throttle = { acquire: () => Promise.resolve() };
const INSTANT: Clock = { now: () => new Date(), sleep: (_ms, signal) => sleep(0, signal) };
const CREDENTIALS = { username: "demo", password: "demo" };
const PATIENT = { maxAttempts: 8, baseDelayMs: 1, maxDelayMs: 10, multiplier: 2, jitter: 0 };

type SimulatorOptions = Parameters<typeof startSimulator>[0];

async function simulator(options: Partial<SimulatorOptions> = {}) {
  return await startSimulator({ seed: 7, plan: "pro", ...CREDENTIALS, rateScale: 0, ...options });
}

/** A client without throttle or retries that keeps every good answer it hands on. */
function recordingClient(baseUrl: string) {
  const records: ApiResponseRecord[] = [];
  const client = createRacingApiClient({
    baseUrl,
    ...CREDENTIALS,
    throttle: OPEN,
    onResponse: (record) => {
      records.push(record);
    },
  });
  return { client, records };
}

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

Deno.test("getRacecardsPro() parses cards without odds; the archive gets the body as sent", async () => {
  const sim = await simulator({ now: () => new Date("2025-06-20T21:00:00Z") });
  try {
    const { client, records } = recordingClient(sim.baseUrl);
    const page = await getRacecardsPro(client, { date: "2025-06-14", regionCodes: ["gb"] });
    const runners = (page as { racecards: { runners: { odds: unknown[] }[] }[] }).racecards
      .flatMap((card) => card.runners);
    ok(runners.length > 0);
    ok(runners.every((runner) => Array.isArray(runner.odds) && runner.odds.length === 0));
    const sent = JSON.parse(records[0]!.bodyText);
    ok(sent.racecards[0].runners[0].odds.length > 0, "the archived text keeps the odds");
  } finally {
    await sim.close();
  }
});

Deno.test("get() times the parsing of every good answer with the parse meter", async () => {
  const sim = await simulator();
  try {
    let measured = 0;
    const client = createRacingApiClient({
      baseUrl: sim.baseUrl,
      ...CREDENTIALS,
      throttle: OPEN,
      parseMeter: {
        measure: (work) => {
          measured++;
          return work();
        },
      },
    });
    const regions = await client.get("/v1/courses/regions");
    ok(Array.isArray(regions));
    await client.get("/v1/courses", { region_codes: ["gb"] });
    equal(measured, 2);
    await rejects(client.get("/v1/horses/hrs_0/pro"), NotFoundError);
    equal(measured, 2, "an error answer is not a parse of a payload");
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

Deno.test("get() stops at once with the caller's reason when its signal aborts", async () => {
  const sim = await simulator({ faults: { hang: 1 } });
  try {
    const controller = new AbortController();
    const client = createRacingApiClient({
      baseUrl: sim.baseUrl,
      ...CREDENTIALS,
      throttle: OPEN,
      signal: controller.signal,
      timeoutMs: 60_000,
    });
    const pending = client.get("/v1/courses/regions");
    setTimeout(() => controller.abort(new Error("budget spent")), 50);
    await rejects(pending, { message: "budget spent" });
    equal(client.stats.calls, 1);
  } finally {
    await sim.close();
  }
});

Deno.test("get() passes every attempt through the throttle with its endpoint family", async () => {
  const sim = await simulator({ faults: { error503: 1 } });
  try {
    const families: string[] = [];
    const client = createRacingApiClient({
      baseUrl: sim.baseUrl,
      ...CREDENTIALS,
      throttle: {
        acquire: (family) => {
          families.push(family);
          return Promise.resolve();
        },
      },
      clock: INSTANT,
      retryPolicy: { ...PATIENT, maxAttempts: 3 },
    });
    await rejects(client.get("/v1/racecards/pro", { date: "2024-05-01" }), ServerError);
    deepEqual(families, ["racecards_list", "racecards_list", "racecards_list"]);
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
