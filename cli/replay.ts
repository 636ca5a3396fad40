/**
 * `deno task replay`: re-derives rows from a saved API response with the code the functions
 * run (the payload registry's schema, transform and writer source, and the region filter), then
 * prints them (`--dry-run`) or writes them through the database writer. A mapping fix can so be checked, and applied, without calling
 * the API again.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { createDbClient } from "../supabase/functions/_shared/db/client.ts";
import type { RowBatch } from "../supabase/functions/_shared/db/row_batch.ts";
import type { TableName, WriterSource } from "../supabase/functions/_shared/db/tables.ts";
import { WRITE_ORDER } from "../supabase/functions/_shared/db/tables.ts";
import { writeBatch, type WriteCounts } from "../supabase/functions/_shared/db/writer.ts";
import type { OddsWriteCounts } from "../supabase/functions/_shared/db/odds_writer.ts";
import { OddsPayloadError, type OddsRows } from "../supabase/functions/_shared/odds/odds_rows.ts";
import {
  cardOddsRows,
  KINDS_WITH_ODDS,
  oddsTables,
  runnerOddsRows,
  RunnerOddsShapeError,
  setOddsAside,
  writeReplayedOdds,
} from "./replay_odds.ts";
import { readPayload, ReplayFileError } from "./replay_file.ts";
import { DriftReporter } from "../supabase/functions/_shared/racing_api/drift.ts";
import {
  HORSE_PROFILE_KINDS,
  parsePayload,
  PAYLOAD_KINDS,
  type PayloadKind,
  payloadRows,
  PAYLOADS,
} from "../supabase/functions/_shared/racing_api/payloads.ts";
import { QuarantinedPayloadError } from "../supabase/functions/_shared/racing_api/quarantine.ts";
import { parseRegionCodes, RegionConfigError } from "../supabase/functions/_shared/regions.ts";
import type { HorseProfileSource } from "../supabase/functions/_shared/transform/horse.ts";

type HorseProfileKind = typeof HORSE_PROFILE_KINDS[HorseProfileSource];

/**
 * A `--kind`: a payload kind of the registry, except that both horse profiles are `horse`
 * (the endpoint is chosen with `--source`).
 */
export type ReplayKind = Exclude<PayloadKind, HorseProfileKind> | "horse" | "odds";

const HORSE_KINDS: readonly string[] = Object.values(HORSE_PROFILE_KINDS);

/** The `--kind` values, in registry order. */
function replayKinds(): ReplayKind[] {
  const kinds: ReplayKind[] = [];
  for (const kind of PAYLOAD_KINDS) {
    if (!HORSE_KINDS.includes(kind)) kinds.push(kind as ReplayKind);
    else if (!kinds.includes("horse")) kinds.push("horse");
  }
  kinds.push("odds");
  return kinds;
}

/** The registry's payload kind that a `--kind` (and `--source`) names. */
function payloadKindOf(
  kind: Exclude<ReplayKind, "odds">,
  horseSource: HorseProfileSource,
): PayloadKind {
  return kind === "horse" ? HORSE_PROFILE_KINDS[horseSource] : kind;
}

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
  /** Prices and movements the payload carries (racecards, racecard, odds). */
  odds: OddsRows;
}

/** Bad command-line arguments; the message says which and how to ask for help. */
export class ReplayUsageError extends Error {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "ReplayUsageError";
  }
}

/** One help line per `--kind`: what it is and the endpoint that answers it. */
function kindLines(): string {
  return replayKinds().map((kind) => {
    if (kind === "odds") {
      return `${kind.padEnd(10)} a runner's prices and movements: /v1/odds/{race_id}/{horse_id}`;
    }
    const { label, endpoint } = PAYLOADS[payloadKindOf(kind, "pro")];
    const what = kind === "horse" ? `${label} (or standard, see --source)` : label;
    return `${kind.padEnd(10)} ${what}: ${endpoint}`;
  }).join("\n              ");
}

