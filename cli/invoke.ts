/**
 * `deno task invoke <function> [--body <json>] [--wait]`: calls a function with supabase-js
 * `functions.invoke`, against SUPABASE_URL with the key from the environment (the local stack
 * of `deno task dev` or a deployed project), and prints the answer and the run summary.
 */
import { parseArgs } from "node:util";
import {
  createClient,
  FunctionsHttpError,
  FunctionsRelayError,
  type SupabaseClient,
} from "@supabase/supabase-js";
import { runCommand, UsageError } from "./terminal.ts";

const HELP = `deno task invoke <function> [--body <json>] [--wait]

Calls an Edge Function with supabase-js functions.invoke and prints the HTTP status and the
JSON answer. Functions answer 202 with a run id and work on in the background; with --wait
they answer when the run is over, with its summary (windows, API calls, rows).

  <function>         fetch-results, fetch-racecards, sync-masters or enrich-horses
  --body <json>      the request body, a JSON object (default {"mode":"daily"})
  --wait             add "wait": true to the body
  --help             this text

Environment:
  SUPABASE_URL       project URL (https://<ref>.supabase.co), or http://127.0.0.1:54321
                     for deno task dev
  key                the first set of SUPABASE_SERVICE_ROLE_KEY, SUPABASE_SECRET_KEY,
                     RA_FUNCTION_KEY (deno task dev prints one)

Examples:
  deno task invoke fetch-racecards --body '{"mode":"daily","days_ahead":1}' --wait
  deno task invoke fetch-results --body '{"mode":"range","start_date":"2026-11-01","end_date":"2026-11-07"}'`;

/** Where the key is read from, first set wins. */
export const KEY_VARIABLES = [
  "SUPABASE_SERVICE_ROLE_KEY",
  "SUPABASE_SECRET_KEY",
  "RA_FUNCTION_KEY",
] as const;

const DEFAULT_BODY = { mode: "daily" };
const FUNCTION_NAME = /^[a-z][a-z0-9-]*$/;

/** A parsed command line. */
export interface InvokeRequest {
  readonly functionName: string;
  readonly body: Record<string, unknown>;
}

/**
 * Reads the function name and body from the arguments (`--wait` sets `"wait": true`).
 * @throws UsageError for a missing or odd function name, or a body that is not a JSON object
 */
