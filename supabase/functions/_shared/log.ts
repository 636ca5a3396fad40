/**
 * Structured logs: one JSON line per event (`level`, `msg`, `ts`, then the context such as fn,
 * run_id and window), with any field whose name looks secret (password, authorization, apikey,
 * key, secret, token, database URL) replaced by "[redacted]", however deeply nested.
 */
import { type Clock, SYSTEM_CLOCK } from "./clock.ts";

/** Severity of a log line. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Fields every line of a logger carries. */
export interface LogContext {
  /** Function name, e.g. fetch-results. */
  readonly fn: string;
  readonly run_id?: string;
  /** Window being worked on, e.g. results 2024-05-01..2024-05-03. */
  readonly window?: string;
  readonly [field: string]: unknown;
}

/** A logger bound to a context. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines also carry `extra`. */
  child(extra: Record<string, unknown>): Logger;
}

/** Where lines go. */
export type LogSink = (level: LogLevel, line: string) => void;

/** What a secret field's value becomes. */
export const REDACTED = "[redacted]";

const SECRET_WORDS = new Set(["authorization", "apikey", "key", "keys", "cookie", "bearer"]);
const SECRET_PREFIXES = ["passw", "secret", "token"];

/**
 * True for field names that may hold a credential. Names are split into words (snake_case,
 * camelCase, kebab-case) so that `apiKey` is secret and `jockey` is not.
 */
export function isSecretField(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase().split(/[^a-z0-9]+/)
    .filter((word) => word !== "");
  return words.some((word) =>
    SECRET_WORDS.has(word) || SECRET_PREFIXES.some((prefix) => word.startsWith(prefix))
  ) || /(^|_)(db|database)_url$/.test(words.join("_"));
}

const MAX_DEPTH = 8;

/** A copy of `value` safe to log: secret fields redacted, errors spelled out with cause. */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== "object") {
    return typeof value === "bigint" ? value.toString() : value;
  }
  if (value instanceof Date) return value.toISOString();
  if (seen.has(value) || depth >= MAX_DEPTH) return "[…]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  if (value instanceof Error) {
    out.name = value.name;
    out.message = value.message;
    if (value.stack) out.stack = value.stack;
    if (value.cause !== undefined) out.cause = redact(value.cause, depth + 1, seen);
  }
  for (const [key, field] of Object.entries(value)) {
    out[key] = isSecretField(key) ? REDACTED : redact(field, depth + 1, seen);
  }
  return out;
}

const CONSOLE_SINK: LogSink = (level, line) => {
  // Supabase derives a log line's severity from the console method.
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else if (level === "debug") console.debug(line);
  else console.log(line);
};

/** Options of createLogger. */
export interface LoggerOptions {
  /** @default the console, by level */
  readonly sink?: LogSink;
  /** @default SYSTEM_CLOCK */
  readonly clock?: Clock;
}

/** A JSON-lines logger carrying `context` on every line. */
export function createLogger(context: LogContext, options: LoggerOptions = {}): Logger {
  const { sink = CONSOLE_SINK, clock = SYSTEM_CLOCK } = options;
  const write = (level: LogLevel, msg: string, fields: Record<string, unknown> = {}) => {
    const rest = redact({ ...context, ...fields }) as Record<string, unknown>;
    delete rest.level;
    delete rest.msg;
    delete rest.ts;
    sink(level, JSON.stringify({ level, msg, ts: clock.now().toISOString(), ...rest }));
  };
  return {
    debug: (msg, fields) => write("debug", msg, fields),
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
    child: (extra) => createLogger({ ...context, ...extra }, options),
  };
}
