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
import { rowCount, writeBatch, writeBatchInTransaction } from "../_shared/db/writer.ts";
import type { JobDefinition } from "../_shared/http/serve_job.ts";
import {
  claimHorses,
  completeHorse,
  enrichmentBacklog,
  failHorse,
  releaseHorses,
} from "./enrichment.ts";
import { fetchHorseProfile, horseProfileRows } from "./horse_profile.ts";
import type { JobContext } from "../_shared/sync/job_context.ts";
import type { RunSummary } from "../_shared/sync/runs.ts";
import { runWorkLoop, summarizeWork, type WorkJob } from "../_shared/sync/work_loop.ts";

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

/** Horses asked for side by side: with 300–500 ms per answer, one at a time would leave most
 * of the rate unused; the shared throttle still paces every request. */
export const ENRICH_WORKERS = 4;

/** How one horse ended. */
type HorseOutcome = "pro" | "standard" | "not_found";

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

/** The horses without a profile, as a job of the work loop: claimed in batches under a lease. */
function horseJob(context: JobContext, body: EnrichHorsesBody): WorkJob<string> {
  const { sql, config, runId } = context;
  const forcedIds = body.force ? body.horse_ids : undefined;
  // A run asks for each horse at most once, whatever happens to it.
  const tried = new Set<string>();
  return {
    claim: async () => {
      const claimed = await claimHorses(sql, {
        leaseOwner: runId,
        leaseSeconds: config.leaseSeconds,
        batchSize: body.batch_size ?? DEFAULT_ENRICH_BATCH_SIZE,
        maxAttempts: config.maxAttempts,
        skipIds: [...tried],
        ...(forcedIds ? { horseIds: forcedIds } : {}),
        includeNotFound: body.force === true && forcedIds === undefined,
      });
      for (const horseId of claimed) tried.add(horseId);
      return claimed;
    },
    process: async (horseId) => {
      const { outcome, rowsWritten } = await enrichHorse(context, horseId);
      return { outcome, rowsWritten };
    },
    fail: async (horseId, failure) => {
      await failHorse(sql, horseId, runId, failure.error);
      return "failed";
    },
    release: (horseIds) => releaseHorses(sql, runId, horseIds).then(() => {}),
    describe: (horseId) => ({ log: { horse_id: horseId }, params: { horse_id: horseId } }),
  };
}

async function run(context: JobContext, body: EnrichHorsesBody): Promise<RunSummary> {
  const forcedIds = body.force ? body.horse_ids : undefined;
  const addedHorseIds = forcedIds ? await addForcedHorses(context, forcedIds) : [];
  const loop = await runWorkLoop(context, horseJob(context, body), {
    workers: ENRICH_WORKERS,
    oneBatch: body.mode === "tick",
  });
  const backlog = await enrichmentBacklog(context.sql, context.config.maxAttempts);
  return summarizeWork([loop], {
    incomplete: loop.stoppedBy === "budget" && backlog.pending > backlog.gaveUp,
    details: {
      horses_claimed: loop.claimed,
      enriched_pro: loop.outcomes.pro ?? 0,
      enriched_standard: loop.outcomes.standard ?? 0,
      not_found: loop.outcomes.not_found ?? 0,
      horses_failed: loop.failed,
      horses_pending: backlog.pending,
      horses_given_up: backlog.gaveUp,
      ...(forcedIds ? { added_horse_ids: addedHorseIds } : {}),
    },
  });
}

/** The enrich-horses function. */
export const enrichHorsesJob: JobDefinition<EnrichHorsesBody> = {
  functionName: "enrich-horses",
  bodySchema: EnrichHorsesBodySchema,
  run,
};
