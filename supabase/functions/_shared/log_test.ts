import { deepEqual, equal } from "node:assert/strict";
import type { Clock } from "./clock.ts";
import { createLogger, isSecretField, type LogLevel, redact, REDACTED } from "./log.ts";

const FIXED_CLOCK: Clock = {
  now: () => new Date("2026-11-22T08:00:00Z"),
  sleep: () => Promise.resolve(),
};

function capture() {
  const lines: { level: LogLevel; entry: Record<string, unknown> }[] = [];
  const sink = (level: LogLevel, line: string) => lines.push({ level, entry: JSON.parse(line) });
  return { lines, sink };
}

Deno.test("createLogger() writes one JSON line with level, msg, ts and the context", () => {
  const { lines, sink } = capture();
  const log = createLogger({ fn: "fetch-results", run_id: "run-1" }, { sink, clock: FIXED_CLOCK });
  log.info("window done", { rows: 35 });
  deepEqual(lines, [{
    level: "info",
    entry: {
      level: "info",
      msg: "window done",
      ts: "2026-11-22T08:00:00.000Z",
      fn: "fetch-results",
      run_id: "run-1",
      rows: 35,
    },
  }]);
});

Deno.test("child() adds fields to every line and keeps the parent's", () => {
  const { lines, sink } = capture();
  const log = createLogger({ fn: "fetch-results" }, { sink, clock: FIXED_CLOCK });
  log.child({ window: "results 2024-05-01..2024-05-01" }).warn("retrying");
  log.error("stopped");
  equal(lines[0]?.entry.window, "results 2024-05-01..2024-05-01");
  equal(lines[0]?.level, "warn");
  equal("window" in (lines[1]?.entry ?? {}), false);
});

Deno.test("createLogger() redacts secret fields at any depth", () => {
  const { lines, sink } = capture();
  const log = createLogger({ fn: "sync-masters" }, { sink, clock: FIXED_CLOCK });
  log.info("config", {
    config: {
      racingApi: { username: "u", password: "hunter2" },
      databaseUrl: "postgres://postgres:pw@db/postgres",
      functionKeys: ["sb_secret_1"],
    },
    headers: { Authorization: "Basic dTpodW50ZXIy", apikey: "sb_secret_2" },
  });
  const text = JSON.stringify(lines);
  for (const secret of ["hunter2", "postgres:pw", "sb_secret_1", "sb_secret_2", "dTpodW50ZXIy"]) {
    equal(text.includes(secret), false, `the line shows ${secret}`);
  }
  deepEqual(lines[0]?.entry.config, {
    racingApi: { username: "u", password: REDACTED },
    databaseUrl: REDACTED,
    functionKeys: REDACTED,
  });
});

Deno.test("createLogger() keeps level, msg and ts from being overwritten by fields", () => {
  const { lines, sink } = capture();
  createLogger({ fn: "x" }, { sink, clock: FIXED_CLOCK }).info("real", { msg: "fake", level: "x" });
  equal(lines[0]?.entry.msg, "real");
  equal(lines[0]?.entry.level, "info");
});

Deno.test("redact() spells out errors with their cause", () => {
  const cause = new TypeError("connection reset");
  const error = Object.assign(new Error("Cannot fetch /v1/results", { cause }), { status: 503 });
  const out = redact(error) as Record<string, unknown>;
  equal(out.name, "Error");
  equal(out.message, "Cannot fetch /v1/results");
  equal(out.status, 503);
  equal((out.cause as Record<string, unknown>).message, "connection reset");
  equal(typeof out.stack, "string");
});

Deno.test("redact() survives cycles and bigints", () => {
  const node: Record<string, unknown> = { id: 1n };
  node.self = node;
  deepEqual(redact(node), { id: "1", self: "[…]" });
});

Deno.test("isSecretField() matches credential names and leaves racing fields alone", () => {
  for (
    const name of ["password", "RACING_API_PASSWORD", "Authorization", "apikey", "apiKey", "key"]
  ) {
    equal(isSecretField(name), true, name);
  }
  for (const name of ["secret", "access_token", "SUPABASE_DB_URL", "databaseUrl", "functionKeys"]) {
    equal(isSecretField(name), true, name);
  }
  for (const name of ["race_id", "window", "run_id", "endpoint", "jockey", "jockey_id", "monkey"]) {
    equal(isSecretField(name), false, name);
  }
});
