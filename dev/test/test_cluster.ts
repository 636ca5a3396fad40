/**
 * The database side of the test harness: one throwaway cluster per test command, with the
 * migrations pushed by the Supabase CLI into a template database that every test file clones.
 */
import { createDatabase, type LocalPostgres, startPostgres } from "../stack/postgres.ts";
import { pushMigrations } from "../stack/tools.ts";

/** Database that holds the migrated schema; test databases are created from it. */
export const TEMPLATE_DATABASE = "ra_template";

/** Environment variables through which test files find the cluster. */
export const TEST_ENV = {
  adminUrl: "RA_TEST_ADMIN_URL",
  template: "RA_TEST_TEMPLATE",
  cronUrl: "RA_TEST_CRON_DB_URL",
} as const;

/** A running test cluster and the environment that points tests at it. */
export interface TestCluster {
  readonly postgres: LocalPostgres;
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL, creates the template database and applies the migrations to it and to
 * the pg_cron database (`postgres`), where end-to-end schedule tests run.
 */
export async function startTestCluster(): Promise<TestCluster> {
  const pg = await startPostgres();
  try {
    await pushMigrations(await createDatabase(pg, TEMPLATE_DATABASE));
    await pushMigrations(pg.url("postgres"));
  } catch (error) {
    await pg.stop();
    throw error;
  }
  return {
    postgres: pg,
    env: {
      [TEST_ENV.adminUrl]: pg.url("postgres"),
      [TEST_ENV.template]: TEMPLATE_DATABASE,
      [TEST_ENV.cronUrl]: pg.url("postgres"),
    },
    stop: () => pg.stop(),
  };
}

/**
 * Removes data directories left in `baseDir` (see `clusterBaseDir()`) by a run that was killed
 * before it could clean up.
 */
export async function removeStaleClusters(baseDir: string): Promise<void> {
  try {
    for await (const entry of Deno.readDir(baseDir)) {
      if (!entry.isDirectory || !entry.name.startsWith("pg-")) continue;
      const dir = `${baseDir}/${entry.name}`;
      // The data directory is `data/` in the cluster's folder (directly in it before).
      const pidText = await Deno.readTextFile(`${dir}/data/postmaster.pid`)
        .catch(() => Deno.readTextFile(`${dir}/postmaster.pid`))
        .catch(() => "");
      const pid = Number(pidText.split("\n")[0]);
      const alive = pid > 0 && await Deno.stat(`/proc/${pid}`).then(() => true, () => false);
      if (!alive) await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}
