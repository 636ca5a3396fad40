import assert from "node:assert/strict";
import { isAuthorized, presentedKey } from "./auth.ts";

const keys = ["sb_secret_abc123", "service-role-jwt"];

function request(headers: Record<string, string>): Request {
  return new Request("http://localhost/functions/v1/fetch-results", { method: "POST", headers });
}

Deno.test("isAuthorized() accepts the key in apikey or as a Bearer token", () => {
  assert.equal(isAuthorized(request({ apikey: "sb_secret_abc123" }), keys), true);
  assert.equal(isAuthorized(request({ authorization: "Bearer service-role-jwt" }), keys), true);
  assert.equal(isAuthorized(request({ authorization: "bearer sb_secret_abc123" }), keys), true);
});

Deno.test("isAuthorized() refuses a missing, wrong or prefix key", () => {
  assert.equal(isAuthorized(request({}), keys), false);
  assert.equal(isAuthorized(request({ apikey: "sb_secret_abc12" }), keys), false);
  assert.equal(isAuthorized(request({ apikey: "sb_secret_abc1234" }), keys), false);
  assert.equal(isAuthorized(request({ authorization: "Basic c2I6c2VjcmV0" }), keys), false);
});

Deno.test("isAuthorized() refuses everything when no key is configured", () => {
  assert.equal(isAuthorized(request({ apikey: "" }), []), false);
  assert.equal(isAuthorized(request({ apikey: "anything" }), [""]), false);
});

Deno.test("presentedKey() prefers apikey over Authorization", () => {
  assert.equal(
    presentedKey(request({ apikey: "one", authorization: "Bearer two" })),
    "one",
  );
});
