import assert from "node:assert/strict";
import { type SimulatorOptions, startSimulator } from "./server.ts";
import { basicAuth, getFrom, TestClock } from "./sim_test_client.ts";

const NOW = "2025-06-15T20:00:00Z";

async function withSimulator(options: SimulatorOptions, body: (baseUrl: string) => Promise<void>) {
  const sim = await startSimulator({ now: () => new Date(NOW), rateScale: Infinity, ...options });
  try {
    await body(sim.baseUrl);
  } finally {
    await sim.close();
  }
}

Deno.test("401 for a wrong password and for missing credentials", async () => {
  await withSimulator({ username: "alice", password: "s3cret" }, async (url) => {
    const wrong = await getFrom(url, "/v1/courses", basicAuth("alice", "nope"));
    assert.equal(wrong.status, 401);
    assert.deepEqual(JSON.parse(wrong.text), { detail: "Invalid credentials" });
    const missing = await getFrom(url, "/v1/courses", null);
    assert.equal(missing.status, 401);
    assert.deepEqual(JSON.parse(missing.text), { detail: "Not authenticated" });
    assert.equal(missing.headers.get("www-authenticate"), "Basic");
    const right = await getFrom(url, "/v1/courses", basicAuth("alice", "s3cret"));
    assert.equal(right.status, 200);
  });
});

Deno.test("401 for endpoints above the plan", async () => {
  const plan401 = {
    detail: "Your plan does not include access to this endpoint. Please upgrade your subscription.",
  };
  await withSimulator({ plan: "basic" }, async (url) => {
    const results = await getFrom(url, "/v1/results?start_date=2025-06-14&end_date=2025-06-14");
    assert.equal(results.status, 401);
    assert.deepEqual(JSON.parse(results.text), plan401);
    assert.equal((await getFrom(url, "/v1/courses")).status, 200);
  });
  await withSimulator({ plan: "standard" }, async (url) => {
    assert.equal((await getFrom(url, "/v1/racecards/pro?date=2025-06-15")).status, 401);
    assert.equal((await getFrom(url, "/v1/horses/hrs_1000000/pro")).status, 401);
    assert.equal(
      (await getFrom(url, "/v1/results?start_date=2025-06-14&end_date=2025-06-14")).status,
      200,
    );
  });
  await withSimulator({ plan: "free" }, async (url) => {
    assert.equal((await getFrom(url, "/v1/jockeys/search?name=a")).status, 401);
    assert.equal((await getFrom(url, "/v1/courses/regions")).status, 200);
  });
});

Deno.test("422 with a FastAPI detail for limit 101, a 366-day span and a missing name", async () => {
  await withSimulator({}, async (url) => {
    const limit = await getFrom(url, "/v1/results?limit=101");
    assert.equal(limit.status, 422);
    assert.deepEqual(JSON.parse(limit.text), {
      detail: [{
        type: "less_than_equal",
        loc: ["query", "limit"],
        msg: "Input should be less than or equal to 100",
        input: "101",
        ctx: { le: 100 },
      }],
    });
    const span = await getFrom(url, "/v1/results?start_date=2024-06-14&end_date=2025-06-15");
    assert.equal(span.status, 422);
    const spanDetail = JSON.parse(span.text).detail;
    assert.equal(spanDetail[0].type, "value_error");
    assert.deepEqual(spanDetail[0].loc, ["query", "end_date"]);
    assert.match(spanDetail[0].msg, /365 days/);
    assert.equal(
      (await getFrom(url, "/v1/results?start_date=2024-06-15&end_date=2025-06-15")).status,
      200,
    );
    const missing = await getFrom(url, "/v1/trainers/search");
    assert.equal(missing.status, 422);
    assert.deepEqual(JSON.parse(missing.text), {
      detail: [{ type: "missing", loc: ["query", "name"], msg: "Field required", input: null }],
    });
  });
});

Deno.test("422 for racecard limits, skips and dates outside 2023-01-23 .. today + 7", async () => {
  await withSimulator({}, async (url) => {
    const cases: [string, string][] = [
      ["/v1/racecards/pro?limit=0", "greater_than_equal"],
      ["/v1/racecards/pro?limit=501", "less_than_equal"],
      ["/v1/racecards/pro?skip=501", "less_than_equal"],
      ["/v1/racecards/pro?limit=ten", "int_parsing"],
      ["/v1/racecards/pro?date=2023-01-22", "value_error"],
      ["/v1/racecards/pro?date=2025-06-23", "value_error"],
      ["/v1/racecards/pro?date=15-06-2025", "value_error"],
      ["/v1/results?skip=20001", "less_than_equal"],
    ];
    for (const [path, type] of cases) {
      const answer = await getFrom(url, path);
      assert.equal(answer.status, 422, path);
      assert.equal(JSON.parse(answer.text).detail[0].type, type, path);
    }
    assert.equal(
      (await getFrom(url, "/v1/racecards/pro?date=2023-01-23&limit=500&skip=500")).status,
      200,
    );
    assert.equal((await getFrom(url, "/v1/racecards/pro?date=2025-06-22")).status, 200);
  });
});

