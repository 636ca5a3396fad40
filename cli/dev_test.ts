/**
 * `deno task dev` as a user runs it: it comes up with the schedules in pg_cron and the secrets
 * pointing at its function server, serves a call, and Ctrl+C stops all of it.
 */
import assert from "node:assert/strict";
import postgres from "postgres";

const PROJECT_ROOT = new URL("../", import.meta.url).pathname;
const READY_LINE = "Function logs follow.";

/** Reads stdout lines until the ready line (or the end), and returns them. */
async function readUntilReady(lines: AsyncIterator<string>): Promise<string[]> {
  const seen: string[] = [];
  while (true) {
    const next = await lines.next();
    if (next.done) return seen;
    seen.push(next.value);
    if (next.value === READY_LINE) return seen;
  }
}

async function* splitLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  let buffer = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    buffer += chunk;
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    yield* lines;
  }
  if (buffer) yield buffer;
}

async function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  try {
    (await Deno.connect({ hostname, port: Number(port) })).close();
    return true;
  } catch {
    return false;
  }
}

Deno.test("deno task dev starts the stack with its schedules, serves functions, and SIGINT stops it all", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "cli/dev.ts", "--port", "0"],
    cwd: PROJECT_ROOT,
    env: { NO_COLOR: "1", RA_FUNCTION_KEY: "dev-test-key" },
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const lines = splitLines(child.stdout);
  let stopped = false;
  try {
    const output = await readUntilReady(lines);
    const text = output.join("\n");
    assert.equal(output.at(-1), READY_LINE, text);
    const exported = (name: string) =>
      new RegExp(`^export ${name}=(\\S+)$`, "m").exec(text)?.[1] ?? "";
    const databaseUrl = exported("DATABASE_URL");
    const functionsUrl = exported("SUPABASE_URL");
    assert.equal(exported("SUPABASE_SERVICE_ROLE_KEY"), "dev-test-key");
    assert.match(text, /^ {2}Schedules {3}16 pg_cron jobs/m);

    const called = await fetch(`${functionsUrl}/functions/v1/fetch-racecards`, {
      method: "POST",
      headers: { apikey: "dev-test-key", "content-type": "application/json" },
      body: JSON.stringify({ mode: "daily", days_ahead: 0, wait: true }),
    });
    const summary = await called.json();
    assert.equal(called.status, 200, JSON.stringify(summary));
    assert.equal(summary.status, "succeeded");

    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const [jobs] = await sql<{ count: number }[]>`
        select count(*)::integer as count from cron.job where jobname like 'ra\\_%'`;
      assert.equal(jobs?.count, 16);
      const secrets = await sql<{ name: string; decrypted_secret: string }[]>`
        select name, decrypted_secret from vault.decrypted_secrets order by name`;
      assert.deepEqual(secrets.map((row) => ({ ...row })), [
        { name: "ra_function_key", decrypted_secret: "dev-test-key" },
        { name: "ra_project_url", decrypted_secret: functionsUrl },
      ]);
    } finally {
      await sql.end();
    }

    child.kill("SIGINT");
    const status = await child.status;
    stopped = true;
    assert.equal(status.code, 0);
    assert.equal(await accepts(databaseUrl), false);
    assert.equal(await accepts(functionsUrl), false);
  } finally {
    if (!stopped) {
      child.kill("SIGKILL");
      await child.status;
    }
    for await (const _ of lines) { /* drain */ }
  }
});
