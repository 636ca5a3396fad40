/**
 * The client against the simulator over real HTTP: what it hands its hooks and takes from them
 * (the onResponse archive, the parse meter, the caller's abort signal, the throttle).
 */
import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { createRacingApiClient } from "./client.ts";
import { getRacecardsPro } from "./endpoints.ts";
import { NotFoundError, ServerError } from "./errors.ts";
import {
  CREDENTIALS,
  INSTANT,
  OPEN,
  PATIENT,
  recordingClient,
  simulator,
} from "./client_simulator_test_fixtures.ts";

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
