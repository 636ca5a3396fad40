/**
 * The enrichment queue: the horses of `ra_mst_horses` still pending (no profile, never asked),
 * leased in `ra_sync_horse_leases` while a run fetches them. Claiming, completing, failing and
 * releasing are SQL functions (migration 20261122080400); these wrappers only call them.
 */
import type postgres from "postgres";

/** What to claim. */
export interface ClaimHorsesOptions {
  /** Who takes the lease: the run id. */
  readonly leaseOwner: string;
  readonly leaseSeconds: number;
  /** Most horses to lease. */
  readonly batchSize: number;
  /** Horses with this many failed claims are left alone unless forced. */
  readonly maxAttempts: number;
  /** Horses never to claim (those this run already tried). @default [] */
  readonly skipIds?: readonly string[];
  /** Forced run: exactly these horses, whatever their status. @default undefined */
  readonly horseIds?: readonly string[];
  /** Forced run without ids: not-found horses too, attempts ignored. @default false */
  readonly includeNotFound?: boolean;
}

/**
 * Leases up to `batchSize` horses to fetch, oldest first seen first, and returns their ids in
 * that order; empty when none is claimable.
 */
export async function claimHorses(
  sql: postgres.Sql,
  options: ClaimHorsesOptions,
): Promise<string[]> {
  const rows = await sql<{ horse_id: string }[]>`
    select horse_id from ra_private.claim_horses(
      lease_owner => ${options.leaseOwner}::text,
      lease_seconds => ${options.leaseSeconds}::integer,
      batch_size => ${options.batchSize}::integer,
      max_attempts => ${options.maxAttempts}::integer,
      skip_ids => ${[...(options.skipIds ?? [])]}::text[],
      horse_ids => ${options.horseIds === undefined ? null : [...options.horseIds]}::text[],
      include_not_found => ${options.includeNotFound ?? false}::boolean
    )`;
  return rows.map((row) => row.horse_id);
}

/** Drops a written horse's lease; call it in the transaction that writes the horse. */
export async function completeHorse(
  tx: postgres.TransactionSql | postgres.Sql,
  horseId: string,
  leaseOwner: string,
): Promise<boolean> {
  const [row] = await (tx as postgres.Sql)<{ completed: boolean }[]>`
    select ra_private.complete_horse(
      horse_id => ${horseId}::text,
      lease_owner => ${leaseOwner}::text
    ) as completed`;
  return row?.completed ?? false;
}

/** Records a failed fetch and releases the horse; the attempt counts. */
export async function failHorse(
  sql: postgres.Sql,
  horseId: string,
  leaseOwner: string,
  error: string,
): Promise<boolean> {
  const [row] = await sql<{ failed: boolean }[]>`
    select ra_private.fail_horse(
      horse_id => ${horseId}::text,
      lease_owner => ${leaseOwner}::text,
      error => ${error}::text
    ) as failed`;
  return row?.failed ?? false;
}

/** Hands back horses never fetched (all the owner holds without ids); returns how many. */
export async function releaseHorses(
  sql: postgres.Sql,
  leaseOwner: string,
  horseIds?: readonly string[],
): Promise<number> {
  const [row] = await sql<{ released: number }[]>`
    select ra_private.release_horses(
      lease_owner => ${leaseOwner}::text,
      horse_ids => ${horseIds === undefined ? null : [...horseIds]}::text[]
    ) as released`;
  return row?.released ?? 0;
}

/** How the enrichment queue stands. */
export interface EnrichmentBacklog {
  /** Horses with no profile that were never found missing. */
  readonly pending: number;
  /** Of those, horses left alone after maxAttempts failed claims (a forced run retries them). */
  readonly gaveUp: number;
}

/** Counts the pending horses and those given up on. */
export async function enrichmentBacklog(
  sql: postgres.Sql,
  maxAttempts: number,
): Promise<EnrichmentBacklog> {
  const [row] = await sql<{ pending: number; gave_up: number }[]>`
    select count(*)::integer as pending,
           (count(*) filter (where l.attempts >= ${maxAttempts}))::integer as gave_up
    from public.ra_mst_horses h
    left join public.ra_sync_horse_leases l on l.horse_id = h.id
    where h.enrichment_status = 'pending'`;
  return { pending: row?.pending ?? 0, gaveUp: row?.gave_up ?? 0 };
}
