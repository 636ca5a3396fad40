/**
 * The worker `benchTransforms()` starts for each payload kind: measures what it is sent and
 * answers with the figure.
 *
 * @module
 */
import { measureKind, type MeasureRequest } from "./bench_measure.ts";

/** The worker's own scope (the project type-checks against the window's globals). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<MeasureRequest>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => scope.postMessage(measureKind(event.data));
