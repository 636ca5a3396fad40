import assert from "node:assert/strict";
import { isDriverSocketBug } from "./driver_guard.ts";

function errorWithStack(error: Error, stack: string): Error {
  error.stack = stack;
  return error;
}

Deno.test("isDriverSocketBug() knows the driver's write-after-close error and nothing else", () => {
  const driverStack = "TypeError: Cannot read properties of null (reading 'write')\n" +
    "    at Immediate.nextWrite (file:///root/.cache/deno/npm/registry.npmjs.org/postgres/3.4.9/src/connection.js:255:22)";
  const bug = errorWithStack(
    new TypeError("Cannot read properties of null (reading 'write')"),
    driverStack,
  );
  assert.equal(isDriverSocketBug(bug), true);
  const ours = errorWithStack(
    new TypeError("Cannot read properties of null (reading 'write')"),
    "TypeError: …\n    at writeBatch (file:///work/supabase/functions/_shared/db/writer.ts:10:3)",
  );
  assert.equal(
    isDriverSocketBug(ours),
    false,
    "the same message from our code still ends the process",
  );
  const other = errorWithStack(new TypeError("x is not a function"), driverStack);
  assert.equal(isDriverSocketBug(other), false);
  assert.equal(
    isDriverSocketBug(new Error("Cannot read properties of null (reading 'write')")),
    false,
  );
  assert.equal(isDriverSocketBug("reading 'write'"), false);
});
