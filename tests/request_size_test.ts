/**
 * Issue 15, finding 5: a body over 64 KB gets 413 before it is read whole, with or without a
 * Content-Length, and what a run stores as its request body is small by construction.
 */
import assert from "node:assert/strict";
import { FUNCTION_FACTORIES } from "../dev/stack/function_registry.ts";
import { REQUEST_BODY_MAX_BYTES } from "../supabase/functions/_shared/http/request_body.ts";
import { type Pipeline, startPipeline, TEST_FUNCTION_KEY } from "./support/pipeline.ts";

function handlerOf(pipeline: Pipeline, name: string) {
  const factory = FUNCTION_FACTORIES[name]!;
  return factory(pipeline.env, {
    platform: pipeline.platform,
    logSink: () => {},
    sql: pipeline.db.sql,
  });
}

function post(name: string, body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request(`http://127.0.0.1/functions/v1/${name}`, {
    method: "POST",
    headers: { apikey: TEST_FUNCTION_KEY, "content-type": "application/json", ...headers },
    body,
  });
}

/** A JSON body of `bytes` bytes, sent in 1 KB chunks with no Content-Length. */
function chunkedBody(bytes: number): ReadableStream<Uint8Array> {
  const text = JSON.stringify({ mode: "tick", pad: "x".repeat(bytes - 26) });
  const encoded = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= encoded.byteLength) return controller.close();
      controller.enqueue(encoded.subarray(offset, offset + 1024));
      offset += 1024;
    },
  });
}

async function runsStored(pipeline: Pipeline): Promise<number> {
  const [row] = await pipeline.db.sql<{ n: number }[]>`
    select count(*)::integer as n from public.ra_sync_runs`;
  return row!.n;
}

Deno.test("a body over 64 KB gets 413 with or without Content-Length, and nothing runs", async () => {
  await using pipeline = await startPipeline({ simulator: { seed: 2 } });
  const handler = handlerOf(pipeline, "enrich-horses");
  const big = JSON.stringify({ mode: "tick", pad: "x".repeat(100 * 1024) });

  const declared = await handler(post("enrich-horses", big, { "content-length": `${big.length}` }));
  assert.equal(declared.status, 413);
  const answer = await declared.json();
  assert.equal(answer.error, "payload_too_large");
  assert.match(answer.message, new RegExp(`over ${REQUEST_BODY_MAX_BYTES} bytes`));

  const streamed = await handler(post("enrich-horses", chunkedBody(100 * 1024)));
  assert.equal(streamed.status, 413);
  assert.equal((await streamed.json()).error, "payload_too_large");

  // What the harness sends (a string body, no Content-Length header) is capped too.
  const plain = await pipeline.invoke("fetch-results", { mode: "daily", pad: "x".repeat(70_000) });
  assert.equal(plain.status, 413);

  assert.equal(await runsStored(pipeline), 0);
  assert.equal(pipeline.sim.requestLog.length, 0);
});

Deno.test("a 1.2-million-item entities array is refused and nothing is stored", async () => {
  await using pipeline = await startPipeline({ simulator: { seed: 2 } });
  const entities = Array.from({ length: 1_200_000 }, () => "courses");
  const huge = await pipeline.invoke("sync-masters", { mode: "entities", entities });
  assert.equal(huge.status, 413);
  // Under the byte cap, the schema bounds the array: no more items than there are entities.
  const five = await pipeline.invoke("sync-masters", {
    mode: "entities",
    entities: ["courses", "courses", "people", "people", "regions"],
  });
  assert.equal(five.status, 400);
  assert.deepEqual((five.body.fields as { field: string }[]).map((f) => f.field), ["entities"]);
  assert.equal(await runsStored(pipeline), 0);
});
