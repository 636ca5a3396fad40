import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { HorseProSchema, HorseStandardSchema } from "../racing_api/horse_schemas.ts";
import { parseApiPayload } from "../racing_api/parse_payload.ts";
import { horsePro } from "../racing_api/test_payloads.ts";
import { horseNotFoundToRows, horseProfileToRows } from "./horse.ts";

Deno.test("horseProfileToRows() maps a pro profile: name without suffix, region, ancestors", () => {
  const profile = parseApiPayload(HorseProSchema, horsePro(), "horse");
  const rows = horseProfileToRows(profile, "pro", { enrichedAt: "2025-10-08T02:00:00.000Z" });
  assertEquals(rows, {
    ra_mst_sires: [{ id: "sir_3188248", name: "Stowaway", region: "GB" }],
    ra_mst_dams: [{ id: "dam_3194996", name: "Zapata I", region: "IRE" }],
    ra_mst_damsires: [{ id: "dsi_2117444", name: "Thatching", region: "GB" }],
    ra_mst_horses: [{
      id: "hrs_6181308",
      name: "Flaggan",
      region: "IRE",
      sire_id: "sir_3188248",
      dam_id: "dam_3194996",
      damsire_id: "dsi_2117444",
      profile_source: "pro",
      dob: "2011-06-19",
      sex: "gelding",
      sex_code: "G",
      colour: "b",
      colour_code: "B",
      breeder: "Liam Delahunty & Dick O'Hara",
      enriched_at: "2025-10-08T02:00:00.000Z",
    }],
  });
});

Deno.test("horseProfileToRows() maps a standard profile without touching profile-only columns", () => {
  const profile = parseApiPayload(
    HorseStandardSchema,
    {
      id: "hrs_6181308",
      name: "Flaggan (IRE)",
      sire: "Stowaway (GB)",
      sire_id: "sir_3188248",
      dam: "Zapata I (IRE)",
      dam_id: "dam_3194996",
      damsire: "",
      damsire_id: "",
    },
    "horse",
  );
  const rows = horseProfileToRows(profile, "standard");
  assertEquals(rows.ra_mst_horses, [{
    id: "hrs_6181308",
    name: "Flaggan",
    region: "IRE",
    sire_id: "sir_3188248",
    dam_id: "dam_3194996",
    damsire_id: null,
    profile_source: "standard",
  }]);
  assertEquals(rows.ra_mst_damsires, undefined);
});

Deno.test("horseProfileToRows() gives null for a profile's missing fields", () => {
  const profile = parseApiPayload(HorseProSchema, { id: "hrs_1", name: null }, "horse");
  assertEquals(horseProfileToRows(profile, "pro"), {
    ra_mst_horses: [{
      id: "hrs_1",
      name: null,
      region: null,
      sire_id: null,
      dam_id: null,
      damsire_id: null,
      profile_source: "pro",
      dob: null,
      sex: null,
      sex_code: null,
      colour: null,
      colour_code: null,
      breeder: null,
    }],
  });
});

Deno.test("horseNotFoundToRows() records only the fetch time", () => {
  assertEquals(horseNotFoundToRows("hrs_1", "2025-10-08T02:00:00.000Z"), {
    ra_mst_horses: [{ id: "hrs_1", enriched_at: "2025-10-08T02:00:00.000Z" }],
  });
});
