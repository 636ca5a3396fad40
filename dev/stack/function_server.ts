/**
 * Serves the Edge Functions locally at `<url>/functions/v1/<name>`, like
 * `supabase functions serve`, so that pg_net (or its stand-in worker), the CLI and tests reach
 * them at the same paths as on Supabase.
 */
import {
  FUNCTION_FACTORIES,
  type FunctionFactory,
  type FunctionHandler,
} from "./function_registry.ts";

/** Port `supabase functions serve` answers on, through the local API gateway. */
export const DEFAULT_FUNCTION_PORT = 54321;

const FUNCTION_PATH = /^\/functions\/v1\/([^/]+)(?:\/.*)?$/;

/** Options of {@linkcode startFunctionServer}. */
export interface FunctionServerOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. @default 54321 */
  port?: number;
  /** Environment each function is built with, as it would see it when deployed. */
  env: Record<string, string | undefined>;
  /** Functions by name. @default FUNCTION_FACTORIES of function_registry.ts */
  factories?: Record<string, FunctionFactory>;
  /** Passed to every factory with `env` (e.g. a logger or clock for tests). */
  handlerOptions?: Parameters<FunctionFactory>[1];
  /** Called when a handler throws (the caller gets a 500). @default a JSON line on stderr */
  onError?: (name: string, error: unknown) => void;
}

/** A running function server. */
export interface FunctionServer {
  /** Base URL (like the project URL): functions are at `${url}/functions/v1/<name>`. */
  readonly url: string;
  /** Stops accepting requests and waits for those in flight. */
  close(): Promise<void>;
}

function jsonError(status: number, error: string): Response {
  return Response.json({ error }, { status });
}

function reportToStderr(name: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(
    JSON.stringify({ level: "error", component: "function_server", function: name, message }),
  );
}

/** Starts the local function server; each function's handler is built on its first request. */
export function startFunctionServer(options: FunctionServerOptions): FunctionServer {
  const {
    port = DEFAULT_FUNCTION_PORT,
    env,
    factories = FUNCTION_FACTORIES,
    handlerOptions,
    onError = reportToStderr,
  } = options;
  const handlers = new Map<string, FunctionHandler>();

  const handlerFor = (name: string): FunctionHandler => {
    let handler = handlers.get(name);
    if (!handler) {
      handler = factories[name]!(env, handlerOptions);
      handlers.set(name, handler);
    }
    return handler;
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port, onListen() {} }, async (request) => {
    const name = FUNCTION_PATH.exec(new URL(request.url).pathname)?.[1];
    if (name === undefined || !Object.hasOwn(factories, name)) {
      return jsonError(404, name === undefined ? "Not found" : `Function "${name}" not found`);
    }
    let handler: FunctionHandler;
    try {
      handler = handlerFor(name);
    } catch (error) {
      // A factory that rejects its environment says which variable is missing, never a value.
      const detail = error instanceof Error ? error.message : String(error);
      return jsonError(500, `Cannot start function "${name}": ${detail}`);
    }
    try {
      return await handler(request);
    } catch (error) {
      onError(name, error);
      return jsonError(500, `Function "${name}" failed`);
    }
  });

  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    close: () => server.shutdown(),
  };
}
