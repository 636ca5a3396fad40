import assert from "node:assert/strict";
import { z } from "zod";
import { BadRequestError, readRequestBody } from "./request_body.ts";

const schema = z.strictObject({
  mode: z.enum(["daily", "range"]),
  start_date: z.iso.date().optional(),
  wait: z.boolean().optional(),
});

function post(body: string): Request {
  return new Request("http://localhost/", { method: "POST", body });
}

async function problemsOf(body: string) {
  try {
    await readRequestBody(post(body), schema);
  } catch (error) {
    assert.ok(error instanceof BadRequestError);
    return error.problems.map((p) => p.field);
  }
  assert.fail("expected a BadRequestError");
}

Deno.test("readRequestBody() returns the validated body", async () => {
  const body = await readRequestBody(post('{"mode":"range","start_date":"2025-01-02"}'), schema);
  assert.deepEqual(body, { mode: "range", start_date: "2025-01-02" });
});

Deno.test("readRequestBody() names the bad field", async () => {
  assert.deepEqual(await problemsOf('{"mode":"weekly"}'), ["mode"]);
  assert.deepEqual(await problemsOf('{"mode":"range","start_date":"2025-13-40"}'), [
    "start_date",
  ]);
});

Deno.test("readRequestBody() names each unknown field", async () => {
  assert.deepEqual(await problemsOf('{"mode":"daily","dates":1,"force":true}'), [
    "dates",
    "force",
  ]);
});

Deno.test("readRequestBody() refuses a body that is not JSON", async () => {
  assert.deepEqual(await problemsOf("{mode: daily"), ["(body)"]);
});

Deno.test("readRequestBody() treats an empty body as {}", async () => {
  assert.deepEqual(await problemsOf(""), ["mode"]);
});
