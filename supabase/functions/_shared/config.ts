/**
 * The functions' configuration, read once from the environment into a typed object. One
 * ConfigError lists every missing or invalid variable by name, never by value.
 * CONFIG_VARIABLES is the list the README's configuration table is made from.
 */
import { DEFAULT_TIMEOUT_MS } from "./racing_api/client.ts";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./racing_api/retry.ts";
import { DEFAULT_REGION_CODES, parseRegionCodes } from "./regions.ts";
import { DEFAULT_RATES, MAX_GLOBAL_RATE, type RateLimits } from "./sync/rates.ts";

/** Default wall time an invocation spends claiming windows. */
export const DEFAULT_BUDGET_MS = 120_000;
/** Default lease on a claimed window: well past the budget, so only a dead worker loses one. */
export const DEFAULT_LEASE_SECONDS = 300;
/** Default attempts a window gets before it is failed. */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** Windows one invocation works on side by side (one writes while another waits on the API). */
export const DEFAULT_WINDOW_WORKERS = 2;
/** Largest RA_WINDOW_WORKERS: more would only queue on the shared throttle. */
export const MAX_WINDOW_WORKERS = 8;
/**
 * Milliseconds of measured parsing and mapping after which an invocation claims no more
 * windows: the Edge Runtime stops an isolate at 2 s of CPU (1 s soft), and JSON decoding and
 * encoding, which we cannot time, roughly double what we measure.
 */
export const DEFAULT_CPU_BUDGET_MS = 600;
/** The API's address. */
export const DEFAULT_RACING_API_BASE_URL = "https://api.theracingapi.com";

/** One environment variable the functions read. */
export interface ConfigVariable {
  readonly name: string;
  /**
   * true: needed to start; false: optional; a string names a group of which at least one
   * variable must be set (e.g. "database URL").
   */
  readonly required: boolean | string;
  /** Value used when unset. */
  readonly default?: string;
  readonly description: string;
}

/** Every variable the functions read, in the order the README lists them. */
export const CONFIG_VARIABLES: readonly ConfigVariable[] = Object.freeze([
  {
    name: "SUPABASE_DB_URL",
    required: "database URL",
    description: "Postgres connection string; Supabase sets it in Edge Functions.",
  },
  {
    name: "DATABASE_URL",
    required: "database URL",
    description: "Postgres connection string used when SUPABASE_DB_URL is unset (local runs).",
  },
  {
    name: "RACING_API_USERNAME",
    required: true,
    description: "The Racing API username (HTTP Basic auth).",
  },
  {
    name: "RACING_API_PASSWORD",
    required: true,
    description: "The Racing API password (HTTP Basic auth).",
  },
  {
    name: "RACING_API_BASE_URL",
    required: false,
    default: DEFAULT_RACING_API_BASE_URL,
    description: "The Racing API address; point it at the simulator locally.",
  },
  {
    name: "RA_REGIONS",
    required: false,
    default: DEFAULT_REGION_CODES.join(","),
    description: "Comma-separated region codes to sync.",
  },
  {
    name: "RA_RATE_RACECARDS",
    required: false,
    default: String(DEFAULT_RATES.racecards_list),
    description: "Racecard list requests per second.",
  },
  {
    name: "RA_RATE_COURSES",
    required: false,
    default: String(DEFAULT_RATES.courses),
    description: "Course and region list requests per second.",
  },
  {
    name: "RA_RATE_DEFAULT",
    required: false,
    default: String(DEFAULT_RATES.default),
    description: "Requests per second to every other endpoint.",
  },
  {
    name: "RA_RATE_GLOBAL",
    required: false,
    default: String(DEFAULT_RATES.global),
    description:
      `Requests per second over all endpoints and invocations together (at most ${MAX_GLOBAL_RATE}).`,
  },
  {
    name: "RA_BUDGET_MS",
    required: false,
    default: String(DEFAULT_BUDGET_MS),
    description: "Milliseconds an invocation keeps claiming windows.",
  },
  {
    name: "RA_REQUEST_TIMEOUT_MS",
    required: false,
    default: String(DEFAULT_TIMEOUT_MS),
    description: "Milliseconds allowed for one API request.",
  },
  {
    name: "RA_LEASE_SECONDS",
    required: false,
    default: String(DEFAULT_LEASE_SECONDS),
    description: "Seconds a claimed window stays leased; must exceed the budget.",
  },
  {
    name: "RA_MAX_ATTEMPTS",
    required: false,
    default: String(DEFAULT_MAX_ATTEMPTS),
    description: "Attempts a window gets before it is marked failed.",
  },
  {
    name: "RA_WINDOW_WORKERS",
    required: false,
    default: String(DEFAULT_WINDOW_WORKERS),
    description: `Windows one invocation works on side by side (1 to ${MAX_WINDOW_WORKERS}).`,
  },
  {
    name: "RA_CPU_BUDGET_MS",
    required: false,
    default: String(DEFAULT_CPU_BUDGET_MS),
    description:
      "Milliseconds of payload parsing and mapping after which a run claims no more windows (keeps it under the Edge Runtime's CPU limit).",
  },
  {
    name: "RA_API_ATTEMPTS",
    required: false,
    default: String(DEFAULT_RETRY_POLICY.maxAttempts),
    description: "Tries of one API request (429, 5xx, timeouts) before its window fails.",
  },
  {
    name: "RA_API_RETRY_BASE_MS",
    required: false,
    default: String(DEFAULT_RETRY_POLICY.baseDelayMs),
    description: "Wait before the first retry of a request; doubles each time, with jitter.",
  },
  {
    name: "SUPABASE_SERVICE_ROLE_KEY",
    required: "function key",
    description: "Legacy service-role key; accepted from callers. Supabase sets it.",
  },
  {
    name: "SUPABASE_SECRET_KEYS",
    required: "function key",
    description: 'JSON object of secret keys ({"default":"sb_secret_…"}); each is accepted.',
  },
  {
    name: "RA_FUNCTION_KEY",
    required: "function key",
    description: "An extra key accepted from callers (local runs, external schedulers).",
  },
]);

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
