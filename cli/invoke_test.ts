import assert from "node:assert/strict";
import type { FunctionFactory } from "../dev/stack/function_registry.ts";
import { startFunctionServer } from "../dev/stack/function_server.ts";
import { describeRun, parseInvokeArgs, targetFromEnv } from "./invoke.ts";
import { UsageError } from "./terminal.ts";

const PROJECT_ROOT = new URL("../", import.meta.url).pathname;
const KEY = "invoke-test-key";

Deno.test("parseInvokeArgs() reads the function and body; --wait adds wait: true", () => {
  assert.deepEqual(
    parseInvokeArgs(["fetch-results"], { body: '{"mode":"range","start_date":"2026-11-01"}' }),
    { functionName: "fetch-results", body: { mode: "range", start_date: "2026-11-01" } },
  );
  assert.deepEqual(parseInvokeArgs(["enrich-horses"], { body: '{"mode":"drain"}', wait: true }), {
    functionName: "enrich-horses",
    body: { mode: "drain", wait: true },
  });
  assert.deepEqual(parseInvokeArgs(["fetch-results"], {}), {
    functionName: "fetch-results",
    body: { mode: "daily" },
  });
});

Deno.test("parseInvokeArgs() refuses a missing name, bad JSON and a body that is not an object", () => {
  assert.throws(() => parseInvokeArgs([], {}), UsageError);
  assert.throws(() => parseInvokeArgs(["Fetch_Results"], {}), /not a function name/);
  assert.throws(() => parseInvokeArgs(["a", "b"], {}), /unexpected arguments: b/);
  assert.throws(
    () => parseInvokeArgs(["fetch-results"], { body: "{mode:daily}" }),
    (error) => error instanceof UsageError && /--body is not valid JSON/.test(error.message),
  );
  assert.throws(
    () => parseInvokeArgs(["fetch-results"], { body: "[1]" }),
    /--body must be a JSON object/,
  );
});

Deno.test("targetFromEnv() takes SUPABASE_URL and the first key set, and names what is missing", () => {
  assert.deepEqual(
    targetFromEnv({
      SUPABASE_URL: "http://127.0.0.1:54321",
      SUPABASE_SECRET_KEY: "secret",
      RA_FUNCTION_KEY: "function",
    }),
    { url: "http://127.0.0.1:54321", key: "secret" },
  );
  assert.deepEqual(
    targetFromEnv({ SUPABASE_URL: "https://x.supabase.co", RA_FUNCTION_KEY: "function" }),
    { url: "https://x.supabase.co", key: "function" },
  );
  assert.throws(
    () => targetFromEnv({ SUPABASE_SERVICE_ROLE_KEY: "hidden-value" }),
    (error) =>
      error instanceof UsageError && /SUPABASE_URL is not set/.test(error.message) &&
      !error.message.includes("hidden-value"),
  );
  assert.throws(
    () => targetFromEnv({ SUPABASE_URL: "http://127.0.0.1:54321", RA_FUNCTION_KEY: " " }),
    /no key is set: set one of SUPABASE_SERVICE_ROLE_KEY, SUPABASE_SECRET_KEY, RA_FUNCTION_KEY/,
  );
});

Deno.test("describeRun() renders a summary, an accepted run, and nothing for other answers", () => {
  assert.equal(
    describeRun({
      run_id: "r1",
      function: "fetch-results",
      status: "partial",
      windows_done: 3,
      windows_failed: 1,
      api_calls: 7,
      rows_written: 420,
      error: "Cannot fetch results",
      details: { windows_remaining: 2 },
    }),
    [
      "Run r1: fetch-results partial",
      "  windows   3 done, 1 failed, 2 remaining",
      "  API calls 7",
      "  rows      420",
      "  error     Cannot fetch results",
    ].join("\n"),
  );
  assert.equal(
    describeRun({ run_id: "r2", function: "sync-masters", status: "accepted" }),
    "Run r2 accepted: sync-masters works on in the background; see ra_sync_runs, or invoke again with --wait",
  );
  assert.equal(describeRun({ error: "unauthorized" }), null);
  assert.equal(describeRun("text"), null);
});

