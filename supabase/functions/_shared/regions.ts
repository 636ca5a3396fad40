/**
 * Region codes: the single source of truth for which racing regions we sync. Queries use the
 * lower-case codes of `/v1/courses/regions` ("gb", "ire"); response bodies use upper case
 * ("GB", "IRE"). Rows are checked again against the wanted codes after every fetch.
 *
 * @module
 */

/** Regions synced when `RA_REGIONS` is unset: Great Britain and Ireland ("ire", not "ie"). */
export const DEFAULT_REGION_CODES = ["gb", "ire"] as const;

/** A query-form region code: 2 to 4 lower-case letters ("gb", "ire", "usa"). */
const REGION_CODE_PATTERN = /^[a-z]{2,4}$/;

/** Thrown when `RA_REGIONS` holds something that is not a list of region codes. */
export class RegionConfigError extends Error {
  /** Creates the error with a message naming RA_REGIONS. */
  constructor(message: string) {
    super(message);
    this.name = "RegionConfigError";
  }
}

/**
 * Parses `RA_REGIONS` ("gb,ire") into lower-case query codes, deduplicated in order.
 * Unset or blank gives the defaults.
 * @throws {RegionConfigError} when an entry is not 2–4 letters or the list has no codes
 */
export function parseRegionCodes(env: string | undefined): string[] {
  if (env === undefined || env.trim() === "") return [...DEFAULT_REGION_CODES];
  const codes: string[] = [];
  for (const entry of env.split(",")) {
    const code = entry.trim().toLowerCase();
    if (code === "") continue;
    if (!REGION_CODE_PATTERN.test(code)) {
      throw new RegionConfigError(
        `Cannot read RA_REGIONS: "${code}" is not a region code (2 to 4 letters, e.g. "gb,ire")`,
      );
    }
    if (!codes.includes(code)) codes.push(code);
  }
  if (codes.length === 0) {
    throw new RegionConfigError(`Cannot read RA_REGIONS: no region codes in "${env.trim()}"`);
  }
  return codes;
}

/** The upper-case form a region code takes in response bodies ("gb" → "GB", "ire" → "IRE"). */
export function bodyRegionOf(code: string): string {
  return code.toUpperCase();
}

/** Whether a response body's region ("GB") is one of the wanted query codes (["gb", "ire"]). */
export function isWantedRegion(
  bodyRegion: string | null | undefined,
  codes: readonly string[],
): boolean {
  if (bodyRegion === null || bodyRegion === undefined) return false;
  const code = bodyRegion.trim().toLowerCase();
  return code !== "" && codes.includes(code);
}
