import assert from "node:assert/strict";
import { parse } from "smol-toml";

const root = new URL("../", import.meta.url);
const FUNCTION_NAMES = ["fetch-racecards", "fetch-results", "sync-masters", "enrich-horses"];

// The keys the Supabase CLI accepts in the sections we use; any other key is a hard error
// at `supabase start`/`deploy` (see ../shared/reference/supabase-platform-notes.md §3.1).
const ACCEPTED_KEYS: Record<string, readonly string[]> = {
  "": ["project_id", "db", "edge_runtime", "functions"],
  db: ["major_version"],
  edge_runtime: ["enabled", "policy", "deno_version"],
  function: ["enabled", "verify_jwt", "import_map", "entrypoint", "static_files"],
};

function unknownKeys(table: Record<string, unknown>, accepted: readonly string[], at: string) {
  return Object.keys(table).filter((key) => !accepted.includes(key)).map((key) => `${at}${key}`);
}

async function readConfig(): Promise<Record<string, unknown>> {
  return parse(await Deno.readTextFile(new URL("supabase/config.toml", root)));
}

Deno.test("config.toml uses only keys the Supabase CLI accepts", async () => {
  const config = await readConfig();
  const problems = unknownKeys(config, ACCEPTED_KEYS[""]!, "");
  problems.push(...unknownKeys(config.db as Record<string, unknown>, ACCEPTED_KEYS.db!, "db."));
  problems.push(
    ...unknownKeys(
      config.edge_runtime as Record<string, unknown>,
      ACCEPTED_KEYS.edge_runtime!,
      "edge_runtime.",
    ),
  );
  const functions = config.functions as Record<string, Record<string, unknown>>;
  for (const [name, table] of Object.entries(functions)) {
    problems.push(...unknownKeys(table, ACCEPTED_KEYS.function!, `functions.${name}.`));
  }
  assert.deepEqual(problems, []);
});

Deno.test("config.toml runs Deno 2 per worker on Postgres 15 or 17", async () => {
  const config = await readConfig();
  const edge = config.edge_runtime as Record<string, unknown>;
  assert.equal(edge.policy, "per_worker");
  assert.equal(edge.deno_version, 2);
  assert.ok([15, 17].includes((config.db as Record<string, unknown>).major_version as number));
});

Deno.test("every function skips the gateway JWT check and has its own import map", async () => {
  const config = await readConfig();
  const functions = config.functions as Record<string, Record<string, unknown>>;
  assert.deepEqual(Object.keys(functions).sort(), [...FUNCTION_NAMES].sort());
  const rootImports = JSON.parse(await Deno.readTextFile(new URL("deno.json", root))).imports;
  for (const name of FUNCTION_NAMES) {
    const fn = functions[name]!;
    assert.equal(fn.verify_jwt, false, `${name}.verify_jwt`);
    assert.equal(fn.import_map, `./functions/${name}/deno.json`);
    const importMap = JSON.parse(
      await Deno.readTextFile(new URL(`supabase/functions/${name}/deno.json`, root)),
    );
    // A function's import map must pin exactly what the workspace pins.
    for (const [specifier, target] of Object.entries(importMap.imports)) {
      assert.equal(target, rootImports[specifier], `${name}/deno.json imports.${specifier}`);
    }
  }
});
