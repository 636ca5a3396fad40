/**
 * The vendor's analysis endpoints (`/v1/{jockeys,trainers,owners,sires,dams,damsires}/{id}/
 * analysis/...`), computed from the simulator's ground truth: every run of the subject in the
 * results served for the requested dates and filters, grouped by course, distance, trainer,
 * jockey, owner, horse age or race class (figures in analysis_figures.ts).
 * @module
 */

import { type AnalysisFigures, isRun, placeOf, RunTally } from "./analysis_figures.ts";
import {
  type ApiAnswer,
  type ApiRequest,
  invalid,
  notFound,
  ok,
  queryEcho,
  type Route,
} from "./api_answers.ts";
import { suffixedName } from "./horse_payload.ts";
import type { ResultStandardJson, RunnerStandardJson } from "./payload_types.ts";
import { QueryReader } from "./query_validation.ts";
import { readRaceFilter } from "./race_filter.ts";
import type { Race } from "./race_model.ts";
import { ENDPOINT_RATES } from "./rate_limiter.ts";
import { dateOfDay, dayNumber } from "./uk_time.ts";
import { ukDayOf, type World } from "./world.ts";

/** Longest span an analysis covers, in days (a simulator limit: see the README). */
export const MAX_ANALYSIS_SPAN_DAYS = 365;
const FIRST_ANALYSIS_DATE = "1988-01-01";

const ANALYSIS_PARAMS = [
  "start_date",
  "end_date",
  "region",
  "course",
  "type",
  "going",
  "race_class",
  "min_distance_y",
  "max_distance_y",
  "age_band",
  "sex_restriction",
];

/** Whose runs an analysis counts. */
type Subject = "jockey" | "trainer" | "owner" | "sire" | "dam" | "damsire";

/** One group of an analysis: its key and the fields that name it in the row. */
interface GroupLabel {
  key: string;
  fields: Record<string, string>;
}

type Grouping = (result: ResultStandardJson, runner: RunnerStandardJson) => GroupLabel | null;

const GROUPINGS = {
  courses: (result) => ({
    key: result.course_id,
    fields: { course: result.course, course_id: result.course_id, region: result.region },
  }),
  distances: (result) => {
    // Grouped by the rounded distance; the yards and metres shown are that distance's own.
    const furlongs = Number.parseFloat(result.dist_f);
    return {
      key: result.dist,
      fields: {
        dist: result.dist,
        dist_y: String(Math.round(furlongs * 220)),
        dist_m: String(Math.round(furlongs * 201.168)),
        dist_f: result.dist_f,
      },
    };
  },
  trainers: (_, runner) =>
    runner.trainer_id
      ? {
        key: runner.trainer_id,
        fields: { trainer_id: runner.trainer_id, trainer: runner.trainer },
      }
      : null,
  jockeys: (_, runner) =>
    runner.jockey_id
      ? { key: runner.jockey_id, fields: { jockey_id: runner.jockey_id, jockey: runner.jockey } }
      : null,
  owners: (_, runner) =>
    runner.owner_id
      ? { key: runner.owner_id, fields: { owner_id: runner.owner_id, owner: runner.owner } }
      : null,
  horse_ages: (_, runner) => ({ key: runner.age, fields: { horse_age: runner.age } }),
  classes: (result) => ({ key: result.class, fields: { class: result.class } }),
} satisfies Record<string, Grouping>;

type GroupName = keyof typeof GROUPINGS;

const SUBJECT_IDS: Readonly<Record<Subject, (runner: RunnerStandardJson) => string>> = {
  jockey: (runner) => runner.jockey_id,
  trainer: (runner) => runner.trainer_id,
  owner: (runner) => runner.owner_id,
  sire: (runner) => runner.sire_id,
  dam: (runner) => runner.dam_id,
  damsire: (runner) => runner.damsire_id,
};

const PEDIGREE_PREFIXES: Readonly<Record<string, string>> = {
  sire: "sir_",
  dam: "dam_",
  damsire: "dsi_",
};

/** The start and end days of an analysis, or null after recording the 422 issues. */
function readSpan(reader: QueryReader, today: number): { start: number; end: number } | null {
  const startText = reader.date("start_date");
  const endText = reader.date("end_date");
  if (reader.issues.length) return null;
  const end = endText ? dayNumber(endText) : today;
  const start = startText ? dayNumber(startText) : end - MAX_ANALYSIS_SPAN_DAYS;
  if (start > end) {
    reader.valueError("start_date", "start_date must not be after end_date", startText);
  } else if (end - start > MAX_ANALYSIS_SPAN_DAYS) {
    reader.valueError(
      "end_date",
      `Maximum range between start and end date is ${MAX_ANALYSIS_SPAN_DAYS} days`,
      endText ?? dateOfDay(end),
    );
  } else if (start < dayNumber(FIRST_ANALYSIS_DATE)) {
    reader.valueError("start_date", `Results are available from ${FIRST_ANALYSIS_DATE}`, startText);
  }
  return reader.issues.length ? null : { start, end };
}

/** The name of a person with no run in the span but active in it, else null (a 404). */
function quietSubjectName(
  world: World,
  subject: Subject,
  id: string,
  span: { start: number; end: number },
): string | null {
  if (subject === "jockey" || subject === "trainer" || subject === "owner") {
    const people = world.people.peopleBetween(subject, span.start, span.end);
    return people.find((p) => p.id === id)?.name ?? null;
  }
  return null;
}

