import assert from "node:assert/strict";
import { z } from "zod";
import {
  BadRequestError,
  PayloadTooLargeError,
  readBodyText,
  readRequestBody,
  REQUEST_BODY_MAX_BYTES,
} from "./request_body.ts";

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

/** A body of endless 1 KB chunks that counts what was pulled from it. */
function endlessBody() {
  const pulled = { bytes: 0 };
  const chunk = new TextEncoder().encode(`"${"x".repeat(1022)}"`);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

Deno.test("readBodyText() refuses a Content-Length over 64 KB unread", async () => {
  const body = JSON.stringify({ mode: "daily", pad: "x".repeat(100 * 1024) });
  // As Deno.serve gives it: the header the client sent, the body still on the socket.
  const request = new Request("http://localhost/", {
    method: "POST",
    body,
    headers: { "content-length": String(body.length) },
  });
  await assert.rejects(readBodyText(request), (error) => {
    assert.ok(error instanceof PayloadTooLargeError);
    assert.match(error.message, /over 65536 bytes \(content-length is \d+\)/);
    return true;
  });
  assert.equal(request.bodyUsed, false);
});

Deno.test("readBodyText() stops reading a body with no Content-Length at 64 KB", async () => {
  const { stream, pulled } = endlessBody();
  const request = new Request("http://localhost/", { method: "POST", body: stream });
  assert.equal(request.headers.get("content-length"), null);
  await assert.rejects(readBodyText(request), PayloadTooLargeError);
  assert.ok(pulled.bytes <= REQUEST_BODY_MAX_BYTES + 2 * 1024, `pulled ${pulled.bytes} bytes`);
});

Deno.test("readBodyText() reads a body of exactly 64 KB", async () => {
  const text = "x".repeat(REQUEST_BODY_MAX_BYTES);
  assert.equal(await readBodyText(post(text)), text);
});
