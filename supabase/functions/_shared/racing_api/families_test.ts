import { equal } from "node:assert/strict";
import { endpointFamily } from "./families.ts";

Deno.test("endpointFamily() puts racecard lists, course lists and the rest in their buckets", () => {
  equal(endpointFamily("/v1/racecards/pro"), "racecards_list");
  equal(endpointFamily("/v1/racecards/big-races"), "racecards_list");
  equal(endpointFamily("/v1/racecards/standard?day=today"), "racecards_list");
  equal(endpointFamily("/v1/courses"), "courses");
  equal(endpointFamily("/v1/courses/regions"), "courses");
  equal(endpointFamily("/v1/racecards/rac_11223344/pro"), "default");
  equal(endpointFamily("/v1/racecards/summaries"), "default");
  equal(endpointFamily("/v1/results"), "default");
  equal(endpointFamily("/v1/horses/hrs_1/pro"), "default");
});
