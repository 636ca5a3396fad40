/**
 * The functions' configuration, read once from the environment into a typed object. One
 * ConfigError lists every missing or invalid variable by name, never by value. The variables
 * and their defaults are listed in `config_variables.ts`.
 */
import {
  DEFAULT_BUDGET_MS,
  DEFAULT_CPU_BUDGET_MS,
  DEFAULT_LEASE_SECONDS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RACING_API_BASE_URL,
  DEFAULT_WINDOW_WORKERS,
  MAX_WINDOW_WORKERS,
} from "./config_variables.ts";
import { type OddsConfig, readOddsConfig } from "./odds/odds_config.ts";
import { DEFAULT_TIMEOUT_MS } from "./racing_api/client.ts";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./racing_api/retry.ts";
import { DEFAULT_REGION_CODES, parseRegionCodes } from "./regions.ts";
import { DEFAULT_RATES, MAX_GLOBAL_RATE, type RateLimits } from "./sync/rates.ts";

/** The functions' configuration. */
export interface SyncConfig {
  /** Postgres connection string (holds a password: never log it). */
  readonly databaseUrl: string;
  readonly racingApi: {
    readonly baseUrl: string;
    readonly username: string;
    readonly password: string;
  };
  /** Lower-case region codes. */
  readonly regions: readonly string[];
  readonly rates: RateLimits;
  readonly budgetMs: number;
  readonly requestTimeoutMs: number;
  readonly leaseSeconds: number;
  readonly maxAttempts: number;
  /** Windows worked on side by side in one invocation. */
  readonly windowWorkers: number;
  /** Measured parsing and mapping time after which no window is claimed. */
  readonly cpuBudgetMs: number;
  /** Retry policy of each API request. */
  readonly retryPolicy: RetryPolicy;
  /** Keys a caller may present. */
  readonly functionKeys: readonly string[];
  /** Odds: cadence, books kept, first day stored, movements (odds/odds_config.ts). */
  readonly odds: OddsConfig;
}

/** The environment is missing variables or holds invalid ones. */
export class ConfigError extends Error {
  /** One line per problem, each naming its variable. */
  readonly problems: readonly string[];

