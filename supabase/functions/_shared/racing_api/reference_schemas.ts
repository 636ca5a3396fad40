/**
 * Zod schemas of the reference lists: `/v1/courses` and `/v1/courses/regions`. Field rules are
 * in schema_fields.ts.
 *
 * @module
 */
import { z } from "zod";
import { idOf, pagingInteger, requiredText } from "./schema_fields.ts";

/** A course; `region_code` is lower-case ("gb"), `region` the full name. */
export const CourseSchema = z.object({
  id: idOf("crs"),
  course: z.string(),
  region_code: z.string().min(1),
  region: requiredText,
});

/** The `/v1/courses` body (not paged). */
export const CoursesPageSchema = z.object({
  courses: z.array(CourseSchema),
  total: pagingInteger,
});

/** One region of `/v1/courses/regions` ("ire" for Ireland, "spa" for Spain). */
export const RegionSchema = z.object({
  region: z.string(),
  region_code: z.string().min(1),
});

/** The `/v1/courses/regions` body: a bare array. */
export const RegionsSchema = z.array(RegionSchema);

/** One course. */
export type Course = z.infer<typeof CourseSchema>;
/** The courses body. */
export type CoursesPage = z.infer<typeof CoursesPageSchema>;
/** One region. */
export type Region = z.infer<typeof RegionSchema>;