export function parseInvokeArgs(
  positionals: readonly string[],
  options: { body?: string | undefined; wait?: boolean | undefined },
): InvokeRequest {
  const [functionName, ...extra] = positionals;
  if (functionName === undefined) {
    throw new UsageError("name the function to invoke, e.g. deno task invoke fetch-results");
  }
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(" ")}`);
  if (!FUNCTION_NAME.test(functionName)) {
    throw new UsageError(`"${functionName}" is not a function name (lower case, digits, -)`);
  }
  let body: unknown = DEFAULT_BODY;
  if (options.body !== undefined) {
    try {
      body = JSON.parse(options.body);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UsageError(`--body is not valid JSON: ${reason}`);
    }
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new UsageError(`--body must be a JSON object, e.g. '{"mode":"daily"}'`);
  }
  return {
    functionName,
    body: options.wait ? { ...body, wait: true } : { ...body },
  };
}

/** Where to call: the project URL and the key to present. */
export interface FunctionTarget {
  readonly url: string;
  readonly key: string;
}

/**
 * Reads SUPABASE_URL and the first key of KEY_VARIABLES.
 * @throws UsageError naming what is missing (never a value)
 */
export function targetFromEnv(env: Readonly<Record<string, string | undefined>>): FunctionTarget {
  const url = env.SUPABASE_URL?.trim();
  const key = KEY_VARIABLES.map((name) => env[name]?.trim()).find((value) => value);
  const missing: string[] = [];
  if (!url) {
    missing.push(
      "SUPABASE_URL is not set (https://<ref>.supabase.co, or http://127.0.0.1:54321 with deno task dev)",
    );
  } else if (!/^https?:\/\//.test(url) || !URL.canParse(url)) {
    missing.push("SUPABASE_URL must be an http(s) URL");
  }
  if (!key) missing.push(`no key is set: set one of ${KEY_VARIABLES.join(", ")}`);
  if (missing.length > 0) throw new UsageError(missing.join("; "));
  return { url: url!, key: key! };
}

/** A function's answer: the HTTP status and the body (parsed when it is JSON). */
export interface FunctionAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** The function could not be reached at all (no HTTP answer). */
export class FunctionUnreachableError extends Error {
  /** Builds the error for the function at the URL. */
  constructor(functionName: string, url: string, options?: ErrorOptions) {
    const cause = options?.cause instanceof Error ? `: ${options.cause.message}` : "";
    super(`Cannot reach function "${functionName}" at ${url}/functions/v1${cause}`, options);
    this.name = "FunctionUnreachableError";
  }
}

/** A supabase-js client for calling functions (no session, no token refresh). */
export function functionsClient(target: FunctionTarget): SupabaseClient {
  return createClient(target.url, target.key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}

async function readAnswer(response: Response): Promise<FunctionAnswer> {
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}

/**
 * Invokes a function with supabase-js and returns its answer, 2xx or not.
 * @throws FunctionUnreachableError when no HTTP answer came back
 */
export async function invokeFunction(
  client: SupabaseClient,
  target: FunctionTarget,
  request: InvokeRequest,
): Promise<FunctionAnswer> {
  const { data, error, response } = await client.functions.invoke(request.functionName, {
    body: request.body,
  });
  if (error instanceof FunctionsHttpError || error instanceof FunctionsRelayError) {
    return readAnswer(error.context as Response);
  }
  if (error) {
    // A FunctionsFetchError carries the network error as its context.
    const cause = (error as { context?: unknown }).context ?? error;
    throw new FunctionUnreachableError(request.functionName, target.url, { cause });
  }
  return { status: response?.status ?? 200, body: data };
}

/** The run summary fields a function answers with (with `"wait": true`). */
interface RunSummaryAnswer {
  run_id: string;
  function?: string;
  status: string;
  windows_done?: number;
  windows_failed?: number;
  api_calls?: number;
  rows_written?: number;
  error?: string | null;
  details?: Record<string, unknown>;
}

function isRunSummary(body: unknown): body is RunSummaryAnswer {
  if (body === null || typeof body !== "object") return false;
  const answer = body as Record<string, unknown>;
  return typeof answer.run_id === "string" && typeof answer.status === "string";
}

/** One readable paragraph for an answer that carries a run (202 accepted or a summary); else null. */
export function describeRun(body: unknown): string | null {
  if (!isRunSummary(body)) return null;
  const name = body.function ? `${body.function} ` : "";
  if (body.status === "accepted") {
    return `Run ${body.run_id} accepted: ${name}works on in the background; ` +
      "see ra_sync_runs, or invoke again with --wait";
  }
  const lines = [`Run ${body.run_id}: ${name}${body.status}`];
  if (body.windows_done !== undefined) {
    lines.push(
      `  windows   ${body.windows_done} done, ${body.windows_failed ?? 0} failed` +
        (typeof body.details?.windows_remaining === "number"
          ? `, ${body.details.windows_remaining} remaining`
          : ""),
    );
  }
  if (body.api_calls !== undefined) lines.push(`  API calls ${body.api_calls}`);
  if (body.rows_written !== undefined) lines.push(`  rows      ${body.rows_written}`);
  if (body.error) lines.push(`  error     ${body.error}`);
  return lines.join("\n");
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: Deno.args,
      allowPositionals: true,
      options: {
        body: { type: "string" },
        wait: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const request = parseInvokeArgs(positionals, values);
  const target = targetFromEnv(Deno.env.toObject());
  const answer = await invokeFunction(functionsClient(target), target, request);
  const ok = answer.status >= 200 && answer.status < 300;
  const print = ok ? console.log : console.error;
  print(`HTTP ${answer.status}`);
  print(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body, null, 2));
  const run = ok ? describeRun(answer.body) : null;
  if (run) console.log(`\n${run}`);
  return ok ? 0 : 1;
}

if (import.meta.main) await runCommand(main);
