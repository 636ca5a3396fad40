import { deepStrictEqual as assertEquals, strictEqual as assertSame } from "node:assert/strict";
import { ancestorHorseId, parseJockeyName, splitHorseName, stripRegionSuffix } from "./names.ts";

Deno.test("parseJockeyName() splits the claim and drops non-runner placeholders", () => {
  assertEquals(parseJockeyName("Joe Williamson(5)"), { name: "Joe Williamson", claim_lbs: 5 });
  assertEquals(parseJockeyName("Rose Dawes (7)"), { name: "Rose Dawes", claim_lbs: 7 });
  assertEquals(parseJockeyName("Hollie Doyle"), { name: "Hollie Doyle", claim_lbs: null });
  assertEquals(parseJockeyName(""), { name: null, claim_lbs: null });
  assertEquals(parseJockeyName("NON-RUNNER"), { name: null, claim_lbs: null });
  assertEquals(parseJockeyName("NON-RUNNER(5)"), { name: null, claim_lbs: null });
});

Deno.test("splitHorseName() splits the country suffix results add to names", () => {
  assertEquals(splitHorseName("Create (IRE)"), { name: "Create", country: "IRE" });
  assertEquals(splitHorseName("Veraison (IRE)"), { name: "Veraison", country: "IRE" });
  assertEquals(splitHorseName("Zapata I (IRE)"), { name: "Zapata I", country: "IRE" });
  assertEquals(splitHorseName("Up In Time (GB)"), { name: "Up In Time", country: "GB" });
  assertEquals(splitHorseName("Seneque"), { name: "Seneque", country: null });
  assertEquals(splitHorseName(" Seneque "), { name: "Seneque", country: null });
});

Deno.test("stripRegionSuffix() strips the region from result course names, never (AW)", () => {
  assertSame(stripRegionSuffix("Dundalk (AW) (IRE)"), "Dundalk (AW)");
  assertSame(stripRegionSuffix("Dundalk (AW) (IRE)", "IRE"), "Dundalk (AW)");
  assertSame(stripRegionSuffix("Kempton (AW)"), "Kempton (AW)");
  assertSame(stripRegionSuffix("Kempton (AW)", "GB"), "Kempton (AW)");
  assertSame(stripRegionSuffix("Ballinrobe (IRE)"), "Ballinrobe");
  assertSame(stripRegionSuffix("Caulfield (AUS)", "AUS"), "Caulfield");
  assertSame(stripRegionSuffix("Caulfield (AUS)", "GB"), "Caulfield (AUS)");
  assertSame(stripRegionSuffix("Newmarket (July)"), "Newmarket (July)");
  assertSame(stripRegionSuffix("Ascot"), "Ascot");
});

Deno.test("ancestorHorseId() swaps sire, dam and damsire prefixes for hrs_", () => {
  assertSame(ancestorHorseId("sir_6319173"), "hrs_6319173");
  assertSame(ancestorHorseId("dam_20006056"), "hrs_20006056");
  assertSame(ancestorHorseId("dsi_6014925"), "hrs_6014925");
  assertSame(ancestorHorseId("hrs_57816129"), "hrs_57816129");
  assertSame(ancestorHorseId(""), null);
  assertSame(ancestorHorseId("jky_1"), null);
});
