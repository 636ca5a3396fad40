/**
 * sync-masters: the reference data. Regions (every one the API lists) and courses (of the synced
 * regions, `RA_REGIONS`) from the API; bookmakers from the versioned seed list with the names the
 * API writes in odds as aliases; people (jockeys, trainers, owners) refreshed set-based from
 * stored runners and archived payloads, with no API call. Modes: `monthly` (everything), `weekly`
 * (people) and `entities` (the ones named). Every entity is idempotent: a rerun changes nothing.
 */
import { z } from "zod";
import type { RowBatch } from "../_shared/db/columns.ts";
import { writeBatchInTransaction } from "../_shared/db/writer.ts";
import type { JobDefinition } from "../_shared/http/serve_job.ts";
import {
  BOOKMAKER_LIST_VERSION,
  BOOKMAKERS,
  bookmakerSeedRows,
} from "../_shared/masters/bookmakers.ts";
import { refreshPeople } from "../_shared/masters/people.ts";
import { findUnknownFields } from "../_shared/racing_api/drift.ts";
import { getCourses, getRegions } from "../_shared/racing_api/endpoints.ts";
import { RacingApiError } from "../_shared/racing_api/errors.ts";
import {
  CoursesPageSchema,
  parseApiPayload,
  PayloadValidationError,
  RegionsSchema,
} from "../_shared/racing_api/schemas.ts";
import type { JobContext } from "../_shared/sync/job_context.ts";
import { runStatusOf, type RunSummary } from "../_shared/sync/runs.ts";
import { isFatal, QuarantinedPayloadError, recordSyncError } from "../_shared/sync/failures.ts";
import { coursesToRows } from "../_shared/transform/course.ts";
import { regionsToRows } from "../_shared/transform/region.ts";

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

function rowCount(counts: Record<string, number | undefined>): number {
  let total = 0;
  for (const count of Object.values(counts)) total += count ?? 0;
  return total;
}

/** Parses a payload; a mismatch becomes a quarantined payload (recorded with the body). */
function parsePayload<T>(context: JobContext, schema: z.ZodType<T>, body: unknown, kind: string) {
  let parsed: T;
  try {
    parsed = parseApiPayload(schema, body, kind);
  } catch (error) {
    if (error instanceof PayloadValidationError) throw new QuarantinedPayloadError(error, body);
    throw error;
  }
  context.drift.report(kind, findUnknownFields(schema, body));
  return parsed;
}

async function write(context: JobContext, rows: RowBatch<"masters">): Promise<number> {
  return rowCount(await writeBatchInTransaction(context.sql, rows, "masters"));
}

async function syncRegions(context: JobContext): Promise<EntityOutcome> {
  const regions = parsePayload(context, RegionsSchema, await getRegions(context.api), "regions");
  const rows = regionsToRows(regions);
  return {
    rowsWritten: await write(context, rows),
    details: { regions: rows.ra_mst_regions?.length ?? 0 },
  };
}

async function syncCourses(context: JobContext): Promise<EntityOutcome> {
  const body = await getCourses(context.api, { regionCodes: context.config.regions });
  const page = parsePayload(context, CoursesPageSchema, body, "courses list");
  const { rows, filteredOut } = coursesToRows(page, { regions: context.config.regions });
  return {
    rowsWritten: await write(context, rows),
    details: {
      courses: rows.ra_mst_courses?.length ?? 0,
      other_regions_left_out: filteredOut.courses,
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function run(context: JobContext, body: SyncMastersBody): Promise<RunSummary> {
  const { sql, log, clock } = context;
  const callsBefore = context.api.stats.calls;
  const entities: Record<string, Record<string, unknown>> = {};
  let rowsWritten = 0;
  let failed = 0;
  let skipped = 0;
  let fatalError: string | null = null;
  let lastError: string | null = null;
  let interrupted = false;

  for (const entity of entitiesOf(body)) {
    if (context.signal.aborted) {
      interrupted = true;
      break;
    }
    if (fatalError !== null || clock.now().getTime() >= context.deadline) {
      entities[entity] = { status: "skipped" };
      skipped++;
      continue;
    }
    try {
      const outcome = await STEPS[entity](context);
      rowsWritten += outcome.rowsWritten;
      entities[entity] = { status: "done", rows_written: outcome.rowsWritten, ...outcome.details };
      log.info("entity synced", { entity, rows: outcome.rowsWritten });
    } catch (caught) {
      if (context.signal.aborted) {
        interrupted = true;
        break;
      }
      const error = messageOf(caught);
      entities[entity] = { status: "failed", error };
      log.error("entity failed", { entity, error });
      if (isFatal(caught)) {
        fatalError = error;
        continue;
      }
      failed++;
      lastError = error;
      await recordSyncError(sql, context, null, {
        ...(caught instanceof RacingApiError ? { endpoint: caught.endpoint } : {}),
        params: { entity },
        error,
        ...(caught instanceof QuarantinedPayloadError ? { payload: caught.payload } : {}),
      });
    }
  }

  const status = runStatusOf({
    fatal: fatalError !== null,
    interrupted,
    incomplete: failed > 0 || skipped > 0,
  });
  return {
    status,
    windows_claimed: 0,
    windows_done: 0,
    windows_failed: 0,
    api_calls: context.api.stats.calls - callsBefore,
    rows_written: rowsWritten,
    error: fatalError ?? lastError,
    details: { entities },
  };
}

/** The sync-masters function. */
export const syncMastersJob: JobDefinition<SyncMastersBody> = {
  functionName: "sync-masters",
  bodySchema: SyncMastersBodySchema,
  run,
};
