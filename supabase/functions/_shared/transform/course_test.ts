import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { parseApiPayload } from "../racing_api/parse_payload.ts";
import { CoursesPageSchema } from "../racing_api/reference_schemas.ts";
import { coursesToRows } from "./course.ts";

Deno.test("coursesToRows() keeps the courses of wanted regions and counts the rest", () => {
  const page = parseApiPayload(
    CoursesPageSchema,
    {
      courses: [
        { id: "crs_28054", course: "Kempton (AW)", region_code: "gb", region: "Great Britain" },
        { id: "crs_5304", course: "Dundalk (AW)", region_code: "ire", region: "Ireland" },
        { id: "crs_13780", course: "La Plata", region_code: "arg", region: "Argentina" },
      ],
      total: 3,
    },
    "courses",
  );
  assertEquals(coursesToRows(page, { regions: ["gb", "ire"] }), {
    rows: {
      ra_mst_courses: [
        { id: "crs_28054", name: "Kempton (AW)", region_code: "gb", region: "Great Britain" },
        { id: "crs_5304", name: "Dundalk (AW)", region_code: "ire", region: "Ireland" },
      ],
    },
    filteredOut: { courses: 1 },
  });
  assertEquals(coursesToRows(page, { regions: ["fr"] }), {
    rows: {},
    filteredOut: { courses: 3 },
  });
});
