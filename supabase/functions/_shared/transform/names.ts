/**
 * Names and ids of people, horses and courses: a jockey's claim ("Joe Williamson(5)"), a horse's
 * country of breeding ("Create (IRE)"), the region results add to course names, and the
 * sire/dam/damsire ids that stand for a horse id.
 * @module
 */
import { blankToNull } from "./numbers.ts";

/** A jockey's name without the claim suffix, and the claim in lbs. */
export interface ParsedJockey {
  name: string | null;
  claim_lbs: number | null;
}

const JOCKEY_CLAIM_PATTERN = /^(.*?)\s*\((\d+)\)$/;
const NON_RUNNER_JOCKEY_PATTERN = /^NON-RUNNER\b/i;

/**
 * Splits a racecard jockey ("Joe Williamson(5)") into name and claim; "" (not yet declared)
 * and "NON-RUNNER"/"NON-RUNNER(5)" give no jockey at all.
 */
export function parseJockeyName(s: string | null | undefined): ParsedJockey {
  const text = blankToNull(s);
  if (text === null || NON_RUNNER_JOCKEY_PATTERN.test(text)) return { name: null, claim_lbs: null };
  const claim = JOCKEY_CLAIM_PATTERN.exec(text);
  if (claim === null) return { name: text, claim_lbs: null };
  return { name: blankToNull(claim[1]), claim_lbs: Number(claim[2]) };
}

/** A horse name with its country-of-breeding suffix split off. */
export interface ParsedHorseName {
  name: string;
  country: string | null;
}

const COUNTRY_SUFFIX_PATTERN = /^(.*?)\s*\(([A-Z]{2,4})\)$/;
/** Upper-case bracketed tokens in names that are not regions: "(AW)" is all-weather. */
const NON_REGION_SUFFIXES: ReadonlySet<string> = new Set(["AW"]);

/** Splits "Create (IRE)" into name "Create" and country "IRE"; a name without suffix has none. */
export function splitHorseName(s: string): ParsedHorseName {
  const text = s.trim();
  const match = COUNTRY_SUFFIX_PATTERN.exec(text);
  if (match === null || NON_REGION_SUFFIXES.has(match[2] ?? "")) {
    return { name: text, country: null };
  }
  return { name: match[1] ?? text, country: match[2] ?? null };
}

/**
 * Strips the region suffix results add to course names: "Dundalk (AW) (IRE)" → "Dundalk (AW)".
 * With `bodyRegion` ("IRE") only that suffix is stripped; without it, any trailing upper-case
 * code of 2–4 letters except "(AW)".
 */
export function stripRegionSuffix(courseName: string, bodyRegion?: string | null): string {
  const text = courseName.trim();
  const match = COUNTRY_SUFFIX_PATTERN.exec(text);
  if (match === null) return text;
  const code = match[2] ?? "";
  if (NON_REGION_SUFFIXES.has(code)) return text;
  if (bodyRegion !== undefined && bodyRegion !== null && code !== bodyRegion.toUpperCase()) {
    return text;
  }
  return match[1] ?? text;
}

const ANCESTOR_ID_PATTERN = /^(?:sir|dam|dsi|hrs)_(\d+)$/;

/** Maps a sire/dam/damsire id to the ancestor's own horse id ("sir_6319173" → "hrs_6319173"). */
export function ancestorHorseId(id: string | null | undefined): string | null {
  const text = blankToNull(id);
  if (text === null) return null;
  const match = ANCESTOR_ID_PATTERN.exec(text);
  return match === null ? null : `hrs_${match[1]}`;
}
