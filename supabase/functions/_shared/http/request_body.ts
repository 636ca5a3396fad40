/**
 * Reads and validates a function's JSON body. Every refusal names the field, so a caller (or a
 * pg_cron job) sees at once what to fix. A body over 64 KB is refused before it is read whole:
 * every valid body is a few hundred bytes.
 */
import type { z } from "zod";

/** The largest request body read, in bytes. */
export const REQUEST_BODY_MAX_BYTES = 64 * 1024;

/** One problem with one field of a request body. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** A request body that is not JSON or does not match the function's schema (HTTP 400). */
export class BadRequestError extends Error {
  override name = "BadRequestError";
  constructor(readonly problems: readonly FieldProblem[]) {
    super(
      `Invalid request body: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`,
    );
  }
}

/** A request body over REQUEST_BODY_MAX_BYTES (HTTP 413). */
export class PayloadTooLargeError extends Error {
  override name = "PayloadTooLargeError";
  constructor(readonly maxBytes: number, detail: string) {
    super(`Cannot read the request body: it is over ${maxBytes} bytes (${detail})`);
  }
}

/**
 * The body as text, read only while it stays within `maxBytes`: a Content-Length over the cap is
 * refused unread, and a body without one (or a longer one than it said) is cut off at the cap.
 * @throws PayloadTooLargeError when the body is over `maxBytes`
 */
export async function readBodyText(
  request: Request,
  maxBytes: number = REQUEST_BODY_MAX_BYTES,
): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) {
    throw new PayloadTooLargeError(maxBytes, `content-length is ${declared}`);
  }
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new PayloadTooLargeError(maxBytes, `stopped reading at ${size} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function fieldOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(body)" : path.map(String).join(".");
}

/** Turns zod issues into field problems; unknown keys are reported one field each. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        problems.push({ field: fieldOf([...issue.path, key]), message: "unknown field" });
      }
    } else {
      problems.push({ field: fieldOf(issue.path), message: issue.message });
    }
  }
  return problems;
}

/**
 * Parses the body of a POST as JSON (an empty body is `{}`) and validates it.
 * @throws PayloadTooLargeError when the body is over REQUEST_BODY_MAX_BYTES
 * @throws BadRequestError naming each bad field.
 */
export async function readRequestBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const text = await readBodyText(request);
  let body: unknown = {};
  if (text.trim() !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      throw new BadRequestError([{ field: "(body)", message: "is not valid JSON" }]);
    }
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new BadRequestError(fieldProblems(parsed.error));
  return parsed.data;
}
