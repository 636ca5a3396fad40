/**
 * docs/schema.md must describe the `public` schema exactly: every table and view, every column
 * and its type. The database is the truth (migrations applied by the Supabase CLI); this test
 * fails with one line per difference.
 */
import { deepEqual, equal } from "node:assert/strict";
import { createTestDatabase } from "./support/db.ts";

const SCHEMA_DOC = new URL("../docs/schema.md", import.meta.url);

/** Regions of docs/schema.md that document relations (the changes region does not). */
const DOCUMENTED_REGIONS = ["data-tables", "sync-tables"] as const;

/** Relation name → column name → type, in the doc's type convention. */
type SchemaShape = Map<string, Map<string, string>>;

/** The text between `<!-- BEGIN name -->` and `<!-- END name -->`. */
function regionText(markdown: string, name: string): string {
  const begin = `<!-- BEGIN ${name} -->`;
  const end = `<!-- END ${name} -->`;
  const from = markdown.indexOf(begin);
  const to = markdown.indexOf(end);
  if (from < 0 || to < from) throw new Error(`Cannot find region "${name}" in docs/schema.md`);
  return markdown.slice(from + begin.length, to);
}

function cells(line: string): string[] {
  return line.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((cell) =>
    cell.trim().replaceAll("`", "")
  );
}

/**
 * Reads `### relation` headings and the `| column | type | … |` table under each. The header
 * row and the `|---|` separator are skipped; any other table row is a column.
 */
function parseSchemaDoc(text: string): SchemaShape {
  const shape: SchemaShape = new Map();
  let columns: Map<string, string> | undefined;
  for (const line of text.split("\n")) {
    const heading = /^###\s+`?([a-z0-9_]+)`?\s*$/.exec(line.trim());
    if (heading) {
      columns = new Map();
      shape.set(heading[1]!, columns);
      continue;
    }
    if (!columns || !line.trim().startsWith("|")) continue;
    const [column, type] = cells(line);
    if (!column || !type || column === "column" || /^-+$/.test(column)) continue;
    columns.set(column, type);
  }
  return shape;
}

/** How the doc writes a type: `data_type`, with arrays as `element[]` and user types by name. */
function docType(dataType: string, udtName: string): string {
  if (dataType === "ARRAY") return `${udtName.replace(/^_/, "")}[]`;
  if (dataType === "USER-DEFINED") return udtName;
  return dataType;
}

/** Every difference between two shapes, one readable line each. */
function shapeDifferences(database: SchemaShape, documented: SchemaShape): string[] {
  const differences: string[] = [];
  for (const [relation, columns] of database) {
    const docColumns = documented.get(relation);
    if (!docColumns) {
      differences.push(`${relation}: in the database, not documented`);
      continue;
    }
    for (const [column, type] of columns) {
      const docTypeText = docColumns.get(column);
      if (docTypeText === undefined) {
        differences.push(`${relation}.${column}: in the database (${type}), not documented`);
      } else if (docTypeText !== type) {
        differences.push(
          `${relation}.${column}: documented as "${docTypeText}", database has "${type}"`,
        );
      }
    }
    for (const column of docColumns.keys()) {
      if (!columns.has(column)) {
        differences.push(`${relation}.${column}: documented, not in the database`);
      }
    }
  }
  for (const relation of documented.keys()) {
    if (!database.has(relation)) differences.push(`${relation}: documented, not in the database`);
  }
  return differences;
}

Deno.test("parseSchemaDoc() reads headings and column rows, skipping header and separator", () => {
  const text = [
    "Intro | not a table row before any heading",
    "### ra_example",
    "",
    "A sentence.",
    "",
    "| column | type | notes |",
    "|---|---|---|",
    "| id | text | Key. |",
    "| `tags` | `text[]` | |",
    "### ra_other",
    "| column | type | notes |",
    "|---|---|---|",
    "| at | timestamp with time zone | |",
  ].join("\n");
  const shape = parseSchemaDoc(text);
  deepEqual(
    [...shape].map(([name, columns]) => [name, [...columns]]),
    [
      ["ra_example", [["id", "text"], ["tags", "text[]"]]],
      ["ra_other", [["at", "timestamp with time zone"]]],
    ],
  );
});

Deno.test("shapeDifferences() names each missing, extra and mistyped relation or column", () => {
  const database: SchemaShape = new Map([
    ["a", new Map([["id", "text"], ["n", "integer"]])],
    ["b", new Map([["id", "text"]])],
  ]);
  const documented: SchemaShape = new Map([
    ["a", new Map([["id", "text"], ["n", "numeric"], ["gone", "text"]])],
    ["c", new Map([["id", "text"]])],
  ]);
  deepEqual(shapeDifferences(database, documented), [
    'a.n: documented as "numeric", database has "integer"',
    "a.gone: documented, not in the database",
    "b: in the database, not documented",
    "c: documented, not in the database",
  ]);
});

Deno.test("docs/schema.md documents every public table and view, column and type", async () => {
  await using db = await createTestDatabase();
  const rows = await db.sql<
    { table_name: string; column_name: string; data_type: string; udt_name: string }[]
  >`
    select c.table_name, c.column_name, c.data_type, c.udt_name
    from information_schema.columns c
    join information_schema.tables t
      on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public'
    order by c.table_name, c.ordinal_position
  `;
  const database: SchemaShape = new Map();
  for (const row of rows) {
    const columns = database.get(row.table_name) ?? new Map<string, string>();
    columns.set(row.column_name, docType(row.data_type, row.udt_name));
    database.set(row.table_name, columns);
  }
  // Relations with no columns at all still count.
  const relations = await db.sql<{ relname: string }[]>`
    select c.relname
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
  `;
  for (const { relname } of relations) {
    if (!database.has(relname)) database.set(relname, new Map());
  }

  const markdown = await Deno.readTextFile(SCHEMA_DOC);
  const documented: SchemaShape = new Map();
  for (const region of DOCUMENTED_REGIONS) {
    for (const [relation, columns] of parseSchemaDoc(regionText(markdown, region))) {
      if (documented.has(relation)) throw new Error(`docs/schema.md: "${relation}" appears twice`);
      documented.set(relation, columns);
    }
  }

  const differences = shapeDifferences(database, documented);
  equal(
    differences.length,
    0,
    `docs/schema.md differs from the database:\n  ${differences.join("\n  ")}`,
  );
});

Deno.test("row level security is enabled on every public table", async () => {
  await using db = await createTestDatabase();
  const tables = await db.sql<{ relname: string; relrowsecurity: boolean }[]>`
    select c.relname, c.relrowsecurity
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by c.relname
  `;
  const withoutRls = tables.filter((table) => !table.relrowsecurity).map((table) => table.relname);
  deepEqual(withoutRls, [], `tables without row level security: ${withoutRls.join(", ")}`);
  equal(tables.some((table) => table.relname === "ra_mst_runners"), true);
});
