/**
 * Installs the local stand-ins for pg_net and Vault (platform_standins.sql) into a database, and
 * stores the Vault secrets `ra_private.invoke_function` reads.
 */
import type postgres from "postgres";

const STANDINS_SQL = new URL("./platform_standins.sql", import.meta.url);

/** Vault secret names read by `ra_private.invoke_function` (the migration names them too). */
export const FUNCTION_SECRET_NAMES = {
  projectUrl: "ra_project_url",
  functionKey: "ra_function_key",
} as const;

/** What the scheduled calls need: where the functions are and the key they accept. */
export interface FunctionSecrets {
  /** Project URL; functions are at `<projectUrl>/functions/v1/<name>`. */
  readonly projectUrl: string;
  /** Secret or service-role key sent as `apikey` and `Authorization: Bearer`. */
  readonly functionKey: string;
}

/** A connection pool, or a transaction the work joins (and that rolls it back with itself). */
export type Database = postgres.Sql | postgres.TransactionSql;

function inTransaction(
  sql: Database,
  work: (tx: postgres.TransactionSql) => Promise<unknown>,
): Promise<unknown> {
  return "savepoint" in sql ? work(sql) : sql.begin(work);
}

/** Creates the pg_net and Vault stand-ins where the real extensions are missing (idempotent). */
export async function installPlatformStandins(sql: Database): Promise<void> {
  const script = await Deno.readTextFile(STANDINS_SQL);
  await inTransaction(sql, (tx) => tx.unsafe(script));
}

/**
 * Creates or updates the Vault secrets `ra_project_url` and `ra_function_key`, through Vault's
 * own functions, so this works with the real Vault as well as the stand-in.
 */
export async function setFunctionSecrets(sql: Database, secrets: FunctionSecrets): Promise<void> {
  const entries = [
    [FUNCTION_SECRET_NAMES.projectUrl, secrets.projectUrl, "Project URL for scheduled calls"],
    [FUNCTION_SECRET_NAMES.functionKey, secrets.functionKey, "Key for scheduled calls"],
  ] as const;
  await inTransaction(sql, async (tx) => {
    for (const [name, value, description] of entries) {
      const [existing] = await tx<{ id: string }[]>`
        select id from vault.secrets where name = ${name} for update`;
      if (existing) {
        await tx`select vault.update_secret(${existing.id}::uuid, ${value})`;
      } else {
        await tx`select vault.create_secret(${value}, ${name}, ${description})`;
      }
    }
  });
}
