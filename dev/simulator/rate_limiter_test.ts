import assert from "node:assert/strict";
import { RateLimiter } from "./rate_limiter.ts";

Deno.test("take() allows a burst of one second's rate, then refills at the scaled rate", () => {
  const limiter = new RateLimiter(1, false);
  const t = 1_000_000;
  assert.deepEqual([1, 2, 3].map(() => limiter.take("a", 2, t)), [true, true, false]);
  assert.equal(limiter.take("a", 2, t + 499), false);
  assert.equal(limiter.take("a", 2, t + 500), true);
  assert.equal(limiter.take("b", 2, t), true, "buckets are separate");
  const fast = new RateLimiter(4, false);
  assert.equal(fast.take("a", 1, t), true);
  assert.equal(fast.take("a", 1, t + 250), true);
  assert.equal(fast.take("a", 1, t + 300), false);
});

Deno.test("a scale of 0 or Infinity disables limiting; a negative scale is refused", () => {
  for (const scale of [0, Infinity]) {
    const limiter = new RateLimiter(scale, true);
    for (let i = 0; i < 600; i++) {
      assert.equal(limiter.admit(5), true);
      assert.equal(limiter.take("a", 1, 5), true);
    }
  }
  assert.throws(() => new RateLimiter(-1, false), /rateScale must be 0 or more/);
});

Deno.test("admit() locks out after 100 requests in 10 s, for 5 minutes (scaled)", () => {
  const limiter = new RateLimiter(2, true);
  for (let i = 0; i < 100; i++) assert.equal(limiter.admit(i * 40), true);
  assert.equal(limiter.admit(4_000), false);
  assert.equal(limiter.admit(4_000 + 149_999), false);
  assert.equal(limiter.admit(4_000 + 150_000), true);
  const slow = new RateLimiter(1, true);
  for (let i = 0; i < 300; i++) assert.equal(slow.admit(i * 101), true, "100 per 10 s is allowed");
});
