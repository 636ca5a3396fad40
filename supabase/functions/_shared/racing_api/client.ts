/**
 * The HTTP client of The Racing API: Basic auth, query strings with repeated keys, a timeout
 * per attempt, the shared throttle before every attempt, retries per the policy, and JSON
 * parsing. It counts its calls and hands every good answer to `onResponse` (the raw archive).
 * Credentials go into the Authorization header only: never into a URL, a message or a log.
 */
import { type Clock, SYSTEM_CLOCK } from "../clock.ts";
import { type EndpointFamily, endpointFamily } from "./families.ts";
import {
  AuthError,
  MalformedBodyError,
  NetworkError,
  NotFoundError,
  RacingApiError,
  RateLimitedError,
  type RequestTarget,
  ServerError,
  TimeoutError,
  ValidationError422,
  type ValidationIssue,
} from "./errors.ts";
import {
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  retryDelayMs,
  type RetryPolicy,
  validateRetryPolicy,
} from "./retry.ts";

/** A query value: arrays become repeated keys, undefined is left out. */
export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;

/** Query parameters of a request, in the order they are sent. */
export type Query = Readonly<Record<string, QueryValue>>;

/** Waits until a request of an endpoint family may go (see sync/throttle.ts). */
export interface Throttle {
  /** Resolves when the caller may send; rejects with the signal's reason when it aborts. */
  acquire(family: EndpointFamily, signal?: AbortSignal): Promise<void>;
}

/** One good answer, as handed to `onResponse`. */
export interface ApiResponseRecord {
  /** Request path, e.g. `/v1/results`. */
  readonly endpoint: string;
  /** Query as sent: strings, or string arrays for repeated keys. */
  readonly params: Readonly<Record<string, string | readonly string[]>>;
  /** HTTP status (2xx). */
  readonly status: number;
  /** Parsed JSON body. */
  readonly body: unknown;
  /** The body as it arrived (JSON text), so an archive need not encode it again. */
  readonly bodyText: string;
  /** When the answer arrived. */
  readonly fetchedAt: Date;
}

/** Options of createRacingApiClient. */
export interface RacingApiClientOptions {
  /** API origin, e.g. `https://api.theracingapi.com` (no credentials in it). */
  readonly baseUrl: string;
  /** API username (Basic auth). */
  readonly username: string;
  /** API password (Basic auth). */
  readonly password: string;
  /** Gate every attempt passes first. */
  readonly throttle: Throttle;
  /** Time allowed per attempt, body included. @default 30000 */
  readonly timeoutMs?: number;
  /** @default DEFAULT_RETRY_POLICY */
  readonly retryPolicy?: RetryPolicy;
  /** Aborts every request and wait of this client (budget, shutdown). */
  readonly signal?: AbortSignal;
  /** Called with every good answer before get() resolves; its errors reach the caller. */
  readonly onResponse?: (record: ApiResponseRecord) => void | Promise<void>;
  /** Times the parsing of each good answer (a run counts it against its CPU budget). */
  readonly parseMeter?: { measure<T>(work: () => T): T };
  /** @default SYSTEM_CLOCK */
  readonly clock?: Clock;
  /** Jitter source. @default Math.random */
  readonly random?: () => number;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

/** Counters of a client. */
export interface ClientStats {
  /** HTTP requests sent, retries included. */
  readonly calls: number;
  /** Attempts that were retries. */
  readonly retries: number;
}

/** A client of The Racing API. */
export interface RacingApiClient {
  /**
   * GETs a path and returns its parsed JSON body, retrying what the policy allows.
   * @throws RacingApiError subclasses; the signal's reason when aborted
   */
  get(path: string, query?: Query, options?: GetOptions): Promise<unknown>;
  /** Calls and retries so far. */
  readonly stats: ClientStats;
}

/** Options of one `get`. */
export interface GetOptions {
  /** Aborts this request and its retries. */
  readonly signal?: AbortSignal;
  /**
   * Parses a 2xx body; a SyntaxError makes it a MalformedBodyError. Error bodies always go
   * through JSON.parse. @default JSON.parse
   */
  readonly parse?: (text: string) => unknown;
}

/** Default time allowed per attempt. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The query as `[key, value]` pairs: arrays as repeated keys, undefined left out. */
export function queryPairs(query: Query = {}): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value) pairs.push([key, String(item)]);
    } else {
      pairs.push([key, String(value)]);
    }
  }
  return pairs;
}

/** The full URL of a request: base URL, path and query with repeated keys for arrays. */
export function buildUrl(baseUrl: string, path: string, query: Query = {}): string {
  const search = new URLSearchParams(queryPairs(query)).toString();
  return `${baseUrl.replace(/\/+$/, "")}${path}${search ? `?${search}` : ""}`;
}

/** The query as the archive stores it: strings, or string arrays for repeated keys. */
function archivedParams(query: Query): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    params[key] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return params;
}

