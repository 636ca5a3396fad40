/**
 * The database writer: one multi-row upsert per table and column set, parents before children,
 * each source updating only the columns it owns (`columns.ts`) with that column's merge policy.
 * A re-run of any batch changes nothing, `updated_at` included.
 */
import type postgres from "postgres";
import { keyColumns, ownedColumns, parentTables, type RowBatch } from "./row_batch.ts";
import { type MergePolicy, type TableName, WRITE_ORDER, type WriterSource } from "./tables.ts";

/** Rows inserted or changed per table (unchanged rows count 0); includes key-only parents. */
export type WriteCounts = { [T in TableName]?: number };

/** Rows written over every table of a write's counts. */
export function rowCount(counts: WriteCounts): number {
  let total = 0;
  for (const count of Object.values(counts)) total += count ?? 0;
  return total;
}

/** A batch the writer refuses before it runs any statement: the transform has a bug. */
export class InvalidBatchError extends Error {
  /** The table whose rows were refused. */
  readonly table: TableName;

  /** Builds the error for `table` with a message that names the row and column. */
  constructor(table: TableName, message: string) {
    super(message);
    this.name = "InvalidBatchError";
    this.table = table;
  }
}

type PlainRow = Record<string, unknown>;

/** One statement the writer ran, for profiling (`deno task bench`). */
export interface WriterStatement {
  table: TableName;
  /** Key-only rows for missing parents, or the upsert of the batch's rows. */
  kind: "parents" | "upsert";
  rows: number;
  /** Wall time from sending the statement to its answer. */
  ms: number;
}

/** Options of writeBatch. */
export interface WriteOptions {
  /** Called after each statement. */
  onStatement?: (statement: WriterStatement) => void;
}

/**
 * Writes a batch as `source`: for each table in WRITE_ORDER, key-only rows for referenced
 * parents the database lacks, then the rows, deduplicated by key (last wins) and upserted in
 * one statement per column set (rows travel as one JSON parameter, so any batch size fits).
 * Pass a transaction (`sql.begin`) to make it atomic.
 * @throws InvalidBatchError when a row lacks a key or carries a column the source does not own.
 */
export async function writeBatch<S extends WriterSource>(
  tx: postgres.TransactionSql | postgres.Sql,
  batch: RowBatch<S>,
  source: S,
  options: WriteOptions = {},
): Promise<WriteCounts> {
  const sql = tx as postgres.Sql;
  const timed = async (
    table: TableName,
    kind: WriterStatement["kind"],
    rows: number,
    run: () => Promise<number>,
  ): Promise<number> => {
    if (options.onStatement === undefined) return await run();
    const started = performance.now();
    const count = await run();
    options.onStatement({ table, kind, rows, ms: performance.now() - started });
    return count;
  };
  const plans = WRITE_ORDER.flatMap((table) => {
    const rows = batch[table] as PlainRow[] | undefined;
    return rows && rows.length > 0 ? [{ table, rows: checkedRows(table, rows, source) }] : [];
  });
  const counts: WriteCounts = {};
  // Parents this batch has already written: a reference to them needs no key-only row.
  const written = new Map<TableName, Set<string>>();
  for (const { table, rows } of plans) {
    for (const [column, parent] of Object.entries(parentTables(table))) {
      const ids = missingParentIds(rows, column, written.get(parent));
      if (ids.length === 0) continue;
      const inserted = await timed(
        parent,
        "parents",
        ids.length,
        () => insertKeyOnlyRows(sql, parent, ids),
      );
      if (inserted > 0) counts[parent] = (counts[parent] ?? 0) + inserted;
    }
    let changed = 0;
    for (const group of groupByColumns(rows)) {
      changed += await timed(
        table,
        "upsert",
        group.rows.length,
        () => upsertGroup(sql, table, source, group.columns, group.rows),
      );
    }
    counts[table] = (counts[table] ?? 0) + changed;
    const keys = keyColumns(table);
    if (keys.length === 1) written.set(table, new Set(rows.map((row) => row[keys[0]!] as string)));
  }
  return counts;
}

/** Writes a batch in its own transaction: every row of it commits, or none does. */
export function writeBatchInTransaction<S extends WriterSource>(
  sql: postgres.Sql,
  batch: RowBatch<S>,
  source: S,
  options: WriteOptions = {},
): Promise<WriteCounts> {
  return sql.begin((tx) => writeBatch(tx, batch, source, options)) as Promise<WriteCounts>;
}

/** Validates rows against the table's keys and the source's columns; dedupes by key. */
function checkedRows(table: TableName, rows: PlainRow[], source: WriterSource): PlainRow[] {
  const keys = keyColumns(table);
  const owned = ownedColumns(table, source);
  if (Object.keys(owned).length === 0) {
    throw new InvalidBatchError(
      table,
      `Cannot write ${table} as ${source}: the source owns no column of this table`,
    );
  }
  const parents = parentTables(table);
  const byKey = new Map<string, PlainRow>();
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    for (const key of keys) {
      const value = row[key];
      if (typeof value !== "string" || value === "") {
        throw new InvalidBatchError(
          table,
          `Cannot write ${table} row ${index} as ${source}: key "${key}" must be a non-empty ` +
            `string: current value is ${JSON.stringify(value)}`,
        );
      }
    }
    for (const column in row) {
      const value = row[column];
      if (value === undefined || keys.includes(column)) continue;
      if (owned[column] === undefined) {
        throw new InvalidBatchError(
          table,
          `Cannot write ${table} row ${index} as ${source}: column "${column}" is not owned ` +
            `by ${source}`,
        );
      }
      if (value === "" && parents[column] !== undefined) {
        throw new InvalidBatchError(
          table,
          `Cannot write ${table} row ${index} as ${source}: reference "${column}" is "" ` +
            `(write null for no reference)`,
        );
      }
    }
    // Ids hold no character below '"', so a single id sorts as its JSON form would.
    byKey.set(
      keys.length === 1 ? row[keys[0]!] as string : JSON.stringify(keys.map((key) => row[key])),
      row,
    );
  }
  // Key order: concurrent writers then lock shared rows (a jockey, a horse) in the same order,
  // which keeps deadlocks rare; the callers retry the few that remain.
  return [...byKey.keys()].sort().map((key) => byKey.get(key)!);
}

