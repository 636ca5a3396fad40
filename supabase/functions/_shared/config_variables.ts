/**
 * Every environment variable the functions read, with its default: CONFIG_VARIABLES is the list
 * the README's configuration table is made from, and `config.ts` reads them.
 */
import { DEFAULT_CADENCE_TEXT } from "./odds/cadence.ts";
import { DEFAULT_ODDS_FROM } from "./odds/odds_config.ts";
import { DEFAULT_TIMEOUT_MS } from "./racing_api/client.ts";
import { DEFAULT_RETRY_POLICY } from "./racing_api/retry.ts";
import { DEFAULT_REGION_CODES } from "./regions.ts";
import { DEFAULT_RATES, MAX_GLOBAL_RATE } from "./sync/rates.ts";

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
    name: "RA_ODDS_CADENCE",
    required: false,
    default: DEFAULT_CADENCE_TEXT,
    description:
      "How often fetch-odds fetches a race by time to its off: `<time to off>:<every>` rows, `*` last.",
  },
  {
    name: "RA_ODDS_BOOKMAKERS",
    required: false,
    default: "all",
    description: "Bookmaker ids whose prices are stored (comma-separated), or all.",
  },
  {
    name: "RA_ODDS_FROM",
    required: false,
    default: DEFAULT_ODDS_FROM,
    description: "Racecards of earlier days (backfills) store no prices.",
  },
  {
    name: "RA_ODDS_MOVEMENTS",
    required: false,
    default: "false",
    description:
      "true: after each off, fill every runner's full price movements from /v1/odds (one call per runner).",
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
