/**
 * `deno task replay`: re-derives rows from a saved API response with the code the functions
 * run (zod schemas, transforms, region filter), then prints them (`--dry-run`) or writes them
 * through the database writer. A mapping fix can so be checked, and applied, without calling
 * the API again.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { createDbClient } from "../supabase/functions/_shared/db/client.ts";
import type {
  RowBatch,
  TableName,
  WriterSource,
} from "../supabase/functions/_shared/db/columns.ts";
import { WRITE_ORDER } from "../supabase/functions/_shared/db/columns.ts";
import { writeBatchInTransaction } from "../supabase/functions/_shared/db/writer.ts";
import { findUnknownFields } from "../supabase/functions/_shared/racing_api/drift.ts";
import {
  CoursesPageSchema,
  HorseProSchema,
  HorseStandardSchema,
  parseApiPayload,
  PayloadValidationError,
  RacecardProSchema,
  RacecardsProPageSchema,
  RegionsSchema,
  ResultSchema,
  ResultsPageSchema,
} from "../supabase/functions/_shared/racing_api/schemas.ts";
import { parseRegionCodes, RegionConfigError } from "../supabase/functions/_shared/regions.ts";
import { coursesToRows } from "../supabase/functions/_shared/transform/course.ts";
import {
  type HorseProfileSource,
  horseProfileToRows,
} from "../supabase/functions/_shared/transform/horse.ts";
import { racecardsPageToRows } from "../supabase/functions/_shared/transform/racecard.ts";
import { regionsToRows } from "../supabase/functions/_shared/transform/region.ts";
import { resultsPageToRows } from "../supabase/functions/_shared/transform/result.ts";

/** Payload kinds the command reads, one per saved endpoint answer. */
export const REPLAY_KINDS = [
  "racecards",
  "racecard",
  "results",
  "result",
  "horse",
  "courses",
  "regions",
] as const;

/** A payload kind: `racecards` is a /v1/racecards/pro page, `racecard` one card, and so on. */
export type ReplayKind = typeof REPLAY_KINDS[number];

/** What the command was asked to do. */
export interface ReplayRequest {
  kind: ReplayKind;
  file: string;
  dryRun: boolean;
  horseSource: HorseProfileSource;
}

/** Rows derived from one payload, the writer source they belong to, and what was noticed. */
export interface ReplayOutcome {
  source: WriterSource;
  rows: RowBatch;
  filteredOut: { races: number; courses?: number };
  /** Fields of the payload that the schemas do not declare (collapsed paths). */
  drift: string[];
}

/** Bad command-line arguments; the message says which and how to ask for help. */
export class ReplayUsageError extends Error {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "ReplayUsageError";
  }
}

