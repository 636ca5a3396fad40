/**
 * Bounds on the dates a request may name. They depend on the handler's clock (the UK racing
 * date), so they are checked after the schema, and a day the API cannot serve is refused with a
 * 400 naming the field instead of becoming a run that ends done with no rows.
 */
import type { FieldProblem } from "./request_body.ts";

/** The first and last dates a field accepts, both included, as `YYYY-MM-DD`. */
export interface DateBounds {
  readonly first: string;
  readonly last: string;
  /** What `last` stands for, said in the message, e.g. "today"; none by default. */
  readonly lastMeans?: string;
}

/** The problem with `date` when it lies outside `bounds`, or null when it lies within. */
export function dateOutside(field: string, date: string, bounds: DateBounds): FieldProblem | null {
  // YYYY-MM-DD dates compare as text.
  if (date >= bounds.first && date <= bounds.last) return null;
  const last = bounds.lastMeans ? `${bounds.last} (${bounds.lastMeans})` : bounds.last;
  return { field, message: `must be from ${bounds.first} to ${last}: current value is ${date}` };
}
