/**
 * Runs a function's backfill mode, invocation after invocation, until its checkpoint windows are
 * all done or failed: what pg_cron does every minute on Supabase, without the waits between.
 * The bench, the crash-test worker and the pipeline tests drive the handlers with it.
 *
 * @module
 */
import type { FunctionHandler } from "./function_registry.ts";

/** The part of a function's JSON answer the loop reads. */
export interface BackfillSummary {
  status?: string;
  error?: string;
  details?: { windows_remaining?: number };
  [field: string]: unknown;
}

/** One backfill invocation: the HTTP status and the function's JSON summary. */
export type BackfillInvoke = () => Promise<{ status: number; body: BackfillSummary }>;

/** Options of drainBackfill. */
export interface DrainOptions {
  /** Gives up (throws) after this many invocations. @default 1000 */
  maxInvocations?: number;
  /** Sees every summary, e.g. to print it. */
  onSummary?: (summary: BackfillSummary) => void;
}

/** The request body that runs one backfill invocation and waits for its work. */
export const BACKFILL_REQUEST_BODY = { mode: "backfill", wait: true } as const;

/**
 * Invokes until a summary reports `windows_remaining` 0; returns every summary in order.
 * @throws Error when an invocation answers other than 200 or ends `failed` (bad credentials, a
 * 422: nothing would change on the next try), or when the invocations run out
 */
export async function drainBackfill(
  name: string,
  invoke: BackfillInvoke,
  options: DrainOptions = {},
): Promise<BackfillSummary[]> {
  const { maxInvocations = 1000, onSummary } = options;
  const summaries: BackfillSummary[] = [];
  for (let invocation = 0; invocation < maxInvocations; invocation++) {
    const { status, body } = await invoke();
    if (status !== 200) {
      throw new Error(`${name} backfill answered ${status}: ${JSON.stringify(body)}`);
    }
    onSummary?.(body);
    if (body.status === "failed") {
      throw new Error(`${name} backfill failed: ${body.error ?? JSON.stringify(body)}`);
    }
    summaries.push(body);
    if (body.details?.windows_remaining === 0) return summaries;
  }
  throw new Error(`${name} still had windows after ${maxInvocations} invocations`);
}

/** A BackfillInvoke that calls a handler in this process, as the function server would. */
export function handlerBackfillInvoke(
  handler: FunctionHandler,
  name: string,
  functionKey: string,
): BackfillInvoke {
  return async () => {
    const response = await handler(
      new Request(`http://127.0.0.1/functions/v1/${name}`, {
        method: "POST",
        headers: { apikey: functionKey, "content-type": "application/json" },
        body: JSON.stringify(BACKFILL_REQUEST_BODY),
      }),
    );
    return { status: response.status, body: await response.json() };
  };
}
