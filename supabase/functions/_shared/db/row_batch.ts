/**
 * Rows a writer source may write, derived from the ownership in `columns.ts`, and the lookups
 * the writer and the transforms make on it (keys, owned columns, parents).
 *
 * @module
 */
import { TABLES } from "./columns.ts";
import type { Insert, MergePolicy, TableName, WritableColumn, WriterSource } from "./tables.ts";

type Tables = typeof TABLES;

/** The key columns of a table. */
export type KeyColumn<T extends TableName> = Extract<Tables[T]["keys"][number], keyof Insert<T>>;

/** The columns a source owns in a table (never for a source that does not write it). */
export type OwnedColumn<T extends TableName, S extends WriterSource> = S extends
  keyof Tables[T]["owners"] ? Extract<keyof Tables[T]["owners"][S], WritableColumn<T>>
  : never;

/**
 * A row one source writes: the key columns plus any of the columns it owns. A column left out
 * is not touched; null follows the column's merge policy.
 */
export type SourceRow<T extends TableName, S extends WriterSource> =
  & { [C in KeyColumn<T>]-?: Exclude<Insert<T>[C], null | undefined> }
  & { [C in OwnedColumn<T, S>]?: Insert<T>[C] };

/** Rows per table for one write; tables are written in WRITE_ORDER. */
export type RowBatch<S extends WriterSource = WriterSource> = {
  [T in TableName]?: SourceRow<T, S>[];
};

/** The key columns of a table, in order. */
export function keyColumns<T extends TableName>(table: T): readonly string[] {
  return TABLES[table].keys;
}

/** The columns a source owns in a table and their merge policies (empty if it owns none). */
export function ownedColumns(
  table: TableName,
  source: WriterSource,
): Readonly<Record<string, MergePolicy>> {
  const owners: { readonly [S in WriterSource]?: Readonly<Record<string, MergePolicy>> } =
    TABLES[table].owners;
  return owners[source] ?? {};
}

/** Foreign key columns of a table and the table each references. */
export function parentTables(table: TableName): Readonly<Record<string, TableName>> {
  return TABLES[table].parents;
}
