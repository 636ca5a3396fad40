/**
 * The local stack `deno task demo` and `deno task dev` run on: a database (Debian's PostgreSQL
 * with pg_cron, else PGlite) with the migrations pushed by the Supabase CLI, The Racing API
 * simulator, and the functions served at /functions/v1/<name> as on Supabase. Everything
 * started is registered with a Teardown, so a failed start stops what was already running.
 */
import type postgres from "postgres";
import { startPglite } from "../dev/stack/pglite.ts";
import { startPostgres } from "../dev/stack/postgres.ts";
import {
  DEFAULT_FUNCTION_PORT,
  type FunctionServer,
  startFunctionServer,
} from "../dev/stack/function_server.ts";
import { pushMigrations } from "../dev/stack/tools.ts";
import { type Simulator, startSimulator } from "../dev/simulator/server.ts";
import { createDbClient } from "../supabase/functions/_shared/db/client.ts";
import {
  DEFAULT_RATES,
  MAX_GLOBAL_RATE,
  type RateLimits,
} from "../supabase/functions/_shared/sync/rates.ts";
import type { Teardown } from "./demo_teardown.ts";

/** Which database to run: Debian's PostgreSQL, PGlite, or the first that works. */
export type DatabaseChoice = "auto" | "postgres" | "pglite";

/** A running local database with the migrations applied. */
export interface LocalDatabase {
  readonly kind: "postgres" | "pglite";
  /** Superuser connection URL of the migrated database (`postgres`, the pg_cron database). */
  readonly url: string;
}

/** Seed of the simulated world the demo and dev stack show (any seed works; this one is fixed). */
export const DEMO_SEED = 42;

/** Credentials of the simulator's one account. */
export const SIMULATOR_ACCOUNT = { username: "demo", password: "demo" } as const;

/** Environment variable that sets each rate of the functions (see _shared/config_variables.ts). */
export const RATE_VARIABLES: Readonly<Record<keyof RateLimits, string>> = Object.freeze({
  racecards_list: "RA_RATE_RACECARDS",
  courses: "RA_RATE_COURSES",
  default: "RA_RATE_DEFAULT",
  global: "RA_RATE_GLOBAL",
});

/**
 * The functions' rates for a simulator whose limits are `rateScale` times the vendor's: each
 * rate scaled, none above the global cap of MAX_GLOBAL_RATE per second.
 * @throws RangeError when rateScale is not a positive number
 */
export function ratesForScale(rateScale: number): RateLimits {
  if (!(Number.isFinite(rateScale) && rateScale > 0)) {
    throw new RangeError(
      `Cannot scale rates as rateScale must be a positive number: current value is ${rateScale}`,
    );
  }
  const scaled = (rate: number) => Math.min(rate * rateScale, MAX_GLOBAL_RATE);
  return Object.freeze({
    racecards_list: scaled(DEFAULT_RATES.racecards_list),
    courses: scaled(DEFAULT_RATES.courses),
    default: scaled(DEFAULT_RATES.default),
    global: scaled(DEFAULT_RATES.global),
  });
}

/** The environment variables that give the functions these rates. */
export function rateEnvironment(rates: RateLimits): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [family, name] of Object.entries(RATE_VARIABLES) as [keyof RateLimits, string][]) {
    env[name] = String(rates[family]);
  }
  return env;
}

/** What the functions of a local stack are told about their surroundings. */
export interface FunctionSurroundings {
  readonly databaseUrl: string;
  readonly apiBaseUrl: string;
  readonly apiUsername: string;
  readonly apiPassword: string;
  /** The key callers present (apikey or Bearer). */
  readonly functionKey: string;
  readonly rates: RateLimits;
  /** Milliseconds one invocation keeps claiming windows; the functions' default when unset. */
  readonly budgetMs?: number;
}

