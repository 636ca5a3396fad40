/**
 * Zod schemas of the horse profiles: `/v1/horses/{horse_id}/pro` and `/standard`. Field rules
 * are in schema_fields.ts.
 *
 * @module
 */
import { z } from "zod";
import { idOf, optionalText } from "./schema_fields.ts";

/** Optional sire/dam/damsire link on a horse profile. */
function optionalLinkOf(prefix: string) {
  return z.string().regex(new RegExp(`^(?:${prefix}_\\d+)?$`)).nullish();
}

/** A horse's pro profile (`HorsePro`). */
export const HorseProSchema = z.object({
  id: idOf("hrs"),
  name: optionalText,
  breeder: optionalText,
  colour: optionalText,
  colour_code: optionalText,
  dob: optionalText,
  sex: optionalText,
  sex_code: optionalText,
  sire: optionalText,
  sire_id: optionalLinkOf("sir"),
  dam: optionalText,
  dam_id: optionalLinkOf("dam"),
  damsire: optionalText,
  damsire_id: optionalLinkOf("dsi"),
});

/** A horse's standard profile (`Horse`), the fallback when the pro profile is 404. */
export const HorseStandardSchema = z.object({
  id: idOf("hrs"),
  name: optionalText,
  sire: optionalText,
  sire_id: optionalLinkOf("sir"),
  dam: optionalText,
  dam_id: optionalLinkOf("dam"),
  damsire: optionalText,
  damsire_id: optionalLinkOf("dsi"),
});

/** A horse's pro profile. */
export type HorsePro = z.infer<typeof HorseProSchema>;
/** A horse's standard profile. */
export type HorseStandard = z.infer<typeof HorseStandardSchema>;
