/**
 * Faults on demand: server errors, malformed or truncated JSON, hangs, connection resets and
 * added latency, chosen deterministically from the seed and a request counter.
 *
 * Spec grammar (comma-separated, any order): `5xx=P`, `500=P`, `502=P`, `503=P`, `malformed=P`,
 * `truncated=P`, `hang=P`, `reset=P`, `empty_page=P`, `html=P`, `blank=P` (P a share of
 * requests in [0, 1]; shares add up to at most 1), and `latency=MS` or `latency=MIN-MAX`
 * (milliseconds added to every answer).
 * @module
 */

import { hashInts, tagOf, unitOf } from "./seeded_random.ts";

/** Shares of requests that fail in each way, and added latency. */
export interface FaultSpec {
  /** Share answered 500, 502 or 503 (evenly). */
  error5xx?: number;
  error500?: number;
  error502?: number;
  error503?: number;
  /** Share answered 200 with a corrupted JSON body. */
  malformed?: number;
  /** Share answered 200 with the body cut short. */
  truncated?: number;
  /** Share never answered (until the client gives up or the server closes). */
  hang?: number;
  /** Share whose connection is dropped (before the headers or mid-body). */
  reset?: number;
  /** Share of list pages answered 200 with their items emptied but `total` kept. */
  emptyPage?: number;
  /** Share answered 200 with an HTML page (a proxy's or CDN's), not JSON. */
  html?: number;
  /** Share answered 200 with an empty body. */
  blank?: number;
  /** Milliseconds added to every answer: fixed, or a [min, max] range. */
  latencyMs?: number | [number, number];
}

/** What happens to one request. */
export type FaultKind =
  | "none"
  | "500"
  | "502"
  | "503"
  | "malformed"
  | "truncated"
  | "hang"
  | "reset"
  | "empty_page"
  | "html"
  | "blank";

/** The fault decided for one request. */
export interface FaultDecision {
  kind: FaultKind;
  latencyMs: number;
  /** Deterministic variant number for the fault's details. */
  variant: number;
}

/** A fault spec that cannot be read. */
export class FaultSpecError extends Error {
  /** Creates the error with the reason. */
  constructor(message: string) {
    super(message);
    this.name = "FaultSpecError";
  }
}

const SHARE_KEYS: Readonly<Record<string, keyof FaultSpec>> = {
  "5xx": "error5xx",
  "500": "error500",
  "502": "error502",
  "503": "error503",
  malformed: "malformed",
  truncated: "truncated",
  hang: "hang",
  reset: "reset",
  empty_page: "emptyPage",
  html: "html",
  blank: "blank",
};

/** Reads a fault spec string such as `5xx=0.2,malformed=0.05,latency=50`. */
export function parseFaultSpec(text: string): FaultSpec {
  const spec: FaultSpec = {};
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [name, value] = part.split("=").map((s) => s.trim()) as [string, string | undefined];
    if (value === undefined || value === "") {
      throw new FaultSpecError(`Cannot read fault spec: "${part}" needs a value (name=value)`);
    }
    if (name === "latency") {
      const m = /^(\d+)(?:-(\d+))?$/.exec(value);
      if (!m) {
        throw new FaultSpecError(
          `Cannot read fault spec: latency must be MS or MIN-MAX, got "${value}"`,
        );
      }
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : Number(m[2]);
      if (max < min) {
        throw new FaultSpecError(`Cannot read fault spec: latency range "${value}" is reversed`);
      }
      spec.latencyMs = min === max ? min : [min, max];
      continue;
    }
    const key = SHARE_KEYS[name];
    if (!key) throw new FaultSpecError(`Cannot read fault spec: unknown fault "${name}"`);
    const share = Number(value);
    if (!(share >= 0 && share <= 1)) {
      throw new FaultSpecError(
        `Cannot read fault spec: share for "${name}" must be in [0, 1], got "${value}"`,
      );
    }
    (spec as Record<string, number>)[key] = share;
  }
  validateFaultSpec(spec);
  return spec;
}

