/**
 * The endpoints the simulator serves: route table (path template, minimum plan, rate) and the
 * handlers that validate parameters and page through the world (the racecard and odds handlers
 * are in racecard_routes.ts, what handlers share in api_answers.ts). Handlers are pure functions
 * of (world, request, clock, account) returning a status and a JSON body.
 * @module
 */

import { hasHistoricalResults } from "./access.ts";
import { ANALYSIS_ROUTES } from "./analysis_routes.ts";
import {
  type ApiAnswer,
  type ApiRequest,
  invalid,
  NOT_FOUND,
  notFound,
  ok,
  PAGE_LIMITS,
  queryEcho,
  type Route,
} from "./api_answers.ts";
import { regionName, REGIONS } from "./courses.ts";
import { horseProJson, horseStandardJson } from "./horse_payload.ts";
import type { WorldHorse } from "./horses.ts";
import { QueryReader } from "./query_validation.ts";
import { readRaceFilter } from "./race_filter.ts";
import type { Race } from "./race_model.ts";
import { listRacecards, oneRacecard, runnerOdds } from "./racecard_routes.ts";
import { ENDPOINT_RATES } from "./rate_limiter.ts";
import { dateOfDay, dayNumber } from "./uk_time.ts";
import { hasResult, type NamedId, ukDayOf } from "./world.ts";

export { NOT_FOUND, PAGE_LIMITS };
export type { ApiAnswer, ApiRequest, Route };

/** Longest span between results start and end dates, in days. */
export const MAX_RESULTS_SPAN_DAYS = 365;
/** Oldest results date with the historical add-on. */
export const FIRST_HISTORICAL_DATE = "1988-01-01";

const HISTORICAL_REFUSAL = {
  detail: "Results older than 12 months require the historical results add-on (Pro plan)",
};

function searchRoute(
  role: "jockey" | "trainer" | "owner" | "sire" | "dam" | "damsire",
): Route["handle"] {
  return (world, request) => {
    const reader = new QueryReader(request.query);
    const name = reader.required("name");
    if (reader.issues.length || name === undefined) return invalid(reader);
    const hits = world.search(role, name, ukDayOf(request.nowMs)) as NamedId[];
    return ok({ search_results: hits.map((h) => ({ id: h.id, name: h.name })) });
  };
}

const RESULT_PARAMS = [
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
  "limit",
  "skip",
];

const listResults: Route["handle"] = (world, request) => {
  const reader = new QueryReader(request.query);
  const today = ukDayOf(request.nowMs);
  const startText = reader.date("start_date");
  const endText = reader.date("end_date");
  const limit = reader.integer("limit", { min: 1, max: PAGE_LIMITS.results.maxLimit }) ??
    PAGE_LIMITS.results.defaultLimit;
  const skip = reader.integer("skip", { min: 0, max: PAGE_LIMITS.results.maxSkip }) ?? 0;
  const keepRace = readRaceFilter(reader);
  if (reader.issues.length) return invalid(reader);
  const end = endText ? dayNumber(endText) : today;
  const start = startText ? dayNumber(startText) : today - MAX_RESULTS_SPAN_DAYS;
  if (start > end) {
    reader.valueError("start_date", "start_date must not be after end_date", startText);
  } else if (end - start > MAX_RESULTS_SPAN_DAYS) {
    reader.valueError(
      "end_date",
      `Maximum range between start and end date is ${MAX_RESULTS_SPAN_DAYS} days`,
      endText ?? dateOfDay(end),
    );
  } else if (start < dayNumber(FIRST_HISTORICAL_DATE)) {
    reader.valueError(
      "start_date",
      `Results are available from ${FIRST_HISTORICAL_DATE}`,
      startText,
    );
  }
  if (reader.issues.length) return invalid(reader);
  if (start < today - MAX_RESULTS_SPAN_DAYS && !hasHistoricalResults(request.account)) {
    return { status: 401, body: HISTORICAL_REFUSAL };
  }
  const matches: Race[] = [];
  for (let day = Math.min(end, today); day >= start; day--) {
    const races = world.raceDay(day).races;
    for (let i = races.length - 1; i >= 0; i--) {
      const race = races[i] as Race;
      if (hasResult(race, request.nowMs) && keepRace(race)) matches.push(race);
    }
  }
  return ok({
    results: matches.slice(skip, skip + limit).map((race) => world.result(race, request.nowMs)),
    total: matches.length,
    limit,
    skip,
    query: queryEcho(request.query, RESULT_PARAMS),
  });
};

const oneResult: Route["handle"] = (world, request) => {
  const race = world.race(request.params["race_id"] as string);
  if (!race) return notFound();
  const result = world.result(race, request.nowMs);
  if (!result) return notFound();
  if (
    race.day < ukDayOf(request.nowMs) - MAX_RESULTS_SPAN_DAYS &&
    !hasHistoricalResults(request.account)
  ) {
    return { status: 401, body: HISTORICAL_REFUSAL };
  }
  return ok(result);
};

