/**
 * A payload the sync refused to read: it failed its schema, or it answered another request than
 * the one asked. The error keeps the body and the request path it came from, so the error
 * record in `ra_sync_errors` holds both as they were, never rebuilt from a message.
 */
import type { PayloadValidationError } from "./parse_payload.ts";

/** A payload that failed validation, kept with its error and its endpoint in ra_sync_errors. */
export class QuarantinedPayloadError extends Error {
  override name = "QuarantinedPayloadError";

  /** Keeps the validation error as `cause`, the body as received and the path it answered. */
  constructor(
    override readonly cause: PayloadValidationError | Error,
    readonly payload: unknown,
    readonly endpoint: string,
  ) {
    super(cause.message);
  }
}
