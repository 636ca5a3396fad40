/**
 * What `deno task doctor` checks, each as a finding with a word on how to fix it: the Vault
 * secrets, pg_cron and pg_net, each function's health answer, a run in the last day, and every
 * row of ra_data_quality. Secret values are read to call the functions and never returned.
 */
import type postgres from "postgres";

/** One line of the doctor's answer. */
export interface Finding {
  readonly name: string;
  /** fail makes the doctor exit 1; warn is shown only. */
  readonly status: "ok" | "warn" | "fail";
  readonly detail: string;
  /** What to do about a warn or fail. */
  readonly fix?: string;
}

/** A database the doctor reads: a pool, or a transaction (tests). */
export type DoctorDatabase = postgres.Sql | postgres.TransactionSql;

/** The Vault secrets the doctor needs, as stored (values stay inside the doctor). */
export interface FunctionSecrets {
  readonly projectUrl?: string;
  readonly functionKey?: string;
  readonly alertWebhookUrl?: string;
}

const SECRET_FIXES: Record<string, string> = {
  ra_project_url:
    "select vault.create_secret('https://<project-ref>.supabase.co', 'ra_project_url');",
  ra_function_key: "select vault.create_secret('<secret or service-role key>', 'ra_function_key');",
  ra_alert_webhook_url:
    "select vault.create_secret('<Slack or Discord webhook URL>', 'ra_alert_webhook_url'); (optional: alerts)",
};

/** Reads the Vault secrets the sync uses; empty where Vault or a secret is missing. */
export async function readSecrets(sql: DoctorDatabase): Promise<FunctionSecrets | null> {
  const [vault] = await sql<{ present: boolean }[]>`
    select to_regclass('vault.decrypted_secrets') is not null as present`;
  if (!vault?.present) return null;
  const rows = await sql<{ name: string; value: string | null }[]>`
    select name, decrypted_secret as value from vault.decrypted_secrets
    where name in ('ra_project_url', 'ra_function_key', 'ra_alert_webhook_url')`;
  const value = (name: string) => {
    const found = rows.find((row) => row.name === name)?.value?.trim();
    return found ? found : undefined;
  };
  const projectUrl = value("ra_project_url");
  const functionKey = value("ra_function_key");
  const alertWebhookUrl = value("ra_alert_webhook_url");
  return {
    ...(projectUrl ? { projectUrl } : {}),
    ...(functionKey ? { functionKey } : {}),
    ...(alertWebhookUrl ? { alertWebhookUrl } : {}),
  };
}

/** One finding per Vault secret (null secrets: Vault itself is missing, so all are). */
export function secretFindings(secrets: FunctionSecrets | null): Finding[] {
  const vaultMissing = secrets === null ? " (Vault is not installed)" : "";
  const entries: [string, string | undefined, "warn" | "fail"][] = [
    ["ra_project_url", secrets?.projectUrl, "fail"],
    ["ra_function_key", secrets?.functionKey, "fail"],
    ["ra_alert_webhook_url", secrets?.alertWebhookUrl, "warn"],
  ];
  return entries.map(([name, value, missing]) =>
    value ? { name: `vault:${name}`, status: "ok", detail: "present" } : {
      name: `vault:${name}`,
      status: missing,
      detail: `Vault secret "${name}" is missing${vaultMissing}`,
      fix: SECRET_FIXES[name]!,
    }
  );
}

/** pg_cron and pg_net, as ra_private.invoke_function and schedule_jobs find them. */
export async function platformFindings(sql: DoctorDatabase): Promise<Finding[]> {
  const [row] = await sql<{ cron: boolean; net: boolean; database: string }[]>`
    select to_regclass('cron.job') is not null as cron,
      to_regprocedure('net.http_post(text,jsonb,jsonb,jsonb,integer)') is not null as net,
      current_database() as database`;
  return [
    row?.cron ? { name: "pg_cron", status: "ok", detail: "installed" } : {
      name: "pg_cron",
      status: "fail",
      detail: `pg_cron is not installed in database "${row?.database}": nothing runs on schedule`,
      fix: "enable pg_cron (Dashboard > Database > Extensions) in the postgres database, " +
        "then select ra_private.schedule_jobs();",
    },
    row?.net ? { name: "pg_net", status: "ok", detail: "installed" } : {
      name: "pg_net",
      status: "fail",
      detail: "pg_net is not installed (no net.http_post): scheduled calls cannot be sent",
      fix: "enable pg_net (Dashboard > Database > Extensions), " +
        "then select ra_private.schedule_jobs();",
    },
  ];
}

/** Names of the deployed functions: folders of supabase/functions with an index.ts. */
export async function functionNames(
  functionsDir = new URL("../supabase/functions/", import.meta.url),
): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(functionsDir)) {
    if (!entry.isDirectory || entry.name.startsWith("_")) continue;
    try {
      await Deno.stat(new URL(`${entry.name}/index.ts`, functionsDir));
      names.push(entry.name);
    } catch {
      // A folder without an entry is not a function.
    }
  }
  return names.sort();
}

/** Options of {@linkcode functionFindings}. */
export interface FunctionFindingsOptions {
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Milliseconds a function gets to answer its health check. @default 10000 */
  readonly timeoutMs?: number;
}

