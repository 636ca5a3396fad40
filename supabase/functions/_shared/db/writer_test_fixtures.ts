/**
 * Shared by the writer_*_test.ts files: the race the fixture batches describe, a fresh database
 * behind the production client, and a dump of every data table.
 */
import type postgres from "postgres";
import { createTestDatabase } from "../../../../tests/support/db.ts";
import { createDbClient } from "./client.ts";
import { keyColumns } from "./row_batch.ts";
import { WRITE_ORDER } from "./tables.ts";

export const RACE_ID = "rac_11746254";

/** Every row of every data table, ordered by key: the state a re-run must not change. */
export async function dumpTables(sql: postgres.Sql): Promise<Record<string, postgres.Row[]>> {
  const dump: Record<string, postgres.Row[]> = {};
  for (const table of WRITE_ORDER) {
    dump[table] = await sql`select * from ${sql(table)} order by ${sql([...keyColumns(table)])}`;
  }
  return dump;
}

/** Opens the production client on a fresh test database. */
export async function withDatabase(work: (sql: postgres.Sql) => Promise<void>): Promise<void> {
  await using db = await createTestDatabase();
  const sql = createDbClient(db.url);
  try {
    await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