/** `Basic base64(user:pass)`, UTF-8 safe. */
function basicAuthorization(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** The problems a 422 body lists (`{"detail":[{"loc":[…],"msg":…}]}` or `{"detail":"…"}`). */
export function validationIssues(body: unknown): ValidationIssue[] {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (typeof detail === "string") return [{ location: "request", message: detail }];
  if (!Array.isArray(detail)) return [];
  return detail.map((item: unknown) => {
    const { loc, msg } = (item ?? {}) as { loc?: unknown; msg?: unknown };
    return {
      location: Array.isArray(loc) ? loc.map(String).join(".") : "request",
      message: typeof msg === "string" ? msg : "invalid",
    };
  });
}

const NOT_JSON = Symbol("not JSON");

function parseJson(text: string, parse: (text: string) => unknown = JSON.parse): unknown {
  try {
    return parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** The `detail` text of an error body (FastAPI style), shortened; undefined when there is none. */
function detailOf(body: unknown): string | undefined {
  const detail = (body as { detail?: unknown } | null)?.detail;
  return typeof detail === "string" && detail.trim() !== "" ? detail.slice(0, 300) : undefined;
}

/** The error for an answer that is not a success. */
function statusError(response: Response, body: unknown, target: RequestTarget, now: Date): Error {
  const status = response.status;
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now);
  if (status === 401) return new AuthError({ ...target, reason: detailOf(body) });
  if (status === 404) return new NotFoundError(target);
  if (status === 422) {
    return new ValidationError422({
      ...target,
      issues: body === NOT_JSON ? [] : validationIssues(body),
    });
  }
  if (status === 429) return new RateLimitedError({ ...target, retryAfterMs });
  if (status >= 500) return new ServerError({ ...target, status, retryAfterMs });
  const hint = status === 403
    ? " (blocked: an IP cool-off at Cloudflare or a blocked account; wait before trying again)"
    : "";
  return new RacingApiError(`API answered ${status}${hint}`, { ...target, status, retryAfterMs });
}

/**
 * Creates a client of The Racing API.
 * @throws RangeError when the retry policy or timeout is out of range, or the base URL is not
 * an http(s) URL without credentials
 */
export function createRacingApiClient(options: RacingApiClientOptions): RacingApiClient {
  const {
    baseUrl,
    throttle,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    retryPolicy = DEFAULT_RETRY_POLICY,
    signal: clientSignal,
    onResponse,
    parseMeter,
    clock = SYSTEM_CLOCK,
    random = Math.random,
    fetch: fetchFn = globalThis.fetch,
  } = options;
  validateRetryPolicy(retryPolicy);
  if (!(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw new RangeError(
      `Cannot create the Racing API client as 'timeoutMs' must be a positive integer: current value is ${timeoutMs}`,
    );
  }
  const base = URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  if (!base || !/^https?:$/.test(base.protocol) || base.username || base.password) {
    throw new RangeError(
      "Cannot create the Racing API client as 'baseUrl' must be an http(s) URL without credentials",
    );
  }
  const headers = {
    authorization: basicAuthorization(options.username, options.password),
    accept: "application/json",
  };
  const stats = { calls: 0, retries: 0 };

  async function attempt(
    url: string,
    target: RequestTarget,
    query: Query,
    callerSignal: AbortSignal | undefined,
    parse: ((text: string) => unknown) | undefined,
  ): Promise<unknown> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
    const noAnswer = (error: unknown): unknown => {
      if (callerSignal?.aborted) return callerSignal.reason;
      if (timeout.aborted) return new TimeoutError({ ...target, timeoutMs, cause: error });
      return new NetworkError({ ...target, cause: error });
    };
    stats.calls++;
    let response: Response;
    let text: string;
    try {
      response = await fetchFn(url, { headers, signal });
      text = await response.text();
    } catch (error) {
      throw noAnswer(error);
    }
    const fetchedAt = clock.now();
    if (!response.ok) throw statusError(response, parseJson(text), target, fetchedAt);
    const body = parseMeter
      ? parseMeter.measure(() => parseJson(text, parse))
      : parseJson(text, parse);
    if (body === NOT_JSON) {
      throw new MalformedBodyError({
        ...target,
        status: response.status,
        received: text,
        contentType: response.headers.get("content-type"),
      });
    }
    await onResponse?.({
      endpoint: target.endpoint,
      params: archivedParams(query),
      status: response.status,
      body,
      bodyText: text,
      fetchedAt,
    });
    return body;
  }

  async function get(
    path: string,
    query: Query = {},
    getOptions: GetOptions = {},
  ): Promise<unknown> {
    const signals = [clientSignal, getOptions.signal].filter((s): s is AbortSignal => !!s);
    const callerSignal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const url = buildUrl(baseUrl, path, query);
    const target: RequestTarget = { endpoint: path, query: queryPairs(query) };
    const family = endpointFamily(path);
    for (let attemptNo = 1;; attemptNo++) {
      callerSignal?.throwIfAborted();
      await throttle.acquire(family, callerSignal);
      try {
        return await attempt(url, target, query, callerSignal, getOptions.parse);
      } catch (error) {
        const wait = retryDelayMs(error, attemptNo, retryPolicy, random);
        if (wait === undefined) throw error;
        stats.retries++;
        await clock.sleep(wait, callerSignal);
      }
    }
  }

  return {
    get,
    get stats(): ClientStats {
      return { ...stats };
    },
  };
}
