import assert from "node:assert/strict";
import { startSimulator } from "./server.ts";
import { basicAuth, getFrom, TestClock } from "./sim_test_client.ts";

Deno.test("the request log records each API request with its time, path, query and status", async () => {
  const clock = new TestClock("2025-05-01T10:00:00Z");
  const sim = await startSimulator({ now: clock.now });
  try {
    await getFrom(sim.baseUrl, "/v1/courses?region_codes=gb&region_codes=ire");
    clock.advance(250);
    await getFrom(sim.baseUrl, "/v1/courses");
    clock.advance(250);
    await getFrom(sim.baseUrl, "/v1/results?limit=101");
    await getFrom(sim.baseUrl, "/v1/courses", basicAuth("demo", "wrong"));
    const start = Date.parse("2025-05-01T10:00:00Z");
    assert.deepEqual(sim.requestLog, [
      {
        at: start,
        method: "GET",
        path: "/v1/courses",
        query: "region_codes=gb&region_codes=ire",
        status: 200,
      },
      { at: start + 250, method: "GET", path: "/v1/courses", query: "", status: 429 },
      { at: start + 500, method: "GET", path: "/v1/results", query: "limit=101", status: 422 },
      { at: start + 500, method: "GET", path: "/v1/courses", query: "", status: 401 },
    ]);
    const admin = await fetch(`${sim.baseUrl}/_admin/requests`);
    assert.deepEqual(await admin.json(), sim.requestLog);
    assert.equal(sim.requestLog.length, 4, "admin routes are not logged");
    sim.clearLog();
    assert.deepEqual(sim.requestLog, []);
    await getFrom(sim.baseUrl, "/v1/courses/regions");
    const cleared = await fetch(`${sim.baseUrl}/_admin/requests`, { method: "DELETE" });
    assert.equal(cleared.status, 204);
    await cleared.body?.cancel();
    assert.equal(sim.requestLog.length, 0);
  } finally {
    await sim.close();
  }
});