Deno.test("404 with {detail: Not Found} for unknown routes and ids", async () => {
  await withSimulator({}, async (url) => {
    for (
      const path of [
        "/v1/nothing-here",
        "/v1/results/rac_1",
        "/v1/results/rac_99999999",
        "/v1/racecards/rac_10000000/pro",
        "/v1/horses/hrs_1/pro",
        "/v1/horses/sir_1000000/standard",
      ]
    ) {
      const answer = await getFrom(url, path);
      assert.equal(answer.status, 404, path);
      assert.equal(answer.text, '{"detail":"Not Found"}', path);
    }
  });
});

Deno.test("429 under a burst: per-endpoint buckets (courses 1/s, racecards 2/s, others 5/s)", async () => {
  const clock = new TestClock(NOW);
  const sim = await startSimulator({ now: clock.now, rateScale: 1 });
  try {
    const statuses = async (path: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await getFrom(sim.baseUrl, path)).status);
      return out;
    };
    assert.deepEqual(await statuses("/v1/courses", 3), [200, 429, 429]);
    assert.deepEqual(await statuses("/v1/racecards/pro?date=2025-06-15&limit=1", 3), [
      200,
      200,
      429,
    ]);
    assert.deepEqual(await statuses("/v1/jockeys/search?name=a", 7), [
      200,
      200,
      200,
      200,
      200,
      429,
      429,
    ]);
    const tooMany = await getFrom(sim.baseUrl, "/v1/courses");
    assert.deepEqual(JSON.parse(tooMany.text), { detail: "Too Many Requests" });
    clock.advance(1000);
    assert.deepEqual(await statuses("/v1/courses", 2), [200, 429]);
  } finally {
    await sim.close();
  }
});

Deno.test("rate scale multiplies limits, and the free plan is held to 1 request per second", async () => {
  const clock = new TestClock(NOW);
  const fast = await startSimulator({ now: clock.now, rateScale: 10 });
  const free = await startSimulator({ now: clock.now, plan: "free" });
  try {
    assert.equal((await getFrom(fast.baseUrl, "/v1/courses")).status, 200);
    assert.equal((await getFrom(fast.baseUrl, "/v1/courses")).status, 429);
    clock.advance(100);
    assert.equal((await getFrom(fast.baseUrl, "/v1/courses")).status, 200);
    assert.equal((await getFrom(free.baseUrl, "/v1/courses/regions")).status, 200);
    assert.equal((await getFrom(free.baseUrl, "/v1/courses/regions")).status, 429);
  } finally {
    await fast.close();
    await free.close();
  }
});

Deno.test("results older than 365 days need the historical add-on", async () => {
  const old = "/v1/results?start_date=2024-06-01&end_date=2024-06-01";
  let oldRaceId = "";
  await withSimulator({ historicalAddon: true }, async (url) => {
    const answer = await getFrom(url, old);
    assert.equal(answer.status, 200);
    oldRaceId = JSON.parse(answer.text).results[0].race_id;
    assert.equal((await getFrom(url, `/v1/results/${oldRaceId}`)).status, 200);
    assert.equal(
      (await getFrom(url, "/v1/results?start_date=1987-12-31&end_date=1988-01-02")).status,
      422,
    );
  });
  await withSimulator({}, async (url) => {
    const answer = await getFrom(url, old);
    assert.equal(answer.status, 401);
    assert.match(JSON.parse(answer.text).detail, /historical results add-on/);
    assert.equal((await getFrom(url, `/v1/results/${oldRaceId}`)).status, 401);
    assert.equal(
      (await getFrom(url, "/v1/results?start_date=2024-06-15&end_date=2024-06-15")).status,
      200,
    );
  });
  await withSimulator({ plan: "standard", historicalAddon: true }, async (url) => {
    assert.equal((await getFrom(url, old)).status, 401);
  });
});

Deno.test("Cloudflare-style lockout: over 100 requests in 10 s refuses everything for 5 minutes", async () => {
  const clock = new TestClock(NOW);
  const sim = await startSimulator({ now: clock.now, lockout: true });
  try {
    for (let i = 0; i < 100; i++) {
      assert.equal((await getFrom(sim.baseUrl, "/v1/nowhere")).status, 404);
    }
    const blocked = await getFrom(sim.baseUrl, "/v1/nowhere");
    assert.equal(blocked.status, 429);
    assert.equal(blocked.text, "error code: 1015");
    clock.advance(4 * 60_000);
    assert.equal((await getFrom(sim.baseUrl, "/v1/courses")).status, 429);
    clock.advance(60_000);
    assert.equal((await getFrom(sim.baseUrl, "/v1/courses")).status, 200);
  } finally {
    await sim.close();
  }
});
