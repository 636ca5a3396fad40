/**
 * The endpoints the sync calls, one small function each, and the API's documented limits (the
 * single source of truth for them). Each returns the parsed JSON as `unknown`: callers check it
 * with parseApiPayload (parse_payload.ts) against the zod schemas in racecard_schemas.ts,
 * result_schemas.ts, horse_schemas.ts and reference_schemas.ts. Arguments break a documented
 * limit → RangeError before any request is spent.
 */
import { addDays, daysBetween } from "../clock.ts";
import type { RacingApiClient } from "./client.ts";
import { parseJsonTakingOdds } from "../odds/taken_odds.ts";
import { parseJsonWithoutOdds } from "./skip_odds.ts";

/** How a racecard body is parsed: without its prices (cut before parsing), or with them taken aside (odds/taken_odds.ts). */
export interface RacecardParsing {
  /** Keep the runners' prices for takenOdds(). @default false */
  readonly withOdds?: boolean;
  /** With withOdds: keep only these races' prices (the rest are cut before parsing). */
  readonly oddsOfRaces?: ReadonlySet<string>;
}

function racecardParser(parsing: RacecardParsing) {
  if (!parsing.withOdds) return parseJsonWithoutOdds;
  const races = parsing.oddsOfRaces;
  return races === undefined
    ? parseJsonTakingOdds
    : (text: string) => parseJsonTakingOdds(text, races);
}

/** Largest `limit` of /v1/results. */
export const RESULTS_LIMIT_MAX = 100;
/** Largest `skip` of /v1/results. */
export const RESULTS_SKIP_MAX = 20_000;
/** Widest /v1/results range: end_date may be at most this many days after start_date. */
export const RESULTS_SPAN_MAX_DAYS = 365;
/** Days back /v1/results serves without the vendor's historical add-on. */
export const RESULTS_DAYS_WITHOUT_ADDON = 365;

/** The oldest results start_date a plan without the historical add-on is served, on `today`. */
export function oldestResultsWithoutAddon(today: string): string {
  return addDays(today, -RESULTS_DAYS_WITHOUT_ADDON);
}

/** Largest `limit` of the racecard lists. */
export const RACECARDS_LIMIT_MAX = 500;
/** Largest `skip` of the racecard lists. */
export const RACECARDS_SKIP_MAX = 500;
/** First date /v1/racecards/pro has cards for. */
export const FIRST_RACECARD_DATE = "2023-01-23";
/** Racecards are published up to this many days ahead. */
export const RACECARDS_DAYS_AHEAD = 7;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(name: string, value: string): void {
  if (!ISO_DATE.test(value)) {
    throw new RangeError(`Cannot ask for '${name}' "${value}": expected YYYY-MM-DD`);
  }
}

function checkPaging(
  endpoint: string,
  paging: { limit?: number | undefined; skip?: number | undefined },
  limitMax: number,
  skipMax: number,
): void {
  const { limit, skip } = paging;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= limitMax)) {
    throw new RangeError(
      `Cannot fetch ${endpoint} as 'limit' must be an integer from 1 to ${limitMax}: current value is ${limit}`,
    );
  }
  if (skip !== undefined && !(Number.isInteger(skip) && skip >= 0 && skip <= skipMax)) {
    throw new RangeError(
      `Cannot fetch ${endpoint} as 'skip' must be an integer from 0 to ${skipMax}: current value is ${skip}`,
    );
  }
}

function pathId(id: string): string {
  if (!id) throw new RangeError("Cannot build a request path: the id is empty");
  return encodeURIComponent(id);
}

/** Query of a racecard list page. */
export interface RacecardsQuery {
  /** Racing day, YYYY-MM-DD. */
  readonly date: string;
  /** Lower-case region codes (`gb`, `ire`). */
  readonly regionCodes: readonly string[];
  /** Page size, up to RACECARDS_LIMIT_MAX. */
  readonly limit?: number;
  /** Cards to skip, up to RACECARDS_SKIP_MAX. */
  readonly skip?: number;
}

/**
 * One page of the Pro racecards of a day (`/v1/racecards/pro`).
 * @throws RangeError when the date is before FIRST_RACECARD_DATE or paging is out of range
 */
