/**
 * The Racing API simulator's HTTP server: Basic auth and plans, per-endpoint rate limits, an
 * optional Cloudflare-style lockout, faults on demand, a request log and admin routes
 * (`/_admin/ground-truth`, `/_admin/odds-truth`, `/_admin/requests`) that the real API does not
 * have.
 * @module
 */

import http from "node:http";
import type { AddressInfo } from "node:net";
import { type Account, checkCredentials, type Plan, planAllows, REFUSAL_BODIES } from "./access.ts";
import { matchRoute, NOT_FOUND } from "./api_routes.ts";
import {
  corruptBody,
  emptyListPage,
  type FaultDecision,
  FaultPlan,
  type FaultSpec,
  HTML_PAGE,
  parseFaultSpec,
  truncateBody,
} from "./faults.ts";
import type { GroundTruth, OddsTruth } from "./payload_types.ts";
import { QueryReader, validationBody } from "./query_validation.ts";
import { FREE_PLAN_RATE, RateLimiter } from "./rate_limiter.ts";
import { World } from "./world.ts";

/** Options of `startSimulator`. */
export interface SimulatorOptions {
  /** World seed. @default 42 */
  seed?: number;
  /** Account plan. @default "pro" */
  plan?: Plan;
  /** @default "demo" */
  username?: string;
  /** @default "demo" */
  password?: string;
  /** Historical results add-on (Pro only). @default false */
  historicalAddon?: boolean;
  /** Multiplies every rate limit; 0 or Infinity disables limiting. @default 1 */
  rateScale?: number;
  /** Cloudflare-style lockout (over 100 requests in 10 s → 5 minutes refused). @default false */
  lockout?: boolean;
  /** Faults on demand, as a spec object or string (see faults.ts). */
  faults?: FaultSpec | string;
  /** Port to listen on; 0 picks a free port. @default 0 */
  port?: number;
  /** Clock for "today", which races have results, rate windows and log stamps. @default real time */
  now?: () => Date;
}

/** One API request as logged (admin routes are not logged). */
export interface RequestLogEntry {
  /** Simulator clock at arrival, ms since the epoch. */
  at: number;
  method: string;
  path: string;
  /** Raw query string without the leading "?". */
  query: string;
  /** Status answered; 0 when the connection was reset or the request hung. */
  status: number;
}

/** A running simulator. */
export interface Simulator {
  baseUrl: string;
  world: World;
  requestLog: RequestLogEntry[];
  /** Every GB/IRE result and racecard the API would serve for a date range, as of `now`. */
  groundTruth(startDate: string, endDate: string): GroundTruth;
  /** Every price change of a race's market up to the off; null for an unknown race. */
  oddsTruth(raceId: string): OddsTruth | null;
  clearLog(): void;
  close(): Promise<void>;
}

const JSON_TYPE = "application/json";

function send(
  res: http.ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed || res.writableEnded) return;
  const bytes = new TextEncoder().encode(body);
  res.writeHead(status, {
    "content-type": JSON_TYPE,
    "content-length": String(bytes.length),
    ...headers,
  });
  res.end(bytes);
}

