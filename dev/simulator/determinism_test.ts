import assert from "node:assert/strict";
import { startSimulator } from "./server.ts";
import { getFrom } from "./sim_test_client.ts";

const NOW = "2025-03-08T19:00:00Z";
const PATHS = [
  "/v1/courses",
  "/v1/courses/regions",
  "/v1/racecards/pro?date=2025-03-08",
  "/v1/racecards/pro?date=2025-03-09&region_codes=gb&region_codes=ire",
  "/v1/racecards/pro?date=2024-07-20&limit=7&skip=3",
  "/v1/results?start_date=2025-03-01&end_date=2025-03-08&limit=100",
  "/v1/results?start_date=2024-11-02&end_date=2024-11-02&region=ire",
  "/v1/horses/search?name=star",
  "/v1/jockeys/search?name=o",
  "/v1/owners/search?name=partnership",
  "/v1/dams/search?name=lady",
];

async function bodies(seed: number, order: string[]): Promise<Map<string, string>> {
  const sim = await startSimulator({ seed, rateScale: Infinity, now: () => new Date(NOW) });
  const out = new Map<string, string>();
  try {
    for (const path of order) {
      const answer = await getFrom(sim.baseUrl, path);
      assert.equal(answer.status, 200, path);
      out.set(path, answer.text);
    }
    // Follow ids found in the bodies, so single-race and horse endpoints are compared too.
    const card = JSON.parse(out.get(PATHS[2] as string) as string).racecards[0];
    const result = JSON.parse(out.get(PATHS[5] as string) as string).results[0];
    const followed = [
      `/v1/racecards/${card.race_id}/pro`,
      `/v1/results/${result.race_id}`,
      `/v1/horses/${card.runners[0].horse_id}/pro`,
      `/v1/horses/hrs_${card.runners[0].sire_id.slice(4)}/standard`,
    ];
    for (const [i, path] of followed.entries()) {
      out.set(`followed ${i}`, (await getFrom(sim.baseUrl, path)).text);
    }
  } finally {
    await sim.close();
  }
  return out;
}

Deno.test("two servers with the same seed give byte-identical bodies, whatever the request order", async () => {
  const first = await bodies(7, PATHS);
  const second = await bodies(7, [...PATHS].reverse());
  assert.equal(first.size, PATHS.length + 4);
  for (const [path, text] of first) assert.equal(second.get(path), text, path);
});

Deno.test("a different seed gives a different world", async () => {
  const first = await bodies(7, PATHS);
  const other = await bodies(8, PATHS);
  for (const path of PATHS.slice(2)) assert.notEqual(other.get(path), first.get(path), path);
  // Regions are the same real-world list for every seed.
  assert.equal(other.get("/v1/courses/regions"), first.get("/v1/courses/regions"));
});