export function getRacecardsPro(
  client: RacingApiClient,
  query: RacecardsQuery,
  parsing: RacecardParsing = {},
): Promise<unknown> {
  checkDate("date", query.date);
  if (query.date < FIRST_RACECARD_DATE) {
    throw new RangeError(
      `Cannot fetch racecards for "${query.date}": the API has none before ${FIRST_RACECARD_DATE}`,
    );
  }
  checkPaging("/v1/racecards/pro", query, RACECARDS_LIMIT_MAX, RACECARDS_SKIP_MAX);
  return client.get("/v1/racecards/pro", {
    date: query.date,
    region_codes: query.regionCodes,
    limit: query.limit,
    skip: query.skip,
  }, { parse: racecardParser(parsing) });
}

/** One Pro racecard by race id (`/v1/racecards/{race_id}/pro`), parsed without its odds by default. */
export function getRacecardPro(
  client: RacingApiClient,
  raceId: string,
  parsing: RacecardParsing = {},
): Promise<unknown> {
  return client.get(`/v1/racecards/${pathId(raceId)}/pro`, {}, { parse: racecardParser(parsing) });
}

/** First race date with price movements at /v1/odds. */
export const FIRST_MOVEMENTS_DATE = "2025-03-17";

/** One runner's prices with their movements (`/v1/odds/{race_id}/{horse_id}`, Pro, 5/s). */
export function getRunnerOdds(
  client: RacingApiClient,
  raceId: string,
  horseId: string,
): Promise<unknown> {
  return client.get(`/v1/odds/${pathId(raceId)}/${pathId(horseId)}`, {});
}

/** Query of a results page. */
export interface ResultsQuery {
  /** First racing day, YYYY-MM-DD. */
  readonly startDate: string;
  /** Last racing day, YYYY-MM-DD, at most RESULTS_SPAN_MAX_DAYS after startDate. */
  readonly endDate: string;
  /** Lower-case region codes (`gb`, `ire`). */
  readonly regions: readonly string[];
  /** Page size, up to RESULTS_LIMIT_MAX. */
  readonly limit?: number;
  /** Results to skip, up to RESULTS_SKIP_MAX. */
  readonly skip?: number;
}

/**
 * One page of results over a date range (`/v1/results`).
 * @throws RangeError when the range is reversed or too wide, or paging is out of range
 */
export function getResults(client: RacingApiClient, query: ResultsQuery): Promise<unknown> {
  checkDate("start_date", query.startDate);
  checkDate("end_date", query.endDate);
  const span = daysBetween(query.startDate, query.endDate);
  if (span < 0 || span > RESULTS_SPAN_MAX_DAYS) {
    throw new RangeError(
      `Cannot fetch results from "${query.startDate}" to "${query.endDate}": the end must be 0 to ${RESULTS_SPAN_MAX_DAYS} days after the start`,
    );
  }
  checkPaging("/v1/results", query, RESULTS_LIMIT_MAX, RESULTS_SKIP_MAX);
  return client.get("/v1/results", {
    start_date: query.startDate,
    end_date: query.endDate,
    region: query.regions,
    limit: query.limit,
    skip: query.skip,
  });
}

/** One result by race id (`/v1/results/{race_id}`). */
export function getResult(client: RacingApiClient, raceId: string): Promise<unknown> {
  return client.get(`/v1/results/${pathId(raceId)}`);
}

/** A horse's Pro profile (`/v1/horses/{horse_id}/pro`); 404 means try getHorseStandard. */
export function getHorsePro(client: RacingApiClient, horseId: string): Promise<unknown> {
  return client.get(`/v1/horses/${pathId(horseId)}/pro`);
}

/** A horse's basic profile (`/v1/horses/{horse_id}/standard`). */
export function getHorseStandard(client: RacingApiClient, horseId: string): Promise<unknown> {
  return client.get(`/v1/horses/${pathId(horseId)}/standard`);
}

/** The courses of some regions (`/v1/courses`). */
export function getCourses(
  client: RacingApiClient,
  query: { readonly regionCodes: readonly string[] },
): Promise<unknown> {
  return client.get("/v1/courses", { region_codes: query.regionCodes });
}

/** Every region the API knows (`/v1/courses/regions`). */
export function getRegions(client: RacingApiClient): Promise<unknown> {
  return client.get("/v1/courses/regions");
}