/** The environment the functions see, as `supabase functions serve` would give them. */
export function functionEnvironment(surroundings: FunctionSurroundings): Record<string, string> {
  return {
    DATABASE_URL: surroundings.databaseUrl,
    RACING_API_BASE_URL: surroundings.apiBaseUrl,
    RACING_API_USERNAME: surroundings.apiUsername,
    RACING_API_PASSWORD: surroundings.apiPassword,
    RA_FUNCTION_KEY: surroundings.functionKey,
    // The demo shows a race's full price moves (one /v1/odds call per runner).
    RA_ODDS_MOVEMENTS: "true",
    ...rateEnvironment(surroundings.rates),
    ...(surroundings.budgetMs === undefined ? {} : { RA_BUDGET_MS: String(surroundings.budgetMs) }),
  };
}

/**
 * Starts a database and pushes the migrations: Debian's PostgreSQL 15 with pg_cron (installed
 * with apt-get when running as root), or PGlite when that is not possible and `choice` allows.
 */
export async function startLocalDatabase(
  choice: DatabaseChoice,
  teardown: Teardown,
  note: (line: string) => void,
): Promise<LocalDatabase> {
  let database: LocalDatabase | undefined;
  if (choice !== "pglite") {
    try {
      const pg = await startPostgres();
      teardown.defer("PostgreSQL", () => pg.stop());
      database = { kind: "postgres", url: pg.url("postgres") };
    } catch (error) {
      if (choice === "postgres") throw error;
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      note(`PostgreSQL is not available (${reason}); using PGlite instead`);
    }
  }
  if (!database) {
    const pglite = await startPglite();
    teardown.defer("PGlite", () => pglite.stop());
    database = { kind: "pglite", url: pglite.url() };
  }
  await pushMigrations(database.url);
  return database;
}

/** Starts the simulator on a free port (or `port`), closed by the teardown. */
export async function startLocalSimulator(
  options: { rateScale: number; port?: number },
  teardown: Teardown,
): Promise<Simulator> {
  const simulator = await startSimulator({
    seed: DEMO_SEED,
    plan: "pro",
    ...SIMULATOR_ACCOUNT,
    rateScale: options.rateScale,
    port: options.port ?? 0,
  });
  teardown.defer("simulator", () => simulator.close());
  return simulator;
}

/**
 * Opens the pool everything on this machine shares: the functions and the command itself. For
 * PGlite it holds one connection: its socket server runs every connection on one backend and
 * interleaves their protocol messages, so two clients using the extended protocol at once
 * could bind each other's statements.
 */
export function openSharedPool(database: LocalDatabase, teardown: Teardown): postgres.Sql {
  const sql = createDbClient(database.url, { max: database.kind === "pglite" ? 1 : 8 });
  teardown.defer("database pool", () => sql.end({ timeout: 5 }));
  return sql;
}

/** Options of {@linkcode startLocalFunctions}. */
export interface LocalFunctionsOptions {
  /** TCP port; when taken, a free one is used instead. @default 54321 */
  readonly port?: number;
  /** Pool the handlers use instead of opening their own from DATABASE_URL. */
  readonly sql?: postgres.Sql;
  /** Where the functions' log lines go. @default JSON lines on stderr */
  readonly logSink?: (level: string, line: string) => void;
}

/**
 * Serves the functions on 127.0.0.1:54321 like `supabase functions serve`, or on a free port
 * when that one is taken.
 */
export function startLocalFunctions(
  env: Record<string, string>,
  teardown: Teardown,
  options: LocalFunctionsOptions = {},
): FunctionServer {
  const { port = DEFAULT_FUNCTION_PORT, sql, logSink } = options;
  const handlerOptions = { ...(sql ? { sql } : {}), ...(logSink ? { logSink } : {}) };
  let server: FunctionServer;
  try {
    server = startFunctionServer({ port, env, handlerOptions });
  } catch (error) {
    if (!(error instanceof Deno.errors.AddrInUse) || port === 0) throw error;
    server = startFunctionServer({ port: 0, env, handlerOptions });
  }
  teardown.defer("function server", () => server.close());
  return server;
}

/**
 * Tells every function handler in this process that the runtime is stopping, as the Edge
 * Runtime does before it ends an isolate: runs in progress stop, are marked interrupted and
 * hand their windows back, so closing the function server does not wait for them.
 */
export function interruptFunctionRuns(reason: string): void {
  globalThis.dispatchEvent(new CustomEvent("beforeunload", { detail: { reason } }));
}
