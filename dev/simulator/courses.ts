/**
 * The simulated course catalogue and region list: about 70 GB and 30 IRE courses (turf and
 * all-weather), plus foreign courses that the API returns unless a region filter is given.
 * @module
 */

import { hashInts, KeyedPermutation, tagOf } from "./seeded_random.ts";

/** A region as `/v1/courses/regions` lists it. */
export interface RegionEntry {
  /** Full name, e.g. "Great Britain". */
  region: string;
  /** Lower-case code used in queries, e.g. "gb", "ire". */
  region_code: string;
}

/** What a course stages. */
export interface Course {
  /** Position in the catalogue (stable across seeds). */
  key: number;
  /** `crs_` id, a function of the seed. */
  id: string;
  /** Display name without a region suffix ("Dundalk (AW)"). */
  name: string;
  /** Lower-case region code ("gb", "ire", "fr"). */
  regionCode: string;
  /** Upper-case region as in response bodies ("GB", "IRE", "FR"). */
  region: string;
  /** Flat racing on turf (GB/IRE: the turf season only). */
  flat: boolean;
  /** National Hunt racing. */
  jumps: boolean;
  /** An all-weather track. */
  aw: boolean;
  /** Jumps course that also races in summer. */
  summerJumps: boolean;
}

/** Every region the API knows, with its full name (query codes are lower-case). */
export const REGIONS: readonly RegionEntry[] = [
  ["Argentina", "arg"],
  ["Australia", "aus"],
  ["Austria", "aut"],
  ["Bahrain", "bhr"],
  ["Belgium", "bel"],
  ["Brazil", "bra"],
  ["Canada", "can"],
  ["Chile", "chi"],
  ["Czech Republic", "cze"],
  ["Denmark", "den"],
  ["France", "fr"],
  ["Germany", "ger"],
  ["Great Britain", "gb"],
  ["Greece", "gr"],
  ["Hong Kong", "hk"],
  ["Hungary", "hun"],
  ["India", "ind"],
  ["Ireland", "ire"],
  ["Italy", "ita"],
  ["Japan", "jpn"],
  ["Kazakhstan", "kaz"],
  ["Korea", "kor"],
  ["Malaysia", "mal"],
  ["Mauritius", "mau"],
  ["Mexico", "mex"],
  ["Morocco", "mor"],
  ["Netherlands", "ned"],
  ["New Zealand", "nz"],
  ["Norway", "nor"],
  ["Peru", "per"],
  ["Poland", "pol"],
  ["Qatar", "qa"],
  ["Saudi Arabia", "ksa"],
  ["Singapore", "sin"],
  ["Slovakia", "svk"],
  ["South Africa", "saf"],
  ["Spain", "spa"],
  ["Sweden", "swe"],
  ["Switzerland", "swi"],
  ["Turkey", "tur"],
  ["United Arab Emirates", "uae"],
  ["Uruguay", "uru"],
  ["USA", "usa"],
  ["Zimbabwe", "zim"],
].map(([region, region_code]) => ({
  region: region as string,
  region_code: region_code as string,
}));

// Flags: F flat turf, J jumps, A all-weather, S jumps in summer too.
const GB_COURSES = `
Aintree:J Ascot:FJ Ayr:FJ Bangor-on-Dee:JS Bath:F Beverley:F Brighton:F Carlisle:FJ Cartmel:JS
Catterick:FJ Chelmsford_City_(AW):A Cheltenham:J Chepstow:FJ Chester:F Doncaster:FJ Epsom:F
Exeter:J Fakenham:JS Ffos_Las:FJ Fontwell:JS Goodwood:F Hamilton:F Haydock:FJ Hereford:J
Hexham:JS Huntingdon:J Kelso:J Kempton:J Kempton_(AW):A Leicester:FJ Lingfield:FJ
Lingfield_(AW):A Ludlow:J Market_Rasen:JS Musselburgh:FJ Newbury:FJ Newcastle:J Newcastle_(AW):A
Newmarket:F Newmarket_(July):F Newton_Abbot:JS Nottingham:F Perth:JS Plumpton:J Pontefract:F
Redcar:F Ripon:F Salisbury:F Sandown:FJ Sedgefield:JS Southwell:JS Southwell_(AW):A Stratford:JS
Taunton:J Thirsk:F Towcester:J Uttoxeter:JS Warwick:J Wetherby:FJ Wincanton:J Windsor:F
Wolverhampton_(AW):A Worcester:JS Yarmouth:F York:F Hambleton_Moor:FJ Kingsmere:JS Ashdown_Park:F
Wessex_Downs:J Brackley_(AW):A
`;