/** Printed by `--help`. */
export const REPLAY_HELP =
  `deno task replay --kind <kind> --file <response.json> [--dry-run] [--source pro|standard]

Parses, validates and transforms a saved Racing API response with the same schemas, transforms
and region filter (RA_REGIONS, default gb,ire) as the Edge Functions.

  --kind      ${kindLines()}
  --file      the saved response body (JSON)
  --source    with --kind horse: which endpoint the profile came from (default pro)
  --dry-run   write nothing; print one JSON object to stdout:
              {"tables": {<table>: [<rows>]}, "filtered_out": {"races": n}, "drift": [<fields>]}
              (racecards, racecard and odds add ra_odds_live: the prices, books by name,
              and ra_odds_history: the movements)
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
  const kinds: readonly string[] = replayKinds();
  if (kind === undefined || !kinds.includes(kind)) {
    throw new ReplayUsageError(
      `Cannot replay: --kind must be one of ${kinds.join(", ")}: current value is ` +
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
 * Validates a payload of `kind` and maps it to rows with the functions' registry entry.
 * @throws {QuarantinedPayloadError} naming the endpoint and each failing JSON path
 */
export function replayPayload(
  kind: ReplayKind,
  payload: unknown,
  options: { regions: readonly string[]; horseSource?: HorseProfileSource },
): ReplayOutcome {
  const { regions, horseSource = "pro" } = options;
  if (kind === "odds") {
    const odds = runnerOddsRows(payload);
    return { source: "racecard", rows: {}, filteredOut: { races: 0 }, drift: [], odds };
  }
  const payloadKind = payloadKindOf(kind, horseSource);
  const drift = new DriftReporter();
  if (KINDS_WITH_ODDS.includes(kind)) setOddsAside(payload);
  const parsed = parsePayload(payloadKind, payload, { drift });
  const { rows, filteredOut } = payloadRows(payloadKind, parsed, { regions });
  return {
    source: PAYLOADS[payloadKind].source,
    rows,
    filteredOut: { ...filteredOut },
    drift: drift.drain().map((unknown) => unknown.field),
    odds: KINDS_WITH_ODDS.includes(kind)
      ? cardOddsRows(payload, rows)
      : { prices: [], movements: [] },
  };
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
  Object.assign(tables, oddsTables(result.odds));
  return { tables, filtered_out: result.filteredOut, drift: result.drift };
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
    if (
      error instanceof ReplayFileError || error instanceof RunnerOddsShapeError ||
      error instanceof OddsPayloadError
    ) {
      printErr(error.message);
      return 1;
    }
    if (error instanceof QuarantinedPayloadError && "issues" in error.cause) {
      const { kind, issues } = error.cause;
      printErr(
        `Cannot replay "${request.file}": the ${kind} payload (${error.endpoint}) is invalid`,
      );
      for (const issue of issues) printErr(`  ${issue.path}: ${issue.reason}`);
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
    let counts: WriteCounts = {};
    let odds: OddsWriteCounts | null = null;
    await sql.begin(async (tx) => {
      if (Object.keys(result.rows).length > 0) {
        counts = await writeBatch(tx, result.rows, result.source);
      }
      const { prices, movements } = result.odds;
      if (prices.length + movements.length > 0) odds = await writeReplayedOdds(tx, result.odds);
    });
    console.log(`replayed ${request.kind} from ${request.file} as ${result.source}`);
    for (const table of WRITE_ORDER) {
      const rows = result.rows[table]?.length ?? 0;
      const changed = counts[table] ?? 0;
      if (rows > 0 || changed > 0) {
        console.log(`  ${table.padEnd(26)} ${String(rows).padStart(6)} rows, ${changed} changed`);
      }
    }
    if (odds !== null) {
      const { live, history } = odds as OddsWriteCounts;
      console.log(
        `  ${"ra_odds_live".padEnd(26)} ${
          String(result.odds.prices.length).padStart(6)
        } rows, ${live} changed`,
      );
      console.log(`  ${"ra_odds_history".padEnd(26)} ${history} rows added`);
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
