/**
 * Field building blocks shared by the Racing API payload schemas (racecard_schemas.ts,
 * result_schemas.ts, horse_schemas.ts, reference_schemas.ts).
 *
 * Strict where rows depend on it: ids and their prefixes, dates, `off_dt` when present, the
 * runners arrays and the paging integers. Tolerant elsewhere, as the API is: every value is a
 * string, "" and null both mean "no value", fields the spec marks optional may be missing, and
 * unknown fields are accepted. A parsed value holds the declared fields only: `drift.ts` names
 * the new keys from the payload itself, the archive keeps the body as received, and objects of
 * one shape make the transforms faster than the payload's own objects would.
 *
 * @module
 */
import { z } from "zod";

// Patterns compiled once, at module load.
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const OFF_DT_OR_BLANK_PATTERN =
  /^(?:|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))$/;

/** A key field: must be present and match its `prefix_digits` form. */
export function idOf(prefix: string) {
  return z.string().regex(new RegExp(`^${prefix}_\\d+$`));
}

/** A link to another entity: present, and either its `prefix_digits` form, "" or null. */
export function linkOf(prefix: string) {
  return z.string().regex(new RegExp(`^(?:${prefix}_\\d+)?$`)).nullable();
}

/** A field the spec requires: the key must be there; "" and null both mean no value. */
export const requiredText = z.string().nullable();
/** A field the spec marks optional: it may be missing, null or "". */
export const optionalText = z.string().nullish();
/** A racing date, `YYYY-MM-DD`. */
export const raceDate = z.string().regex(DATE_PATTERN);
/** The off time with its offset, "" or missing (some races have none). */
export const offDt = z.string().regex(OFF_DT_OR_BLANK_PATTERN).nullish();
/** `total`, `limit` and `skip` of a paged body. */
export const pagingInteger = z.number().int().nonnegative();
/** The `query` echo of the request parameters; not used, so only its array shape is checked. */
export const queryEcho = z.array(z.unknown()).optional();
