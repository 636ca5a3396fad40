import assert from "node:assert/strict";
import { CONFIG_VARIABLES } from "../supabase/functions/_shared/config.ts";

const root = new URL("../", import.meta.url);
const readme = await Deno.readTextFile(new URL("README.md", root));

Deno.test("the README's configuration table lists exactly the variables the functions read", () => {
  const table = readme.split("<!-- config-table -->")[1]?.split("<!-- /config-table -->")[0] ?? "";
  const documented = [...table.matchAll(/^\| `([A-Z0-9_]+)`/gm)].map((m) => m[1]);
  assert.deepEqual(documented, CONFIG_VARIABLES.map((variable) => variable.name));
  for (const variable of CONFIG_VARIABLES) {
    if (variable.default === undefined) continue;
    const row = table.split("\n").find((line) => line.startsWith(`| \`${variable.name}\``));
    assert.ok(
      row?.includes(`\`${variable.default}\``),
      `${variable.name} default ${variable.default}`,
    );
  }
});

Deno.test("every deno task the README shows exists and its script is there", async () => {
  const tasks = JSON.parse(await Deno.readTextFile(new URL("deno.json", root))).tasks;
  const shown = new Set([...readme.matchAll(/deno(?:@[\d.]+)? task ([a-z-]+)/g)].map((m) => m[1]!));
  assert.ok(shown.size >= 8);
  for (const name of shown) {
    const task = tasks[name];
    assert.ok(task, `deno.json has task ${name}`);
    const script = task.match(/(\S+\.ts)/)?.[1];
    assert.ok(script, `task ${name} runs a script`);
    await Deno.stat(new URL(script, root));
  }
});

Deno.test("the CI entry runs the README's test command", async () => {
  const ci = await Deno.readTextFile(new URL(".ci/run", root));
  assert.match(ci, /<!-- test-command -->/);
  const block = readme.split("<!-- test-command -->")[1]!.split("<!-- /test-command -->")[0]!;
  assert.match(block, /npx -y deno@\d+\.\d+\.\d+ task test/);
});
