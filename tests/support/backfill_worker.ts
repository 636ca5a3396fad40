/**
 * A separate backfill worker process for crash tests: runs one function's backfill mode until
 * nothing is left, through the real handler. Usage (env as the functions'):
 *   deno run -A tests/support/backfill_worker.ts <function-name>
 */
import { drainBackfill, handlerBackfillInvoke } from "../../dev/stack/backfill_drain.ts";
import { FUNCTION_FACTORIES } from "../../dev/stack/function_registry.ts";

const name = Deno.args[0] ?? "fetch-results";
const env = Deno.env.toObject();
const handler = FUNCTION_FACTORIES[name]!(env, {
  platform: { waitUntil: () => false, onShutdown: () => {} },
  logSink: () => {},
});
await drainBackfill(name, handlerBackfillInvoke(handler, name, env.RA_FUNCTION_KEY ?? ""), {
  onSummary: (summary) => console.log(JSON.stringify(summary)),
});
Deno.exit(0);
