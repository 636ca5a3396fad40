/**
 * Fresh databases for tests: each call clones the migrated template database of the test
 * cluster, so no test ever shares mutable state with another.
 */
import postgres from "postgres";
import { TEST_ENV } from "../../dev/test/test_cluster.ts";

/** A database created for one test, dropped by `drop()` (or `await using`). */
export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  readonly sql: postgres.Sql;
  drop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

function requireEnv(name: string): string {
  const value = Deno.env.get(name);
  if (!value) {
    throw new Error(
      `${name} is not set: run database tests through \`deno task test\` or ` +
        "`deno run -A dev/test/with_db.ts deno test -A <file>`",
    );
  }
  return value;
}

/** Admin URL of the test cluster (superuser, database `postgres`, which also runs pg_cron). */
export function adminUrl(): string {
  return requireEnv(TEST_ENV.adminUrl);
}

function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

let counter = 0;

/** Creates a fresh database cloned from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = requireEnv(TEST_ENV.template);
  const name = `t_${Deno.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await sql.end({ timeout: 5 });
    const dropper = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    try {
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
    } finally {
      await dropper.end();
    }
  };
  return { name, url, sql, drop, [Symbol.asyncDispose]: drop };
}
