/**
 * One function's backfill drained in a process of its own, as each deployed function runs in an
 * isolate of its own: `deno run -A cli/bench_drain.ts <function>` with the functions'
 * environment (DATABASE_URL and the rest). Used by `deno task bench`; prints the invocations.
 */
import { drainBackfill, handlerBackfillInvoke } from "../dev/stack/backfill_drain.ts";
import { FUNCTION_FACTORIES } from "../dev/stack/function_registry.ts";

const name = Deno.args[0] ?? "";
const factory = FUNCTION_FACTORIES[name];
if (!factory) {
  console.error(`usage: bench_drain.ts <${Object.keys(FUNCTION_FACTORIES).join("|")}>`);
  Deno.exit(2);
}
const env = Deno.env.toObject();
const platform = { waitUntil: () => false, onShutdown: () => {} };
const handler = factory(env, { platform, logSink: () => {} });
const summaries = await drainBackfill(
  name,
  handlerBackfillInvoke(handler, name, env.RA_FUNCTION_KEY ?? ""),
  { maxInvocations: 100_000 },
);
console.log(`${name}: ${summaries.length} invocations`);
Deno.exit(0);
