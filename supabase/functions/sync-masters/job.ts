/**
 * sync-masters: the reference data. Regions (every one the API lists) and courses (of the synced
 * regions, `RA_REGIONS`) from the API; bookmakers from the versioned seed list with the names the
 * API writes in odds as aliases; people (jockeys, trainers, owners) refreshed set-based from
 * stored runners and archived payloads, with no API call. Modes: `monthly` (everything), `weekly`
 * (people) and `entities` (the ones named). Every entity is idempotent: a rerun changes nothing.
 */
import { z } from "zod";
import type { RowBatch } from "../_shared/db/row_batch.ts";
import { rowCount, writeBatchInTransaction } from "../_shared/db/writer.ts";
import type { JobDefinition } from "../_shared/http/serve_job.ts";
import { BOOKMAKER_LIST_VERSION, BOOKMAKERS, bookmakerSeedRows } from "./bookmakers.ts";
import { refreshPeople } from "./people.ts";
import { getCourses, getRegions } from "../_shared/racing_api/endpoints.ts";
import { parsePayload, payloadRows } from "../_shared/racing_api/payloads.ts";
import type { JobContext } from "../_shared/sync/job_context.ts";
import type { RunSummary } from "../_shared/sync/runs.ts";
import { messageOf } from "../_shared/sync/failures.ts";
import { runWorkLoop, summarizeWork, type WorkJob } from "../_shared/sync/work_loop.ts";

/** The reference data sync-masters keeps, in the order a run syncs them. */
export const MASTER_ENTITIES = ["regions", "courses", "bookmakers", "people"] as const;

/** One kind of reference data. */
export type MasterEntity = typeof MASTER_ENTITIES[number];

/** What each scheduled mode syncs. */
export const MODE_ENTITIES: Readonly<Record<"monthly" | "weekly", readonly MasterEntity[]>> = {
  monthly: MASTER_ENTITIES,
  weekly: ["people"],
};

const wait = z.boolean().optional();

/** The body sync-masters accepts. */
export const SyncMastersBodySchema = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("monthly"), wait }),
  z.strictObject({ mode: z.literal("weekly"), wait }),
  z.strictObject({
    mode: z.literal("entities"),
    // Bounded, so the stored request body stays small: no more items than there are entities.
    entities: z.array(z.enum(MASTER_ENTITIES)).min(1).max(MASTER_ENTITIES.length),
    wait,
  }),
]);

/** A validated sync-masters body. */
export type SyncMastersBody = z.infer<typeof SyncMastersBodySchema>;

/** What syncing one entity did. */
interface EntityOutcome {
  readonly rowsWritten: number;
  readonly details: Record<string, unknown>;
}

async function write(context: JobContext, rows: RowBatch<"masters">): Promise<number> {
  return rowCount(await writeBatchInTransaction(context.sql, rows, "masters"));
}

async function syncRegions(context: JobContext): Promise<EntityOutcome> {
  const regions = parsePayload("regions", await getRegions(context.api), { drift: context.drift });
  const { rows } = payloadRows("regions", regions, { regions: context.config.regions });
  return {
    rowsWritten: await write(context, rows),
    details: { regions: rows.ra_mst_regions?.length ?? 0 },
  };
}

async function syncCourses(context: JobContext): Promise<EntityOutcome> {
  const body = await getCourses(context.api, { regionCodes: context.config.regions });
  const page = parsePayload("courses", body, { drift: context.drift });
  const { rows, filteredOut } = payloadRows("courses", page, { regions: context.config.regions });
  return {
    rowsWritten: await write(context, rows),
    details: {
      courses: rows.ra_mst_courses?.length ?? 0,
      other_regions_left_out: filteredOut.courses ?? 0,
    },
  };
}

async function seedBookmakers(context: JobContext): Promise<EntityOutcome> {
  const rows = bookmakerSeedRows();
  return {
    rowsWritten: await write(context, rows),
    details: {
      list_version: BOOKMAKER_LIST_VERSION,
      bookmakers: BOOKMAKERS.length,
      aliases: rows.ra_mst_bookmaker_aliases?.length ?? 0,
    },
  };
}

async function syncPeople(context: JobContext): Promise<EntityOutcome> {
  const changed = await refreshPeople(context.sql, { regions: context.config.regions });
  return { rowsWritten: rowCount(changed), details: { rows_changed: changed } };
}

const STEPS: Readonly<Record<MasterEntity, (context: JobContext) => Promise<EntityOutcome>>> = {
  regions: syncRegions,
  courses: syncCourses,
  bookmakers: seedBookmakers,
  people: syncPeople,
};

/** The entities a body asks for, in sync order, each once. */
export function entitiesOf(body: SyncMastersBody): MasterEntity[] {
  const wanted: readonly MasterEntity[] = body.mode === "entities"
    ? body.entities
    : MODE_ENTITIES[body.mode];
  return MASTER_ENTITIES.filter((entity) => wanted.includes(entity));
}

/**
 * The entities a body asks for, as a job of the work loop: one batch, in sync order. An entity
 * not reached (budget, an error that stops the run) is reported skipped.
 */
function entityJob(
  context: JobContext,
  body: SyncMastersBody,
  entities: Record<string, Record<string, unknown>>,
): WorkJob<MasterEntity> {
  return {
    claim: () => Promise.resolve(entitiesOf(body)),
    process: async (entity) => {
      try {
        const outcome = await STEPS[entity](context);
        entities[entity] = {
          status: "done",
          rows_written: outcome.rowsWritten,
          ...outcome.details,
        };
        return { rowsWritten: outcome.rowsWritten };
      } catch (error) {
        entities[entity] = { status: "failed", error: messageOf(error) };
        throw error;
      }
    },
    fail: () => Promise.resolve("failed"),
    release: (skipped) => {
      for (const entity of skipped) entities[entity] ??= { status: "skipped" };
      return Promise.resolve();
    },
    describe: (entity) => ({ log: { entity }, params: { entity } }),
  };
}

async function run(context: JobContext, body: SyncMastersBody): Promise<RunSummary> {
  const entities: Record<string, Record<string, unknown>> = {};
  const loop = await runWorkLoop(context, entityJob(context, body, entities), { oneBatch: true });
  const skipped = Object.values(entities).filter((entity) => entity.status === "skipped");
  return summarizeWork([loop], {
    incomplete: skipped.length > 0,
    details: { entities: sortedByEntity(entities) },
  });
}

/** The entities' outcomes in sync order, as a reader expects them. */
function sortedByEntity(entities: Record<string, Record<string, unknown>>) {
  return Object.fromEntries(
    MASTER_ENTITIES.filter((entity) => entity in entities).map((e) => [e, entities[e]]),
  );
}

/** The sync-masters function. */
export const syncMastersJob: JobDefinition<SyncMastersBody> = {
  functionName: "sync-masters",
  bodySchema: SyncMastersBodySchema,
  run,
};
