import {
  deepStrictEqual as assertEquals,
  strictEqual as assertSame,
  throws,
} from "node:assert/strict";
import {
  bodyRegionOf,
  DEFAULT_REGION_CODES,
  isWantedRegion,
  parseRegionCodes,
  RegionConfigError,
} from "./regions.ts";

Deno.test("parseRegionCodes() gives GB and IRE when RA_REGIONS is unset or blank", () => {
  assertEquals(DEFAULT_REGION_CODES, ["gb", "ire"]);
  assertEquals(parseRegionCodes(undefined), ["gb", "ire"]);
  assertEquals(parseRegionCodes(""), ["gb", "ire"]);
  assertEquals(parseRegionCodes("   "), ["gb", "ire"]);
});

Deno.test("parseRegionCodes() lower-cases, trims and deduplicates the list", () => {
  assertEquals(parseRegionCodes("gb"), ["gb"]);
  assertEquals(parseRegionCodes(" GB , Ire "), ["gb", "ire"]);
  assertEquals(parseRegionCodes("gb,ire,gb,"), ["gb", "ire"]);
  assertEquals(parseRegionCodes("gb,ire,fr,usa"), ["gb", "ire", "fr", "usa"]);
});

Deno.test("parseRegionCodes() throws RegionConfigError naming RA_REGIONS on bad codes", () => {
  throws(() => parseRegionCodes("gb;ire"), (error: unknown) => {
    assertSame(error instanceof RegionConfigError, true);
    assertSame((error as Error).name, "RegionConfigError");
    assertSame(
      (error as Error).message,
      'Cannot read RA_REGIONS: "gb;ire" is not a region code (2 to 4 letters, e.g. "gb,ire")',
    );
    return true;
  });
  throws(() => parseRegionCodes("g"), RegionConfigError);
  throws(() => parseRegionCodes("great-britain"), RegionConfigError);
  throws(() => parseRegionCodes("gb,i1e"), RegionConfigError);
  throws(() => parseRegionCodes(" , "), /no region codes/);
});

Deno.test("bodyRegionOf() gives the upper-case body form", () => {
  assertSame(bodyRegionOf("gb"), "GB");
  assertSame(bodyRegionOf("ire"), "IRE");
});

Deno.test("isWantedRegion() compares body regions with query codes case-insensitively", () => {
  const codes = parseRegionCodes(undefined);
  assertSame(isWantedRegion("GB", codes), true);
  assertSame(isWantedRegion("IRE", codes), true);
  assertSame(isWantedRegion("ire", codes), true);
  assertSame(isWantedRegion("FR", codes), false);
  assertSame(isWantedRegion("IE", codes), false);
  assertSame(isWantedRegion("", codes), false);
  assertSame(isWantedRegion(null, codes), false);
  assertSame(isWantedRegion(undefined, codes), false);
});
