/**
 * No import circle among the deployed modules: every function's graph (`deno info --json`, type
 * imports included, since `import type` circles tie modules together just the same) is walked
 * and its strongly connected components must all be single modules that do not import
 * themselves.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { listDeployedFunctions } from "./support/deployed_functions.ts";

const ROOT_URL = new URL("../", import.meta.url).href;
const PROJECT_ROOT = fileURLToPath(ROOT_URL);

/** Local module → the local modules it imports (code or type). */
type ImportGraph = Map<string, Set<string>>;

interface InfoDependency {
  code?: { specifier?: string };
  type?: { specifier?: string };
}

interface InfoModule {
  specifier: string;
  dependencies?: InfoDependency[];
}

/** The local (file:) import graph of an entry, as `deno info --json` resolves it. */
async function localImports(entry: string, config?: string): Promise<ImportGraph> {
  const args = ["info", "--json", "--no-lock", ...(config ? ["--config", config] : []), entry];
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const decoder = new TextDecoder();
  assert.ok(out.success, `deno info ${entry} failed: ${decoder.decode(out.stderr)}`);
  const { modules } = JSON.parse(decoder.decode(out.stdout)) as { modules: InfoModule[] };
  const graph: ImportGraph = new Map();
  for (const module of modules) {
    if (!module.specifier.startsWith("file:")) continue;
    const targets = new Set<string>();
    for (const dependency of module.dependencies ?? []) {
      for (const target of [dependency.code?.specifier, dependency.type?.specifier]) {
        if (target?.startsWith("file:")) targets.add(target);
      }
    }
    graph.set(module.specifier, targets);
  }
  return graph;
}

/** The import circles of a graph: each strongly connected component of more than one module,
 * or of one module that imports itself (Tarjan's algorithm). */
function findCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.has(node)) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

function relative(specifier: string): string {
  return specifier.startsWith(ROOT_URL) ? specifier.slice(ROOT_URL.length) : specifier;
}

Deno.test("findCycles() finds a circle closed by a type-only import, and none in a tree", async () => {
  const dir = await Deno.makeTempDir({ prefix: "import_graph_test_" });
  try {
    await Deno.writeTextFile(
      `${dir}/a.ts`,
      'import type { B } from "./b.ts";\nexport type A = B;\n',
    );
    await Deno.writeTextFile(`${dir}/b.ts`, 'import "./a.ts";\nexport type B = number;\n');
    await Deno.writeTextFile(`${dir}/main.ts`, 'import "./b.ts";\n');
    const cycles = findCycles(await localImports(`${dir}/main.ts`));
    assert.deepEqual(cycles.map((cycle) => cycle.map((file) => file.split("/").pop())), [
      ["a.ts", "b.ts"],
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  const tree: ImportGraph = new Map([["a", new Set(["b", "c"])], ["b", new Set(["c"])]]);
  assert.deepEqual(findCycles(tree), []);
  assert.deepEqual(findCycles(new Map([["a", new Set(["a"])]])), [["a"]]);
});

Deno.test("no deployed function's modules import each other in a circle", async () => {
  const functions = await listDeployedFunctions(
    `${PROJECT_ROOT}supabase/functions`,
    `${PROJECT_ROOT}deno.json`,
  );
  assert.ok(functions.length >= 4, "expected the four functions");
  const found: string[] = [];
  for (const fn of functions) {
    for (const cycle of findCycles(await localImports(fn.entry, fn.config))) {
      found.push(`${fn.name}: ${cycle.map(relative).join(" <-> ")}`);
    }
  }
  assert.deepEqual(found, []);
});
