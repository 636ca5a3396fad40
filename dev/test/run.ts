/**
 * `deno task test`: the whole gate, as CI runs it.
 *
 * Static checks (fmt, lint, type check), then one throwaway PostgreSQL cluster with the
 * migrations pushed by the Supabase CLI: generated types compared with the committed ones,
 * `supabase db lint`, every Deno test, and the pgTAP tests in supabase/tests through pg_prove
 * (each file in a fresh clone of the template database). The last line is
 * `N passed, N failed`. The cluster is stopped on every exit path.
 *
 * Flags: --update-types rewrites _shared/db/database_types.ts instead of comparing;
 *        --filter <text> runs only the Deno tests whose name contains the text.
 */
import postgres from "postgres";
import { parseArgs } from "node:util";
import { PROJECT_ROOT, runSupabase } from "../stack/tools.ts";
import { clusterBaseDir, createDatabase } from "../stack/postgres.ts";
import {
  removeStaleClusters,
  startTestCluster,
  TEMPLATE_DATABASE,
  type TestCluster,
} from "./test_cluster.ts";

const TYPES_FILE = "supabase/functions/_shared/db/database_types.ts";

const { values: flags } = parseArgs({
  args: Deno.args,
  options: {
    "update-types": { type: "boolean", default: false },
    filter: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (flags.help) {
  console.log(
    "deno task test [--filter <text>] [--update-types]\n\n" +
      "Runs deno fmt --check, deno lint, deno check, then starts a throwaway PostgreSQL 15\n" +
      "with pg_cron, pushes the migrations with the Supabase CLI, checks the generated types\n" +
      "and `supabase db lint`, runs every Deno test and the pgTAP tests, and stops the server.\n" +
      "  --filter <text>   only Deno tests whose name contains <text>\n" +
      "  --update-types    rewrite " + TYPES_FILE + " from the migrated schema",
  );
  Deno.exit(0);
}

let passed = 0;
let failed = 0;
const failures: string[] = [];

function record(name: string, ok: boolean, detail = ""): void {
  if (ok) passed++;
  else {
    failed++;
    failures.push(detail ? `${name}: ${detail}` : name);
  }
  console.log(`${ok ? "ok  " : "FAIL"} ${name}`);
}

async function run(
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
  capture = false,
): Promise<{ ok: boolean; output: string }> {
  const child = new Deno.Command(cmd, {
    args,
    env,
    cwd: PROJECT_ROOT,
    stdout: capture ? "piped" : "inherit",
    stderr: capture ? "piped" : "inherit",
  });
  const out = await child.output();
  const decoder = new TextDecoder();
  const output = capture ? decoder.decode(out.stdout) + decoder.decode(out.stderr) : "";
  return { ok: out.success, output };
}

const deno = Deno.execPath();

async function staticChecks(): Promise<void> {
  for (
    const [name, args] of [
      ["deno fmt --check", ["fmt", "--check"]],
      ["deno lint", ["lint"]],
      ["deno check", ["check", "."]],
    ] as const
  ) {
    const result = await run(deno, [...args]);
    record(name, result.ok);
  }
}

async function checkGeneratedTypes(cluster: TestCluster): Promise<void> {
  const generated = await runSupabase([
    "gen",
    "types",
    "typescript",
    "--db-url",
    `${cluster.postgres.url(TEMPLATE_DATABASE)}?sslmode=disable`,
  ]);
  if (generated.code !== 0) {
    record("supabase gen types", false, generated.stderr.trim());
    return;
  }
  const path = `${PROJECT_ROOT}${TYPES_FILE}`;
  if (flags["update-types"]) {
    await Deno.writeTextFile(path, generated.stdout);
    record("supabase gen types (updated)", true);
    return;
  }
  const committed = await Deno.readTextFile(path).catch(() => "");
  record(
    "generated database types equal the migrated schema",
    committed === generated.stdout,
    `${TYPES_FILE} differs from \`supabase gen types typescript\`; run deno task test --update-types`,
  );
}

async function dbLint(cluster: TestCluster): Promise<void> {
  const url = cluster.postgres.url(TEMPLATE_DATABASE);
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin`create extension if not exists plpgsql_check`;
  } finally {
    await admin.end();
  }
  const result = await runSupabase(["db", "lint", "--db-url", url, "--level", "warning"]);
  const clean = result.code === 0 && !/"level":\s*"(warning|error)"/.test(result.stdout);
  record("supabase db lint", clean, (result.stdout + result.stderr).trim().slice(0, 2000));
  const cleanup = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await cleanup`drop extension if exists plpgsql_check`;
  } finally {
    await cleanup.end();
  }
}

function countDenoTests(output: string): { passed: number; failed: number } | null {
  const summary = [...output.matchAll(/\| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/g)].at(
    -1,
  );
  if (!summary) return null;
  return { passed: Number(summary[1]), failed: Number(summary[2]) };
}

async function denoTests(cluster: TestCluster): Promise<void> {
  const args = ["test", "-A", "--parallel", "--no-check"];
  if (flags.filter) args.push("--filter", flags.filter);
  const child = new Deno.Command(deno, {
    args,
    cwd: PROJECT_ROOT,
    env: { ...cluster.env, DENO_JOBS: "2", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  let output = "";
  const decoder = new TextDecoder();
  for await (const chunk of child.stdout) {
    const text = decoder.decode(chunk);
    output += text;
    await Deno.stdout.write(chunk);
  }
  const status = await child.status;
  const counts = countDenoTests(output);
  if (!counts) {
    record("deno test", false, "no test summary found");
    return;
  }
  passed += counts.passed;
  failed += counts.failed;
  if (counts.failed > 0 || !status.success) {
    failures.push(`deno test: ${counts.failed} failed`);
    if (counts.failed === 0) record("deno test exit status", false);
  }
}

async function pgTapTests(cluster: TestCluster): Promise<void> {
  const dir = `${PROJECT_ROOT}supabase/tests`;
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.endsWith(".sql")) files.push(entry.name);
  }
  files.sort();
  const admin = postgres(cluster.postgres.url(), { max: 1, onnotice: () => {} });
  try {
    for (const [index, file] of files.entries()) {
      const database = `pgtap_${index}`;
      const url = await createDatabase(cluster.postgres, database, TEMPLATE_DATABASE);
      const setup = postgres(url, { max: 1, onnotice: () => {} });
      await setup`create extension if not exists pgtap`;
      await setup.end();
      const result = await run("pg_prove", ["--verbose", "-d", url, `${dir}/${file}`], {}, true);
      const okLines = result.output.match(/^ok \d+/gm)?.length ?? 0;
      const notOkLines = result.output.match(/^not ok \d+/gm)?.length ?? 0;
      passed += okLines;
      failed += notOkLines;
      if (!result.ok) {
        console.log(result.output);
        if (notOkLines === 0) record(`pg_prove ${file}`, false, "pg_prove failed");
        else failures.push(`pg_prove ${file}: ${notOkLines} failed`);
      } else {
        console.log(`ok   pgTAP ${file}: ${okLines} tests`);
      }
      await admin.unsafe(`drop database ${database} with (force)`);
    }
  } finally {
    await admin.end();
  }
}

async function main(): Promise<number> {
  await staticChecks();
  await removeStaleClusters(await clusterBaseDir());
  let cluster: TestCluster | undefined;
  const stop = async (code: number) => {
    await cluster?.stop();
    Deno.exit(code);
  };
  Deno.addSignalListener("SIGINT", () => stop(130));
  Deno.addSignalListener("SIGTERM", () => stop(143));
  try {
    cluster = await startTestCluster();
    record("migrations pushed with supabase db push", true);
    await checkGeneratedTypes(cluster);
    await dbLint(cluster);
    await denoTests(cluster);
    await pgTapTests(cluster);
  } catch (error) {
    record("test harness", false, error instanceof Error ? error.message : String(error));
  } finally {
    await cluster?.stop();
  }
  if (failures.length > 0) {
    console.log("\nFailures:");
    for (const failure of failures) console.log(`  - ${failure}`);
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

Deno.exit(await main());
