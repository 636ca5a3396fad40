/**
 * The one entry point that validates an API payload against its schema, and the error it
 * throws, which names paths and never values.
 *
 * @module
 */
import type { z } from "zod";

/** One reason a payload was rejected, located by its JSON path. */
export interface PayloadIssue {
  path: string;
  reason: string;
}

/** How many issues a PayloadValidationError message spells out; the rest are counted. */
const ISSUES_IN_MESSAGE = 5;
const ZOD_REASON_PREFIX = /^Invalid input: /;

/** Thrown when an API payload does not match its schema; the message names paths, not values. */
export class PayloadValidationError extends Error {
  /** What was being parsed, e.g. "results page". */
  readonly kind: string;
  /** Every issue found, with path and reason. */
  readonly issues: readonly PayloadIssue[];

  /** Creates the error; the message lists the first issues as `path: reason`. */
  constructor(kind: string, issues: readonly PayloadIssue[]) {
    const shown = issues.slice(0, ISSUES_IN_MESSAGE).map((i) => `${i.path}: ${i.reason}`);
    const more = issues.length > ISSUES_IN_MESSAGE
      ? `; and ${issues.length - ISSUES_IN_MESSAGE} more`
      : "";
    super(`Cannot parse ${kind} payload: ${shown.join("; ")}${more}`);
    this.name = "PayloadValidationError";
    this.kind = kind;
    this.issues = issues;
  }
}

/** Formats a zod path as JSON-ish text: ["results", 3, "horse_id"] → "results[3].horse_id". */
export function formatPayloadPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text === "" ? "(root)" : text;
}

/**
 * Validates an API payload against its schema and returns the parsed value.
 * @throws {PayloadValidationError} naming `kind`, each failing path and zod's reason
 */
export function parseApiPayload<T>(schema: z.ZodType<T>, payload: unknown, kind: string): T {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: formatPayloadPath(issue.path),
    reason: issue.message.replace(ZOD_REASON_PREFIX, ""),
  }));
  throw new PayloadValidationError(kind, issues);
}
