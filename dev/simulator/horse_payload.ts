/**
 * Horse names and pedigree links as the API writes them, and the `Horse` / `HorsePro` profiles.
 * Sire, dam and damsire ids reuse the parent's `hrs_` digits under `sir_`, `dam_`, `dsi_`.
 * @module
 */

import { colourCode, type HorsePopulation, sexCodeOf, sexOn, type WorldHorse } from "./horses.ts";
import type { HorseJson, HorseProJson } from "./payload_types.ts";
import { dateOfDay } from "./uk_time.ts";

/** The truth about a horse's profile, for tests. */
export interface HorseProfile {
  id: string;
  name: string;
  /** Country of breeding, upper-case. */
  region: string;
  dob: string;
  sex: string;
  sex_code: string;
  colour: string;
  breeder: string;
  sire: string;
  sire_id: string;
  dam: string;
  dam_id: string;
  damsire: string;
  damsire_id: string;
  /** True when `/v1/horses/{id}/pro` answers 404 (only `/standard` has the horse). */
  proNotFound: boolean;
}

/** Name with the breeding suffix: "Flaggan (IRE)". */
export function suffixedName(horse: WorldHorse): string {
  return `${horse.name} (${horse.bred})`;
}

/** Re-prefixes a horse id: ("sir_", hrs_123) → "sir_123". */
export function relatedId(prefix: "sir_" | "dam_" | "dsi_", horse: WorldHorse | null): string {
  return horse ? `${prefix}${horse.id.slice(4)}` : "";
}

/** Sire, dam and damsire of a horse (null where the pedigree runs out). */
export function parentsOf(
  horses: HorsePopulation,
  horse: WorldHorse,
): { sire: WorldHorse | null; dam: WorldHorse | null; damsire: WorldHorse | null } {
  const sire = horse.sireKey === null ? null : horses.horseByKey(horse.sireKey);
  const dam = horse.damKey === null ? null : horses.horseByKey(horse.damKey);
  const damsire = dam && dam.sireKey !== null ? horses.horseByKey(dam.sireKey) : null;
  return { sire, dam, damsire };
}

/** The `/standard` profile (damsire written without its suffix). */
export function horseStandardJson(horses: HorsePopulation, horse: WorldHorse): HorseJson {
  const { sire, dam, damsire } = parentsOf(horses, horse);
  return {
    id: horse.id,
    dam: dam ? suffixedName(dam) : "",
    dam_id: relatedId("dam_", dam),
    damsire: damsire ? damsire.name : "",
    damsire_id: relatedId("dsi_", damsire),
    name: suffixedName(horse),
    sire: sire ? suffixedName(sire) : "",
    sire_id: relatedId("sir_", sire),
  };
}

/** The `/pro` profile on a day (sex as of that day). */
export function horseProJson(
  horses: HorsePopulation,
  horse: WorldHorse,
  today: number,
): HorseProJson {
  const { sire, dam, damsire } = parentsOf(horses, horse);
  const sex = sexOn(horse, today);
  return {
    id: horse.id,
    breeder: horse.breeder,
    colour: horse.colour,
    colour_code: colourCode(horse.colour),
    dam: dam ? suffixedName(dam) : "",
    dam_id: relatedId("dam_", dam),
    damsire: damsire ? suffixedName(damsire) : "",
    damsire_id: relatedId("dsi_", damsire),
    dob: dateOfDay(horse.dobDay),
    name: suffixedName(horse),
    sex,
    sex_code: sexCodeOf(sex),
    sire: sire ? suffixedName(sire) : "",
    sire_id: relatedId("sir_", sire),
  };
}

/** The profile truth of a horse on a day. */
export function horseProfileOf(
  horses: HorsePopulation,
  horse: WorldHorse,
  today: number,
): HorseProfile {
  const { sire, dam, damsire } = parentsOf(horses, horse);
  const sex = sexOn(horse, today);
  return {
    id: horse.id,
    name: suffixedName(horse),
    region: horse.bred,
    dob: dateOfDay(horse.dobDay),
    sex,
    sex_code: sexCodeOf(sex),
    colour: horse.colour,
    breeder: horse.breeder,
    sire: sire ? suffixedName(sire) : "",
    sire_id: relatedId("sir_", sire),
    dam: dam ? suffixedName(dam) : "",
    dam_id: relatedId("dam_", dam),
    damsire: damsire ? suffixedName(damsire) : "",
    damsire_id: relatedId("dsi_", damsire),
    proNotFound: horse.proMissing,
  };
}
