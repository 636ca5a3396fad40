import assert from "node:assert/strict";
import type { FunctionFactory } from "./function_registry.ts";
import { startFunctionServer } from "./function_server.ts";

/** A stand-in function that echoes what it was built with and what it received. */
function echoFactory(builds: string[]): FunctionFactory {
  return (env) => {
    builds.push(env.RA_REGIONS ?? "");
    return async (request) =>
      Response.json({
        method: request.method,
        path: new URL(request.url).pathname,
        body: request.method === "POST" ? await request.json() : null,
        regions: env.RA_REGIONS,
      });
  };
}

Deno.test("startFunctionServer() routes /functions/v1/<name> to the factory's handler, built once", async () => {
  const builds: string[] = [];
  const server = startFunctionServer({
    port: 0,
    env: { RA_REGIONS: "gb,ire" },
    factories: { "fetch-results": echoFactory(builds) },
  });
  try {
    const posted = await fetch(`${server.url}/functions/v1/fetch-results`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ mode: "daily" }),
    });
    assert.equal(posted.status, 200);
    assert.deepEqual(await posted.json(), {
      method: "POST",
      path: "/functions/v1/fetch-results",
      body: { mode: "daily" },
      regions: "gb,ire",
    });

    const health = await fetch(`${server.url}/functions/v1/fetch-results`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), {
      method: "GET",
      path: "/functions/v1/fetch-results",
      body: null,
      regions: "gb,ire",
    });
    assert.deepEqual(builds, ["gb,ire"]);
  } finally {
    await server.close();
  }
});

Deno.test("startFunctionServer() passes handlerOptions to the factory with the environment", async () => {
  const logSink = () => {};
  const seen: unknown[] = [];
  const server = startFunctionServer({
    port: 0,
    env: { RA_REGIONS: "gb" },
    handlerOptions: { logSink },
    factories: {
      "sync-masters": (env, options) => {
        seen.push(env.RA_REGIONS, options?.logSink);
        return () => Promise.resolve(new Response(null, { status: 204 }));
      },
    },
  });
  try {
    const response = await fetch(`${server.url}/functions/v1/sync-masters`, { method: "POST" });
    assert.equal(response.status, 204);
    assert.deepEqual(seen, ["gb", logSink]);
  } finally {
    await server.close();
  }
});

Deno.test("startFunctionServer() answers 404 JSON for an unknown function or path", async () => {
  const server = startFunctionServer({
    port: 0,
    env: {},
    factories: { "fetch-results": echoFactory([]) },
  });
  try {
    const unknown = await fetch(`${server.url}/functions/v1/fetch-odds`, { method: "POST" });
    assert.equal(unknown.status, 404);
    assert.deepEqual(await unknown.json(), { error: 'Function "fetch-odds" not found' });

    const inherited = await fetch(`${server.url}/functions/v1/toString`);
    assert.equal(inherited.status, 404);
    await inherited.body?.cancel();

    const elsewhere = await fetch(`${server.url}/rest/v1/ra_mst_races`);
    assert.equal(elsewhere.status, 404);
    assert.deepEqual(await elsewhere.json(), { error: "Not found" });
  } finally {
    await server.close();
  }
});

Deno.test("startFunctionServer() answers 500 JSON when a factory or a handler throws", async () => {
  const reported: string[] = [];
  const server = startFunctionServer({
    port: 0,
    env: {},
    onError: (name, error) => reported.push(`${name}: ${(error as Error).message}`),
    factories: {
      "sync-masters": () => {
        throw new Error("Missing environment variable RACING_API_USERNAME");
      },
      "enrich-horses": () => () => Promise.reject(new Error("horse hrs_1 exploded")),
    },
  });
  try {
    const unbuilt = await fetch(`${server.url}/functions/v1/sync-masters`, { method: "POST" });
    assert.equal(unbuilt.status, 500);
    assert.deepEqual(await unbuilt.json(), {
      error:
        'Cannot start function "sync-masters": Missing environment variable RACING_API_USERNAME',
    });

    const failed = await fetch(`${server.url}/functions/v1/enrich-horses`, { method: "POST" });
    assert.equal(failed.status, 500);
    assert.deepEqual(await failed.json(), { error: 'Function "enrich-horses" failed' });
    assert.deepEqual(reported, ["enrich-horses: horse hrs_1 exploded"]);
  } finally {
    await server.close();
  }
});
