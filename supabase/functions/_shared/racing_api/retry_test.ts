import { equal, throws } from "node:assert/strict";
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
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  isRetriable,
  parseRetryAfter,
  retryDelayMs,
  type RetryPolicy,
  validateRetryPolicy,
} from "./retry.ts";

const target = { endpoint: "/v1/results" };
const policy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  multiplier: 3,
  jitter: 0.5,
};
const noJitter = () => 0;
const fullJitter = () => 1;

Deno.test("backoffDelayMs() grows by the multiplier and stops at maxDelayMs", () => {
  equal(backoffDelayMs(1, policy, noJitter), 100);
  equal(backoffDelayMs(2, policy, noJitter), 300);
  equal(backoffDelayMs(3, policy, noJitter), 900);
  equal(backoffDelayMs(4, policy, noJitter), 1000);
  equal(backoffDelayMs(30, policy, noJitter), 1000);
});

Deno.test("backoffDelayMs() takes off at most the jitter fraction", () => {
  equal(backoffDelayMs(2, policy, fullJitter), 150);
  equal(backoffDelayMs(2, policy, () => 0.5), 225);
  equal(backoffDelayMs(1, { ...policy, jitter: 0 }, fullJitter), 100);
});

Deno.test("DEFAULT_RETRY_POLICY waits 0.5, 1, 2, 4 s before jitter and is valid", () => {
  const waits = [1, 2, 3, 4].map((n) => backoffDelayMs(n, DEFAULT_RETRY_POLICY, noJitter));
  equal(waits.join(","), "500,1000,2000,4000");
  equal(validateRetryPolicy(DEFAULT_RETRY_POLICY), DEFAULT_RETRY_POLICY);
  equal(Object.isFrozen(DEFAULT_RETRY_POLICY), true);
});

Deno.test("validateRetryPolicy() names the field that is out of range", () => {
  throws(() => validateRetryPolicy({ ...policy, maxAttempts: 0 }), {
    name: "RangeError",
    message:
      "Cannot use retry policy as 'maxAttempts' must be a positive integer: current value is 0",
  });
  throws(() => validateRetryPolicy({ ...policy, jitter: 1.5 }), /'jitter'/);
  throws(() => validateRetryPolicy({ ...policy, maxDelayMs: 50 }), /'maxDelayMs'/);
  throws(() => validateRetryPolicy({ ...policy, multiplier: 0.5 }), /'multiplier'/);
});

Deno.test("isRetriable() retries 429, 5xx, timeouts, network errors and malformed bodies", () => {
  equal(isRetriable(new RateLimitedError(target)), true);
  equal(isRetriable(new ServerError({ ...target, status: 502 })), true);
  equal(isRetriable(new TimeoutError({ ...target, timeoutMs: 10_000 })), true);
  equal(isRetriable(new NetworkError({ ...target, cause: new TypeError("reset") })), true);
  equal(isRetriable(new MalformedBodyError({ ...target, status: 200 })), true);
});

Deno.test("isRetriable() does not retry 401, 404, 422, other statuses or foreign errors", () => {
  equal(isRetriable(new AuthError(target)), false);
  equal(isRetriable(new NotFoundError(target)), false);
  equal(isRetriable(new ValidationError422({ ...target, issues: [] })), false);
  equal(isRetriable(new RacingApiError("API answered 403", { ...target, status: 403 })), false);
  equal(isRetriable(new DOMException("aborted", "AbortError")), false);
  equal(isRetriable(new Error("boom")), false);
});

Deno.test("parseRetryAfter() reads delta seconds and HTTP dates", () => {
  const now = new Date("2026-11-22T08:00:00Z");
  equal(parseRetryAfter("3", now), 3000);
  equal(parseRetryAfter(" 0 ", now), 0);
  equal(parseRetryAfter("Sun, 22 Nov 2026 08:00:05 GMT", now), 5000);
  equal(parseRetryAfter("Sun, 22 Nov 2026 07:59:00 GMT", now), 0);
  equal(parseRetryAfter("soon", now), undefined);
  equal(parseRetryAfter("-1", now), undefined);
  equal(parseRetryAfter(null, now), undefined);
});

Deno.test("retryDelayMs() backs off for retriable errors until the attempts are spent", () => {
  const error = new ServerError({ ...target, status: 503 });
  equal(retryDelayMs(error, 1, policy, noJitter), 100);
  equal(retryDelayMs(error, 3, policy, noJitter), 900);
  equal(retryDelayMs(error, 4, policy, noJitter), undefined);
  equal(retryDelayMs(new NotFoundError(target), 1, policy, noJitter), undefined);
});

Deno.test("retryDelayMs() honours Retry-After when it is longer than the backoff", () => {
  equal(retryDelayMs(new RateLimitedError({ ...target, retryAfterMs: 700 }), 1, policy), 700);
  equal(
    retryDelayMs(new RateLimitedError({ ...target, retryAfterMs: 50 }), 2, policy, noJitter),
    300,
  );
  equal(
    retryDelayMs(new ServerError({ ...target, status: 503, retryAfterMs: 800 }), 1, policy),
    800,
  );
});

Deno.test("retryDelayMs() gives up when Retry-After is longer than maxDelayMs", () => {
  equal(
    retryDelayMs(new RateLimitedError({ ...target, retryAfterMs: 300_000 }), 1, policy),
    undefined,
  );
});