/** The saved file could not be read as JSON. */
export class ReplayFileError extends Error {
  /** Creates the error, naming the file. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ReplayFileError";
  }
}

/** Printed by `--help`. */
export const REPLAY_HELP =
  `deno task replay --kind <kind> --file <response.json> [--dry-run] [--source pro|standard]

Parses, validates and transforms a saved Racing API response with the same schemas, transforms
and region filter (RA_REGIONS, default gb,ire) as the Edge Functions.

  --kind      racecards  a /v1/racecards/pro page
              racecard   one /v1/racecards/{race_id}/pro card
              results    a /v1/results page
              result     one /v1/results/{race_id} result
              horse      a /v1/horses/{horse_id}/pro (or /standard) profile
              courses    the /v1/courses list
              regions    the /v1/courses/regions list
  --file      the saved response body (JSON)
  --source    with --kind horse: which endpoint the profile came from (default pro)
  --dry-run   write nothing; print one JSON object to stdout:
              {"tables": {<table>: [<rows>]}, "filtered_out": {"races": n}, "drift": [<fields>]}
  --help      this text

Without --dry-run the rows are written through the database writer, in one transaction, to
the database at DATABASE_URL, and a summary of rows per table is printed.
Exit codes: 0 done, 1 unreadable or invalid payload or failed write, 2 bad arguments.`;

/**
 * Reads the command line.
 * @throws {ReplayUsageError} on unknown flags, a missing --kind or --file, or a bad value
 */
export function parseReplayArgs(args: readonly string[]): ReplayRequest | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        kind: { type: "string" },
        file: { type: "string" },
        source: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ReplayUsageError(`Cannot read arguments: ${(error as Error).message}`);
  }
  if (values.help) return "help";
  const kind = values.kind;
  if (kind === undefined || !(REPLAY_KINDS as readonly string[]).includes(kind)) {
    throw new ReplayUsageError(
      `Cannot replay: --kind must be one of ${REPLAY_KINDS.join(", ")}: current value is ` +
        `${kind === undefined ? "missing" : `"${kind}"`}`,
    );
  }
  if (values.file === undefined || values.file === "") {
    throw new ReplayUsageError("Cannot replay: --file is missing");
  }
  const source = values.source ?? "pro";
  if (source !== "pro" && source !== "standard") {
    throw new ReplayUsageError(
      `Cannot replay: --source must be pro or standard: current value is "${source}"`,
    );
  }
  if (values.source !== undefined && kind !== "horse") {
    throw new ReplayUsageError("Cannot replay: --source applies only to --kind horse");
  }
  return {
    kind: kind as ReplayKind,
    file: values.file,
    dryRun: values["dry-run"] ?? false,
    horseSource: source,
  };
}

/**
 * Validates a payload of `kind` and maps it to rows, as the functions do.
 * @throws {PayloadValidationError} naming each failing JSON path
 */
export function replayPayload(
  kind: ReplayKind,
  payload: unknown,
  options: { regions: readonly string[]; horseSource?: HorseProfileSource },
): ReplayOutcome {
  const { regions, horseSource = "pro" } = options;
  switch (kind) {
    case "racecards": {
      const page = parseApiPayload(RacecardsProPageSchema, payload, "racecards page");
      const { rows, filteredOut } = racecardsPageToRows(page, { regions });
      return outcome(
        "racecard",
        rows,
        filteredOut,
        findUnknownFields(RacecardsProPageSchema, payload),
      );
    }
    case "racecard": {
      const card = parseApiPayload(RacecardProSchema, payload, "racecard");
      const { rows, filteredOut } = racecardsPageToRows({ racecards: [card] }, { regions });
      return outcome("racecard", rows, filteredOut, findUnknownFields(RacecardProSchema, payload));
    }
    case "results": {
      const page = parseApiPayload(ResultsPageSchema, payload, "results page");
      const { rows, filteredOut } = resultsPageToRows(page, { regions });
      return outcome("result", rows, filteredOut, findUnknownFields(ResultsPageSchema, payload));
    }
    case "result": {
      const result = parseApiPayload(ResultSchema, payload, "result");
      const { rows, filteredOut } = resultsPageToRows({ results: [result] }, { regions });
      return outcome("result", rows, filteredOut, findUnknownFields(ResultSchema, payload));
    }
    case "horse": {
      const schema = horseSource === "pro" ? HorseProSchema : HorseStandardSchema;
      const profile = parseApiPayload(schema, payload, `horse ${horseSource} profile`);
      const rows = horseProfileToRows(profile, horseSource);
      return outcome("enrichment", rows, { races: 0 }, findUnknownFields(schema, payload));
    }
    case "courses": {
      const page = parseApiPayload(CoursesPageSchema, payload, "courses");
      const { rows, filteredOut } = coursesToRows(page, { regions });
      return outcome(
        "masters",
        rows,
        { races: 0, courses: filteredOut.courses },
        findUnknownFields(CoursesPageSchema, payload),
      );
    }
    case "regions": {
      const regionList = parseApiPayload(RegionsSchema, payload, "regions");
      return outcome(
        "masters",
        regionsToRows(regionList),
        { races: 0 },
        findUnknownFields(RegionsSchema, payload),
      );
    }
  }
}

