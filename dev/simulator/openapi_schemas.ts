/**
 * Validates JSON against the component schemas of the vendor's OpenAPI file (ajv, JSON Schema
 * 2020-12), as kept in `spec_facts.json` so a clone without `../shared` still checks them.
 * Strict mode also rejects properties the spec does not declare.
 * @module
 */

import { Ajv2020 } from "ajv/dist/2020.js";
import facts from "./spec_facts.json" with { type: "json" };

/** Checks a value against a named component schema; returns readable violations (empty = valid). */
export type ComponentValidator = (schemaName: string, value: unknown) => string[];

type JsonNode = { [key: string]: unknown } | unknown[];

function closeObjects(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) closeObjects(item);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const schema = node as Record<string, unknown>;
  if (
    schema["type"] === "object" && schema["properties"] &&
    schema["additionalProperties"] === undefined
  ) {
    schema["additionalProperties"] = false;
  }
  for (const value of Object.values(schema)) closeObjects(value as JsonNode);
}

/** Builds a validator over the spec's component schemas (`spec_facts.json`). */
export function createComponentValidator(
  options: { strict?: boolean } = {},
): ComponentValidator {
  // Refs in the facts keep the spec's `#/components/schemas/…` form.
  const components = { schemas: structuredClone(facts.schemas) };
  if (options.strict) closeObjects(components);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: "spec", components }, "spec");
  return (schemaName, value) => {
    const validate = ajv.getSchema(`spec#/components/schemas/${schemaName}`);
    if (!validate) throw new Error(`Cannot validate: no component schema named "${schemaName}"`);
    if (validate(value)) return [];
    return (validate.errors ?? []).slice(0, 20).map((e) =>
      `${schemaName}${e.instancePath} ${e.message ?? ""}${
        e.params ? ` ${JSON.stringify(e.params)}` : ""
      }`
    );
  };
}
