import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { parseApiPayload } from "../racing_api/parse_payload.ts";
import { RegionsSchema } from "../racing_api/reference_schemas.ts";
import { homeCurrencyOf, regionsToRows } from "./region.ts";

Deno.test("regionsToRows() keys regions by the lower-case code", () => {
  const regions = parseApiPayload(
    RegionsSchema,
    [
      { region: "Great Britain", region_code: "gb" },
      { region: "Ireland", region_code: "IRE" },
      { region: "Spain", region_code: "spa" },
    ],
    "regions",
  );
  assertEquals(regionsToRows(regions), {
    ra_mst_regions: [
      { code: "gb", name: "Great Britain" },
      { code: "ire", name: "Ireland" },
      { code: "spa", name: "Spain" },
    ],
  });
  assertEquals(regionsToRows([]), {});
});

Deno.test("homeCurrencyOf() gives GBP for GB, EUR for IRE and null elsewhere", () => {
  assertEquals(
    [homeCurrencyOf("GB"), homeCurrencyOf("ire"), homeCurrencyOf("FR"), homeCurrencyOf(null)],
    ["GBP", "EUR", null, null],
  );
});
