import assert from "node:assert/strict";
import {
  extractSpecFacts,
  formatSpecFacts,
  readVendorSpecFacts,
  SERVED_SCHEMAS,
  SPEC_FACTS_URL,
  VENDOR_SPEC_URL,
} from "./spec_facts.ts";

function specPresent(): boolean {
  try {
    return Deno.statSync(VENDOR_SPEC_URL).isFile;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

// A user's clone has no ../shared: the comparison is then listed as ignored, never passed.
const HAS_SPEC = specPresent();

Deno.test({
  name: HAS_SPEC
    ? "spec_facts.json equals the facts of ../shared/reference/the-racing-api-openapi.yml"
    : "spec_facts.json comparison SKIPPED: ../shared/reference/the-racing-api-openapi.yml " +
      "is not beside the project",
  ignore: !HAS_SPEC,
  fn: async () => {
    const committed = await Deno.readTextFile(SPEC_FACTS_URL);
    const fresh = await readVendorSpecFacts();
    const hint = "run `deno run -A dev/simulator/generate_spec_facts.ts` and commit the result";
    assert.deepEqual(JSON.parse(committed), JSON.parse(formatSpecFacts(fresh)), hint);
    assert.equal(committed, formatSpecFacts(fresh), hint);
  },
});

Deno.test("spec_facts.json holds every served schema and every schema they reference", async () => {
  const facts = JSON.parse(await Deno.readTextFile(SPEC_FACTS_URL)) as {
    schemas: Record<string, unknown>;
  };
  for (const name of SERVED_SCHEMAS) assert.ok(name in facts.schemas, name);
  const refs = JSON.stringify(facts).matchAll(/"#\/components\/schemas\/([^"]+)"/g);
  for (const [, name] of refs) assert.ok(name && name in facts.schemas, `missing ${name}`);
  assert.doesNotMatch(JSON.stringify(facts), /"(title|description|example|examples|default)":/);
});

Deno.test("extractSpecFacts() keeps types, required, enums and refs and drops prose", () => {
  const schemas: Record<string, unknown> = Object.fromEntries(
    SERVED_SCHEMAS.map((name) => [name, { type: "object", title: name }]),
  );
  schemas["Region"] = {
    type: "object",
    title: "Region",
    description: "A region.",
    example: { region: "Ireland" },
    "x-internal": true,
    required: ["region"],
    properties: {
      // A property may be named like a prose keyword; only keywords are dropped.
      title: { type: "string", title: "Title", default: "" },
      region: { anyOf: [{ $ref: "#/components/schemas/Name" }, { type: "null" }] },
      code: { type: "string", enum: ["gb", "ire"], format: "slug" },
      tags: { type: "array", items: { type: "string", examples: ["a"] } },
    },
  };
  schemas["Name"] = { type: "string", title: "Name" };
  schemas["Unused"] = { type: "string" };
  const facts = extractSpecFacts({ info: { version: "9.9" }, components: { schemas } });
  assert.equal(facts.spec_version, "9.9");
  assert.deepEqual(facts.schemas["Region"], {
    type: "object",
    required: ["region"],
    properties: {
      title: { type: "string" },
      region: { anyOf: [{ $ref: "#/components/schemas/Name" }, { type: "null" }] },
      code: { type: "string", enum: ["gb", "ire"], format: "slug" },
      tags: { type: "array", items: { type: "string" } },
    },
  });
  assert.deepEqual(facts.schemas["Name"], { type: "string" });
  assert.ok(!("Unused" in facts.schemas));
});

Deno.test("extractSpecFacts() refuses an unknown keyword and a missing schema", () => {
  const schemas: Record<string, unknown> = Object.fromEntries(
    SERVED_SCHEMAS.map((name) => [name, { type: "object" }]),
  );
  assert.throws(
    () =>
      extractSpecFacts({
        components: { schemas: { ...schemas, Region: { type: "object", patternProperties: {} } } },
      }),
    /unknown keyword "patternProperties" at #\/components\/schemas\/Region/,
  );
  assert.throws(
    () =>
      extractSpecFacts({
        components: { schemas: { ...schemas, Region: { $ref: "#/components/schemas/Gone" } } },
      }),
    /no component schema named "Gone"/,
  );
});

Deno.test("formatSpecFacts() sorts keys at every depth and keeps list order", () => {
  const text = formatSpecFacts({
    spec_version: "1",
    source: "s",
    generator: "g",
    schemas: { B: { type: "string" }, A: { required: ["z", "a"], type: "object" } },
  });
  assert.equal(
    text,
    '{\n  "generator": "g",\n  "schemas": {\n    "A": {\n      "required": [\n        "z",\n' +
      '        "a"\n      ],\n      "type": "object"\n    },\n    "B": {\n' +
      '      "type": "string"\n    }\n  },\n  "source": "s",\n  "spec_version": "1"\n}\n',
  );
});
