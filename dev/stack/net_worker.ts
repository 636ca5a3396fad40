/**
 * The local stand-in for pg_net's background worker: takes the requests queued in
 * `net.http_request_queue` (by `net.http_post`), sends them with fetch under their own timeout
 * and writes each outcome to `net._http_response` under the request's id.
 */
import postgres from "postgres";

/** Options of {@linkcode startNetWorker}. */
export interface NetWorkerOptions {
  /** Milliseconds between polls of an empty queue. @default 200 */
  pollMs?: number;
  /** Most requests taken per poll (pg_net's batch size). @default 200 */
  batchSize?: number;
  /** Called with an error of the polling loop; the loop goes on. @default writes to stderr */
  onError?: (error: unknown) => void;
}

/** A running worker. */
export interface NetWorker {
  /** Stops polling, cancels requests in flight (recorded as errors) and closes the connection. */
  stop(): Promise<void>;
}

/** A request row as pg_net queues it (bigint ids arrive as strings). */
interface QueuedRequest {
  id: string;
  method: string;
  url: string;
  headers: Record<string, unknown> | null;
  body: Uint8Array | null;
  timeout_milliseconds: number;
}

/** What `net._http_response` records of one request. */
interface HttpOutcome {
  status_code: number | null;
  content_type: string | null;
  headers: Record<string, string> | null;
  content: string | null;
  timed_out: boolean;
  error_msg: string | null;
}

/** Reported through `onError` when the outcome of a request cannot be written. */
export class NetWorkerError extends Error {
  /** @param requestId the pg_net request id */
  constructor(readonly requestId: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "NetWorkerError";
  }
}

const DEFAULT_POLL_MS = 200;
const DEFAULT_BATCH_SIZE = 200;

/** Sends one queued request and describes its outcome the way pg_net records it. */
async function performRequest(
  request: Omit<QueuedRequest, "id">,
  signal?: AbortSignal,
): Promise<HttpOutcome> {
  const timeout = AbortSignal.timeout(request.timeout_milliseconds);
  const combined = signal ? AbortSignal.any([timeout, signal]) : timeout;
  try {
    const response = await fetch(request.url, {
      method: request.method.toUpperCase(),
      headers: Object.fromEntries(
        Object.entries(request.headers ?? {}).map(([name, value]) => [name, String(value)]),
      ),
      body: request.body === null ? undefined : new Uint8Array(request.body),
      signal: combined,
    });
    const content = await response.text();
    return {
      status_code: response.status,
      content_type: response.headers.get("content-type"),
      headers: Object.fromEntries(response.headers),
      content,
      timed_out: false,
      error_msg: null,
    };
  } catch (error) {
    if (timeout.aborted) {
      return failure(true, `Timeout of ${request.timeout_milliseconds} ms reached`);
    }
    if (signal?.aborted) return failure(false, "Request cancelled: the net worker stopped");
    return failure(false, error instanceof Error ? error.message : String(error));
  }
}

function failure(timedOut: boolean, message: string): HttpOutcome {
  return {
    status_code: null,
    content_type: null,
    headers: null,
    content: null,
    timed_out: timedOut,
    error_msg: message,
  };
}

function reportToStderr(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(JSON.stringify({ level: "error", component: "net_worker", message }));
}

/**
 * Starts polling the queue of the database at `databaseUrl` (which needs the pg_net stand-in or
 * nothing else reading the queue). Requests run concurrently, as pg_net runs a batch.
 */
export function startNetWorker(databaseUrl: string, options: NetWorkerOptions = {}): NetWorker {
  const {
    pollMs = DEFAULT_POLL_MS,
    batchSize = DEFAULT_BATCH_SIZE,
    onError = reportToStderr,
  } = options;
  if (!(pollMs > 0)) throw new RangeError(`Cannot start the net worker: pollMs must be > 0`);
  if (!(Number.isInteger(batchSize) && batchSize > 0)) {
    throw new RangeError(`Cannot start the net worker: batchSize must be a positive integer`);
  }

  const sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });
  const stopping = new AbortController();
  const inFlight = new Set<Promise<void>>();

  const takeBatch = () =>
    sql<QueuedRequest[]>`
      delete from net.http_request_queue q
      where q.id in (
        select id from net.http_request_queue order by id limit ${batchSize}
        for update skip locked
      )
      returning q.id, q.method, q.url, q.headers, q.body, q.timeout_milliseconds`;

  const record = async (id: string, outcome: HttpOutcome) => {
    await sql`
      insert into net._http_response
        (id, status_code, content_type, headers, content, timed_out, error_msg)
      values (${id}, ${outcome.status_code}, ${outcome.content_type},
        ${outcome.headers === null ? null : sql.json(outcome.headers)}, ${outcome.content},
        ${outcome.timed_out}, ${outcome.error_msg})`;
  };

  const handle = async (request: QueuedRequest) => {
    try {
      await record(request.id, await performRequest(request, stopping.signal));
    } catch (error) {
      onError(
        new NetWorkerError(request.id, `Cannot record the response of request ${request.id}`, {
          cause: error,
        }),
      );
    }
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        stopping.signal.removeEventListener("abort", done);
        resolve();
      }
      stopping.signal.addEventListener("abort", done);
    });

  const loop = async () => {
    while (!stopping.signal.aborted) {
      let taken = 0;
      try {
        const batch = await takeBatch();
        taken = batch.length;
        for (const request of batch) {
          const task = handle(request).finally(() => inFlight.delete(task));
          inFlight.add(task);
        }
      } catch (error) {
        if (!stopping.signal.aborted) onError(error);
      }
      if (taken < batchSize) await sleep(pollMs);
    }
  };
  const running = loop();

  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        stopping.abort();
        await running;
        await Promise.all(inFlight);
        await sql.end({ timeout: 5 });
      })();
      return stopped;
    },
  };
}
