import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { ConfigError, loadConfig } from "./config.ts";
import {
  CONFIG_VARIABLES,
  DEFAULT_BUDGET_MS,
  DEFAULT_RACING_API_BASE_URL,
} from "./config_variables.ts";
import { DEFAULT_RETRY_POLICY } from "./racing_api/retry.ts";

const SECRETS = {
  SUPABASE_DB_URL: "postgresql://postgres:db-pass-123@db.example.supabase.co:5432/postgres",
  RACING_API_USERNAME: "api-user-456",
  RACING_API_PASSWORD: "api-pass-789",
  SUPABASE_SERVICE_ROLE_KEY: "service-role-abc",
};

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("loadConfig() accepted the environment");
}

Deno.test("loadConfig() reads a minimal environment and applies the defaults", () => {
  const config = loadConfig(SECRETS);
  equal(config.databaseUrl, SECRETS.SUPABASE_DB_URL);
  deepEqual(config.racingApi, {
    baseUrl: DEFAULT_RACING_API_BASE_URL,
    username: "api-user-456",
    password: "api-pass-789",
  });
  deepEqual(config.regions, ["gb", "ire"]);
  deepEqual(config.rates, { racecards_list: 2, courses: 1, default: 5, global: 5 });
  equal(config.budgetMs, DEFAULT_BUDGET_MS);
  equal(config.requestTimeoutMs, 30_000);
  equal(config.leaseSeconds, 300);
  equal(config.maxAttempts, 5);
  equal(config.windowWorkers, 2);
  deepEqual(config.retryPolicy, DEFAULT_RETRY_POLICY);
  deepEqual(config.functionKeys, ["service-role-abc"]);
});

Deno.test("loadConfig() reads every optional variable", () => {
  const config = loadConfig({
    DATABASE_URL: "postgres://postgres@127.0.0.1:5432/postgres",
    RACING_API_USERNAME: "u",
    RACING_API_PASSWORD: "p",
    RACING_API_BASE_URL: "http://127.0.0.1:8080",
    RA_REGIONS: "GB, ire,fr",
    RA_RATE_RACECARDS: "1.5",
    RA_RATE_COURSES: "0.5",
    RA_RATE_DEFAULT: "4",
    RA_RATE_GLOBAL: "10",
    RA_BUDGET_MS: "60000",
    RA_REQUEST_TIMEOUT_MS: "5000",
    RA_LEASE_SECONDS: "90",
    RA_MAX_ATTEMPTS: "3",
    RA_WINDOW_WORKERS: "4",
    RA_API_ATTEMPTS: "2",
    RA_API_RETRY_BASE_MS: "250",
    SUPABASE_SECRET_KEYS: '{"default":"sb_secret_1","ci":"sb_secret_2"}',
    RA_FUNCTION_KEY: "local-key",
  });
  equal(config.databaseUrl, "postgres://postgres@127.0.0.1:5432/postgres");
  equal(config.racingApi.baseUrl, "http://127.0.0.1:8080");
  deepEqual(config.regions, ["gb", "ire", "fr"]);
  deepEqual(config.rates, { racecards_list: 1.5, courses: 0.5, default: 4, global: 10 });
  equal(config.budgetMs, 60_000);
  equal(config.requestTimeoutMs, 5000);
  equal(config.leaseSeconds, 90);
  equal(config.maxAttempts, 3);
  equal(config.windowWorkers, 4);
  deepEqual(config.retryPolicy, { ...DEFAULT_RETRY_POLICY, maxAttempts: 2, baseDelayMs: 250 });
  deepEqual(config.functionKeys, ["local-key", "sb_secret_1", "sb_secret_2"]);
});

Deno.test("loadConfig() prefers SUPABASE_DB_URL to DATABASE_URL", () => {
  const config = loadConfig({ ...SECRETS, DATABASE_URL: "postgres://other@localhost/x" });
  equal(config.databaseUrl, SECRETS.SUPABASE_DB_URL);
});

Deno.test("loadConfig() lists every missing variable by name in one error", () => {
  deepEqual(problemsOf({ RACING_API_PASSWORD: "  " }), [
    "SUPABASE_DB_URL (or DATABASE_URL) is not set",
    "RACING_API_USERNAME is not set",
    "RACING_API_PASSWORD is not set",
    "no function key is set: set SUPABASE_SERVICE_ROLE_KEY, SUPABASE_SECRET_KEYS or RA_FUNCTION_KEY",
  ]);
  throws(() => loadConfig({}), {
    name: "ConfigError",
    message: /^Cannot start: the environment is incomplete: SUPABASE_DB_URL \(or DATABASE_URL\)/,
  });
});

