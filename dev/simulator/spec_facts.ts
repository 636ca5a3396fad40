/**
 * The facts of the vendor's OpenAPI component schemas that the simulator is held to: names, types,
 * required fields, enums, formats, item and `anyOf` structure, `$ref`s kept as refs. Prose
 * (titles, descriptions, examples, defaults) is left out: the vendor's spec stays in `../shared`,
 * referenced, and the project carries only what its conformance tests check.
 * @module
 */

import { parse } from "yaml";

/** The vendor's spec, beside the project checkout (absent in a user's clone). */
export const VENDOR_SPEC_URL = new URL(
  "../../../shared/reference/the-racing-api-openapi.yml",
  import.meta.url,
);

/** The committed facts file, which the conformance tests read. */
export const SPEC_FACTS_URL = new URL("./spec_facts.json", import.meta.url);

/** The component schemas the simulator serves; the schemas they `$ref` come along. */
export const SERVED_SCHEMAS: readonly string[] = [
  "CoursesPage",
  "DamClassAnalysis",
  "DamDistanceAnalysis",
  "Dams",
  "DamsireClassAnalysis",
  "DamsireDistanceAnalysis",
  "Damsires",
  "HTTPValidationError",
  "Horse",
  "HorsePro",
  "Horses",
  "JockeyCourseAnalysis",
  "JockeyDistanceAnalysis",
  "JockeyOwnerAnalysis",
  "JockeyTrainerAnalysis",
  "Jockeys",
  "OwnerCourseAnalysis",
  "OwnerDistanceAnalysis",
  "OwnerJockeyAnalysis",
  "OwnerTrainerAnalysis",
  "Owners",
  "RacecardOddsPro",
  "RacecardsOddsProPage",
  "RaceRunnerOdds",
  "Region",
  "ResultStandard",
  "ResultsStandardPage",
  "SireClassAnalysis",
  "SireDistanceAnalysis",
  "Sires",
  "TrainerCourseAnalysis",
  "TrainerDistanceAnalysis",
  "TrainerHorseAgeAnalysis",
  "TrainerJockeyAnalysis",
  "TrainerOwnerAnalysis",
  "Trainers",
];

/** Facts of the served component schemas, as written to `spec_facts.json`. */
export interface SpecFacts {
  generator: string;
  source: string;
  spec_version: string;
  schemas: Record<string, unknown>;
}

// Keywords that constrain a value are kept; annotations are dropped. Anything else stops the
// generator, so a keyword the spec gains later is never dropped silently.
const KEPT = new Set([
  "$ref",
  "additionalProperties",
  "allOf",
  "anyOf",
  "const",
  "enum",
  "exclusiveMaximum",
  "exclusiveMinimum",
  "format",
  "items",
  "maxItems",
  "maxLength",
  "maximum",
  "minItems",
  "minLength",
  "minimum",
  "not",
  "nullable",
  "oneOf",
  "pattern",
  "properties",
  "required",
  "type",
  "uniqueItems",
]);
const DROPPED = new Set([
  "$comment",
  "default",
  "deprecated",
  "description",
  "example",
  "examples",
  "externalDocs",
  "title",
]);
const SUBSCHEMA = new Set(["additionalProperties", "items", "not"]);
const SUBSCHEMA_LIST = new Set(["allOf", "anyOf", "oneOf"]);
const REF_PREFIX = "#/components/schemas/";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function schemaFacts(schema: unknown, at: string, refs: Set<string>): Json {
  if (typeof schema === "boolean") return schema;
  if (!isObject(schema)) throw new Error(`Cannot extract spec facts: ${at} is not a schema`);
  const facts: Record<string, Json> = {};
  for (const [key, value] of Object.entries(schema)) {
    const here = `${at}/${key}`;
    if (DROPPED.has(key) || key.startsWith("x-")) continue;
    if (!KEPT.has(key)) {
      throw new Error(`Cannot extract spec facts: unknown keyword "${key}" at ${at}`);
    }
    if (key === "$ref") {
      if (typeof value !== "string" || !value.startsWith(REF_PREFIX)) {
        throw new Error(`Cannot extract spec facts: unsupported $ref at ${at}: ${String(value)}`);
      }
      refs.add(value.slice(REF_PREFIX.length));
      facts[key] = value;
    } else if (key === "properties") {
      if (!isObject(value)) throw new Error(`Cannot extract spec facts: ${here} is not an object`);
      const properties: Record<string, Json> = {};
      for (const [name, property] of Object.entries(value)) {
        properties[name] = schemaFacts(property, `${here}/${name}`, refs);
      }
      facts[key] = properties;
    } else if (SUBSCHEMA.has(key)) {
      facts[key] = schemaFacts(value, here, refs);
    } else if (SUBSCHEMA_LIST.has(key)) {
      if (!Array.isArray(value)) {
        throw new Error(`Cannot extract spec facts: ${here} is not a list`);
      }
      facts[key] = value.map((item, i) => schemaFacts(item, `${here}/${i}`, refs));
    } else {
      facts[key] = structuredClone(value) as Json;
    }
  }
  return facts;
}

/**
 * Extracts the facts of {@linkcode SERVED_SCHEMAS} and every schema they reference.
 * @param spec the vendor's OpenAPI document, parsed
 * @returns the facts, ready for {@linkcode formatSpecFacts}
 * @throws Error when a schema is missing or uses a keyword not known to be a fact or prose
 */
export function extractSpecFacts(spec: unknown): SpecFacts {
  const components = isObject(spec) && isObject(spec["components"]) ? spec["components"] : {};
  const all = isObject(components["schemas"]) ? components["schemas"] : {};
  const info = isObject(spec) && isObject(spec["info"]) ? spec["info"] : {};
  const schemas: Record<string, unknown> = {};
  const pending = [...SERVED_SCHEMAS];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (name in schemas) continue;
    if (!(name in all)) {
      throw new Error(`Cannot extract spec facts: no component schema named "${name}"`);
    }
    const refs = new Set<string>();
    schemas[name] = schemaFacts(all[name], `${REF_PREFIX}${name}`, refs);
    pending.push(...refs);
  }
  return {
    generator: "dev/simulator/generate_spec_facts.ts",
    source: "../shared/reference/the-racing-api-openapi.yml",
    spec_version: String(info["version"] ?? ""),
    schemas,
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]),
  );
}

/** Serializes facts with sorted keys and two-space indents, as `deno fmt` leaves JSON. */
export function formatSpecFacts(facts: SpecFacts): string {
  return `${JSON.stringify(sortKeys(facts), null, 2)}\n`;
}

/** Reads the vendor's spec and extracts its facts. */
export async function readVendorSpecFacts(url: URL = VENDOR_SPEC_URL): Promise<SpecFacts> {
  return extractSpecFacts(parse(await Deno.readTextFile(url)));
}
