import { deepEqual, equal, ok } from "node:assert/strict";
import {
  AuthError,
  MalformedBodyError,
  NetworkError,
  NotFoundError,
  RacingApiError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  ValidationError422,
} from "./errors.ts";

const results = {
  endpoint: "/v1/results",
  query: [["start_date", "2024-05-01"], ["region", "gb"], ["region", "ire"]] as const,
};

Deno.test("ValidationError422 states the request and every issue", () => {
  const error = new ValidationError422({
    ...results,
    issues: [
      { location: "query.limit", message: "Input should be less than or equal to 100" },
      { location: "query.end_date", message: "field required" },
    ],
  });
  equal(
    error.message,
    "Cannot fetch /v1/results (start_date=2024-05-01, region=gb, region=ire): API answered 422: " +
      "query.limit: Input should be less than or equal to 100; query.end_date: field required",
  );
  equal(error.name, "ValidationError422");
  equal(error.status, 422);
  equal(error.endpoint, "/v1/results");
  deepEqual(error.issues.map((issue) => issue.location), ["query.limit", "query.end_date"]);
  ok(error instanceof RacingApiError);
});

Deno.test("AuthError says what to check without any credential", () => {
  const error = new AuthError({ endpoint: "/v1/racecards/pro", query: [["date", "2024-05-01"]] });
  equal(
    error.message,
    "Cannot fetch /v1/racecards/pro (date=2024-05-01): API answered 401: the username or " +
      "password is wrong, the account is inactive, or the plan does not include this endpoint " +
      "or date range (check RACING_API_USERNAME, RACING_API_PASSWORD and the plan)",
  );
  equal(error.status, 401);
});

Deno.test("AuthError ends with the API's own reason when its body gave one", () => {
  const error = new AuthError({
    endpoint: "/v1/results",
    reason: "Results older than 12 months require the historical results add-on (Pro plan)",
  });
  equal(
    error.message,
    "Cannot fetch /v1/results: API answered 401: the username or password is wrong, the " +
      "account is inactive, or the plan does not include this endpoint or date range (check " +
      'RACING_API_USERNAME, RACING_API_PASSWORD and the plan); the API said: "Results older ' +
      'than 12 months require the historical results add-on (Pro plan)"',
  );
  equal(
    error.reason,
    "Results older than 12 months require the historical results add-on (Pro plan)",
  );
});

Deno.test("MalformedBodyError says an empty body is empty and keeps the start of what arrived", () => {
  const empty = new MalformedBodyError({ endpoint: "/v1/results", status: 200, received: "" });
  equal(empty.message, "Cannot fetch /v1/results: API answered 200 with an empty body");
  const html = new MalformedBodyError({
    endpoint: "/v1/results",
    status: 200,
    received: `<html>${"x".repeat(5000)}</html>`,
    contentType: "text/html",
  });
  equal(html.message, "Cannot fetch /v1/results: API answered 200 with a body that is not JSON");
  equal(html.received.length, 2000);
  ok(html.received.startsWith("<html>xx"));
  equal(html.contentType, "text/html");
});

Deno.test("each error class sets its name and status", () => {
  const target = { endpoint: "/v1/horses/hrs_1/pro" };
  const cases: [RacingApiError, string, number | null][] = [
    [new NotFoundError(target), "NotFoundError", 404],
    [new RateLimitedError({ ...target, retryAfterMs: 2000 }), "RateLimitedError", 429],
    [new ServerError({ ...target, status: 502 }), "ServerError", 502],
    [new NetworkError(target), "NetworkError", null],
    [new TimeoutError({ ...target, timeoutMs: 100 }), "TimeoutError", null],
    [new MalformedBodyError({ ...target, status: 200 }), "MalformedBodyError", 200],
  ];
  for (const [error, name, status] of cases) {
    equal(error.name, name);
    equal(error.status, status);
    ok(error.message.startsWith("Cannot fetch /v1/horses/hrs_1/pro: "), error.message);
  }
});

Deno.test("RateLimitedError keeps the wait the API asked for", () => {
  const error = new RateLimitedError({ endpoint: "/v1/results", retryAfterMs: 1500 });
  equal(error.retryAfterMs, 1500);
  equal(
    error.message,
    "Cannot fetch /v1/results: API answered 429: rate limit exceeded (retry after 2 s)",
  );
});

Deno.test("NetworkError and TimeoutError keep their cause", () => {
  const cause = new TypeError("connection refused");
  const network = new NetworkError({ endpoint: "/v1/courses", cause });
  equal(network.cause, cause);
  equal(
    network.message,
    "Cannot fetch /v1/courses: no answer from the API (network error: connection refused)",
  );
  const timeout = new TimeoutError({ endpoint: "/v1/courses", timeoutMs: 250, cause });
  equal(timeout.message, "Cannot fetch /v1/courses: no answer within 250 ms");
  equal(timeout.timeoutMs, 250);
});
