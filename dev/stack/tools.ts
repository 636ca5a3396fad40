/**
 * Pinned command-line tools from npm (the Supabase CLI; Deno itself when run through npx),
 * installed on first use into tools/node_modules at the versions tools/package.json pins.
 */

const projectRoot = new URL("../../", import.meta.url).pathname;
const toolsDir = `${projectRoot}tools`;

/** Project root directory, with a trailing slash. */
export const PROJECT_ROOT = projectRoot;

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Path of the pinned Supabase CLI binary, running `npm install` in tools/ when it is missing. */
export async function supabaseBin(): Promise<string> {
  const bin = `${toolsDir}/node_modules/.bin/supabase`;
  if (!(await exists(bin))) {
    console.error("Installing the pinned Supabase CLI from npm (tools/package.json)…");
    const out = await new Deno.Command("npm", {
      args: ["install", "--no-audit", "--no-fund", "--no-save", "--prefix", toolsDir],
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!out.success) {
      throw new Error(`npm install in tools/ failed: ${new TextDecoder().decode(out.stderr)}`);
    }
  }
  return bin;
}

/** Result of one Supabase CLI call. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the Supabase CLI in the project root (where supabase/config.toml lives). */
export async function runSupabase(args: string[]): Promise<CliResult> {
  const out = await new Deno.Command(await supabaseBin(), {
    args,
    cwd: projectRoot,
    stdout: "piped",
    stderr: "piped",
    env: { SUPABASE_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
  }).output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/**
 * Applies every pending migration in supabase/migrations with `supabase db push`, the same
 * tool and ledger (supabase_migrations.schema_migrations) users deploy with.
 * @throws Error with the CLI's output when a migration fails.
 */
export async function pushMigrations(databaseUrl: string): Promise<void> {
  const result = await runSupabase(["db", "push", "--db-url", databaseUrl, "--yes"]);
  if (result.code !== 0) {
    throw new Error(
      `supabase db push failed (exit ${result.code}):\n${result.stderr}${result.stdout}`,
    );
  }
}
