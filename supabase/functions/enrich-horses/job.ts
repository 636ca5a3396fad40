/**
 * enrich-horses: drains the horses that still lack a profile (racecards give most horses theirs;
 * results and older cards do not), oldest first seen first. Each horse: `/pro`, `/standard` on
 * 404, and "not found" recorded when both are 404, so it is never asked again unless forced. The
 * profile, pedigree ids and ancestors (name, region; the ancestor's own `hrs_` id is derived
 * from its id) commit with the end of the horse's lease. Modes: `tick` (the per-minute cron:
 * one batch, nothing at all when no horse is pending) and `drain` (batches until the queue is
 * empty or the budget is spent). `force` asks again: the given `horse_ids` (added to the horses
 * first when we do not store them yet), or else every not-found horse and every horse given up on.
 */
import { z } from "zod";
import { writeBatch, writeBatchInTransaction } from "../_shared/db/writer.ts";
import type { JobDefinition } from "../_shared/http/serve_job.ts";
import {
  claimHorses,
  completeHorse,
  enrichmentBacklog,
  failHorse,
  releaseHorses,
} from "../_shared/masters/enrichment.ts";
import {
  fetchHorseProfile,
  horseProfileRows,
  quarantinedProfileEndpoint,
} from "../_shared/masters/horse_profile.ts";
import { RacingApiError } from "../_shared/racing_api/errors.ts";
import type { JobContext } from "../_shared/sync/job_context.ts";
import { runStatusOf, type RunSummary } from "../_shared/sync/runs.ts";
import { isFatal, QuarantinedPayloadError, recordSyncError } from "../_shared/sync/failures.ts";

/** Horses claimed at a time when the body gives no batch_size. */
export const DEFAULT_ENRICH_BATCH_SIZE = 50;
/** Largest batch_size and horse_ids list a body may give. */
export const ENRICH_BATCH_SIZE_MAX = 500;

/** The body enrich-horses accepts. */
export const EnrichHorsesBodySchema = z.strictObject({
  mode: z.enum(["tick", "drain"]),
  batch_size: z.int().min(1).max(ENRICH_BATCH_SIZE_MAX).optional(),
  force: z.boolean().optional(),
  horse_ids: z.array(
    z.string().regex(/^hrs_\d+$/, "must be a horse id (hrs_ and digits)"),
  )
    .min(1).max(ENRICH_BATCH_SIZE_MAX).optional(),
  wait: z.boolean().optional(),
}).refine((body) => body.horse_ids === undefined || body.force === true, {
  path: ["horse_ids"],
  message: "needs force: true (horse_ids names horses to enrich again)",
});

/** A validated enrich-horses body. */
export type EnrichHorsesBody = z.infer<typeof EnrichHorsesBodySchema>;

/** How one horse ended. */
type HorseOutcome = "pro" | "standard" | "not_found";

/** Why the run stopped claiming. */
type StopReason = "drained" | "batch_done" | "budget" | "fatal" | "shutdown";

interface Tally {
  claimed: number;
  pro: number;
  standard: number;
  notFound: number;
  failed: number;
  rowsWritten: number;
}

function rowCount(counts: Record<string, number | undefined>): number {
  let total = 0;
  for (const count of Object.values(counts)) total += count ?? 0;
  return total;
}

/** Fetches one claimed horse and writes its rows with the end of its lease, in one transaction. */
async function enrichHorse(
  context: JobContext,
  horseId: string,
): Promise<{ outcome: HorseOutcome; rowsWritten: number }> {
  const fetched = await fetchHorseProfile(context.api, horseId);
  const rows = horseProfileRows(horseId, fetched, {
    enrichedAt: context.clock.now().toISOString(),
    drift: context.drift,
  });
  const counts = await context.sql.begin(async (tx) => {
    const written = await writeBatch(tx, rows, "enrichment");
    await completeHorse(tx, horseId, context.runId);
    return written;
  });
  return {
    outcome: fetched.found ? fetched.source : "not_found",
    rowsWritten: rowCount(counts),
  };
}

function endpointOf(error: unknown, horseId: string): string | undefined {
  if (error instanceof RacingApiError) return error.endpoint;
  if (error instanceof QuarantinedPayloadError) {
    return quarantinedProfileEndpoint(horseId, error);
  }
  return undefined;
}

/**
 * Adds a key-only horse row for each forced id we do not store yet (an ancestor's own `hrs_` id,
 * say), so that it is claimed like any other; returns the ids added.
 */
