/** A function's answer, as the demo reads it: a run summary, or the refusal of the call. */
import type { FunctionAnswer } from "./invoke.ts";

/** A function's answer read as a run: the summary of a 200, or the refusal of anything else. */
export interface RunAnswer {
  /** True for a 200 carrying a run summary. */
  readonly ok: boolean;
  /** The run's status, or `HTTP <code>` when the call was refused. */
  readonly status: string;
  readonly windowsClaimed: number;
  readonly apiCalls: number;
  readonly rowsWritten: number;
  readonly error: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

function numberField(body: Record<string, unknown>, name: string): number {
  const value = body[name];
  return typeof value === "number" ? value : 0;
}

/** Reads a function's answer as a run (pure). */
export function runAnswerOf(answer: FunctionAnswer): RunAnswer {
  const body = answer.body !== null && typeof answer.body === "object"
    ? answer.body as Record<string, unknown>
    : {};
  if (answer.status === 200 && typeof body.run_id === "string" && typeof body.status === "string") {
    const details = body.details !== null && typeof body.details === "object"
      ? body.details as Record<string, unknown>
      : {};
    return {
      ok: true,
      status: body.status,
      windowsClaimed: numberField(body, "windows_claimed"),
      apiCalls: numberField(body, "api_calls"),
      rowsWritten: numberField(body, "rows_written"),
      error: typeof body.error === "string" ? body.error : null,
      details,
    };
  }
  const message = typeof body.message === "string"
    ? body.message
    : typeof body.error === "string"
    ? body.error
    : typeof answer.body === "string"
    ? answer.body.slice(0, 300)
    : JSON.stringify(answer.body);
  return {
    ok: false,
    status: `HTTP ${answer.status}`,
    windowsClaimed: 0,
    apiCalls: 0,
    rowsWritten: 0,
    error: message,
    details: {},
  };
}
