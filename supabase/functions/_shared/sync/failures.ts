/**
 * How a run tells its failures apart and keeps them: which errors stop the run, which end only
 * the unit of work in hand, which a later try can get past, and the `ra_sync_errors` record of
 * every refused payload. Shared by every job, windowed or not.
 */
import type postgres from "postgres";
import {
  AuthError,
  MalformedBodyError,
  RacingApiError,
  ValidationError422,
} from "../racing_api/errors.ts";
import { QuarantinedPayloadError } from "../racing_api/quarantine.ts";
import { isRetriable } from "../racing_api/retry.ts";
import type { JobContext } from "./job_context.ts";

/**
 * A page that holds less than the API's own `total` promises (an empty page while items remain,
 * or a total that shrank between pages): kept with the page, and tried again in a later run.
 */
export class IncompletePageError extends Error {
  override name = "IncompletePageError";
  constructor(message: string, readonly payload: unknown) {
    super(message);
  }
}

// Deadlock, serialization failure, and lost or refused connections: worth another try.
const TRANSIENT_SQLSTATES = /^(40P01|40001|08\w{3}|53300|57P0[123])$/;
// postgres.js names its own connection failures by code, not SQLSTATE.
const DRIVER_CONNECTION_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
]);

// Connection exceptions, and the server shutting down or restarting.
const LOST_SQLSTATES = /^(08\w{3}|57P0[123])$/;

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** True for database errors that a later try can get past (deadlocks, dropped connections). */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined &&
    (TRANSIENT_SQLSTATES.test(code) || DRIVER_CONNECTION_CODES.has(code));
}

/** True when the database itself went away (a restart, a lost connection), not one statement. */
export function isDatabaseLost(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && (LOST_SQLSTATES.test(code) || DRIVER_CONNECTION_CODES.has(code));
}

/** True for errors that would fail every unit of work the same way, so the run must stop. */
export function isFatal(error: unknown): boolean {
  return error instanceof AuthError || error instanceof ValidationError422;
}

/** True when another try, in a later run, may succeed. */
export function isRetryable(error: unknown): boolean {
  return error instanceof IncompletePageError || isRetriable(error) ||
    isTransientDatabaseError(error);
}

/** The message of any thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What an error received from the API, when it says (the refused page, the body that was not JSON). */
export function payloadOf(error: unknown): unknown {
  if (error instanceof QuarantinedPayloadError || error instanceof IncompletePageError) {
    return error.payload;
  }
  if (error instanceof MalformedBodyError) {
    return { status: error.status, content_type: error.contentType, received: error.received };
  }
  return undefined;
}

/** Where a recorded failure happened: a window of a job, or nothing more than the run. */
export interface FailurePlace {
  readonly id?: string;
  readonly job?: string;
  readonly windowStart?: string;
  readonly windowEnd?: string;
}

/** Records a failure with its payload in ra_sync_errors; never throws on a missing run. */
export async function recordSyncError(
  sql: postgres.Sql,
  context: Pick<JobContext, "runId">,
  place: FailurePlace | null,
  detail: { endpoint?: string; params?: unknown; error: string; payload?: unknown },
): Promise<void> {
  await sql`
    insert into public.ra_sync_errors
      (run_id, checkpoint_id, job, window_start, window_end, endpoint, params, error, payload)
    values (
      ${context.runId}, ${place?.id ?? null}, ${place?.job ?? null},
      ${place?.windowStart ?? null}, ${place?.windowEnd ?? null}, ${detail.endpoint ?? null},
      ${detail.params === undefined ? null : sql.json(detail.params as postgres.JSONValue)},
      ${detail.error},
      ${detail.payload === undefined ? null : sql.json(detail.payload as postgres.JSONValue)}
    )`;
}

/** Where a failed API request was going, for the error record, when the error says. */
export function requestOf(error: unknown): { endpoint?: string; params?: unknown } {
  const endpoint = (error as { endpoint?: unknown } | null)?.endpoint;
  if (typeof endpoint !== "string") return {};
  if (!(error instanceof RacingApiError)) return { endpoint };
  return { endpoint, params: Object.fromEntries(error.query) };
}

/**
 * Tells a request the plan cannot serve (401 for an old date range without the historical
 * add-on, 422 for a range the API refuses) from credentials that are wrong for everything: a
 * 422 is about its own request; after a 401 one cheap request any plan may make is asked once
 * per run, and only when that too is refused is the run stopped.
 */
export class PlanCheck {
  #credentialsWork: Promise<boolean> | undefined;

  constructor(readonly probe: () => Promise<unknown>) {}

  /** True when the error ends only its unit of work; false when it must stop the run. */
  async refusesOnlyThisRequest(error: unknown): Promise<boolean> {
    if (error instanceof ValidationError422) return true;
    if (!(error instanceof AuthError)) return false;
    // Any failure of the probe (401, or no answer) leaves the 401 unexplained: stop the run.
    this.#credentialsWork ??= this.probe().then(() => true, () => false);
    return await this.#credentialsWork;
  }
}

/** A cheap request every plan may make: the list of regions. */
export function regionsProbe(context: Pick<JobContext, "api">): () => Promise<unknown> {
  return () => context.api.get("/v1/courses/regions");
}
