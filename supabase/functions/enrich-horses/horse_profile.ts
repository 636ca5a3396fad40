/**
 * One horse's profile: `/v1/horses/{id}/pro`, `/standard` when pro answers 404, and "not found"
 * when both do. Then the answer checked with zod and mapped to enrichment rows (the horse, its
 * sire, dam and damsire), or the row that records the horse as not found.
 */
import type { RowBatch } from "../_shared/db/row_batch.ts";
import type { RacingApiClient } from "../_shared/racing_api/client.ts";
import { getHorsePro, getHorseStandard } from "../_shared/racing_api/endpoints.ts";
import { NotFoundError } from "../_shared/racing_api/errors.ts";
import type { DriftReporter } from "../_shared/racing_api/drift.ts";
import {
  HORSE_PROFILE_KINDS,
  parsePayload,
  payloadEndpoint,
  PAYLOADS,
} from "../_shared/racing_api/payloads.ts";
import { QuarantinedPayloadError } from "../_shared/racing_api/quarantine.ts";
import { PayloadValidationError } from "../_shared/racing_api/parse_payload.ts";
import {
  horseNotFoundToRows,
  type HorseProfileSource,
  horseProfileToRows,
} from "../_shared/transform/horse.ts";

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

/**
 * The enrichment rows of a fetched profile: the horse with its profile and ancestors, or the
 * not-found mark. New fields go to `drift`.
 * @throws QuarantinedPayloadError when the body does not match its schema or is another horse's
 */
export function horseProfileRows(
  horseId: string,
  fetched: FetchedHorseProfile,
  options: { readonly enrichedAt: string; readonly drift: DriftReporter },
): RowBatch<"enrichment"> {
  if (!fetched.found) return horseNotFoundToRows(horseId, options.enrichedAt);
  const kind = HORSE_PROFILE_KINDS[fetched.source];
  const endpoint = payloadEndpoint(kind, horseId);
  const profile = parsePayload(kind, fetched.body, { drift: options.drift, endpoint });
  if (profile.id !== horseId) {
    const mismatch = new PayloadValidationError(PAYLOADS[kind].label, [
      { path: "id", reason: `expected "${horseId}", got "${profile.id}"` },
    ]);
    throw new QuarantinedPayloadError(mismatch, fetched.body, endpoint);
  }
  return horseProfileToRows(profile, fetched.source, {
    enrichedAt: options.enrichedAt,
  });
}
