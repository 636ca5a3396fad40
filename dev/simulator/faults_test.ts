import assert from "node:assert/strict";
import { corruptBody, FaultPlan, FaultSpecError, parseFaultSpec, truncateBody } from "./faults.ts";
import { startSimulator } from "./server.ts";
import { basicAuth } from "./sim_test_client.ts";

const AUTH = { authorization: basicAuth("demo", "demo") };
const NOW = () => new Date("2025-06-15T20:00:00Z");

Deno.test("parseFaultSpec() reads shares and latency, and names what it cannot read", () => {
  assert.deepEqual(
    parseFaultSpec("5xx=0.2,malformed=0.05,truncated=0.05,latency=50,hang=0.01,reset=0.02"),
    {
      error5xx: 0.2,
      malformed: 0.05,
      truncated: 0.05,
      latencyMs: 50,
      hang: 0.01,
      reset: 0.02,
    },
  );
  assert.deepEqual(parseFaultSpec("503=1, latency=10-40"), { error503: 1, latencyMs: [10, 40] });
  assert.deepEqual(parseFaultSpec(""), {});
  assert.throws(() => parseFaultSpec("boom=0.1"), FaultSpecError);
  assert.throws(() => parseFaultSpec("5xx=1.5"), /must be in \[0, 1\]/);
  assert.throws(() => parseFaultSpec("5xx=0.6,reset=0.6"), /add up to 1.2/);
  assert.throws(() => parseFaultSpec("latency=fast"), /latency must be MS or MIN-MAX/);
  assert.throws(() => parseFaultSpec("hang"), /needs a value/);
});

Deno.test("FaultPlan chooses the same faults for the same seed, in the given shares", () => {
  const spec = parseFaultSpec("5xx=0.2,reset=0.1,latency=10-20");
  const a = new FaultPlan(3, spec);
  const b = new FaultPlan(3, spec);
  const c = new FaultPlan(4, spec);
  const kindsA = Array.from({ length: 4000 }, () => a.next());
  const kindsB = Array.from({ length: 4000 }, () => b.next());
  const kindsC = Array.from({ length: 4000 }, () => c.next().kind);
  assert.deepEqual(kindsA, kindsB);
  assert.notDeepEqual(kindsA.map((d) => d.kind), kindsC);
  const share = (kind: string) => kindsA.filter((d) => d.kind === kind).length / kindsA.length;
  assert.ok(Math.abs(share("500") + share("502") + share("503") - 0.2) < 0.03);
  assert.ok(Math.abs(share("reset") - 0.1) < 0.02);
  assert.ok(share("500") > 0.04 && share("502") > 0.04 && share("503") > 0.04);
  assert.ok(kindsA.every((d) => d.latencyMs >= 10 && d.latencyMs <= 20));
});

Deno.test("corrupted and truncated bodies never parse as JSON", () => {
  const body = JSON.stringify({ racecards: [{ race_id: "rac_1" }], total: 1 });
  for (let variant = 0; variant < 40; variant++) {
    assert.throws(() => JSON.parse(corruptBody(body, variant)), SyntaxError);
    assert.throws(() => JSON.parse(truncateBody(body, variant)), SyntaxError);
    assert.throws(() => JSON.parse(corruptBody("[]", variant)), SyntaxError);
  }
});

Deno.test("a server with 5xx faults answers 500/502/503, and admin routes are never faulted", async () => {
  const sim = await startSimulator({ now: NOW, rateScale: Infinity, faults: "5xx=1" });
  try {
    const statuses = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const response = await fetch(`${sim.baseUrl}/v1/courses/regions`, { headers: AUTH });
      await response.body?.cancel();
      statuses.add(response.status);
    }
    assert.deepEqual([...statuses].sort(), [500, 502, 503]);
    const admin = await fetch(`${sim.baseUrl}/_admin/requests`);
    assert.equal(admin.status, 200);
    assert.equal((await admin.json()).length, 30);
  } finally {
    await sim.close();
  }
});

Deno.test("malformed and truncated faults give 200 bodies that fail to parse", async () => {
  for (const faults of ["malformed=1", "truncated=1"]) {
    const sim = await startSimulator({ now: NOW, rateScale: Infinity, faults });
    try {
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${sim.baseUrl}/v1/courses`, { headers: AUTH });
        assert.equal(response.status, 200, faults);
        const text = await response.text();
        assert.equal(
          Number(response.headers.get("content-length")),
          new TextEncoder().encode(text).length,
        );
        assert.throws(() => JSON.parse(text), SyntaxError, faults);
      }
    } finally {
      await sim.close();
    }
  }
});

Deno.test("html, blank and empty_page faults give 200 answers that hold nothing usable", async () => {
  const get = async (faults: string, path: string) => {
    const sim = await startSimulator({ now: NOW, rateScale: Infinity, faults });
    try {
      const response = await fetch(`${sim.baseUrl}${path}`, { headers: AUTH });
      return {
        status: response.status,
        type: response.headers.get("content-type"),
        text: await response.text(),
      };
    } finally {
      await sim.close();
    }
  };
  const html = await get("html=1", "/v1/courses");
  assert.equal(html.status, 200);
  assert.match(html.type ?? "", /^text\/html/);
  assert.match(html.text, /^<!DOCTYPE html>/);
  const blank = await get("blank=1", "/v1/courses");
  assert.deepEqual([blank.status, blank.text], [200, ""]);
  const results = "/v1/results?start_date=2025-06-01&end_date=2025-06-03&limit=10";
  const truth = JSON.parse((await get("", results)).text);
  const empty = JSON.parse((await get("empty_page=1", results)).text);
  assert.ok(truth.total > 10 && truth.results.length === 10);
  assert.deepEqual(empty, { ...truth, results: [] });
});

Deno.test("reset faults drop the connection, before the headers or mid-body", async () => {
  const sim = await startSimulator({ now: NOW, rateScale: Infinity, faults: "reset=1" });
  try {
    let failures = 0;
    for (let i = 0; i < 6; i++) {
      try {
        const response = await fetch(`${sim.baseUrl}/v1/courses`, { headers: AUTH });
        await response.text();
      } catch (error) {
        assert.ok(error instanceof TypeError);
        failures++;
      }
    }
    assert.equal(failures, 6);
    assert.deepEqual(sim.requestLog.map((e) => e.status), [0, 0, 0, 0, 0, 0]);
  } finally {
    await sim.close();
  }
});

Deno.test("hang faults never answer; the client's timeout ends the wait and close() still returns", async () => {
  const sim = await startSimulator({ now: NOW, rateScale: Infinity, faults: "hang=1" });
  try {
    await assert.rejects(
      fetch(`${sim.baseUrl}/v1/courses`, { headers: AUTH, signal: AbortSignal.timeout(200) }),
      (error: unknown) => error instanceof DOMException && error.name === "TimeoutError",
    );
    const pending = fetch(`${sim.baseUrl}/v1/courses`, { headers: AUTH }).then(
      (response) => response.text(),
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sim.close();
    assert.ok(
      (await pending) instanceof TypeError,
      "the hung request fails when the server closes",
    );
  } finally {
    await sim.close();
  }
});

Deno.test("latency faults still answer correctly", async () => {
  const sim = await startSimulator({
    now: NOW,
    rateScale: Infinity,
    faults: { latencyMs: [5, 15] },
  });
  try {
    const response = await fetch(`${sim.baseUrl}/v1/courses/regions`, { headers: AUTH });
    assert.equal(response.status, 200);
    assert.ok(
      (await response.json()).some((r: { region_code: string }) => r.region_code === "ire"),
    );
  } finally {
    await sim.close();
  }
});
