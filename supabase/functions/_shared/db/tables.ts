/**
 * The data tables the writer writes and their row types, the writer sources, and the shape of
 * a table's ownership spec (filled in for every table by `columns.ts`).
 *
 * Everything is typed against the generated `database_types.ts`, so renaming or dropping a
 * column in a migration (and regenerating the types) breaks `deno check` here.
 *
 * @module
 */
import type { Database } from "./database_types.ts";

type PublicSchema = Database["public"];
type PublicTables = PublicSchema["Tables"];

/** Who writes: each sync job maps its payloads to rows of one source. */
export type WriterSource = "racecard" | "result" | "enrichment" | "masters";

/** Every writer source, for validation and loops. */
export const WRITER_SOURCES: readonly WriterSource[] = [
  "racecard",
  "result",
  "enrichment",
  "masters",
];

/** How an upsert merges an incoming value with the stored one (see columns.ts). */
export type MergePolicy = "coalesce" | "replace" | "fill" | "earliest" | "latest";

/**
 * The data tables, in write order: parents before children, so foreign keys hold inside one
 * transaction. Sync-state tables (ra_sync_*, ra_api_*) are not written through the writer.
 */
export const WRITE_ORDER = [
  "ra_mst_regions",
  "ra_mst_courses",
  "ra_mst_bookmakers",
  "ra_mst_bookmaker_aliases",
  "ra_mst_jockeys",
  "ra_mst_trainers",
  "ra_mst_owners",
  "ra_mst_sires",
  "ra_mst_dams",
  "ra_mst_damsires",
  "ra_mst_horses",
  "ra_mst_races",
  "ra_mst_runners",
] as const satisfies readonly (keyof PublicTables)[];

/** A data table written by the writer. */
export type TableName = typeof WRITE_ORDER[number];

/** Read-only views over the data tables (they hold no data of their own). */
export type ViewName = "ra_mst_race_results" | "ra_horse_pedigree";

/** A full stored row of a data table, as `select *` returns it. */
export type Row<T extends TableName> = PublicTables[T]["Row"];

/** A row of a view. */
export type ViewRow<V extends ViewName> = PublicSchema["Views"][V]["Row"];

/** A row as an insert takes it (generated columns typed `never`). */
export type Insert<T extends TableName> = PublicTables[T]["Insert"];

/** Columns a writer may set: not generated (typed `never` on insert), not the timestamps. */
export type WritableColumn<T extends TableName> = Exclude<
  {
    [C in keyof Insert<T>]-?: [Exclude<Insert<T>[C], undefined>] extends [never] ? never : C;
  }[keyof Insert<T>],
  "created_at" | "updated_at"
>;

/** Ownership and shape of one table. */
export interface TableSpec<T extends TableName> {
  /** Primary key columns (the `ON CONFLICT` target). */
  readonly keys: readonly WritableColumn<T>[];
  /** Foreign key columns and the table they reference (by that table's single key). */
  readonly parents: { readonly [C in WritableColumn<T>]?: TableName };
  /** Per source: the columns it owns and how its upsert merges each one. */
  readonly owners: {
    readonly [S in WriterSource]?: { readonly [C in WritableColumn<T>]?: MergePolicy };
  };
}
