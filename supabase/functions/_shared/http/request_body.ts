/**
 * Reads and validates a function's JSON body. Every refusal names the field, so a caller (or a
 * pg_cron job) sees at once what to fix.
 */
import type { z } from "zod";

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
 * @throws BadRequestError naming each bad field.
 */
export async function readRequestBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const text = await request.text();
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