  /** Builds the error from the problems found. */
  constructor(problems: readonly string[]) {
    super(`Cannot start: the environment is incomplete: ${problems.join("; ")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/**
 * Reads and checks the configuration.
 * @throws ConfigError listing every missing or invalid variable by name
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): SyncConfig {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const required = (name: string): string => {
    const value = read(name);
    if (value === undefined) problems.push(`${name} is not set`);
    return value ?? "";
  };
  const number = (
    name: string,
    fallback: number,
    check: (n: number) => boolean,
    rule: string,
  ): number => {
    const text = read(name);
    if (text === undefined) return fallback;
    const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    if (!check(value)) {
      problems.push(`${name} must be ${rule}`);
      return fallback;
    }
    return value;
  };
  const positiveInteger = (name: string, fallback: number): number =>
    number(name, fallback, (n) => Number.isInteger(n) && n > 0, "a positive whole number");
  const rate = (name: string, fallback: number, max = Infinity): number =>
    number(
      name,
      fallback,
      (n) => n > 0 && n <= max,
      max === Infinity
        ? "a positive number of requests per second"
        : `a positive number of requests per second, at most ${max}`,
    );

  const databaseUrl = read("SUPABASE_DB_URL") ?? read("DATABASE_URL");
  if (databaseUrl === undefined) {
    problems.push("SUPABASE_DB_URL (or DATABASE_URL) is not set");
  } else if (!/^postgres(ql)?:\/\//.test(databaseUrl) || !URL.canParse(databaseUrl)) {
    const name = read("SUPABASE_DB_URL") ? "SUPABASE_DB_URL" : "DATABASE_URL";
    problems.push(`${name} must be a postgres:// or postgresql:// URL`);
  }

  const username = required("RACING_API_USERNAME");
  const password = required("RACING_API_PASSWORD");
  const baseUrl = read("RACING_API_BASE_URL") ?? DEFAULT_RACING_API_BASE_URL;
  const base = URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  if (!base || !/^https?:$/.test(base.protocol) || base.username || base.password) {
    problems.push("RACING_API_BASE_URL must be an http(s) URL without credentials");
  }

  let regions: string[] = [...DEFAULT_REGION_CODES];
  try {
    regions = parseRegionCodes(read("RA_REGIONS"));
  } catch {
    problems.push('RA_REGIONS must be comma-separated region codes of 2 to 4 letters ("gb,ire")');
  }

  const rates: RateLimits = Object.freeze({
    racecards_list: rate("RA_RATE_RACECARDS", DEFAULT_RATES.racecards_list),
    courses: rate("RA_RATE_COURSES", DEFAULT_RATES.courses),
    default: rate("RA_RATE_DEFAULT", DEFAULT_RATES.default),
    global: rate("RA_RATE_GLOBAL", DEFAULT_RATES.global, MAX_GLOBAL_RATE),
  });
  const budgetMs = positiveInteger("RA_BUDGET_MS", DEFAULT_BUDGET_MS);
  const requestTimeoutMs = positiveInteger("RA_REQUEST_TIMEOUT_MS", DEFAULT_TIMEOUT_MS);
  const leaseSeconds = positiveInteger("RA_LEASE_SECONDS", DEFAULT_LEASE_SECONDS);
  const maxAttempts = positiveInteger("RA_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS);
  const windowWorkers = number(
    "RA_WINDOW_WORKERS",
    DEFAULT_WINDOW_WORKERS,
    (n) => Number.isInteger(n) && n >= 1 && n <= MAX_WINDOW_WORKERS,
    `a whole number from 1 to ${MAX_WINDOW_WORKERS}`,
  );
  const cpuBudgetMs = positiveInteger("RA_CPU_BUDGET_MS", DEFAULT_CPU_BUDGET_MS);
  const retryPolicy: RetryPolicy = Object.freeze({
    ...DEFAULT_RETRY_POLICY,
    maxAttempts: positiveInteger("RA_API_ATTEMPTS", DEFAULT_RETRY_POLICY.maxAttempts),
    // The first wait may not exceed the longest one, or the policy is invalid.
    baseDelayMs: number(
      "RA_API_RETRY_BASE_MS",
      DEFAULT_RETRY_POLICY.baseDelayMs,
      (n) => Number.isInteger(n) && n > 0 && n <= DEFAULT_RETRY_POLICY.maxDelayMs,
      `a positive whole number up to ${DEFAULT_RETRY_POLICY.maxDelayMs}`,
    ),
  });
  if (leaseSeconds * 1000 <= budgetMs) {
    problems.push(
      "RA_LEASE_SECONDS must be longer than RA_BUDGET_MS, so a live worker never loses its window",
    );
  }

  const functionKeys: string[] = [];
  for (const name of ["SUPABASE_SERVICE_ROLE_KEY", "RA_FUNCTION_KEY"]) {
    const key = read(name);
    if (key !== undefined) functionKeys.push(key);
  }
  const secretKeys = read("SUPABASE_SECRET_KEYS");
  const parsedSecretKeys = secretKeys === undefined ? [] : parseKeyDictionary(secretKeys);
  if (parsedSecretKeys === undefined) {
    problems.push('SUPABASE_SECRET_KEYS must be a JSON object of keys ({"default":"…"})');
  } else {
    functionKeys.push(...parsedSecretKeys);
  }
  if (functionKeys.length === 0 && parsedSecretKeys !== undefined) {
    problems.push(
      "no function key is set: set SUPABASE_SERVICE_ROLE_KEY, SUPABASE_SECRET_KEYS or RA_FUNCTION_KEY",
    );
  }

  const odds = readOddsConfig(read, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    databaseUrl: databaseUrl ?? "",
    racingApi: Object.freeze({ baseUrl, username, password }),
    regions: Object.freeze(regions),
    rates,
    budgetMs,
    requestTimeoutMs,
    leaseSeconds,
    maxAttempts,
    windowWorkers,
    cpuBudgetMs,
    retryPolicy,
    functionKeys: Object.freeze(functionKeys),
    odds,
  });
}

/** The non-empty string values of a JSON object, or undefined when it is not one. */
function parseKeyDictionary(text: string): string[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
  const values = Object.values(parsed);
  if (!values.every((value) => typeof value === "string")) return undefined;
  return (values as string[]).map((value) => value.trim()).filter((value) => value !== "");
}
