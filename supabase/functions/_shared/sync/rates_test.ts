import { deepEqual, equal, throws } from "node:assert/strict";
import { DEFAULT_RATES, MAX_GLOBAL_RATE, RATE_HEADROOM, resolveRates } from "./rates.ts";

Deno.test("DEFAULT_RATES follow the vendor's limits and stay under Cloudflare's 100 per 10 s", () => {
  deepEqual(DEFAULT_RATES, { racecards_list: 2, courses: 1, default: 5, global: 5 });
  equal(DEFAULT_RATES.global * 10 < 100, true);
  equal(MAX_GLOBAL_RATE * RATE_HEADROOM * 10 < 100, true);
});

Deno.test("resolveRates() replaces only the rates given", () => {
  deepEqual(resolveRates({ courses: 0.5, global: 8 }), {
    racecards_list: 2,
    courses: 0.5,
    default: 5,
    global: 8,
  });
  deepEqual(resolveRates(), DEFAULT_RATES);
});

Deno.test("resolveRates() refuses rates that are not positive and a global rate over 10", () => {
  throws(() => resolveRates({ default: 0 }), {
    name: "RangeError",
    message:
      "Cannot use rate 'default' as it must be a positive number of requests per second: current value is 0",
  });
  throws(() => resolveRates({ racecards_list: Number.NaN }), RangeError);
  throws(() => resolveRates({ global: 11 }), /at most 10 per second/);
});