/** A function that checks the key supabase-js sends and answers like the real envelope. */
const stubFunction: FunctionFactory = () => async (request) => {
  const apikey = request.headers.get("apikey");
  const bearer = request.headers.get("authorization");
  if (apikey !== KEY || bearer !== `Bearer ${KEY}`) {
    return Response.json({ error: "unauthorized" }, { status: 401 });
  }
  const body = await request.json();
  if (body.mode !== "daily") {
    return Response.json({ error: "bad_request", message: "mode: must be daily" }, {
      status: 400,
    });
  }
  if (!body.wait) return Response.json({ run_id: "r-202", status: "accepted" }, { status: 202 });
  return Response.json({
    run_id: "r-200",
    function: "fetch-results",
    status: "succeeded",
    windows_done: 1,
    windows_failed: 0,
    api_calls: 2,
    rows_written: 30,
    error: null,
    details: { windows_remaining: 0 },
  });
};

async function runInvoke(args: string[], env: Record<string, string>) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "cli/invoke.ts", ...args],
    cwd: PROJECT_ROOT,
    clearEnv: true,
    env: { HOME: Deno.env.get("HOME") ?? "/root", PATH: Deno.env.get("PATH") ?? "", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

Deno.test("deno task invoke calls the function with supabase-js and prints status, JSON and run summary", async () => {
  const server = startFunctionServer({
    port: 0,
    env: {},
    factories: { "fetch-results": stubFunction },
  });
  const env = { SUPABASE_URL: server.url, RA_FUNCTION_KEY: KEY, NO_COLOR: "1" };
  try {
    const waited = await runInvoke(["fetch-results", "--wait"], env);
    assert.equal(waited.code, 0, waited.stderr);
    assert.ok(waited.stdout.startsWith("HTTP 200\n{\n"), waited.stdout);
    assert.ok(
      waited.stdout.endsWith(
        "\nRun r-200: fetch-results succeeded\n  windows   1 done, 0 failed, 0 remaining\n" +
          "  API calls 2\n  rows      30\n",
      ),
      waited.stdout,
    );

    const accepted = await runInvoke(["fetch-results", "--body", '{"mode":"daily"}'], env);
    assert.equal(accepted.code, 0, accepted.stderr);
    assert.ok(accepted.stdout.startsWith("HTTP 202\n"), accepted.stdout);
    assert.match(accepted.stdout, /Run r-202 accepted/);

    const refused = await runInvoke(["fetch-results", "--body", '{"mode":"weekly"}'], env);
    assert.equal(refused.code, 1);
    assert.equal(refused.stdout, "");
    assert.ok(refused.stderr.includes('HTTP 400\n{\n  "error": "bad_request"'), refused.stderr);

    const wrongKey = await runInvoke(["fetch-results"], { ...env, RA_FUNCTION_KEY: "other" });
    assert.equal(wrongKey.code, 1);
    assert.match(wrongKey.stderr, /HTTP 401/);

    const unknown = await runInvoke(["no-such-function"], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /HTTP 404[\s\S]*Function \\"no-such-function\\" not found/);
  } finally {
    await server.close();
  }
});

Deno.test("deno task invoke exits 2 on usage errors and 1 when nothing answers", async () => {
  const badJson = await runInvoke(["fetch-results", "--body", "{"], {
    SUPABASE_URL: "http://127.0.0.1:9",
    RA_FUNCTION_KEY: KEY,
  });
  assert.equal(badJson.code, 2);
  assert.match(badJson.stderr, /^error: --body is not valid JSON/);

  const noEnv = await runInvoke(["fetch-results"], {});
  assert.equal(noEnv.code, 2);
  assert.match(noEnv.stderr, /SUPABASE_URL is not set.*no key is set/);

  // A port nothing listens on: bind one, note it, close it.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const unreachable = await runInvoke(["fetch-results"], {
    SUPABASE_URL: `http://127.0.0.1:${port}`,
    RA_FUNCTION_KEY: KEY,
  });
  assert.equal(unreachable.code, 1);
  assert.match(
    unreachable.stderr,
    new RegExp(`error: Cannot reach function "fetch-results" at http://127.0.0.1:${port}`),
  );
  assert.ok(!unreachable.stderr.includes(KEY));
});