const IRE_COURSES = `
Ballinrobe:FJS Bellewstown:FJS Clonmel:FJ Cork:FJ Curragh:F Down_Royal:FJ Downpatrick:JS
Dundalk_(AW):A Fairyhouse:FJ Galway:FJS Gowran_Park:FJ Kilbeggan:JS Killarney:FJS Laytown:F
Leopardstown:FJ Limerick:FJ Listowel:FJS Naas:FJ Navan:FJ Punchestown:FJ Roscommon:FJS Sligo:FJS
Thurles:FJ Tipperary:FJS Tramore:FJS Wexford:FJS Ballycastle:FJ Glenmore_Park:FJS Athboy:JS
`;

const FOREIGN_COURSES = `
fr:ParisLongchamp:F fr:Chantilly:F fr:Deauville:F fr:Saint-Cloud:F fr:Lyon_Parilly:F
fr:Compiegne:F fr:Auteuil:J fr:Chantilly_(PSF):A
usa:Belmont_Park:F usa:Churchill_Downs:F usa:Santa_Anita:F usa:Saratoga:F usa:Gulfstream_Park:F
usa:Keeneland:F usa:Del_Mar:F
aus:Flemington:F aus:Randwick:F aus:Caulfield:F aus:Rosehill:F aus:Moonee_Valley:F
ger:Baden-Baden:F ger:Cologne:F ger:Hoppegarten:F ger:Hamburg:F ger:Dusseldorf:F ger:Munich:F
hk:Sha_Tin:F hk:Happy_Valley:F jpn:Tokyo:F jpn:Kyoto:F jpn:Nakayama:F uae:Meydan:F
bhr:Sakhir:F ksa:King_Abdulaziz:F ita:Capannelle:F ita:San_Siro:F can:Woodbine:F
spa:La_Zarzuela:F arg:La_Plata:F arg:Palermo:F swe:Bro_Park:F nor:Ovrevoll:F saf:Kenilworth:F
saf:Turffontein:F nz:Ellerslie:F nz:Trentham:F sin:Kranji:F qa:Al_Rayyan:F tur:Veliefendi:F
`;

/** Foreign regions whose courses stage races in the simulated world. */
export const RACING_FOREIGN_REGIONS: readonly string[] = [
  "fr",
  "usa",
  "aus",
  "ger",
  "hk",
  "jpn",
  "uae",
];

function parseCourseList(text: string, regionCode: string | null): Omit<Course, "key" | "id">[] {
  return text.trim().split(/\s+/).map((item) => {
    const parts = item.split(":");
    const code = regionCode ?? (parts.shift() as string);
    const [name, flags] = parts as [string, string];
    return {
      name: name.replaceAll("_", " "),
      regionCode: code,
      region: code.toUpperCase(),
      flat: flags.includes("F"),
      jumps: flags.includes("J"),
      aw: flags.includes("A"),
      summerJumps: flags.includes("S"),
    };
  });
}

/** Builds the course catalogue with `crs_` ids derived from the seed. */
export function buildCourses(seed: number): Course[] {
  const permutation = new KeyedPermutation(16, hashInts(seed, tagOf("course-ids")));
  const all = [
    ...parseCourseList(GB_COURSES, "gb"),
    ...parseCourseList(IRE_COURSES, "ire"),
    ...parseCourseList(FOREIGN_COURSES, null),
  ];
  return all.map((course, key) => ({
    ...course,
    key,
    id: `crs_${100 + permutation.forward(key)}`,
  }));
}

/** Full region name for a lower-case code ("gb" → "Great Britain"). */
export function regionName(regionCode: string): string {
  return REGIONS.find((r) => r.region_code === regionCode)?.region ?? regionCode.toUpperCase();
}

/** Course name as results write it: GB bare, everywhere else with a region suffix. */
export function resultCourseName(course: Course): string {
  return course.regionCode === "gb" ? course.name : `${course.name} (${course.region})`;
}
