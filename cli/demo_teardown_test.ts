import assert from "node:assert/strict";
import { Teardown } from "./demo_teardown.ts";

Deno.test("Teardown.run() stops newest first, once, and goes on past a failure", async () => {
  const stopped: string[] = [];
  const teardown = new Teardown();
  teardown.defer("database", () => void stopped.push("database"));
  teardown.defer("simulator", () => {
    stopped.push("simulator");
    throw new Error("port already closed");
  });
  teardown.defer("functions", async () => {
    await Promise.resolve();
    stopped.push("functions");
  });
  assert.equal(teardown.started, false);

  const [first, second] = await Promise.all([teardown.run(), teardown.run()]);
  assert.deepEqual(stopped, ["functions", "simulator", "database"]);
  assert.equal(first, second);
  assert.deepEqual(first.map((failure) => failure.name), ["simulator"]);
  assert.equal((first[0]?.error as Error).message, "port already closed");
  assert.equal(teardown.started, true);
  assert.throws(() => teardown.defer("late", () => {}), /Cannot defer "late"/);
});

Deno.test("Teardown.stopOnSignals() returns a remover that may be called twice", () => {
  const teardown = new Teardown();
  const remove = teardown.stopOnSignals();
  remove();
  remove();
});
