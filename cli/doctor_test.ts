import assert from "node:assert/strict";
import postgres from "postgres";
import { TEST_ENV } from "../dev/test/test_cluster.ts";
import { installPlatformStandins, setFunctionSecrets } from "../dev/stack/standins.ts";
import { createTestDatabase } from "../tests/support/db.ts";
import { formatFindings, runDoctor } from "./doctor.ts";
import { functionNames, qualityFix } from "./doctor_checks.ts";

const FUNCTION_KEY = "sk_doctor_test_7d2e";

/** Rolled back at the end of every test that uses it. */
class Rollback extends Error {}

Deno.test("doctor names both missing Vault secrets and exits 1", async () => {
  await using db = await createTestDatabase();
  await installPlatformStandins(db.sql);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./doctor.ts", import.meta.url).pathname, "--db-url", db.url],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);

  assert.equal(out.code, 1, text + new TextDecoder().decode(out.stderr));
  assert.match(text, /FAIL {2}vault:ra_project_url +Vault secret "ra_project_url" is missing/);
  assert.match(text, /FAIL {2}vault:ra_function_key +Vault secret "ra_function_key" is missing/);
  assert.match(text, /fix: select vault\.create_secret\('https:\/\/<project-ref>/);
  assert.match(text, /FAIL {2}pg_cron /);
  assert.match(text, /WARN {2}function:fetch-results +not called/);
  assert.match(text, /FAIL {2}runs +no run ever recorded/);
  assert.match(text, /failing, \d+ warnings of \d+ checks\n$/);
});

Deno.test("doctor exits 0 on a healthy database: secrets, pg_cron, pg_net, functions answering, a recent run", async () => {
  // pg_cron lives in the cluster's cron database only; everything here is rolled back.
  const sql = postgres(Deno.env.get(TEST_ENV.cronUrl)!, { max: 1, onnotice: () => {} });
  const calls: { path: string; apikey: string | null }[] = [];
  await using server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    calls.push({ path: new URL(req.url).pathname, apikey: req.headers.get("apikey") });
    return Response.json({ status: "ok" });
  });
  const projectUrl = `http://127.0.0.1:${server.addr.port}`;
  try {
    await sql.begin(async (tx) => {
      await installPlatformStandins(tx);
      await setFunctionSecrets(tx, { projectUrl, functionKey: FUNCTION_KEY });
      await tx`select vault.create_secret('https://hooks.example.test/T000/B000/xyz',
        'ra_alert_webhook_url')`;
      // pg_cron sees committed jobs only: these never fire.
      await tx`select ra_private.schedule_jobs()`;
      await tx`insert into ra_sync_runs (function_name, mode, status, finished_at)
        values ('fetch-results', 'daily', 'succeeded', clock_timestamp())`;

      const report = await runDoctor(tx);
      const problems = report.findings.filter((finding) => finding.status === "fail");
      assert.deepEqual(problems, [], report.lines.join("\n"));
      assert.equal(report.exitCode, 0);
      assert.match(report.lines.at(-1)!, /^healthy: \d+ checks, \d+ warnings$/);
      const names = report.findings.map((finding) => finding.name);
      for (const name of await functionNames()) assert.ok(names.includes(`function:${name}`));
      assert.ok(names.includes("orphans") && names.includes("cron:ra_quality_evaluate"));
      assert.deepEqual(
        calls.map((call) => call.apikey),
        calls.map(() => FUNCTION_KEY),
        "the key goes in the header",
      );
      const printed = report.lines.join("\n");
      assert.ok(!printed.includes(FUNCTION_KEY) && !printed.includes(projectUrl), "no secret");
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  } finally {
    await sql.end();
  }
});

Deno.test("doctor names both secrets also where Vault itself is missing", async () => {
  await using db = await createTestDatabase();
  const report = await runDoctor(db.sql, { functionNames: [] });
  const printed = report.lines.join("\n");
  assert.match(printed, /vault:ra_project_url +Vault secret "ra_project_url" is missing \(Vault/);
  assert.match(printed, /vault:ra_function_key +Vault secret "ra_function_key" is missing \(Vault/);
  assert.equal(report.exitCode, 1);
});

Deno.test("doctor says which function refuses the key and which is unreachable", async () => {
  await using db = await createTestDatabase();
  await installPlatformStandins(db.sql);
  await setFunctionSecrets(db.sql, { projectUrl: "https://abc.supabase.co", functionKey: "k" });
  const fetcher: typeof fetch = (input) => {
    const url = String(input);
    if (url.endsWith("/fetch-results")) return Promise.resolve(new Response("", { status: 401 }));
    if (url.endsWith("/fetch-racecards")) {
      return Promise.resolve(Response.json({ failing: ["database"] }, { status: 503 }));
    }
    return Promise.reject(new TypeError("error sending request for url (https://abc.supabase.co)"));
  };
  const report = await runDoctor(db.sql, {
    functionNames: ["fetch-racecards", "fetch-results", "sync-masters"],
    fetch: fetcher,
  });
  const byName = new Map(report.findings.map((finding) => [finding.name, finding]));
  assert.equal(
    byName.get("function:fetch-results")?.detail,
    "GET /functions/v1/fetch-results refused the key (401)",
  );
  assert.equal(
    byName.get("function:fetch-racecards")?.detail,
    "GET /functions/v1/fetch-racecards answered 503: failing database",
  );
  assert.equal(
    byName.get("function:sync-masters")?.detail,
    "GET /functions/v1/sync-masters is not reachable: connection failed",
  );
  assert.equal(report.exitCode, 1);
  assert.ok(!report.lines.join("\n").includes("abc.supabase.co"));
});

Deno.test("formatFindings() masks secret values and puts the fix under a problem", () => {
  const lines = formatFindings([
    {
      name: "orphans",
      status: "fail",
      detail: "1 races without runners (rac_k3y)",
      fix: "refetch",
    },
    { name: "pg_net", status: "ok", detail: "installed" },
  ], { functionKey: "k3y" });
  assert.deepEqual(lines, [
    "FAIL  orphans  1 races without runners (rac_[secret])",
    "               fix: refetch",
    "ok    pg_net   installed",
    "1 failing, 0 warnings of 2 checks",
  ]);
});

Deno.test("qualityFix() gives each check family its remedy", () => {
  assert.match(qualityFix("failed_windows"), /ra_private\.retry_failed/);
  assert.match(qualityFix("coverage:results"), /"mode":"range"/);
  assert.match(qualityFix("cron:ra_results_morning"), /schedule_jobs/);
  assert.match(qualityFix("odds:unknown_books"), /docs\/operations\.md/);
});
