/**
 * What can go wrong when asking The Racing API, one named class per cause so that the retry
 * policy and the sync loop decide by class. Messages state the request that failed
 * ("Cannot fetch /v1/results (start_date=2024-05-01): API answered 422: …") and never hold a
 * credential: the client builds them from the path and the query only.
 */

/** Where a failed request was going: its path and its query as sent. */
export interface RequestTarget {
  /** Request path, e.g. `/v1/results`. */
  readonly endpoint: string;
  /** Query pairs as sent (repeated keys for arrays); never holds a credential. */
  readonly query?: readonly (readonly [string, string])[];
}

/** Options shared by every Racing API error. */
export interface RacingApiErrorOptions extends RequestTarget {
  /** HTTP status, or null when no answer came (network error, timeout). */
  readonly status?: number | null;
  /** Wait the API asked for (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number | undefined;
  /** The underlying error. */
  readonly cause?: unknown;
}

/** `(key=value, …)` for a message, or nothing without a query. */
function describeQuery(query: RequestTarget["query"]): string {
  if (!query || query.length === 0) return "";
  return ` (${query.map(([key, value]) => `${key}=${value}`).join(", ")})`;
}

/** Base of every error the Racing API client throws. */
export class RacingApiError extends Error {
  /** HTTP status, or null when no answer came. */
  readonly status: number | null;
  /** Request path, e.g. `/v1/results`. */
  readonly endpoint: string;
  /** Query pairs of the failed request. */
  readonly query: readonly (readonly [string, string])[];
  /** Wait the API asked for (`Retry-After`), in milliseconds, when it said. */
  readonly retryAfterMs: number | undefined;

  /** Builds "Cannot fetch <endpoint> (<query>): <problem>". */
  constructor(problem: string, options: RacingApiErrorOptions) {
    super(
      `Cannot fetch ${options.endpoint}${describeQuery(options.query)}: ${problem}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = "RacingApiError";
    this.status = options.status ?? null;
    this.endpoint = options.endpoint;
    this.query = options.query ?? [];
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** 401: wrong username or password, or the plan does not include the endpoint or date range. */
export class AuthError extends RacingApiError {
  /** What the API said (its `detail`), when it said anything. */
  readonly reason: string | undefined;

  /** Builds the 401 error for a request, with the API's own reason when its body gave one. */
  constructor(options: RequestTarget & { reason?: string | undefined; cause?: unknown }) {
    const said = options.reason ? `; the API said: "${options.reason}"` : "";
    super(
      "API answered 401: the username or password is wrong, the account is inactive, or the " +
        "plan does not include this endpoint or date range (check RACING_API_USERNAME, " +
        `RACING_API_PASSWORD and the plan)${said}`,
      { ...options, status: 401 },
    );
    this.name = "AuthError";
    this.reason = options.reason;
  }
}

/** One problem a 422 answer reported: where (`query.limit`) and what. */
export interface ValidationIssue {
  /** Location of the bad input, dotted (`query.limit`). */
  readonly location: string;
  /** What the API said about it. */
  readonly message: string;
}

/** 422: the API rejected the request's parameters. */
export class ValidationError422 extends RacingApiError {
  /** Every problem the API listed. */
  readonly issues: readonly ValidationIssue[];

  /** Builds the 422 error from the issues the API listed. */
  constructor(options: RequestTarget & { issues: readonly ValidationIssue[]; cause?: unknown }) {
    const listed = options.issues.map((issue) => `${issue.location}: ${issue.message}`).join("; ");
    super(`API answered 422: ${listed || "invalid request"}`, { ...options, status: 422 });
    this.name = "ValidationError422";
    this.issues = options.issues;
  }
}

/** 404: no such race, horse or route. */
export class NotFoundError extends RacingApiError {
  /** Builds the 404 error for a request. */
  constructor(options: RequestTarget & { cause?: unknown }) {
    super("API answered 404: not found", { ...options, status: 404 });
    this.name = "NotFoundError";
  }
}

/** 429: over the API's rate limit. */
export class RateLimitedError extends RacingApiError {
  /** Builds the 429 error, with the wait the API asked for when it sent `Retry-After`. */
  constructor(options: RequestTarget & { retryAfterMs?: number | undefined; cause?: unknown }) {
    const after = options.retryAfterMs === undefined
      ? ""
      : ` (retry after ${Math.ceil(options.retryAfterMs / 1000)} s)`;
    super(`API answered 429: rate limit exceeded${after}`, { ...options, status: 429 });
    this.name = "RateLimitedError";
  }
}

/** 5xx: the API failed on its side. */
export class ServerError extends RacingApiError {
  /** Builds the error for a 5xx status. */
  constructor(
    options: RequestTarget & { status: number; retryAfterMs?: number | undefined; cause?: unknown },
  ) {
    super(`API answered ${options.status}: server error`, options);
    this.name = "ServerError";
  }
}

/** No answer: DNS, connection refused or reset. */
export class NetworkError extends RacingApiError {
  /** Builds the error for a request that got no answer. */
  constructor(options: RequestTarget & { cause?: unknown }) {
    const reason = options.cause instanceof Error ? `: ${options.cause.message}` : "";
    super(`no answer from the API (network error${reason})`, { ...options, status: null });
    this.name = "NetworkError";
  }
}

/** No full answer within the request timeout. */
export class TimeoutError extends RacingApiError {
  /** Milliseconds the request was given. */
  readonly timeoutMs: number;

  /** Builds the error for a request that ran out of time. */
  constructor(options: RequestTarget & { timeoutMs: number; cause?: unknown }) {
    super(`no answer within ${options.timeoutMs} ms`, { ...options, status: null });
    this.name = "TimeoutError";
    this.timeoutMs = options.timeoutMs;
  }
}

/** Characters of a refused body kept for the error record. */
export const RECEIVED_BODY_MAX_CHARS = 2_000;

/** A success status whose body is not JSON (truncated, HTML from a proxy, empty). */
export class MalformedBodyError extends RacingApiError {
  /** The start of what arrived (at most RECEIVED_BODY_MAX_CHARS characters). */
  readonly received: string;
  /** The answer's content type, when it gave one. */
  readonly contentType: string | null;

  /** Builds the error for an unreadable body, keeping the start of what arrived. */
  constructor(
    options: RequestTarget & {
      status: number;
      received?: string;
      contentType?: string | null;
      cause?: unknown;
    },
  ) {
    const received = options.received ?? "";
    const what = received.trim() === "" ? "an empty body" : "a body that is not JSON";
    super(`API answered ${options.status} with ${what}`, options);
    this.name = "MalformedBodyError";
    this.received = received.slice(0, RECEIVED_BODY_MAX_CHARS);
    this.contentType = options.contentType ?? null;
  }
}
