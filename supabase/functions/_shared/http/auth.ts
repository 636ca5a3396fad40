/**
 * The functions run with `verify_jwt = false` and accept only the project's secret or
 * service-role key, sent as `apikey` or `Authorization: Bearer`.
 */
import { timingSafeEqual } from "node:crypto";

const encoder = new TextEncoder();

/** The key a request presents, from `apikey` or a Bearer token; null when it has none. */
export function presentedKey(request: Request): string | null {
  const apikey = request.headers.get("apikey");
  if (apikey) return apikey.trim();
  const authorization = request.headers.get("authorization");
  const match = authorization?.match(/^Bearer\s+(.+)$/i);
  return match ? match[1]!.trim() : null;
}

/** Compares in constant time for equal lengths, so timing does not reveal a key's prefix. */
function sameKey(presented: string, accepted: string): boolean {
  const a = encoder.encode(presented);
  const b = encoder.encode(accepted);
  if (a.length !== b.length) {
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** True when the request carries one of the accepted keys. */
export function isAuthorized(request: Request, acceptedKeys: readonly string[]): boolean {
  const key = presentedKey(request);
  if (!key) return false;
  let authorized = false;
  for (const accepted of acceptedKeys) {
    if (accepted && sameKey(key, accepted)) authorized = true;
  }
  return authorized;
}
