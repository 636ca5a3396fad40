/**
 * What `GET` on a function answers: its checks (configuration valid, database reachable, the
 * function's last success, its latest run) with 200, or 503 naming what fails. Never a secret:
 * configuration problems name variables only, database errors give their code only.
 */
import type postgres from "postgres";
import { ConfigError, type SyncConfig } from "../config.ts";

/** One check of a health answer. */
export interface HealthCheck {
  readonly name: "configuration" | "database" | "last_success" | "latest_run";
  /** fail makes the answer 503; warn is shown but does not. */
  readonly status: "ok" | "warn" | "fail";
  readonly detail: string;
}

/** Milliseconds the database gets to answer a health check. */
export const HEALTH_DATABASE_TIMEOUT_MS = 3_000;

function databaseErrorOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  // A driver message can carry the host; the code says enough and carries nothing else.
  return typeof code === "string" ? `unreachable (${code})` : "unreachable";
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("timeout"), { code: "TIMEOUT" })), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The checks of a function; `ready` opens (or returns) its configuration and pool. */
export async function healthChecks(
  functionName: string,
  ready: () => { config: SyncConfig; sql: postgres.Sql },
): Promise<HealthCheck[]> {
  let sql: postgres.Sql;
  try {
    sql = ready().sql;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [{ name: "configuration", status: "fail", detail: error.problems.join("; ") }];
  }
  const checks: HealthCheck[] = [{ name: "configuration", status: "ok", detail: "valid" }];
  try {
    const [runs] = await withTimeout(
      sql<{ last_success: Date | null; latest_status: string | null }[]>`
        select
          (select max(finished_at) from public.ra_sync_runs
           where function_name = ${functionName} and status = 'succeeded') as last_success,
          (select status from public.ra_sync_runs
           where function_name = ${functionName} and status <> 'running'
           order by started_at desc limit 1) as latest_status`,
      HEALTH_DATABASE_TIMEOUT_MS,
    );
    checks.push({ name: "database", status: "ok", detail: "reachable" });
    checks.push({
      name: "last_success",
      status: runs?.last_success ? "ok" : "warn",
      detail: runs?.last_success ? runs.last_success.toISOString() : "never",
    });
    const latest = runs?.latest_status ?? null;
    checks.push({
      name: "latest_run",
      status: latest === null || latest === "succeeded" ? "ok" : "warn",
      detail: latest ?? "none yet",
    });
  } catch (error) {
    checks.push({ name: "database", status: "fail", detail: databaseErrorOf(error) });
  }
  return checks;
}

/** The HTTP status and body of a health answer. */
export function healthAnswer(
  functionName: string,
  checks: readonly HealthCheck[],
): { status: 200 | 503; body: Record<string, unknown> } {
  const failing = checks.filter((check) => check.status === "fail").map((check) => check.name);
  return failing.length === 0
    ? { status: 200, body: { function: functionName, status: "ok", checks } }
    : { status: 503, body: { function: functionName, status: "fail", failing, checks } };
}
