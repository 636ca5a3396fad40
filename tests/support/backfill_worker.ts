/**
 * A separate backfill worker process for crash tests: runs one function's backfill mode until
 * nothing is left, through the real handler. Usage (env as the functions'):
 *   deno run -A tests/support/backfill_worker.ts <function-name>
 */
import { FUNCTION_FACTORIES } from "../../dev/stack/function_registry.ts";

const name = Deno.args[0] ?? "fetch-results";
const env = Deno.env.toObject();
const handler = FUNCTION_FACTORIES[name]!(env, {
  platform: { waitUntil: () => false, onShutdown: () => {} },
  logSink: () => {},
});
while (true) {
  const response = await handler(
    new Request(`http://127.0.0.1/functions/v1/${name}`, {
      method: "POST",
      headers: { apikey: env.RA_FUNCTION_KEY ?? "" },
      body: JSON.stringify({ mode: "backfill", wait: true }),
    }),
  );
  const summary = await response.json();
  console.log(JSON.stringify(summary));
  if (summary.details?.windows_remaining === 0) break;
}
Deno.exit(0);
