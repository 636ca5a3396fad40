/**
 * Collects the rows one payload (or page) yields and merges rows that share a key: the same
 * horse runs twice in a results page, the same jockey rides in many races. Rows merge the way
 * the writer's upsert would merge them one after another (`columns.ts` merge policies), so a
 * page written as one deduplicated batch stores what writing its races one by one, in race
 * date order, would: earliest first_seen, latest last_seen, the non-null value of the latest
 * race over an earlier one (a colt gelded between two races of a page ends as a gelding, in
 * whatever order the page lists them).
 *
 * Also the rows every race payload shares: the people a runner names and its ancestors.
 *
 * @module
 */
import { keyColumns, ownedColumns, type RowBatch, type SourceRow } from "../db/row_batch.ts";
import { type MergePolicy, type TableName, WRITE_ORDER, type WriterSource } from "../db/tables.ts";
import { type ParsedHorseName, splitHorseName } from "./names.ts";
import { blankToNull } from "./numbers.ts";

/** How many races a transform dropped because their region is not synced. */
export interface FilteredOut {
  races: number;
}

/** The rows of a payload plus what its region filter dropped. */
export interface TransformedRows<S extends WriterSource> {
  rows: RowBatch<S>;
  filteredOut: FilteredOut;
}

/** Options every race transform takes. */
export interface TransformOptions {
  /** Wanted region codes in query form ("gb", "ire"); other races are dropped. */
  regions: readonly string[];
}

type PlainRow = Record<string, unknown>;

/**
 * Merges `incoming` into `stored` (same key, same source) in place, per column policy:
 * coalesce → incoming unless null; replace → incoming; fill → stored unless null;
 * earliest/latest → min/max of the non-null values. Columns only one row carries are kept.
 * When both rows carry `last_seen_date`, a row from an earlier race never overwrites a
 * non-null value of a later one.
 */
export function mergeRowInto(
  stored: PlainRow,
  incoming: PlainRow,
  policies: Readonly<Record<string, MergePolicy>>,
): void {
  const storedSeen = stored.last_seen_date;
  const incomingSeen = incoming.last_seen_date;
  const incomingIsOlder = typeof storedSeen === "string" && typeof incomingSeen === "string" &&
    incomingSeen < storedSeen;
  for (const column in incoming) {
    const value = incoming[column];
    if (value === undefined) continue;
    const policy = policies[column];
    const current = stored[column];
    if (policy === undefined || current === undefined || current === null) {
      // Key columns (no policy) are equal by construction; an empty stored value takes any.
      if (current === undefined || current === null) stored[column] = value;
      continue;
    }
    if (value === null) {
      if (policy === "replace") stored[column] = null;
      continue;
    }
    switch (policy) {
      case "coalesce":
      case "replace":
        if (!incomingIsOlder) stored[column] = value;
        break;
      case "fill":
        break;
      case "earliest":
        if ((value as string) < (current as string)) stored[column] = value;
        break;
      case "latest":
        if ((value as string) > (current as string)) stored[column] = value;
        break;
    }
  }
}

/** One table's rows in a batch, in the order they came, with what merging them needs. */
interface TableRows {
  readonly rows: PlainRow[];
  /**
   * Row by key. A prototype-less object rather than a Map: V8 looks up freshly parsed id
   * strings in it two to three times faster, and this runs for every runner's eight rows.
   */
  readonly byKey: Record<string, PlainRow>;
  readonly keys: readonly string[];
  readonly policies: Readonly<Record<string, MergePolicy>>;
}

/** Accumulates rows per table for one writer source, merging rows that share a key. */
export class RowBatchBuilder<S extends WriterSource> {
  readonly #source: S;
  readonly #tables = new Map<TableName, TableRows>();
  // A page names the same sires and dams dozens of times; split each name once per page.
  readonly #names = new Map<string, ParsedHorseName>();

  /** Starts an empty batch for `source`. */
  constructor(source: S) {
    this.#source = source;
  }

  /** Adds a row, merging it into an earlier row with the same key (the row may be kept as is). */
  add<T extends TableName>(table: T, row: SourceRow<T, S>): void {
    const plain = row as PlainRow;
    const tableRows = this.#tables.get(table) ?? this.#startTable(table);
    const key = rowKey(tableRows.keys, plain);
    const stored = tableRows.byKey[key];
    if (stored === undefined) {
      tableRows.byKey[key] = plain;
      tableRows.rows.push(plain);
    } else {
      mergeRowInto(stored, plain, tableRows.policies);
    }
  }

