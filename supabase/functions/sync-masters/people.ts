/**
 * The people refresh of sync-masters: jockeys, trainers and owners brought up to date from what
 * is stored, set-based in one SQL statement (`ra_private.refresh_people`), with no API call.
 * First and last seen come from the race dates of stored runners; the name, and a trainer's
 * location, from the runner of the latest race date in the archived racecards and results (a
 * backfill of old cards written after new ones no longer leaves an old name behind).
 */
import type postgres from "postgres";

/** The person tables the refresh writes. */
export const PERSON_TABLES = [
  "ra_mst_jockeys",
  "ra_mst_trainers",
  "ra_mst_owners",
] as const;

/** A person table. */
export type PersonTable = typeof PERSON_TABLES[number];

/** Rows changed per person table. */
export type PeopleRefreshCounts = Record<PersonTable, number>;

/**
 * Refreshes every person row from stored runners and archived payloads of the given lower-case
 * regions; returns the rows changed per table (all zero on a rerun).
 */
export async function refreshPeople(
  sql: postgres.Sql | postgres.TransactionSql,
  options: { readonly regions: readonly string[] },
): Promise<PeopleRefreshCounts> {
  const rows = await (sql as postgres.Sql)<
    { person_table: PersonTable; rows_changed: number }[]
  >`
    select person_table, rows_changed
    from ra_private.refresh_people(regions => ${[...options.regions]}::text[])`;
  const counts: PeopleRefreshCounts = {
    ra_mst_jockeys: 0,
    ra_mst_trainers: 0,
    ra_mst_owners: 0,
  };
  for (const row of rows) counts[row.person_table] = row.rows_changed;
  return counts;
}