function outcome(
  source: WriterSource,
  rows: RowBatch,
  filteredOut: ReplayOutcome["filteredOut"],
  drift: string[],
): ReplayOutcome {
  return { source, rows, filteredOut, drift };
}

/** The `--dry-run` document: tables in write order, then the filter count and the drift. */
export function dryRunDocument(result: ReplayOutcome): {
  tables: { [T in TableName]?: unknown[] };
  filtered_out: ReplayOutcome["filteredOut"];
  drift: string[];
} {
  const tables: { [T in TableName]?: unknown[] } = {};
  for (const table of WRITE_ORDER) {
    const rows = result.rows[table];
    if (rows !== undefined && rows.length > 0) tables[table] = rows;
  }
  return { tables, filtered_out: result.filteredOut, drift: result.drift };
}

/**
 * Reads and parses the saved response body.
 * @throws {ReplayFileError} when the file is missing or is not JSON
 */
export async function readPayload(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (error) {
    throw new ReplayFileError(`Cannot read "${file}": ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ReplayFileError(
      `Cannot parse "${file}" as JSON: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function printErr(line: string): void {
  console.error(line);
}

/** Runs the command; returns the exit code. Only `--dry-run` JSON goes to stdout. */
export async function runReplay(args: readonly string[]): Promise<number> {
  let request: ReplayRequest | "help";
  try {
    request = parseReplayArgs(args);
  } catch (error) {
    if (!(error instanceof ReplayUsageError)) throw error;
    printErr(`${error.message} (see --help)`);
    return 2;
  }
  if (request === "help") {
    console.log(REPLAY_HELP);
    return 0;
  }

  let regions: string[];
  try {
    regions = parseRegionCodes(Deno.env.get("RA_REGIONS"));
  } catch (error) {
    if (!(error instanceof RegionConfigError)) throw error;
    printErr(error.message);
    return 2;
  }
  const databaseUrl = Deno.env.get("DATABASE_URL");
  if (!request.dryRun && (databaseUrl === undefined || databaseUrl.trim() === "")) {
    printErr(
      "Cannot write rows: DATABASE_URL is not set (set it to a PostgreSQL URL, or use --dry-run)",
    );
    return 2;
  }

  let result: ReplayOutcome;
  try {
    const payload = await readPayload(request.file);
    result = replayPayload(request.kind, payload, {
      regions,
      horseSource: request.horseSource,
    });
  } catch (error) {
    if (error instanceof ReplayFileError) {
      printErr(error.message);
      return 1;
    }
    if (error instanceof PayloadValidationError) {
      printErr(`Cannot replay "${request.file}": the ${error.kind} payload is invalid`);
      for (const issue of error.issues) printErr(`  ${issue.path}: ${issue.reason}`);
      return 1;
    }
    throw error;
  }

  if (request.dryRun) {
    console.log(JSON.stringify(dryRunDocument(result)));
    return 0;
  }
  for (const field of result.drift) {
    printErr(`drift: ${request.kind} field not in schema: ${field}`);
  }

  const sql = createDbClient(databaseUrl as string, { max: 1 });
  try {
    const counts = await writeBatchInTransaction(sql, result.rows, result.source);
    console.log(`replayed ${request.kind} from ${request.file} as ${result.source}`);
    for (const table of WRITE_ORDER) {
      const rows = result.rows[table]?.length ?? 0;
      const changed = counts[table] ?? 0;
      if (rows > 0 || changed > 0) {
        console.log(`  ${table.padEnd(26)} ${String(rows).padStart(6)} rows, ${changed} changed`);
      }
    }
    const filtered = Object.entries(result.filteredOut).filter(([, n]) => n > 0);
    for (const [what, n] of filtered) console.log(`  filtered out: ${n} ${what} of other regions`);
    return 0;
  } catch (error) {
    // postgres.js keeps query text and parameters out of its messages.
    printErr(`Cannot write rows: ${(error as Error).message}`);
    return 1;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

if (import.meta.main) {
  Deno.exit(await runReplay(Deno.args));
}