/** Splits rows by the set of columns they carry, so an absent column is never touched. */
function groupByColumns(rows: PlainRow[]): { columns: string[]; rows: PlainRow[] }[] {
  // Rows of one table nearly always list their columns in one order: group by that order
  // first, and sort each order's columns once rather than once per row.
  const byOrder = new Map<string, PlainRow[]>();
  for (const row of rows) {
    let order = "";
    for (const column in row) if (row[column] !== undefined) order += `${column},`;
    const group = byOrder.get(order);
    if (group === undefined) byOrder.set(order, [row]);
    else group.push(row);
  }
  const groups = new Map<string, { columns: string[]; rows: PlainRow[] }>();
  for (const [order, ordered] of byOrder) {
    const columns = order.slice(0, -1).split(",").sort();
    const signature = columns.join(",");
    const group = groups.get(signature);
    if (group === undefined) groups.set(signature, { columns, rows: ordered });
    else group.rows.push(...ordered);
  }
  return [...groups.values()];
}

/** The values of `column` (a reference) that this batch has not written as parents. */
function missingParentIds(
  rows: PlainRow[],
  column: string,
  alreadyWritten: ReadonlySet<string> | undefined,
): string[] {
  const ids = new Set<string>();
  for (const row of rows) {
    const value = row[column];
    if (typeof value === "string" && !alreadyWritten?.has(value)) ids.add(value);
  }
  return [...ids];
}

/** Inserts a key-only row into `parent` for each id the table lacks; returns rows inserted. */
async function insertKeyOnlyRows(
  sql: postgres.Sql,
  parent: TableName,
  ids: string[],
): Promise<number> {
  const [parentKey] = keyColumns(parent);
  const result = await sql`
    insert into ${sql(parent)} (${sql(parentKey!)})
    select id from unnest(${ids}::text[]) as id
    on conflict do nothing
  `;
  return result.count;
}

/**
 * One upsert per group of rows that carry the same columns; returns rows changed. The rows
 * travel as one JSON parameter read with json_populate_recordset (typed by the table's own row
 * type), so a statement costs the same to parse for 10 rows or 5,000.
 */
async function upsertGroup(
  sql: postgres.Sql,
  table: TableName,
  source: WriterSource,
  carried: string[],
  rows: PlainRow[],
): Promise<number> {
  const result = await sql.unsafe(upsertStatement(table, source, carried), [
    JSON.stringify(rows),
  ]);
  return result.count;
}

/** Upsert texts by table, source and carried columns: each is built once per isolate. */
const UPSERT_STATEMENTS = new Map<string, string>();

/**
 * The upsert of rows carrying `carried` into `table` as `source`: each owned column merged per
 * its policy, and an update only when a value changes, so updated_at (and the count) stay put
 * on a re-run. Identifiers come from columns.ts and are quoted all the same.
 */
function upsertStatement(table: TableName, source: WriterSource, carried: string[]): string {
  const cacheKey = `${table}:${source}:${carried.join(",")}`;
  const cached = UPSERT_STATEMENTS.get(cacheKey);
  if (cached !== undefined) return cached;
  const keys = keyColumns(table);
  const owned = ownedColumns(table, source);
  const updated = carried.filter((column) => !keys.includes(column));
  const target = quoteIdentifier(table);
  const columns = [...keys, ...updated].map(quoteIdentifier).join(", ");
  const mergedValues = updated.map((column) => merged(target, column, owned[column]!));
  const onConflict = updated.length === 0 ? "do nothing" : [
    "do update set",
    updated.map((column, i) => `${quoteIdentifier(column)} = ${mergedValues[i]}`).join(", "),
    ", updated_at = now()",
    `where (${updated.map((column) => `${target}.${quoteIdentifier(column)}`).join(", ")})`,
    `is distinct from (${mergedValues.join(", ")})`,
  ].join(" ");
  const statement = `insert into public.${target} (${columns})
    select ${columns} from json_populate_recordset(null::public.${target}, $1::text::json)
    on conflict (${keys.map(quoteIdentifier).join(", ")}) ${onConflict}`;
  UPSERT_STATEMENTS.set(cacheKey, statement);
  return statement;
}

/** The value a column takes on conflict, per its merge policy (see columns.ts). */
function merged(target: string, column: string, policy: MergePolicy): string {
  const stored = `${target}.${quoteIdentifier(column)}`;
  const incoming = `excluded.${quoteIdentifier(column)}`;
  switch (policy) {
    case "replace":
      return incoming;
    case "coalesce":
      return `coalesce(${incoming}, ${stored})`;
    case "fill":
      return `coalesce(${stored}, ${incoming})`;
    case "earliest":
      return `least(${stored}, ${incoming})`;
    case "latest":
      return `greatest(${stored}, ${incoming})`;
  }
}

/** A double-quoted SQL identifier. */
function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
