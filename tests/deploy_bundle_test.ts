/**
 * Deploy readiness of every function in supabase/functions: it bundles under Supabase's 20 MB
 * limit, its module graph holds nothing from dev/, cli/ or tests/, and no deployed module calls
 * a Deno API the Edge Runtime does not offer (subprocesses, file writes).
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  bundleFunction,
  listDeployedFunctions,
  moduleGraph,
} from "./support/deployed_functions.ts";
import { findForbiddenApis, findForbiddenModules } from "./support/edge_api_scan.ts";

// Supabase's limit on a bundled function (docs: functions/limits), read as decimal megabytes,
// the stricter reading.
const SIZE_LIMIT_BYTES = 20_000_000;
const ROOT_URL = new URL("../", import.meta.url).href;
const PROJECT_ROOT = fileURLToPath(ROOT_URL);

const functions = await listDeployedFunctions(
  `${PROJECT_ROOT}supabase/functions`,
  `${PROJECT_ROOT}deno.json`,
);

Deno.test("findForbiddenApis() finds subprocesses and file writes in a source text", () => {
  const source = [
    "// A comment may name Deno.Command.",
    'const child = new Deno.Command("ls", { args: ["-l"] });',
    "await Deno.writeTextFile('/var/x', 'y'); Deno.run({ cmd: ['x'] });",
    'const file = await Deno["open"]("/tmp/x", { write: true });',
    "const { mkdir, env: vars } = Deno;",
    "Deno.serve(() => new Response(Deno.env.get('A') ?? Deno.build.os));",
    "const text = await Deno.readTextFile('a'); Deno.runtime; Deno.removeSignalListener;",
  ].join("\n");
  assert.deepEqual(findForbiddenApis(source), [
    { line: 2, api: "Deno.Command", reason: "subprocess" },
    { line: 3, api: "Deno.writeTextFile", reason: "file write" },
    { line: 3, api: "Deno.run", reason: "subprocess" },
    { line: 4, api: "Deno.open", reason: "file write" },
    { line: 5, api: "Deno.mkdir", reason: "file write" },
  ]);
});

Deno.test("findForbiddenModules() refuses dev/, cli/, tests/, test files and child_process", () => {
  const root = "file:///p/";
  assert.deepEqual(
    findForbiddenModules([
      "file:///p/supabase/functions/_shared/log.ts",
      "npm:/postgres@3.4.9",
      "node:crypto",
      "file:///p/dev/simulator/server.ts",
      "file:///p/cli/status.ts",
      "file:///p/tests/support/db.ts",
      "file:///p/supabase/functions/_shared/log_test.ts",
      "file:///p/docs/x.ts",
      "file:///elsewhere/x.ts",
      "node:child_process",
    ], root),
    [
      "dev/simulator/server.ts: in dev/, which is never deployed",
      "cli/status.ts: in cli/, which is never deployed",
      "tests/support/db.ts: in tests/, which is never deployed",
      "supabase/functions/_shared/log_test.ts: a test file",
      "docs/x.ts: outside supabase/functions/",
      "file:///elsewhere/x.ts: outside the project",
      "node:child_process: subprocess",
    ],
  );
});

Deno.test("the deployed functions are the four jobs and any other folder with an index.ts", () => {
  const names = functions.map((fn) => fn.name);
  for (const name of ["enrich-horses", "fetch-racecards", "fetch-results", "sync-masters"]) {
    assert.ok(names.includes(name), `${name} is found`);
  }
});

for (const fn of functions) {
  Deno.test(`${fn.name}: deployable (graph, Edge Runtime APIs, bundle size)`, async () => {
    const graph = await moduleGraph(fn);
    assert.deepEqual(graph.errors, [], "every module resolves");
    assert.ok(graph.localFiles.includes(fn.entry), "the graph starts at index.ts");
    assert.deepEqual(findForbiddenModules(graph.specifiers, ROOT_URL), []);

    const apiUses: string[] = [];
    for (const file of graph.localFiles) {
      for (const finding of findForbiddenApis(await Deno.readTextFile(file))) {
        const path = file.slice(PROJECT_ROOT.length);
        apiUses.push(`${path}:${finding.line} ${finding.api} (${finding.reason})`);
      }
    }
    assert.deepEqual(apiUses, [], "no deployed module uses an API the Edge Runtime lacks");

    const dir = await Deno.makeTempDir({ prefix: "deploy_bundle_" });
    try {
      const size = await bundleFunction(fn, `${dir}/${fn.name}.js`);
      const share = ((size / SIZE_LIMIT_BYTES) * 100).toFixed(1);
      console.log(
        `${fn.name}: bundle ${(size / 1024).toFixed(0)} KiB (${share}% of 20 MB), ` +
          `${graph.localFiles.length} local modules`,
      );
      assert.ok(size < SIZE_LIMIT_BYTES, `${fn.name} bundle is ${size} bytes`);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}
