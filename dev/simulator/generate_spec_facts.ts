/**
 * Regenerates `dev/simulator/spec_facts.json` from the vendor's spec beside the project:
 *
 *     deno run -A dev/simulator/generate_spec_facts.ts
 *
 * Commit the result; `spec_facts_test.ts` fails while the file and the spec disagree.
 * @module
 */

import {
  formatSpecFacts,
  readVendorSpecFacts,
  SPEC_FACTS_URL,
  VENDOR_SPEC_URL,
} from "./spec_facts.ts";

const facts = await readVendorSpecFacts();
await Deno.writeTextFile(SPEC_FACTS_URL, formatSpecFacts(facts));
console.log(
  `Wrote ${Object.keys(facts.schemas).length} schemas (spec ${facts.spec_version}) from ` +
    `${VENDOR_SPEC_URL.pathname} to ${SPEC_FACTS_URL.pathname}`,
);
