/**
 * Rate-limit families of The Racing API: which throttle bucket a request path draws from. Its
 * own module, so that the client and the endpoint functions both depend on it and not on each
 * other.
 */

/** Rate-limit families: the API limits racecard lists and course lists more tightly. */
export const ENDPOINT_FAMILIES = ["racecards_list", "courses", "default"] as const;

/** A rate-limit family, the name of its throttle bucket. */
export type EndpointFamily = typeof ENDPOINT_FAMILIES[number];

const RACECARD_LIST = /^\/v1\/racecards\/(free|basic|standard|pro|big-races)$/;

/**
 * The rate-limit family of a request path: racecard lists (2/s), course lists (1/s) or the rest
 * (5/s). `/v1/racecards/free` is 1/s at the API; the sync never calls it (it needs Pro).
 */
export function endpointFamily(path: string): EndpointFamily {
  const bare = (path.split("?")[0] ?? "").replace(/\/+$/, "");
  if (RACECARD_LIST.test(bare)) return "racecards_list";
  if (bare === "/v1/courses" || bare === "/v1/courses/regions") return "courses";
  return "default";
}
