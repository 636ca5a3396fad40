/**
 * Query-string reading with FastAPI/Pydantic v2 validation errors: each problem becomes an item
 * of `{"detail": [{type, loc, msg, input, ctx?}]}` answered with 422.
 * @module
 */

import { isIsoDate } from "./uk_time.ts";

/** One item of a 422 `detail` array. */
export interface ValidationIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

/** Reads query parameters and collects validation issues. */
export class QueryReader {
  readonly issues: ValidationIssue[] = [];
  readonly #params: URLSearchParams;

  /** Wraps a request's query parameters. */
  constructor(params: URLSearchParams) {
    this.#params = params;
  }

  /** Last value of a scalar parameter (FastAPI takes the last repeat), or undefined. */
  scalar(name: string): string | undefined {
    const all = this.#params.getAll(name);
    return all.length ? all[all.length - 1] : undefined;
  }

  /** Every value of a repeated-key array parameter. */
  list(name: string): string[] {
    return this.#params.getAll(name);
  }

  /** An optional integer within bounds; records an issue and returns undefined when invalid. */
  integer(name: string, bounds: { min?: number; max?: number } = {}): number | undefined {
    const raw = this.scalar(name);
    if (raw === undefined) return undefined;
    if (!/^[+-]?\d+$/.test(raw.trim())) {
      this.issues.push({
        type: "int_parsing",
        loc: ["query", name],
        msg: "Input should be a valid integer, unable to parse string as an integer",
        input: raw,
      });
      return undefined;
    }
    const value = Number(raw.trim());
    if (bounds.min !== undefined && value < bounds.min) {
      this.issues.push({
        type: "greater_than_equal",
        loc: ["query", name],
        msg: `Input should be greater than or equal to ${bounds.min}`,
        input: raw,
        ctx: { ge: bounds.min },
      });
      return undefined;
    }
    if (bounds.max !== undefined && value > bounds.max) {
      this.issues.push({
        type: "less_than_equal",
        loc: ["query", name],
        msg: `Input should be less than or equal to ${bounds.max}`,
        input: raw,
        ctx: { le: bounds.max },
      });
      return undefined;
    }
    return value;
  }

  /** A required string; records a `missing` issue when absent. */
  required(name: string): string | undefined {
    const raw = this.scalar(name);
    if (raw === undefined) {
      this.issues.push({
        type: "missing",
        loc: ["query", name],
        msg: "Field required",
        input: null,
      });
    }
    return raw;
  }

  /** An optional `YYYY-MM-DD` date; records a value error when malformed. */
  date(name: string): string | undefined {
    const raw = this.scalar(name);
    if (raw === undefined) return undefined;
    if (!isIsoDate(raw)) {
      this.valueError(name, `Invalid date format for ${name}, expected YYYY-MM-DD`, raw);
      return undefined;
    }
    return raw;
  }

  /** Records a handler-level value error on a parameter. */
  valueError(name: string, message: string, input: unknown): void {
    this.issues.push({
      type: "value_error",
      loc: ["query", name],
      msg: `Value error, ${message}`,
      input,
      ctx: { error: {} },
    });
  }
}

/** The FastAPI 422 body for a list of issues. */
export function validationBody(issues: ValidationIssue[]): { detail: ValidationIssue[] } {
  return { detail: issues };
}