/** The name of a sire, dam or damsire from its id (`sir_N` is the horse `hrs_N`). */
function pedigreeName(world: World, subject: Subject, id: string): string | null {
  const prefix = PEDIGREE_PREFIXES[subject];
  if (!prefix || !id.startsWith(prefix)) return null;
  const horse = world.horses.horseById(`hrs_${id.slice(prefix.length)}`);
  return horse ? suffixedName(horse) : null;
}

/** Renders figures under the spec's count name (`rides` for jockeys, else `runners`). */
function figureFields(figures: AnalysisFigures, countName: string): Record<string, number> {
  const { runs, ...rest } = figures;
  return { [countName]: runs, ...rest };
}

function analysisRoute(subject: Subject, group: GroupName, listName: string): Route["handle"] {
  const countName = subject === "jockey" ? "rides" : "runners";
  const totalName = subject === "jockey" ? "total_rides" : "total_runners";
  const idParam = `${subject}_id`;
  const grouping: Grouping = GROUPINGS[group];
  const subjectOf = SUBJECT_IDS[subject];
  return (world: World, request: ApiRequest): ApiAnswer => {
    const id = request.params[idParam] as string;
    const reader = new QueryReader(request.query);
    const span = readSpan(reader, ukDayOf(request.nowMs));
    const keepRace = readRaceFilter(reader);
    if (reader.issues.length || !span) return invalid(reader);
    let name = pedigreeName(world, subject, id);
    if (PEDIGREE_PREFIXES[subject] && name === null) return notFound();
    const groups = new Map<string, { fields: Record<string, string>; tally: RunTally }>();
    let total = 0;
    for (let day = span.end; day >= span.start; day--) {
      const races = world.raceDay(day).races;
      for (let i = races.length - 1; i >= 0; i--) {
        const race = races[i] as Race;
        if (!keepRace(race)) continue;
        const result = world.result(race, request.nowMs);
        if (!result) continue;
        const mine = result.runners.filter((r) => subjectOf(r) === id && isRun(r));
        if (!mine.length) continue;
        const winners = result.runners.filter((r) => placeOf(r.position) === 1).length;
        for (const runner of mine) {
          total++;
          name ??= nameOf(subject, runner);
          const label = grouping(result, runner);
          if (!label) continue;
          let entry = groups.get(label.key);
          if (!entry) {
            entry = { fields: label.fields, tally: new RunTally() };
            groups.set(label.key, entry);
          }
          entry.tally.add(runner, winners);
        }
      }
    }
    name ??= quietSubjectName(world, subject, id, span);
    if (name === null) return notFound();
    const rows = [...groups.entries()]
      .sort(([ka, a], [kb, b]) => b.tally.runs - a.tally.runs || (ka < kb ? -1 : ka > kb ? 1 : 0))
      .map(([, g]) => ({ ...g.fields, ...figureFields(g.tally.figures(), countName) }));
    return ok({
      id,
      [subject]: name,
      [totalName]: total,
      [listName]: rows,
      query: queryEcho(request.query, ANALYSIS_PARAMS, [[idParam, id]]),
    });
  };
}

function nameOf(subject: Subject, runner: RunnerStandardJson): string {
  if (subject === "jockey") return runner.jockey;
  if (subject === "trainer") return runner.trainer;
  return runner.owner;
}

/** The analyses served: kind (path segment), subject, path suffix, grouping and list name. */
const ANALYSES: readonly [string, Subject, string, GroupName, string][] = [
  ["jockeys", "jockey", "courses", "courses", "courses"],
  ["jockeys", "jockey", "distances", "distances", "distances"],
  ["jockeys", "jockey", "owners", "owners", "owners"],
  ["jockeys", "jockey", "trainers", "trainers", "trainers"],
  ["trainers", "trainer", "courses", "courses", "courses"],
  ["trainers", "trainer", "distances", "distances", "distances"],
  ["trainers", "trainer", "horse-age", "horse_ages", "horse_ages"],
  ["trainers", "trainer", "jockeys", "jockeys", "jockeys"],
  ["trainers", "trainer", "owners", "owners", "owners"],
  ["owners", "owner", "courses", "courses", "courses"],
  ["owners", "owner", "distances", "distances", "distances"],
  ["owners", "owner", "jockeys", "jockeys", "jockeys"],
  ["owners", "owner", "trainers", "trainers", "trainers"],
  ["sires", "sire", "classes", "classes", "classes"],
  ["sires", "sire", "distances", "distances", "distances"],
  ["dams", "dam", "classes", "classes", "classes"],
  ["dams", "dam", "distances", "distances", "distances"],
  ["damsires", "damsire", "classes", "classes", "classes"],
  ["damsires", "damsire", "distances", "distances", "distances"],
];

/** Every analysis endpoint: Standard plan, 5 requests per second (the spec's table). */
export const ANALYSIS_ROUTES: readonly Route[] = ANALYSES.map(
  ([kind, subject, suffix, group, listName]) => ({
    template: `/v1/${kind}/{${subject}_id}/analysis/${suffix}`,
    minPlan: "standard",
    rate: ENDPOINT_RATES.default,
    handle: analysisRoute(subject, group, listName),
  }),
);
