/**
 * What every route handler shares: the request and answer shapes, the route record, the 404 body
 * and small answer builders (200, 404, 422, the `query` echo, region and course filters).
 * @module
 */

import type { Account, Plan } from "./access.ts";
import { type QueryReader, validationBody } from "./query_validation.ts";
import type { Race } from "./race_model.ts";
import type { World } from "./world.ts";

/** A request as the handlers see it. */
export interface ApiRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  nowMs: number;
  account: Account;
}

/** A handler's answer. */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

/** One served endpoint. */
export interface Route {
  template: string;
  minPlan: Plan;
  /** Requests per second on paid plans. */
  rate: number;
  handle(world: World, request: ApiRequest): ApiAnswer;
}

/** Body of every 404. */
export const NOT_FOUND = { detail: "Not Found" } as const;

/** Limits of paged endpoints. */
export const PAGE_LIMITS = {
  racecards: { maxLimit: 500, defaultLimit: 500, maxSkip: 500 },
  results: { maxLimit: 100, defaultLimit: 50, maxSkip: 20000 },
} as const;

/** A 200 answer. */
export function ok(body: unknown): ApiAnswer {
  return { status: 200, body };
}

/** The 404 answer. */
export function notFound(): ApiAnswer {
  return { status: 404, body: NOT_FOUND };
}

/** A 422 answer listing the reader's issues. */
export function invalid(reader: QueryReader): ApiAnswer {
  return { status: 422, body: validationBody(reader.issues) };
}

/** The `query` echo: parameters actually sent (known names only, in order), plus path ids. */
export function queryEcho(
  query: URLSearchParams,
  known: readonly string[],
  path: [string, string][] = [],
): string[][] {
  const echo: string[][] = [];
  for (const [name, value] of query) if (known.includes(name)) echo.push([name, value]);
  for (const pair of path) echo.push([...pair]);
  return echo;
}

/** Keeps races at the given courses, else in the given regions, else every race. */
export function regionFilter(regions: string[], courses: string[]): (race: Race) => boolean {
  if (courses.length) return (race) => courses.includes(race.course.id);
  if (regions.length) return (race) => regions.includes(race.course.regionCode);
  return () => true;
}