async function addForcedHorses(
  context: JobContext,
  ids: readonly string[],
): Promise<string[]> {
  const rows = await context.sql<{ id: string }[]>`
    select wanted.id from unnest(${[...ids]}::text[]) as wanted(id)
    where not exists (select 1 from public.ra_mst_horses h where h.id = wanted.id)
    order by wanted.id`;
  const added = rows.map((row) => row.id);
  if (added.length > 0) {
    await writeBatchInTransaction(
      context.sql,
      { ra_mst_horses: added.map((id) => ({ id })) },
      "enrichment",
    );
  }
  return added;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function run(
  context: JobContext,
  body: EnrichHorsesBody,
): Promise<RunSummary> {
  const { sql, config, log, clock } = context;
  const forcedIds = body.force ? body.horse_ids : undefined;
  const tally: Tally = {
    claimed: 0,
    pro: 0,
    standard: 0,
    notFound: 0,
    failed: 0,
    rowsWritten: 0,
  };
  // A run asks for each horse at most once, whatever happens to it.
  const tried = new Set<string>();
  const callsBefore = context.api.stats.calls;
  let stoppedBy: StopReason = "drained";
  let fatalError: string | null = null;
  let lastError: string | null = null;
  const addedHorseIds = forcedIds ? await addForcedHorses(context, forcedIds) : [];

  claiming: while (true) {
    if (context.signal.aborted) {
      stoppedBy = "shutdown";
      break;
    }
    if (clock.now().getTime() >= context.deadline) {
      stoppedBy = "budget";
      break;
    }
    const claimed = await claimHorses(sql, {
      leaseOwner: context.runId,
      leaseSeconds: config.leaseSeconds,
      batchSize: body.batch_size ?? DEFAULT_ENRICH_BATCH_SIZE,
      maxAttempts: config.maxAttempts,
      skipIds: [...tried],
      ...(forcedIds ? { horseIds: forcedIds } : {}),
      includeNotFound: body.force === true && forcedIds === undefined,
    });
    if (claimed.length === 0) break;
    tally.claimed += claimed.length;

    for (const [index, horseId] of claimed.entries()) {
      const giveBack = () => releaseHorses(sql, context.runId, claimed.slice(index));
      if (context.signal.aborted || clock.now().getTime() >= context.deadline) {
        await giveBack();
        stoppedBy = context.signal.aborted ? "shutdown" : "budget";
        break claiming;
      }
      tried.add(horseId);
      try {
        const { outcome, rowsWritten } = await enrichHorse(context, horseId);
        tally.rowsWritten += rowsWritten;
        if (outcome === "pro") tally.pro++;
        else if (outcome === "standard") tally.standard++;
        else tally.notFound++;
      } catch (caught) {
        if (context.signal.aborted) {
          await giveBack();
          stoppedBy = "shutdown";
          break claiming;
        }
        const error = messageOf(caught);
        if (isFatal(caught)) {
          await giveBack();
          fatalError = error;
          stoppedBy = "fatal";
          log.error("enrichment stopped", { horse_id: horseId, error });
          break claiming;
        }
        tally.failed++;
        lastError = error;
        await recordSyncError(sql, context, null, {
          endpoint: endpointOf(caught, horseId),
          params: { horse_id: horseId },
          error,
          ...(caught instanceof QuarantinedPayloadError ? { payload: caught.payload } : {}),
        });
        await failHorse(sql, horseId, context.runId, error);
        log.warn("horse failed", { horse_id: horseId, error });
      }
    }
    if (body.mode === "tick") {
      stoppedBy = "batch_done";
      break;
    }
  }

  const backlog = await enrichmentBacklog(sql, config.maxAttempts);
  const status = runStatusOf({
    fatal: stoppedBy === "fatal",
    interrupted: stoppedBy === "shutdown",
    incomplete: tally.failed > 0 ||
      (stoppedBy === "budget" && backlog.pending > backlog.gaveUp),
  });
  return {
    status,
    windows_claimed: 0,
    windows_done: 0,
    windows_failed: 0,
    api_calls: context.api.stats.calls - callsBefore,
    rows_written: tally.rowsWritten,
    error: fatalError ?? lastError,
    details: {
      stopped_by: stoppedBy,
      horses_claimed: tally.claimed,
      enriched_pro: tally.pro,
      enriched_standard: tally.standard,
      not_found: tally.notFound,
      horses_failed: tally.failed,
      horses_pending: backlog.pending,
      horses_given_up: backlog.gaveUp,
      ...(forcedIds ? { added_horse_ids: addedHorseIds } : {}),
    },
  };
}

/** The enrich-horses function. */
export const enrichHorsesJob: JobDefinition<EnrichHorsesBody> = {
  functionName: "enrich-horses",
  bodySchema: EnrichHorsesBodySchema,
  run,
};
