/**
 * Courses (`/v1/courses`) → `ra_mst_courses` rows of the masters source, keeping only the
 * courses of the synced regions.
 *
 * @module
 */
import type { RowBatch, SourceRow } from "../db/row_batch.ts";
import type { Course } from "../racing_api/reference_schemas.ts";
import { isWantedRegion } from "../regions.ts";
import type { TransformOptions } from "./batch.ts";
import { blankToNull } from "./numbers.ts";

/** Course rows plus how many courses of other regions were left out. */
export interface CourseRows {
  rows: RowBatch<"masters">;
  filteredOut: { courses: number };
}

/** Maps the courses list to course rows; courses outside `regions` are counted, not kept. */
export function coursesToRows(
  page: { readonly courses: readonly Course[] },
  options: TransformOptions,
): CourseRows {
  const rows = new Map<string, SourceRow<"ra_mst_courses", "masters">>();
  let filtered = 0;
  for (const course of page.courses) {
    const regionCode = course.region_code.trim().toLowerCase();
    if (!isWantedRegion(regionCode, options.regions)) {
      filtered += 1;
      continue;
    }
    rows.set(course.id, {
      id: course.id,
      name: blankToNull(course.course),
      region_code: regionCode,
      region: blankToNull(course.region),
    });
  }
  return {
    rows: rows.size === 0 ? {} : { ra_mst_courses: [...rows.values()] },
    filteredOut: { courses: filtered },
  };
}