Deno.test("loadConfig() names each invalid variable and never shows a value", () => {
  const bad = {
    ...SECRETS,
    SUPABASE_DB_URL: "mysql://root:db-pass-123@host/db",
    RACING_API_BASE_URL: "https://api-user-456:api-pass-789@api.example.com",
    RA_REGIONS: "gb,api-pass-789",
    RA_RATE_GLOBAL: "12",
    RA_RATE_COURSES: "-1",
    RA_BUDGET_MS: "2.5",
    RA_MAX_ATTEMPTS: "zero",
    RA_WINDOW_WORKERS: "9",
    RA_API_RETRY_BASE_MS: "60000",
    SUPABASE_SECRET_KEYS: "sb_secret_not_json",
  };
  let message = "";
  try {
    loadConfig(bad);
  } catch (error) {
    ok(error instanceof ConfigError);
    message = error.message;
    deepEqual(error.problems, [
      "SUPABASE_DB_URL must be a postgres:// or postgresql:// URL",
      "RACING_API_BASE_URL must be an http(s) URL without credentials",
      'RA_REGIONS must be comma-separated region codes of 2 to 4 letters ("gb,ire")',
      "RA_RATE_COURSES must be a positive number of requests per second",
      "RA_RATE_GLOBAL must be a positive number of requests per second, at most 10",
      "RA_BUDGET_MS must be a positive whole number",
      "RA_MAX_ATTEMPTS must be a positive whole number",
      "RA_WINDOW_WORKERS must be a whole number from 1 to 8",
      "RA_API_RETRY_BASE_MS must be a positive whole number up to 30000",
      'SUPABASE_SECRET_KEYS must be a JSON object of keys ({"default":"…"})',
    ]);
  }
  for (const secret of ["db-pass-123", "api-user-456", "api-pass-789", "sb_secret_not_json"]) {
    equal(message.includes(secret), false, `the message shows ${secret}`);
  }
});

Deno.test("loadConfig() wants a lease longer than the budget", () => {
  deepEqual(problemsOf({ ...SECRETS, RA_LEASE_SECONDS: "120" }), [
    "RA_LEASE_SECONDS must be longer than RA_BUDGET_MS, so a live worker never loses its window",
  ]);
});

Deno.test("loadConfig() wants a key even when SUPABASE_SECRET_KEYS is an empty object", () => {
  const { SUPABASE_SERVICE_ROLE_KEY: _, ...withoutKey } = SECRETS;
  deepEqual(problemsOf({ ...withoutKey, SUPABASE_SECRET_KEYS: "{}" }), [
    "no function key is set: set SUPABASE_SERVICE_ROLE_KEY, SUPABASE_SECRET_KEYS or RA_FUNCTION_KEY",
  ]);
});

Deno.test("CONFIG_VARIABLES lists every variable loadConfig() reads, once", () => {
  const names = CONFIG_VARIABLES.map((variable) => variable.name);
  equal(new Set(names).size, names.length);
  deepEqual([...names].sort(), [
    "DATABASE_URL",
    "RACING_API_BASE_URL",
    "RACING_API_PASSWORD",
    "RACING_API_USERNAME",
    "RA_API_ATTEMPTS",
    "RA_API_RETRY_BASE_MS",
    "RA_BUDGET_MS",
    "RA_CPU_BUDGET_MS",
    "RA_FUNCTION_KEY",
    "RA_LEASE_SECONDS",
    "RA_MAX_ATTEMPTS",
    "RA_ODDS_BOOKMAKERS",
    "RA_ODDS_CADENCE",
    "RA_ODDS_FROM",
    "RA_ODDS_MOVEMENTS",
    "RA_RATE_COURSES",
    "RA_RATE_DEFAULT",
    "RA_RATE_GLOBAL",
    "RA_RATE_RACECARDS",
    "RA_REGIONS",
    "RA_REQUEST_TIMEOUT_MS",
    "RA_WINDOW_WORKERS",
    "SUPABASE_DB_URL",
    "SUPABASE_SECRET_KEYS",
    "SUPABASE_SERVICE_ROLE_KEY",
  ]);
  const budget = CONFIG_VARIABLES.find((variable) => variable.name === "RA_BUDGET_MS");
  equal(budget?.default, "120000");
});