/** GETs each function's health with the key and says whether it answers 200. */
export async function functionFindings(
  secrets: FunctionSecrets | null,
  names: readonly string[],
  options: FunctionFindingsOptions = {},
): Promise<Finding[]> {
  const { fetch: fetcher = globalThis.fetch, timeoutMs = 10_000 } = options;
  if (!secrets?.projectUrl || !secrets.functionKey) {
    return names.map((name) => ({
      name: `function:${name}`,
      status: "warn",
      detail: "not called: ra_project_url and ra_function_key are both needed",
      fix: "store the two Vault secrets, then run the doctor again",
    }));
  }
  const base = secrets.projectUrl.replace(/\/+$/, "");
  const key = secrets.functionKey;
  return await Promise.all(names.map(async (name): Promise<Finding> => {
    const path = `/functions/v1/${name}`;
    let response: Response;
    try {
      response = await fetcher(`${base}${path}`, {
        headers: { apikey: key, Authorization: `Bearer ${key}` },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof DOMException && error.name === "TimeoutError"
        ? `no answer within ${timeoutMs} ms`
        : "connection failed";
      return {
        name: `function:${name}`,
        status: "fail",
        detail: `GET ${path} is not reachable: ${reason}`,
        fix: `deploy it (supabase functions deploy ${name}) and check ra_project_url`,
      };
    }
    const body = await response.text();
    if (response.status === 200) {
      return { name: `function:${name}`, status: "ok", detail: `GET ${path} answered 200` };
    }
    if (response.status === 401 || response.status === 403) {
      return {
        name: `function:${name}`,
        status: "fail",
        detail: `GET ${path} refused the key (${response.status})`,
        fix: "set ra_function_key to the project's secret or service-role key " +
          "(vault.update_secret), the key the functions accept",
      };
    }
    let failing = "";
    try {
      const parsed = JSON.parse(body) as { failing?: unknown };
      if (Array.isArray(parsed.failing)) failing = `: failing ${parsed.failing.join(", ")}`;
    } catch {
      // Not a health answer: the status says enough.
    }
    return {
      name: `function:${name}`,
      status: "fail",
      detail: `GET ${path} answered ${response.status}${failing}`,
      fix: response.status === 404
        ? `deploy it: supabase functions deploy ${name}`
        : "read its health answer and the function's logs; configuration problems name the variable",
    };
  }));
}

/** Whether any function ran in the last day (ra_sync_runs). */
export async function recentRunFinding(sql: DoctorDatabase): Promise<Finding> {
  const [row] = await sql<{ latest: Date | null }[]>`
    select max(started_at) as latest from public.ra_sync_runs`;
  const latest = row?.latest ?? null;
  if (latest && Date.now() - latest.getTime() <= 24 * 60 * 60 * 1000) {
    return { name: "runs", status: "ok", detail: `latest run started ${latest.toISOString()}` };
  }
  return {
    name: "runs",
    status: "fail",
    detail: latest
      ? `no run in the last day (latest started ${latest.toISOString()})`
      : "no run ever recorded in ra_sync_runs",
    fix: "check the cron: lines above; a run by hand: deno task invoke fetch-results " +
      `--body '{"mode":"daily"}'`,
  };
}

/** What to do about a failing row of ra_data_quality, by the check's family. */
export function qualityFix(check: string): string {
  const family = check.split(":")[0]!;
  const fixes: Record<string, string> = {
    freshness: "look at select * from ra_schedule_status; and the job's latest ra_sync_runs error",
    cron: "select ra_private.schedule_jobs(); for a missing job, " +
      "select * from ra_private.scheduling_problems(); for what is missing",
    coverage: "fetch the day again: deno task invoke fetch-results --body " +
      `'{"mode":"range","start_date":"…","end_date":"…"}' (racecards: {"mode":"date","date":"…"})`,
    fill: "a mapping fault: see ra_sync_errors and ra_api_responses, fix it, deno task replay",
    orphans: "fetch the named races' days again",
    duplicates: "compare the two races in ra_api_responses and delete the stale one",
    failed_windows: "read last_error in ra_sync_checkpoints, fix the cause, then " +
      "select ra_private.retry_failed('<job>');",
    expired_leases: "the job's ticker is not running: see its cron: and freshness: lines",
    statistics_refresh: "select status, error from ra_private.refresh_statistics();",
  };
  return (fixes[family] ?? 'see docs/operations.md, "Data quality"') +
    ' (docs/operations.md, "Data quality")';
}

/** Every row of ra_data_quality as a finding. */
export async function qualityFindings(sql: DoctorDatabase): Promise<Finding[]> {
  const [view] = await sql<{ present: boolean }[]>`
    select to_regclass('public.ra_data_quality') is not null as present`;
  if (!view?.present) {
    return [{
      name: "ra_data_quality",
      status: "fail",
      detail: "the view ra_data_quality is missing: the migrations are not applied",
      fix: 'supabase db push (see README, "Deploy to your Supabase project")',
    }];
  }
  const rows = await sql<{ check: string; status: Finding["status"]; detail: string }[]>`
    select "check", status, detail from public.ra_data_quality order by "check"`;
  return rows.map((row) => ({
    name: row.check,
    status: row.status,
    detail: row.detail,
    ...(row.status === "ok" ? {} : { fix: qualityFix(row.check) }),
  }));
}
