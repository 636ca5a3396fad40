/**
 * Schema drift: fields the API sends that our schemas do not declare. The schemas accept such
 * fields and leave them out of the parsed value, so this walks payload and schema side by side
 * to name them, and a reporter makes a run log each new field once.
 *
 * @module
 */
import type { z } from "zod";

/** The parts of a zod v4 definition the walk reads (zod keeps them on `schema._zod.def`). */
interface SchemaDef {
  type: string;
  shape?: Readonly<Record<string, Walkable>>;
  element?: Walkable;
  innerType?: Walkable;
  in?: Walkable;
  options?: readonly Walkable[];
  items?: readonly Walkable[];
  getter?: () => Walkable;
}

/** Any zod schema, seen only through its definition. */
interface Walkable {
  _zod: { def: unknown };
}

/** Wrappers whose inner schema describes the same value. */
const WRAPPER_TYPES: ReadonlySet<string> = new Set([
  "optional",
  "nullable",
  "default",
  "prefault",
  "nonoptional",
  "readonly",
  "catch",
  "success",
]);

function defOf(schema: Walkable): SchemaDef {
  return schema._zod.def as SchemaDef;
}

/** Strips optional/nullable/default/pipe/lazy layers down to the schema that has the shape. */
function unwrap(schema: Walkable): SchemaDef {
  let def = defOf(schema);
  for (;;) {
    if (WRAPPER_TYPES.has(def.type) && def.innerType) def = defOf(def.innerType);
    else if (def.type === "pipe" && def.in) def = defOf(def.in);
    else if (def.type === "lazy" && def.getter) def = defOf(def.getter());
    else return def;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The union member that matches the value's shape (object or array), if any. */
function unionMemberFor(options: readonly Walkable[], value: unknown): SchemaDef | undefined {
  const wanted = Array.isArray(value) ? "array" : isPlainObject(value) ? "object" : undefined;
  if (wanted === undefined) return undefined;
  for (const option of options) {
    const def = unwrap(option);
    if (def.type === wanted) return def;
  }
  return undefined;
}

function walk(def: SchemaDef, value: unknown, path: string, found: Set<string>): void {
  switch (def.type) {
    case "object": {
      if (!isPlainObject(value) || def.shape === undefined) return;
      const shape = def.shape;
      for (const key of Object.keys(value)) {
        const keyPath = path === "" ? key : `${path}.${key}`;
        const child = shape[key];
        if (child === undefined) found.add(keyPath);
        else walk(unwrap(child), value[key], keyPath, found);
      }
      return;
    }
    case "array": {
      if (!Array.isArray(value) || def.element === undefined) return;
      const element = unwrap(def.element);
      const elementPath = `${path}[]`;
      for (const item of value) walk(element, item, elementPath, found);
      return;
    }
    case "tuple": {
      if (!Array.isArray(value) || def.items === undefined) return;
      const items = def.items;
      value.forEach((item, index) => {
        const schema = items[index];
        if (schema !== undefined) walk(unwrap(schema), item, `${path}[]`, found);
      });
      return;
    }
    case "union": {
      const member = def.options === undefined ? undefined : unionMemberFor(def.options, value);
      if (member !== undefined) walk(member, value, path, found);
      return;
    }
    default:
      // Leaves (strings, unknown, custom checks such as odds movements) have no keys to check.
      return;
  }
}

/**
 * Lists the keys present in `payload` but not declared in `schema`, as sorted, deduplicated
 * paths with array indexes collapsed: `racecards[].runners[].new_field`. An unknown object is
 * reported once, not key by key.
 */
export function findUnknownFields(schema: z.ZodType, payload: unknown): string[] {
  const found = new Set<string>();
  walk(unwrap(schema), payload, "", found);
  return [...found].sort();
}

/** An unknown field seen in one kind of payload. */
export interface DriftField {
  kind: string;
  field: string;
}

/** Collects unknown fields over a run so that each is logged once. */
export class DriftReporter {
  #seen = new Set<string>();
  #pending: DriftField[] = [];

  /** Records the unknown field paths of one payload; returns how many were new to this run. */
  report(kind: string, paths: readonly string[]): number {
    let added = 0;
    for (const field of paths) {
      const key = `${kind}\u0000${field}`;
      if (this.#seen.has(key)) continue;
      this.#seen.add(key);
      this.#pending.push({ kind, field });
      added += 1;
    }
    return added;
  }

  /** Returns the fields reported since the last drain; a field already drained never returns. */
  drain(): DriftField[] {
    const fields = this.#pending;
    this.#pending = [];
    return fields;
  }
}
