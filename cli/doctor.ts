/**
 * `deno task doctor [--db-url <url>]`: is the sync healthy? Prints every check (Vault secrets,
 * pg_cron and pg_net, each function's health, a run in the last day, every row of
 * ra_data_quality) with what to do about each problem; exits 1 when something fails. Never prints
 * a secret.
 */
import { createDbClient } from "../supabase/functions/_shared/db/client.ts";
import {
  type DoctorDatabase,
  type Finding,
  functionFindings,
  functionNames,
  type FunctionSecrets,
  platformFindings,
  qualityFindings,
  readSecrets,
  recentRunFinding,
  secretFindings,
} from "./doctor_checks.ts";
import { databaseUrlFrom, parseFlags, runCommand } from "./terminal.ts";

const HELP = `deno task doctor [--db-url <url>]

Checks a local or deployed database and prints every finding with what to do:
  - the Vault secrets ra_project_url and ra_function_key (and ra_alert_webhook_url for alerts)
  - pg_cron and pg_net
  - each function's health: GET <ra_project_url>/functions/v1/<name> with ra_function_key
  - a function run in the last day (ra_sync_runs)
  - every row of ra_data_quality
Exit 1 when something fails, 0 otherwise. Secrets are read to call the functions, never printed.

  --db-url <url>   the database (default: SUPABASE_DB_URL, else DATABASE_URL)
  --help           this text`;

/** Options of {@linkcode runDoctor}. */
export interface DoctorOptions {
  /** Function names to call. @default the folders of supabase/functions with an index.ts */
  readonly functionNames?: readonly string[];
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

/** What the doctor found, and the exit code it implies. */
export interface DoctorReport {
  readonly findings: readonly Finding[];
  readonly exitCode: 0 | 1;
  /** The report as printed, with every secret value masked. */
  readonly lines: readonly string[];
}

const STATUS_WORD = { ok: "ok  ", warn: "WARN", fail: "FAIL" } as const;

/** Prints findings one per line, a fix under each problem, secret values masked. */
export function formatFindings(
  findings: readonly Finding[],
  secrets: FunctionSecrets | null = null,
): string[] {
  const hidden = [secrets?.projectUrl, secrets?.functionKey, secrets?.alertWebhookUrl]
    .filter((value): value is string => value !== undefined && value.length > 0);
  const mask = (text: string) =>
    hidden.reduce((out, value) => out.replaceAll(value, "[secret]"), text);
  const width = Math.max(...findings.map((finding) => finding.name.length), 0);
  const lines: string[] = [];
  for (const finding of findings) {
    lines.push(
      mask(`${STATUS_WORD[finding.status]}  ${finding.name.padEnd(width)}  ${finding.detail}`),
    );
    if (finding.fix && finding.status !== "ok") {
      lines.push(mask(`      ${" ".repeat(width)}  fix: ${finding.fix}`));
    }
  }
  const failing = findings.filter((finding) => finding.status === "fail").length;
  const warnings = findings.filter((finding) => finding.status === "warn").length;
  lines.push(
    failing === 0
      ? `healthy: ${findings.length} checks, ${warnings} warnings`
      : `${failing} failing, ${warnings} warnings of ${findings.length} checks`,
  );
  return lines;
}

/** Runs every check against the database (a pool or, in tests, a transaction). */
export async function runDoctor(
  sql: DoctorDatabase,
  options: DoctorOptions = {},
): Promise<DoctorReport> {
  const secrets = await readSecrets(sql);
  const names = options.functionNames ?? await functionNames();
  const findings: Finding[] = [
    ...secretFindings(secrets),
    ...await platformFindings(sql),
    ...await functionFindings(secrets, names, options.fetch ? { fetch: options.fetch } : {}),
    await recentRunFinding(sql),
    ...await qualityFindings(sql),
  ];
  const exitCode = findings.some((finding) => finding.status === "fail") ? 1 : 0;
  return { findings, exitCode, lines: formatFindings(findings, secrets) };
}

async function main(): Promise<number> {
  const values = parseFlags({
    "db-url": { type: "string" },
    help: { type: "boolean", default: false },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const url = databaseUrlFrom(values["db-url"], "check the database");
  const sql = createDbClient(url, { max: 2 });
  try {
    const report = await runDoctor(sql);
    for (const line of report.lines) console.log(line);
    return report.exitCode;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

if (import.meta.main) await runCommand(main);
