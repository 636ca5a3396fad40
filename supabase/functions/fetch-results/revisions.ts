/**
 * Result revisions: rows of races and runners that a results page changed although their race
 * already had a stored result (a late official rating or Topspeed, a stewards' change of
 * placings). The writer updates a row, and sets its `updated_at` to the transaction's `now()`,
 * only when a value changes, so the rows a page's transaction changed are those whose
 * `updated_at` is that transaction's `now()`; which races already had a result is read before
 * the page is written.
 */
import type postgres from "postgres";
import { z } from "zod";

const PageRaceIdsSchema = z.object({ results: z.array(z.object({ race_id: z.string() })) });

/** The race ids a results page lists; none when the page is malformed (its parser says why). */
export function raceIdsOfPage(body: unknown): string[] {
  const page = PageRaceIdsSchema.safeParse(body);
  return page.success ? page.data.results.map((result) => result.race_id) : [];
}

/** Of `raceIds`, those stored with a result. */
export async function racesWithResult(
  sql: postgres.Sql,
  raceIds: readonly string[],
): Promise<string[]> {
  if (raceIds.length === 0) return [];
  const rows = await sql<{ id: string }[]>`
    select id from public.ra_mst_races where id = any(${raceIds as string[]}::text[]) and has_result`;
  return rows.map((row) => row.id);
}

/** Race and runner rows of `raceIds` that the current transaction inserted or changed. */
export async function rowsChangedInTransaction(
  tx: postgres.TransactionSql | postgres.Sql,
  raceIds: readonly string[],
): Promise<number> {
  if (raceIds.length === 0) return 0;
  const sql = tx as postgres.Sql;
  const ids = raceIds as string[];
  const [row] = await sql<{ changed: number }[]>`
    select (select count(*) from public.ra_mst_races
            where id = any(${ids}::text[]) and updated_at = now())::integer
         + (select count(*) from public.ra_mst_runners
            where race_id = any(${ids}::text[]) and updated_at = now())::integer as changed`;
  return row?.changed ?? 0;
}