const horseStandard: Route["handle"] = (world, request) => {
  const horse = world.horse(request.params["horse_id"] as string, ukDayOf(request.nowMs));
  return horse ? ok(horseStandardJson(world.horses, horse)) : notFound();
};

const horsePro: Route["handle"] = (world, request) => {
  const today = ukDayOf(request.nowMs);
  const horse = world.horse(request.params["horse_id"] as string, today);
  return horse && !horse.proMissing ? ok(horseProJson(world.horses, horse, today)) : notFound();
};

const horseSearch: Route["handle"] = (world, request) => {
  const reader = new QueryReader(request.query);
  const name = reader.required("name");
  if (reader.issues.length || name === undefined) return invalid(reader);
  const horses = world.search("horse", name, ukDayOf(request.nowMs)) as WorldHorse[];
  return ok({ search_results: horses.map((h) => horseStandardJson(world.horses, h)) });
};

const regions: Route["handle"] = () =>
  ok(REGIONS.map((r) => ({ region: r.region, region_code: r.region_code })));

const courses: Route["handle"] = (world, request) => {
  const codes = new QueryReader(request.query).list("region_codes");
  const list = world.courses
    .filter((c) => !codes.length || codes.includes(c.regionCode))
    .map((c) => ({
      id: c.id,
      course: c.name,
      region_code: c.regionCode,
      region: regionName(c.regionCode),
    }))
    .sort((a, b) => (a.course < b.course ? -1 : a.course > b.course ? 1 : 0));
  return ok({ courses: list, total: list.length });
};

/** Every served endpoint. */
export const ROUTES: readonly Route[] = [
  {
    template: "/v1/courses/regions",
    minPlan: "free",
    rate: ENDPOINT_RATES.courses,
    handle: regions,
  },
  { template: "/v1/courses", minPlan: "free", rate: ENDPOINT_RATES.courses, handle: courses },
  {
    template: "/v1/racecards/pro",
    minPlan: "pro",
    rate: ENDPOINT_RATES.racecardList,
    handle: listRacecards,
  },
  {
    template: "/v1/racecards/{race_id}/pro",
    minPlan: "pro",
    rate: ENDPOINT_RATES.default,
    handle: oneRacecard,
  },
  {
    template: "/v1/odds/{race_id}/{horse_id}",
    minPlan: "pro",
    rate: ENDPOINT_RATES.default,
    handle: runnerOdds,
  },
  {
    template: "/v1/results",
    minPlan: "standard",
    rate: ENDPOINT_RATES.default,
    handle: listResults,
  },
  {
    template: "/v1/results/{race_id}",
    minPlan: "standard",
    rate: ENDPOINT_RATES.default,
    handle: oneResult,
  },
  {
    template: "/v1/horses/search",
    minPlan: "standard",
    rate: ENDPOINT_RATES.default,
    handle: horseSearch,
  },
  {
    template: "/v1/horses/{horse_id}/standard",
    minPlan: "standard",
    rate: ENDPOINT_RATES.default,
    handle: horseStandard,
  },
  {
    template: "/v1/horses/{horse_id}/pro",
    minPlan: "pro",
    rate: ENDPOINT_RATES.default,
    handle: horsePro,
  },
  {
    template: "/v1/jockeys/search",
    minPlan: "standard",
    rate: ENDPOINT_RATES.default,
    handle: searchRoute("jockey"),
  },
  {
    template: "/v1/trainers/search",
    minPlan: "standard",
    rate: ENDPOINT_RATES.default,
    handle: searchRoute("trainer"),
  },
  {
    template: "/v1/owners/search",
    minPlan: "standard",
    rate: ENDPOINT_RATES.default,
    handle: searchRoute("owner"),
  },
  {
    template: "/v1/sires/search",
    minPlan: "standard",
    rate: ENDPOINT_RATES.default,
    handle: searchRoute("sire"),
  },
  {
    template: "/v1/dams/search",
    minPlan: "standard",
    rate: ENDPOINT_RATES.default,
    handle: searchRoute("dam"),
  },
  {
    template: "/v1/damsires/search",
    minPlan: "standard",
    rate: ENDPOINT_RATES.default,
    handle: searchRoute("damsire"),
  },
  ...ANALYSIS_ROUTES,
];

const COMPILED = ROUTES.map((route) => {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${
      route.template.replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return "([^/]+)";
      })
    }$`,
  );
  return { route, pattern, names };
});

/** Finds the route of a path; literal routes win over templated ones (as FastAPI orders them). */
export function matchRoute(path: string): { route: Route; params: Record<string, string> } | null {
  for (const { route, pattern, names } of COMPILED) {
    const m = pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1] as string)));
    return { route, params };
  }
  return null;
}
