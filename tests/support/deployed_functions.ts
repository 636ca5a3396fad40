/**
 * The deployed functions as the Deno CLI sees them: which folders deploy, each one's module
 * graph (`deno info --json`) and its bundle (`deno bundle`, esbuild underneath, fetched from
 * npm on first use and cached). Each function resolves through its own deno.json, as
 * `supabase functions deploy` does with the `import_map` in supabase/config.toml.
 */

const DENO = Deno.execPath();

/** One deployable function. */
export interface DeployedFunction {
  /** Folder name, which is the function's slug. */
  readonly name: string;
  /** Absolute path of index.ts. */
  readonly entry: string;
  /** Absolute path of the deno.json its imports resolve through. */
  readonly config: string;
}

/** A function's module graph, as `deno info --json` reports it. */
export interface ModuleGraph {
  /** Every module specifier reached, local or not. */
  readonly specifiers: string[];
  /** Absolute paths of the local (file:) modules. */
  readonly localFiles: string[];
  /** Modules the graph failed to resolve or load. */
  readonly errors: string[];
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Every folder of `functionsDir` with an index.ts; folders starting with `_` hold shared code,
 * which Supabase never deploys as a function.
 * @param functionsDir absolute path of supabase/functions
 * @param fallbackConfig deno.json to use for a function without its own
 */
export async function listDeployedFunctions(
  functionsDir: string,
  fallbackConfig: string,
): Promise<DeployedFunction[]> {
  const functions: DeployedFunction[] = [];
  for await (const entry of Deno.readDir(functionsDir)) {
    if (!entry.isDirectory || entry.name.startsWith("_")) continue;
    const dir = `${functionsDir}/${entry.name}`;
    if (!(await exists(`${dir}/index.ts`))) continue;
    const own = `${dir}/deno.json`;
    functions.push({
      name: entry.name,
      entry: `${dir}/index.ts`,
      config: (await exists(own)) ? own : fallbackConfig,
    });
  }
  return functions.sort((a, b) => a.name.localeCompare(b.name));
}

async function deno(args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const out = await new Deno.Command(DENO, {
    args,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const decoder = new TextDecoder();
  return {
    ok: out.success,
    stdout: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
  };
}

interface InfoModule {
  specifier: string;
  local?: string;
  error?: string;
}

/**
 * Walks a function's module graph with `deno info --json`; works offline from the npm cache.
 * `--no-lock` keeps a function's folder free of a lockfile; its deno.json pins exact versions.
 * @throws Error with Deno's output when `deno info` fails
 */
export async function moduleGraph(fn: DeployedFunction): Promise<ModuleGraph> {
  const out = await deno(["info", "--json", "--no-lock", "--config", fn.config, fn.entry]);
  if (!out.ok) throw new Error(`Cannot read the module graph of "${fn.name}": ${out.stderr}`);
  const info = JSON.parse(out.stdout) as { modules: InfoModule[] };
  return {
    specifiers: info.modules.map((module) => module.specifier),
    localFiles: info.modules.filter((module) => module.specifier.startsWith("file:"))
      .map((module) => module.local ?? new URL(module.specifier).pathname),
    errors: info.modules.filter((module) => module.error)
      .map((module) => `${module.specifier}: ${module.error}`),
  };
}

/**
 * Bundles a function into one unminified file, npm packages included, and returns its size.
 * Supabase deploys an eszip of the same graph; unminified esbuild output is a close, slightly
 * generous stand-in for its size.
 * @param outFile where the bundle is written
 * @returns the bundle's size in bytes
 * @throws Error with Deno's output when bundling fails
 */
export async function bundleFunction(fn: DeployedFunction, outFile: string): Promise<number> {
  const out = await deno([
    "bundle",
    "--quiet",
    "--platform",
    "deno",
    "--no-lock",
    "--config",
    fn.config,
    "--output",
    outFile,
    fn.entry,
  ]);
  if (!out.ok) throw new Error(`Cannot bundle "${fn.name}": ${out.stderr}`);
  return (await Deno.stat(outFile)).size;
}
