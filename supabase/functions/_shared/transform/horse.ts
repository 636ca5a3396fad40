/**
 * Horse profiles (`/v1/horses/{id}/pro`, or `/standard` after a 404) → rows of the enrichment
 * source: the horse's profile columns and the sire, dam and damsire it names.
 *
 * Pure: no I/O, no clock (the caller passes when the profile was fetched).
 *
 * @module
 */
import type { RowBatch, SourceRow } from "../db/row_batch.ts";
import type { HorsePro, HorseStandard } from "../racing_api/horse_schemas.ts";
import { addAncestor, RowBatchBuilder } from "./batch.ts";
import { parseDate } from "./dates.ts";
import { splitHorseName } from "./names.ts";
import { blankToNull } from "./numbers.ts";

/** Which horse endpoint answered: the pro profile or the standard fallback. */
export type HorseProfileSource = "pro" | "standard";

/** Options of `horseProfileToRows`. */
export interface HorseProfileOptions {
  /**
   * When the profile was fetched (ISO timestamp), stored as `enriched_at`.
   * @default undefined: `enriched_at` is left untouched (replays)
   */
  enrichedAt?: string;
}

/** Maps a horse profile to enrichment-source rows (the horse and its ancestors). */
export function horseProfileToRows(
  profile: HorsePro | HorseStandard,
  source: HorseProfileSource,
  options: HorseProfileOptions = {},
): RowBatch<"enrichment"> {
  const builder = new RowBatchBuilder("enrichment");
  const name = blankToNull(profile.name);
  const split = name === null ? null : splitHorseName(name);
  const horse: SourceRow<"ra_mst_horses", "enrichment"> = {
    id: profile.id,
    name: split === null ? null : split.name,
    region: split === null ? null : split.country,
    sire_id: addAncestor(builder, "ra_mst_sires", profile.sire_id, profile.sire),
    dam_id: addAncestor(builder, "ra_mst_dams", profile.dam_id, profile.dam),
    damsire_id: addAncestor(builder, "ra_mst_damsires", profile.damsire_id, profile.damsire),
    profile_source: source,
  };
  if (source === "pro") {
    // The standard profile has none of these fields: leave them untouched for it.
    const pro = profile as HorsePro;
    horse.dob = parseDate(pro.dob);
    horse.sex = blankToNull(pro.sex);
    horse.sex_code = blankToNull(pro.sex_code);
    horse.colour = blankToNull(pro.colour);
    horse.colour_code = blankToNull(pro.colour_code);
    horse.breeder = blankToNull(pro.breeder);
  }
  if (options.enrichedAt !== undefined) horse.enriched_at = options.enrichedAt;
  builder.add("ra_mst_horses", horse);
  return builder.build();
}

/**
 * The row that records a profile fetch that found nothing (404 on both endpoints): only
 * `enriched_at`, so the horse leaves the enrichment queue as not_found.
 */
export function horseNotFoundToRows(horseId: string, enrichedAt: string): RowBatch<"enrichment"> {
  return { ra_mst_horses: [{ id: horseId, enriched_at: enrichedAt }] };
}