/** Checks that the shares of a spec add up to at most 1. */
export function validateFaultSpec(spec: FaultSpec): void {
  const total = (spec.error5xx ?? 0) + (spec.error500 ?? 0) + (spec.error502 ?? 0) +
    (spec.error503 ?? 0) +
    (spec.malformed ?? 0) + (spec.truncated ?? 0) + (spec.hang ?? 0) + (spec.reset ?? 0) +
    (spec.emptyPage ?? 0) + (spec.html ?? 0) + (spec.blank ?? 0);
  if (total > 1 + 1e-9) {
    throw new FaultSpecError(`Cannot use fault spec: shares add up to ${total}, more than 1`);
  }
}

/** Decides faults request by request, reproducibly for a seed. */
export class FaultPlan {
  readonly #seed: number;
  readonly #ladder: [FaultKind, number][];
  readonly #latency: [number, number];
  #counter = 0;

  /** Prepares the plan of a seed and spec. */
  constructor(seed: number, spec: FaultSpec) {
    validateFaultSpec(spec);
    this.#seed = hashInts(seed, tagOf("faults"));
    const split = (spec.error5xx ?? 0) / 3;
    this.#ladder = ([
      ["500", (spec.error500 ?? 0) + split],
      ["502", (spec.error502 ?? 0) + split],
      ["503", (spec.error503 ?? 0) + split],
      ["malformed", spec.malformed ?? 0],
      ["truncated", spec.truncated ?? 0],
      ["hang", spec.hang ?? 0],
      ["reset", spec.reset ?? 0],
      ["empty_page", spec.emptyPage ?? 0],
      ["html", spec.html ?? 0],
      ["blank", spec.blank ?? 0],
    ] as [FaultKind, number][]).filter(([, share]) => share > 0);
    const latency = spec.latencyMs ?? 0;
    this.#latency = typeof latency === "number" ? [latency, latency] : latency;
  }

  /** The fault for the next request. */
  next(): FaultDecision {
    const n = this.#counter++;
    let u = unitOf(hashInts(this.#seed, n, 1));
    let kind: FaultKind = "none";
    for (const [k, share] of this.#ladder) {
      if (u < share) {
        kind = k;
        break;
      }
      u -= share;
    }
    const [min, max] = this.#latency;
    const latencyMs = min + (max > min ? hashInts(this.#seed, n, 2) % (max - min + 1) : 0);
    return { kind, latencyMs, variant: hashInts(this.#seed, n, 3) };
  }
}

/** Breaks a JSON body in one of a few realistic ways (decided by the variant). */
export function corruptBody(body: string, variant: number): string {
  let broken: string;
  switch (variant % 4) {
    case 0:
      broken = body.replace(/"/, "'");
      break;
    case 1:
      broken = body.replace(/[[{]/, (open) => `${open},,`);
      break;
    case 2:
      broken = body.replace(/:"/, ':NaN"');
      break;
    default:
      broken = `<html><body><h1>502 Bad Gateway</h1></body></html>${body.slice(0, 40)}`;
  }
  return broken === body ? `${body}}` : broken;
}

/** Cuts a body short at a point decided by the variant (never the whole body). */
export function truncateBody(body: string, variant: number): string {
  const cut = 1 + (variant % Math.max(1, body.length - 1));
  return body.slice(0, Math.min(cut, body.length - 1));
}

/** A CDN's error page, as a proxy in front of an API sends it with a 200. */
export const HTML_PAGE =
  "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your " +
  "browser before accessing the site.</body></html>";

/**
 * A list page with its items taken out and its `total` kept (an answer that promises more than
 * it holds); other bodies are left as they are.
 */
export function emptyListPage(body: string): string {
  const page = JSON.parse(body) as Record<string, unknown>;
  if (page === null || typeof page !== "object" || typeof page.total !== "number") return body;
  for (const key of ["results", "racecards"]) {
    if (Array.isArray(page[key])) page[key] = [];
  }
  return JSON.stringify(page);
}