  /** `splitHorseName` of a name, computed once per batch ("Sottsass (FR)" → Sottsass, FR). */
  horseName(name: string): ParsedHorseName {
    let parsed = this.#names.get(name);
    if (parsed === undefined) {
      parsed = splitHorseName(name);
      this.#names.set(name, parsed);
    }
    return parsed;
  }

  /** The rows collected so far, per table in write order; tables without rows are left out. */
  build(): RowBatch<S> {
    const batch: Record<string, PlainRow[]> = {};
    for (const table of WRITE_ORDER) {
      const rows = this.#tables.get(table)?.rows;
      if (rows !== undefined && rows.length > 0) batch[table] = [...rows];
    }
    return batch as RowBatch<S>;
  }

  #startTable(table: TableName): TableRows {
    const tableRows: TableRows = {
      rows: [],
      byKey: Object.create(null),
      keys: keyColumns(table),
      policies: ownedColumns(table, this.#source),
    };
    this.#tables.set(table, tableRows);
    return tableRows;
  }
}

function rowKey(keys: readonly string[], row: PlainRow): string {
  if (keys.length === 1) return String(row[keys[0] as string]);
  let key = "";
  for (const column of keys) key += `${String(row[column])}\u0000`;
  return key;
}

/**
 * Maps races to one deduplicated batch of `source` rows: `addRace` adds a race's rows and
 * returns false when its region is not wanted, which counts it as filtered out.
 */
export function racesToRows<S extends WriterSource, R>(
  source: S,
  races: readonly R[],
  addRace: (builder: RowBatchBuilder<S>, race: R) => boolean,
): TransformedRows<S> {
  const builder = new RowBatchBuilder(source);
  const filteredOut: FilteredOut = { races: 0 };
  for (const race of races) {
    if (!addRace(builder, race)) filteredOut.races += 1;
  }
  return { rows: builder.build(), filteredOut };
}

/** Merges several batches of one source into one, as if their rows had come in that order. */
export function mergeRowBatches<S extends WriterSource>(
  source: S,
  batches: readonly RowBatch<S>[],
): RowBatch<S> {
  const builder = new RowBatchBuilder(source);
  for (const batch of batches) {
    for (const table of WRITE_ORDER) {
      const rows = batch[table] as SourceRow<typeof table, S>[] | undefined;
      // Copies, so merging never alters the rows of the batches passed in.
      for (const row of rows ?? []) builder.add(table, { ...row });
    }
  }
  return builder.build();
}

/** Counts rows per table, for summaries and logs. */
export function countRows(batch: RowBatch): { [T in TableName]?: number } {
  const counts: { [T in TableName]?: number } = {};
  for (const table of WRITE_ORDER) {
    const rows = batch[table];
    if (rows !== undefined && rows.length > 0) counts[table] = rows.length;
  }
  return counts;
}

/** Person tables that racecards and results both fill from runners. */
type PersonTable = "ra_mst_jockeys" | "ra_mst_trainers" | "ra_mst_owners";
/** Ancestor tables that racecards, results and horse profiles fill. */
type AncestorTable = "ra_mst_sires" | "ra_mst_dams" | "ra_mst_damsires";

/**
 * Adds a person named by a runner on `raceDate` and returns the id for the runner's foreign
 * key; an id of "" or null (no jockey declared, no owner given) adds nothing and gives null.
 */
export function addPersonSeen(
  builder: RowBatchBuilder<"racecard"> | RowBatchBuilder<"result">,
  table: PersonTable,
  rawId: string | null | undefined,
  name: string | null,
  raceDate: string | null,
): string | null {
  const id = blankToNull(rawId);
  if (id === null) return null;
  (builder as RowBatchBuilder<"result">).add(table, {
    id,
    name,
    first_seen_date: raceDate,
    last_seen_date: raceDate,
  });
  return id;
}

/**
 * Adds a sire, dam or damsire and returns its id for the horse's foreign key. The name loses
 * its country suffix ("Sottsass (FR)" → "Sottsass"), which gives the region when the payload
 * has no region field. An id of "" or null adds nothing and gives null.
 */
export function addAncestor(
  builder: RowBatchBuilder<"racecard"> | RowBatchBuilder<"result"> | RowBatchBuilder<"enrichment">,
  table: AncestorTable,
  rawId: string | null | undefined,
  rawName: string | null | undefined,
  rawRegion?: string | null,
): string | null {
  const id = blankToNull(rawId);
  if (id === null) return null;
  const text = blankToNull(rawName);
  const split = text === null ? null : builder.horseName(text);
  (builder as RowBatchBuilder<"result">).add(table, {
    id,
    name: split === null ? null : split.name,
    region: blankToNull(rawRegion) ?? split?.country ?? null,
  });
  return id;
}
