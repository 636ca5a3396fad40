import { deepEqual, equal } from "node:assert/strict";
import { resolveRates } from "../supabase/functions/_shared/sync/rates.ts";
import { planBackfill } from "./backfill_plan.ts";

const BASE = {
  from: "2025-03-15",
  to: "2025-03-18",
  today: "2026-12-02",
  resultsWindowDays: 7,
  rates: resolveRates(),
};

Deno.test("planBackfill() plans odds as one day list a day, plus a /v1/odds call per runner from 2025-03-17 with movements", () => {
  const plain = planBackfill({ ...BASE, jobs: ["odds"] });
  const [odds] = plain.jobs;
  equal(odds?.checkpointJob, "odds_backfill");
  deepEqual(odds?.windows.map((w) => w.start), [
    "2025-03-15",
    "2025-03-16",
    "2025-03-17",
    "2025-03-18",
  ]);
  equal(odds?.estimatedCalls, 4);
  // 4 day lists at 2/s.
  equal(plain.estimatedSeconds, 2);
  deepEqual(plain.warnings, []);

  const moves = planBackfill({ ...BASE, jobs: ["odds"], oddsMovements: true });
  // 2 days from 2025-03-17 × 34 races × 10 runners = 680 calls at 5/s = 136 s; with the 4 lists
  // 684 calls under the global 5/s = 136.8 s.
  equal(moves.jobs[0]?.estimatedCalls, 684);
  equal(moves.estimatedSeconds, 136.8);
  equal(moves.warnings.length, 1);
  equal(
    moves.warnings[0],
    "odds movements: ~680 /v1/odds calls (one per runner, ~340 a day, 2 days from 2025-03-17) at 5/s",
  );
});
