/**
 * A pipeline under test: a fresh database, the API simulator and the functions' real request
 * handlers, wired together in process. Invocations go through the same envelope as deployed
 * functions (key check, body validation, runs), with `"wait": true`.
 */
import { createTestDatabase, type TestDatabase } from "./db.ts";
import {
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "../../dev/simulator/server.ts";
import { FUNCTION_FACTORIES } from "../../dev/stack/function_registry.ts";
import type { Platform } from "../../supabase/functions/_shared/http/platform.ts";

/** The key test invocations present. */
export const TEST_FUNCTION_KEY = "test-function-key";

/** A platform without waitUntil, whose shutdown a test can trigger. */
export interface TestPlatform extends Platform {
  shutdown(reason: string): void;
}

/** Creates a platform stand-in for handlers under test. */
export function testPlatform(): TestPlatform {
  const callbacks: ((reason: string) => void)[] = [];
  return {
    waitUntil: () => false,
    onShutdown: (callback) => callbacks.push(callback),
    shutdown: (reason) => callbacks.forEach((callback) => callback(reason)),
  };
}

/** Options of startPipeline. */
export interface PipelineOptions {
  readonly simulator?: SimulatorOptions;
  /** Extra or replaced environment variables of the functions. */
  readonly env?: Record<string, string>;
  /** A database to use instead of a fresh clone of the test cluster's template. */
  readonly database?: TestDatabase;
}

/** A running pipeline; close it in `finally` (or `await using`). */
export interface Pipeline {
  readonly db: TestDatabase;
  /** The runtime the handlers see; `platform.shutdown(reason)` acts like Edge Runtime's beforeunload. */
  readonly platform: TestPlatform;
  readonly sim: Simulator;
  readonly env: Record<string, string>;
  /** POSTs a body to a function and returns status and parsed JSON. */
  invoke(
    name: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Starts a database, a simulator and the function handlers. */
export async function startPipeline(options: PipelineOptions = {}): Promise<Pipeline> {
  const db = options.database ?? await createTestDatabase();
  const sim = await startSimulator({ rateScale: 5, ...options.simulator });
  const env: Record<string, string> = {
    DATABASE_URL: db.url,
    RACING_API_BASE_URL: sim.baseUrl,
    RACING_API_USERNAME: options.simulator?.username ?? "demo",
    RACING_API_PASSWORD: options.simulator?.password ?? "demo",
    RA_FUNCTION_KEY: TEST_FUNCTION_KEY,
    RA_RATE_DEFAULT: "10",
    RA_RATE_RACECARDS: "10",
    RA_RATE_COURSES: "5",
    RA_RATE_GLOBAL: "10",
    RA_REQUEST_TIMEOUT_MS: "5000",
    ...options.env,
  };
  const handlers = new Map<string, (request: Request) => Promise<Response>>();
  const platform = testPlatform();
  const handlerOf = (name: string) => {
    let handler = handlers.get(name);
    if (!handler) {
      const factory = FUNCTION_FACTORIES[name];
      if (!factory) throw new Error(`no function named ${name}`);
      handler = factory(env, { platform, logSink: () => {}, sql: db.sql });
      handlers.set(name, handler);
    }
    return handler;
  };
  const close = async () => {
    await sim.close();
    await db.drop();
  };
  return {
    db,
    platform,
    sim,
    env,
    async invoke(name, body, headers = { apikey: TEST_FUNCTION_KEY }) {
      const response = await handlerOf(name)(
        new Request(`http://127.0.0.1/functions/v1/${name}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: typeof body === "string" ? body : JSON.stringify(body),
        }),
      );
      return { status: response.status, body: await response.json() };
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
