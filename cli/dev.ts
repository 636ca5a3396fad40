/**
 * `deno task dev`: the whole platform on this machine until Ctrl+C. PostgreSQL 15 with pg_cron
 * and the migrations, the pg_net and Vault stand-ins with the two secrets, The Racing API
 * simulator, the functions at http://127.0.0.1:54321/functions/v1/<name> and the worker that
 * sends pg_net's requests; then the real schedules, so calls go pg_cron → invoke_function →
 * pg_net stand-in → function → simulator → database, as on Supabase. Stops everything together.
 */
import { addDays, ukDate } from "../supabase/functions/_shared/clock.ts";
import { DEFAULT_FUNCTION_PORT } from "../dev/stack/function_server.ts";
import { FUNCTION_FACTORIES } from "../dev/stack/function_registry.ts";
import { startNetWorker } from "../dev/stack/net_worker.ts";
import { installPlatformStandins, setFunctionSecrets } from "../dev/stack/standins.ts";
import {
  DEMO_SEED,
  functionEnvironment,
  interruptFunctionRuns,
  openSharedPool,
  ratesForScale,
  SIMULATOR_ACCOUNT,
  startLocalDatabase,
  startLocalFunctions,
  startLocalSimulator,
} from "./demo_stack.ts";
import { nextStopSignal, Teardown } from "./demo_teardown.ts";
import { parseFlags, runCommand, UsageError } from "./terminal.ts";

/** Key the local functions accept unless RA_FUNCTION_KEY is set (local use only). */
export const LOCAL_FUNCTION_KEY = "local-dev-function-key";

const HELP = `deno task dev [--port <n>] [--sim-port <n>] [--rate-scale <n>]

Starts the platform locally and waits; Ctrl+C stops all of it:
  - PostgreSQL 15 with pg_cron (throwaway, in .local/ or, as root, /tmp/darkhorses-sync-*),
    migrations pushed by supabase db push
  - stand-ins for pg_net and Vault, with the secrets ra_project_url and ra_function_key
  - The Racing API simulator (seed ${DEMO_SEED}, pro plan, user ${SIMULATOR_ACCOUNT.username}/${SIMULATOR_ACCOUNT.password})
  - the functions at http://127.0.0.1:${DEFAULT_FUNCTION_PORT}/functions/v1/<name>, like supabase functions serve
  - the worker that sends the queued pg_net requests
  - the schedules of ra_private.schedules in pg_cron (select * from ra_schedule_status)
and prints the URLs and the environment for deno task invoke, status and backfill.

  --port <n>         function server port (default ${DEFAULT_FUNCTION_PORT}; a free one if taken)
  --sim-port <n>     simulator port (default: a free one)
  --rate-scale <n>   simulator limits times n, functions' rates to match (default 1, the
                     vendor's limits; the functions never exceed 10 requests per second)
  --help             this text

Environment: RA_FUNCTION_KEY sets the key the functions accept (default ${LOCAL_FUNCTION_KEY}).`;

function parsePort(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`${flag} must be a port number from 0 to 65535, not "${text}"`);
  }
  return port;
}

async function main(): Promise<number> {
  const values = parseFlags({
    port: { type: "string" },
    "sim-port": { type: "string" },
    "rate-scale": { type: "string", default: "1" },
    help: { type: "boolean", default: false },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const port = parsePort("--port", values.port, DEFAULT_FUNCTION_PORT);
  const simPort = parsePort("--sim-port", values["sim-port"], 0);
  const rateScale = Number(values["rate-scale"]);
  if (!(Number.isFinite(rateScale) && rateScale > 0)) {
    throw new UsageError(`--rate-scale must be a positive number, not "${values["rate-scale"]}"`);
  }
  const functionKey = Deno.env.get("RA_FUNCTION_KEY")?.trim() || LOCAL_FUNCTION_KEY;

  const teardown = new Teardown();
  const removeSignalHandlers = teardown.stopOnSignals((signal) => {
    console.error(`\n${signal}: stopping the local stack…`);
    interruptFunctionRuns(signal);
  });
  try {
    console.log("Starting PostgreSQL 15 with pg_cron and pushing the migrations…");
    const database = await startLocalDatabase("postgres", teardown, (note) => console.log(note));
    const simulator = await startLocalSimulator({ rateScale, port: simPort }, teardown);
    const env = functionEnvironment({
      databaseUrl: database.url,
      apiBaseUrl: simulator.baseUrl,
      apiUsername: SIMULATOR_ACCOUNT.username,
      apiPassword: SIMULATOR_ACCOUNT.password,
      functionKey,
      rates: ratesForScale(rateScale),
    });
    const sql = openSharedPool(database, teardown);
    const functions = startLocalFunctions(env, teardown, { port, sql });

    await installPlatformStandins(sql);
    await setFunctionSecrets(sql, { projectUrl: functions.url, functionKey });
    const netWorker = startNetWorker(database.url);
    teardown.defer("net worker", () => netWorker.stop());
    const scheduled = await sql<{ job_name: string }[]>`
      select ra_private.schedule_jobs() as job_name`;

    const names = Object.keys(FUNCTION_FACTORIES).join(", ");
    console.log(`
The local stack is up; Ctrl+C stops all of it.
  Database    ${database.url}  (PostgreSQL 15, pg_cron, pg_net and Vault stand-ins)
  Functions   ${functions.url}/functions/v1/<name>  (${names})
  Simulator   ${simulator.baseUrl}  (The Racing API; seed ${DEMO_SEED}, pro plan, limits x${rateScale})
  Schedules   ${scheduled.length} pg_cron jobs: select * from ra_schedule_status;

Environment for deno task invoke, status and backfill (in another shell):
export DATABASE_URL=${database.url}
export SUPABASE_URL=${functions.url}
export SUPABASE_SERVICE_ROLE_KEY=${functionKey}

For example:
  deno task invoke fetch-racecards --body '{"mode":"daily","days_ahead":1}' --wait
  deno task backfill --from ${addDays(ukDate(new Date()), -30)} && deno task status --watch
Function logs follow.`);
    // From here a signal ends the wait and the finally below stops everything.
    const stopSignal = nextStopSignal();
    removeSignalHandlers();
    const signal = await stopSignal;
    console.error(`\n${signal}: stopping the local stack…`);
    interruptFunctionRuns(signal);
    return 0;
  } finally {
    removeSignalHandlers();
    await teardown.run();
  }
}

if (import.meta.main) await runCommand(main);
