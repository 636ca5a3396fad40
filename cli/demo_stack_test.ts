import assert from "node:assert/strict";
import { loadConfig } from "../supabase/functions/_shared/config.ts";
import { DEFAULT_RATES } from "../supabase/functions/_shared/sync/rates.ts";
import { functionEnvironment, rateEnvironment, ratesForScale } from "./demo_stack.ts";

Deno.test("ratesForScale() scales the vendor's rates and caps every one at 10 per second", () => {
  assert.deepEqual(ratesForScale(1), DEFAULT_RATES);
  assert.deepEqual(ratesForScale(2), { racecards_list: 4, courses: 2, default: 10, global: 10 });
  assert.deepEqual(ratesForScale(5), { racecards_list: 10, courses: 5, default: 10, global: 10 });
  assert.deepEqual(ratesForScale(0.5), {
    racecards_list: 1,
    courses: 0.5,
    default: 2.5,
    global: 2.5,
  });
  assert.throws(() => ratesForScale(0), RangeError);
  assert.throws(() => ratesForScale(Number.NaN), /rateScale must be a positive number/);
});

Deno.test("rateEnvironment() names each rate's variable", () => {
  assert.deepEqual(rateEnvironment(ratesForScale(5)), {
    RA_RATE_RACECARDS: "10",
    RA_RATE_COURSES: "5",
    RA_RATE_DEFAULT: "10",
    RA_RATE_GLOBAL: "10",
  });
});

Deno.test("functionEnvironment() gives the functions a configuration they accept", () => {
  const env = functionEnvironment({
    databaseUrl: "postgresql://postgres@127.0.0.1:5432/postgres",
    apiBaseUrl: "http://127.0.0.1:4000",
    apiUsername: "demo",
    apiPassword: "demo",
    functionKey: "local-key",
    rates: ratesForScale(5),
    budgetMs: 30_000,
  });
  assert.deepEqual(env, {
    DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/postgres",
    RACING_API_BASE_URL: "http://127.0.0.1:4000",
    RACING_API_USERNAME: "demo",
    RACING_API_PASSWORD: "demo",
    RA_FUNCTION_KEY: "local-key",
    RA_ODDS_MOVEMENTS: "true",
    RA_RATE_RACECARDS: "10",
    RA_RATE_COURSES: "5",
    RA_RATE_DEFAULT: "10",
    RA_RATE_GLOBAL: "10",
    RA_BUDGET_MS: "30000",
  });
  const config = loadConfig(env);
  assert.deepEqual(config.rates, ratesForScale(5));
  assert.equal(config.budgetMs, 30_000);
  assert.deepEqual(config.functionKeys, ["local-key"]);

  const withoutBudget = functionEnvironment({
    databaseUrl: "postgresql://postgres@127.0.0.1:5432/postgres",
    apiBaseUrl: "http://127.0.0.1:4000",
    apiUsername: "demo",
    apiPassword: "demo",
    functionKey: "local-key",
    rates: ratesForScale(1),
  });
  assert.equal("RA_BUDGET_MS" in withoutBudget, false);
});
