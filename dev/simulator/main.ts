/**
 * `deno task sim`: runs The Racing API simulator until Ctrl+C.
 * @module
 */

import { CliOptionsError, HELP_TEXT, parseCliOptions } from "./cli_options.ts";
import { FaultSpecError } from "./faults.ts";
import { startSimulator } from "./server.ts";

async function main(args: string[]): Promise<number> {
  let cli;
  try {
    cli = parseCliOptions(args);
  } catch (error) {
    if (error instanceof CliOptionsError || error instanceof FaultSpecError) {
      console.error(`${error.message}\n\nRun with --help for usage.`);
      return 2;
    }
    throw error;
  }
  if (cli.help) {
    console.log(HELP_TEXT);
    return 0;
  }
  const options = { ...cli.simulator };
  if (cli.startAt) {
    const offset = cli.startAt.getTime() - Date.now();
    options.now = () => new Date(Date.now() + offset);
  }
  const simulator = await startSimulator(options);
  console.log(`RACING_API_BASE_URL=${simulator.baseUrl}`);
  console.log(`RACING_API_USERNAME=${options.username ?? "demo"}`);
  console.log(`RACING_API_PASSWORD=${options.password ?? "demo"}`);
  console.log(
    `# seed ${options.seed ?? 42}, plan ${options.plan ?? "pro"}${
      options.historicalAddon ? " + historical add-on" : ""
    }; Ctrl+C to stop`,
  );
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      Deno.removeSignalListener("SIGINT", stop);
      Deno.removeSignalListener("SIGTERM", stop);
      resolve();
    };
    Deno.addSignalListener("SIGINT", stop);
    Deno.addSignalListener("SIGTERM", stop);
  });
  await stopped;
  await simulator.close();
  return 0;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
