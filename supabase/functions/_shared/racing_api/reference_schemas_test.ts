import {
  deepStrictEqual as assertEquals,
  strictEqual as assertSame,
  throws,
} from "node:assert/strict";
import { parseApiPayload } from "./parse_payload.ts";
import { CoursesPageSchema, RegionsSchema } from "./reference_schemas.ts";

Deno.test("CoursesPageSchema and RegionsSchema read the reference lists", () => {
  const courses = parseApiPayload(CoursesPageSchema, {
    courses: [
      { id: "crs_28054", course: "Kempton (AW)", region_code: "gb", region: "Great Britain" },
      { id: "crs_13780", course: "La Plata", region_code: "arg", region: "Argentina" },
    ],
    total: 2,
  }, "courses");
  assertEquals(courses.courses.map((c) => c.region_code), ["gb", "arg"]);
  const regions = parseApiPayload(RegionsSchema, [
    { region: "Ireland", region_code: "ire" },
    { region: "Spain", region_code: "spa" },
  ], "regions");
  assertSame(regions[1]?.region_code, "spa");
  throws(
    () => parseApiPayload(RegionsSchema, [{ region: "Spain" }], "regions"),
    /\[0\]\.region_code: expected string, received undefined/,
  );
  throws(
    () => parseApiPayload(CoursesPageSchema, { courses: [] }, "courses"),
    /total: expected number, received undefined/,
  );
});
