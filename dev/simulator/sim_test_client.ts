/**
 * A small HTTP client the simulator's own tests use: Basic auth, raw bodies, a settable clock.
 * @module
 */

/** One answer, with the body kept as text so tests can compare bytes. */
export interface SimAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** Builds an `Authorization: Basic …` header value. */
export function basicAuth(username: string, password: string): string {
  return `Basic ${btoa(`${username}:${password}`)}`;
}

/** A clock tests can move: `now()` for the simulator, `set`/`advance` for the test. */
export class TestClock {
  #ms: number;

  /** Starts the clock at an ISO instant. */
  constructor(iso: string) {
    this.#ms = Date.parse(iso);
  }

  /** The clock function to hand to `startSimulator`. */
  readonly now = (): Date => new Date(this.#ms);

  /** Moves the clock to an ISO instant. */
  set(iso: string): void {
    this.#ms = Date.parse(iso);
  }

  /** Moves the clock forward. */
  advance(ms: number): void {
    this.#ms += ms;
  }
}

/** GETs a path from a simulator, with credentials unless `authorization` is null. */
export async function getFrom(
  baseUrl: string,
  path: string,
  authorization: string | null = basicAuth("demo", "demo"),
): Promise<SimAnswer> {
  const headers: Record<string, string> = {};
  if (authorization !== null) headers["authorization"] = authorization;
  const response = await fetch(`${baseUrl}${path}`, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
