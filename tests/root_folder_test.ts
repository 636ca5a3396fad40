/**
 * As root the server runs as the `postgres` user, who cannot enter a clone in /root or in a
 * 0700 `mktemp -d` folder. This clones the project (its committed state, as a user gets it) into
 * such a folder and runs one query through the test harness from there.
 */
import assert from "node:assert/strict";
import { PROJECT_ROOT } from "../dev/stack/tools.ts";

const AS_ROOT = Deno.uid() === 0;
if (!AS_ROOT) {
  console.error("tests/root_folder_test.ts: skipped, it tests what happens only when run as root");
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** Runs a command and returns its stdout; throws with its output when it fails. */
async function run(
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<string> {
  const out = await new Deno.Command(cmd, { args, ...options, stdout: "piped", stderr: "piped" })
    .output();
  const decoder = new TextDecoder();
  const stdout = decoder.decode(out.stdout);
  if (!out.success) {
    throw new Error(
      `Cannot run ${cmd} ${args.join(" ")}: exit ${out.code}\n${stdout}${
        decoder.decode(out.stderr)
      }`,
    );
  }
  return stdout;
}

/** A clone of the project in a new folder the `postgres` user cannot enter, removed by dispose. */
async function closedClone(): Promise<{ folder: string; clone: string } & AsyncDisposable> {
  const folder = await Deno.makeTempDir({ prefix: "root-folder-" });
  const dispose = () => Deno.remove(folder, { recursive: true });
  try {
    await Deno.chmod(folder, 0o700);
    const entered = await new Deno.Command("runuser", {
      args: ["-u", "postgres", "--", "test", "-x", folder],
    }).output();
    assert.equal(entered.success, false, `the postgres user can enter ${folder}`);
    const clone = `${folder}/darkhorses-sync`;
    await run("git", ["clone", "--quiet", PROJECT_ROOT, clone]);
    // The pinned tools (Supabase CLI, PostgreSQL 17) come from this checkout through a link that
    // keeps the clone's paths; installing them again would take minutes and test npm, not this.
    const tools = `${PROJECT_ROOT}tools/node_modules`;
    if (await exists(tools)) await Deno.symlink(tools, `${clone}/tools/node_modules`);
    return { folder, clone, [Symbol.asyncDispose]: dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

Deno.test({
  name: "with_db.ts starts the test cluster from a clone in a 0700 folder, as root (root only)",
  ignore: !AS_ROOT,
  fn: async () => {
    await using closed = await closedClone();
    const output = await run(
      Deno.execPath(),
      ["run", "-A", "dev/test/with_db.ts", "sh", "-c", 'psql "$RA_TEST_ADMIN_URL" -Atc "$QUERY"'],
      {
        cwd: closed.clone,
        env: {
          QUERY: "select current_setting('data_directory') || ' ' || " +
            "(select count(*) from supabase_migrations.schema_migrations)",
        },
      },
    );
    const [dataDir = "", migrations = "0"] = output.trim().split(" ");
    assert.ok(Number(migrations) > 0, `no migration applied: ${output}`);
    assert.ok(!dataDir.startsWith(closed.folder), `data directory ${dataDir} is in the clone`);
    assert.equal(await exists(dataDir), false, `${dataDir} is left after the cluster stopped`);
  },
});

Deno.test({
  name: "PostgreSQL 17 from tools/ starts from a clone in a 0700 folder, as root (root only)",
  ignore: !AS_ROOT || Deno.build.os !== "linux" || Deno.build.arch !== "x86_64",
  fn: async () => {
    await using closed = await closedClone();
    const script = `${closed.clone}/.local/start_17.ts`;
    await Deno.mkdir(`${closed.clone}/.local`);
    await Deno.writeTextFile(
      script,
      `import postgres from "postgres";
import { startPostgres } from "../dev/stack/postgres.ts";
import { embeddedPostgres17 } from "../dev/stack/postgres17.ts";

const server = await embeddedPostgres17();
if (!server) throw new Error("PostgreSQL 17 is not in tools/: run npm install --prefix tools");
const cluster = await startPostgres({ server });
try {
  const sql = postgres(cluster.url(), { max: 1 });
  const [row] = await sql\`select current_setting('server_version_num') as version\`;
  await sql.end();
  console.log(row.version, cluster.dataDir);
} finally {
  await cluster.stop();
}
`,
    );
    const output = await run(Deno.execPath(), ["run", "-A", "--no-check", script], {
      cwd: closed.clone,
    });
    const [version = "0", dataDir = ""] = output.trim().split(" ");
    assert.ok(Number(version) >= 170000, `server version ${version}`);
    assert.equal(await exists(dataDir), false, `${dataDir} is left after the cluster stopped`);
  },
});
