import assert from "node:assert/strict";
import type postgres from "postgres";
import { createTestDatabase } from "../../tests/support/db.ts";
import { startNetWorker } from "./net_worker.ts";
import { installPlatformStandins } from "./standins.ts";

interface ResponseRow {
  id: string;
  status_code: number | null;
  content_type: string | null;
  headers: Record<string, string> | null;
  content: string | null;
  timed_out: boolean | null;
  error_msg: string | null;
}

/** Waits (polling) until pg_net's response row for the request exists. */
async function responseOf(sql: postgres.Sql, id: string): Promise<ResponseRow> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const [row] = await sql<ResponseRow[]>`select * from net._http_response where id = ${id}`;
    if (row) return row;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No response recorded for request ${id}`);
}

Deno.test("startNetWorker() sends a queued POST and records status, headers and content", async () => {
  await using db = await createTestDatabase();
  await installPlatformStandins(db.sql);
  const received: { method: string; path: string; body: string; header: string | null }[] = [];
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (req) => {
      received.push({
        method: req.method,
        path: new URL(req.url).pathname + new URL(req.url).search,
        body: await req.text(),
        header: req.headers.get("x-race"),
      });
      return Response.json({ accepted: "rac_1" }, { status: 202, headers: { "x-going": "soft" } });
    },
  );
  const worker = startNetWorker(db.url, { pollMs: 20 });
  try {
    const [queued] = await db.sql<{ id: string }[]>`
      select net.http_post(
        url => ${`http://127.0.0.1:${server.addr.port}/functions/v1/fetch-results`},
        body => '{"mode": "daily"}'::jsonb,
        params => '{"day": "2026-11-21"}'::jsonb,
        headers => '{"Content-Type": "application/json", "x-race": "rac_1"}'::jsonb,
        timeout_milliseconds => 5000
      ) as id`;
    const response = await responseOf(db.sql, queued!.id);

    assert.equal(response.status_code, 202);
    assert.equal(response.content, '{"accepted":"rac_1"}');
    assert.equal(response.content_type, "application/json");
    assert.equal(response.headers?.["x-going"], "soft");
    assert.equal(response.timed_out, false);
    assert.equal(response.error_msg, null);
    assert.deepEqual(received, [{
      method: "POST",
      path: "/functions/v1/fetch-results?day=2026-11-21",
      body: '{"mode": "daily"}',
      header: "rac_1",
    }]);
    const [left] = await db.sql<{ count: number }[]>`
      select count(*)::int as count from net.http_request_queue`;
    assert.equal(left!.count, 0);
  } finally {
    await worker.stop();
  }
});

Deno.test("startNetWorker() records a request that outlives its timeout as timed_out", async () => {
  await using db = await createTestDatabase();
  await installPlatformStandins(db.sql);
  const { promise: released, resolve: release } = Promise.withResolvers<void>();
  await using server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async () => {
    await released;
    return new Response("too late");
  });
  const worker = startNetWorker(db.url, { pollMs: 20 });
  try {
    const [queued] = await db.sql<{ id: string }[]>`
      select net.http_post(
        ${`http://127.0.0.1:${server.addr.port}/functions/v1/enrich-horses`},
        timeout_milliseconds => 100
      ) as id`;
    const response = await responseOf(db.sql, queued!.id);

    assert.equal(response.timed_out, true);
    assert.equal(response.status_code, null);
    assert.equal(response.error_msg, "Timeout of 100 ms reached");
  } finally {
    release();
    await worker.stop();
  }
});

Deno.test("startNetWorker() records a refused connection as an error, not a timeout", async () => {
  await using db = await createTestDatabase();
  await installPlatformStandins(db.sql);
  // A port that was free a moment ago: nothing listens there.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = listener.addr.port;
  listener.close();
  const worker = startNetWorker(db.url, { pollMs: 20 });
  try {
    const [queued] = await db.sql<{ id: string }[]>`
      select net.http_post(${`http://127.0.0.1:${port}/functions/v1/sync-masters`}) as id`;
    const response = await responseOf(db.sql, queued!.id);

    assert.equal(response.timed_out, false);
    assert.equal(response.status_code, null);
    assert.match(response.error_msg ?? "", /\S/);
  } finally {
    await worker.stop();
  }
});
