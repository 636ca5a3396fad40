import assert from "node:assert/strict";
import { CONFIG_VARIABLES } from "../supabase/functions/_shared/config_variables.ts";

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
  const extraction = ci.split("\n").find((line) => line.startsWith("test_command="));
  assert.ok(extraction, ".ci/run reads the test command from the README");
  const out = await new Deno.Command("bash", {
    args: ["-c", `${extraction}; printf %s "$test_command"`],
    cwd: root,
    stdout: "piped",
  }).output();
  const command = new TextDecoder().decode(out.stdout);
  const block = readme.split("<!-- test-command -->")[1]!.split("<!-- /test-command -->")[0]!;
  assert.match(command, /^npx -y deno@\d+\.\d+\.\d+ task test$/);
  assert.ok(block.includes(command));
});