function serverErrorBody(status: number): [string, Record<string, string>] {
  if (status === 500) {
    return ["Internal Server Error", { "content-type": "text/plain; charset=utf-8" }];
  }
  const title = status === 502 ? "502 Bad Gateway" : "503 Service Temporarily Unavailable";
  return [
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n`,
    { "content-type": "text/html", server: "cloudflare" },
  ];
}

/** Starts a simulator on 127.0.0.1 (see `SimulatorOptions`). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? 42;
  const account: Account = {
    username: options.username ?? "demo",
    password: options.password ?? "demo",
    plan: options.plan ?? "pro",
    historicalAddon: options.historicalAddon ?? false,
  };
  const now = options.now ?? (() => new Date());
  const world = new World(seed);
  const limiter = new RateLimiter(options.rateScale ?? 1, options.lockout ?? false);
  const faultSpec = typeof options.faults === "string"
    ? parseFaultSpec(options.faults)
    : options.faults ?? {};
  const faults = new FaultPlan(seed, faultSpec);
  const requestLog: RequestLogEntry[] = [];
  const pending = new Set<() => void>();
  let closing = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        pending.delete(done);
        resolve();
      }
      pending.add(done);
    });

  const hang = (req: http.IncomingMessage) =>
    new Promise<void>((resolve) => {
      const done = () => {
        pending.delete(done);
        resolve();
      };
      pending.add(done);
      req.once("close", done);
    });

  function admin(url: URL, method: string, res: http.ServerResponse): void {
    if (url.pathname === "/_admin/requests" && method === "GET") {
      send(res, 200, JSON.stringify(requestLog));
    } else if (url.pathname === "/_admin/requests" && method === "DELETE") {
      requestLog.length = 0;
      res.writeHead(204).end();
    } else if (url.pathname === "/_admin/ground-truth" && method === "GET") {
      const reader = new QueryReader(url.searchParams);
      const start = reader.required("start_date") === undefined
        ? undefined
        : reader.date("start_date");
      const end = reader.required("end_date") === undefined ? undefined : reader.date("end_date");
      if (reader.issues.length || !start || !end) {
        send(res, 422, JSON.stringify(validationBody(reader.issues)));
      } else send(res, 200, JSON.stringify(world.groundTruth(start, end, now().getTime())));
    } else if (url.pathname === "/_admin/odds-truth" && method === "GET") {
      const reader = new QueryReader(url.searchParams);
      const raceId = reader.required("race_id");
      if (reader.issues.length || raceId === undefined) {
        send(res, 422, JSON.stringify(validationBody(reader.issues)));
      } else {
        const truth = world.oddsTruth(raceId);
        send(res, truth ? 200 : 404, JSON.stringify(truth ?? NOT_FOUND));
      }
    } else {
      send(res, 404, JSON.stringify(NOT_FOUND));
    }
  }

  async function answer(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    entry: RequestLogEntry,
    fault: FaultDecision,
  ): Promise<void> {
    if (fault.latencyMs > 0) await wait(fault.latencyMs);
    if (closing) return void res.destroy();
    if (fault.kind === "hang") {
      await hang(req);
      return void res.destroy();
    }
    if (fault.kind === "reset" && fault.variant % 2 === 0) return void res.destroy();
    if (fault.kind === "500" || fault.kind === "502" || fault.kind === "503") {
      const status = Number(fault.kind);
      const [body, headers] = serverErrorBody(status);
      entry.status = status;
      return send(res, status, body, headers);
    }
    const [status, body, headers] = route(req, url, entry.at);
    let text = body;
    if (status === 200 && fault.kind === "malformed") text = corruptBody(body, fault.variant);
    if (status === 200 && fault.kind === "truncated") text = truncateBody(body, fault.variant);
    if (status === 200 && fault.kind === "empty_page") text = emptyListPage(body);
    if (status === 200 && fault.kind === "blank") text = "";
    if (status === 200 && fault.kind === "html") {
      entry.status = status;
      return send(res, status, HTML_PAGE, { "content-type": "text/html; charset=UTF-8" });
    }
    if (fault.kind === "reset") {
      // Headers promise the whole body; the connection drops half-way.
      const bytes = new TextEncoder().encode(text);
      res.writeHead(status, { "content-type": JSON_TYPE, "content-length": String(bytes.length) });
      res.write(bytes.slice(0, Math.floor(bytes.length / 2)));
      await wait(5);
      return void res.destroy();
    }
    entry.status = status;
    send(res, status, text, headers);
  }

  function route(
    req: http.IncomingMessage,
    url: URL,
    nowMs: number,
  ): [number, string, Record<string, string>] {
    const found = matchRoute(url.pathname);
    if (!found) return [404, JSON.stringify(NOT_FOUND), {}];
    if (req.method !== "GET") {
      return [405, JSON.stringify({ detail: "Method Not Allowed" }), { allow: "GET" }];
    }
    const refusal = checkCredentials(account, req.headers.authorization ?? null);
    if (refusal) {
      return [401, JSON.stringify(REFUSAL_BODIES[refusal]), { "www-authenticate": "Basic" }];
    }
    if (!planAllows(account.plan, found.route.minPlan)) {
      return [401, JSON.stringify(REFUSAL_BODIES.plan), {}];
    }
    const rate = account.plan === "free"
      ? Math.min(FREE_PLAN_RATE, found.route.rate)
      : found.route.rate;
    if (!limiter.take(`${account.username} ${found.route.template}`, rate, nowMs)) {
      return [429, JSON.stringify({ detail: "Too Many Requests" }), {}];
    }
    const result = found.route.handle(world, {
      params: found.params,
      query: url.searchParams,
      nowMs,
      account,
    });
    return [result.status, JSON.stringify(result.body), {}];
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    if (url.pathname.startsWith("/_admin/")) {
      try {
        admin(url, method, res);
      } catch (error) {
        send(res, 500, JSON.stringify({ detail: String(error) }));
      }
      return;
    }
    const nowMs = now().getTime();
    const entry: RequestLogEntry = {
      at: nowMs,
      method,
      path: url.pathname,
      query: url.search.slice(1),
      status: 0,
    };
    requestLog.push(entry);
    if (!limiter.admit(nowMs)) {
      entry.status = 429;
      return send(res, 429, "error code: 1015", {
        "content-type": "text/plain; charset=UTF-8",
        server: "cloudflare",
      });
    }
    const fault = faults.next();
    answer(req, res, url, entry, fault).catch((error) => {
      entry.status = 500;
      send(
        res,
        500,
        JSON.stringify({
          detail: `Simulator error: ${error instanceof Error ? error.message : error}`,
        }),
      );
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    world,
    requestLog,
    groundTruth: (startDate, endDate) => world.groundTruth(startDate, endDate, now().getTime()),
    oddsTruth: (raceId) => world.oddsTruth(raceId),
    clearLog: () => void (requestLog.length = 0),
    close: async () => {
      if (closing) return;
      closing = true;
      for (const release of [...pending]) release();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
