/**
 * One horse's profile: `/v1/horses/{id}/pro`, `/standard` when pro answers 404, and "not found"
 * when both do. Then the answer checked with zod and mapped to enrichment rows (the horse, its
 * sire, dam and damsire), or the row that records the horse as not found.
 */
import type { RowBatch } from "../db/columns.ts";
import type { RacingApiClient } from "../racing_api/client.ts";
import { getHorsePro, getHorseStandard } from "../racing_api/endpoints.ts";
import { NotFoundError } from "../racing_api/errors.ts";
import { type DriftReporter, findUnknownFields } from "../racing_api/drift.ts";
import {
  HorseProSchema,
  HorseStandardSchema,
  parseApiPayload,
  PayloadValidationError,
} from "../racing_api/schemas.ts";
import {
  horseNotFoundToRows,
  type HorseProfileSource,
  horseProfileToRows,
} from "../transform/horse.ts";
import { QuarantinedPayloadError } from "../sync/failures.ts";

/** What the API answered for a horse. */
export type FetchedHorseProfile =
  | {
    readonly found: true;
    readonly source: HorseProfileSource;
    readonly body: unknown;
  }
  | { readonly found: false };

/**
 * Asks for a horse's pro profile and, on 404, for its standard one; `found: false` when both
 * answer 404. Other errors (401, 5xx after retries…) reach the caller.
 */
export async function fetchHorseProfile(
  api: RacingApiClient,
  horseId: string,
): Promise<FetchedHorseProfile> {
  try {
    return {
      found: true,
      source: "pro",
      body: await getHorsePro(api, horseId),
    };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  try {
    return {
      found: true,
      source: "standard",
      body: await getHorseStandard(api, horseId),
    };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  return { found: false };
}

const KINDS: Readonly<Record<HorseProfileSource, string>> = {
  pro: "horse pro profile",
  standard: "horse standard profile",
};

/** The request path of a horse's profile from `source`. */
export function profileEndpoint(
  horseId: string,
  source: HorseProfileSource,
): string {
  return `/v1/horses/${horseId}/${source}`;
}

/** The request path whose answer horseProfileRows quarantined, for ra_sync_errors. */
export function quarantinedProfileEndpoint(
  horseId: string,
  error: QuarantinedPayloadError,
): string | undefined {
  const sources = Object.keys(KINDS) as HorseProfileSource[];
  const source = sources.find((candidate) => KINDS[candidate] === error.cause.kind);
  return source === undefined ? undefined : profileEndpoint(horseId, source);
}

/**
 * The enrichment rows of a fetched profile: the horse with its profile and ancestors, or the
 * not-found mark. New fields go to `drift`.
 * @throws QuarantinedPayloadError when the body does not match its schema or is another horse's
 */
export function horseProfileRows(
  horseId: string,
  fetched: FetchedHorseProfile,
  options: { readonly enrichedAt: string; readonly drift?: DriftReporter },
): RowBatch<"enrichment"> {
  if (!fetched.found) return horseNotFoundToRows(horseId, options.enrichedAt);
  const kind = KINDS[fetched.source];
  const schema = fetched.source === "pro" ? HorseProSchema : HorseStandardSchema;
  let profile;
  try {
    profile = parseApiPayload(schema, fetched.body, kind);
  } catch (error) {
    if (error instanceof PayloadValidationError) {
      throw new QuarantinedPayloadError(error, fetched.body);
    }
    throw error;
  }
  if (profile.id !== horseId) {
    const mismatch = new PayloadValidationError(kind, [
      { path: "id", reason: `expected "${horseId}", got "${profile.id}"` },
    ]);
    throw new QuarantinedPayloadError(mismatch, fetched.body);
  }
  options.drift?.report(kind, findUnknownFields(schema, fetched.body));
  return horseProfileToRows(profile, fetched.source, {
    enrichedAt: options.enrichedAt,
  });
}
