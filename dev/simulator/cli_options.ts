/**
 * Command-line flags of `deno task sim`, parsed into `SimulatorOptions`, and the help text.
 * @module
 */

import { isPlan, PLANS } from "./access.ts";
import { parseFaultSpec } from "./faults.ts";
import type { SimulatorOptions } from "./server.ts";

/** Help text printed by `--help`. */
export const HELP_TEXT = `The Racing API simulator (development only, never deployed)

Usage: deno task sim [flags]

Serves a deterministic simulated world through The Racing API's endpoints, formats and errors.
Prints RACING_API_BASE_URL=... first, then the credentials. Ctrl+C stops it.

Flags:
  --port <n>            Port on 127.0.0.1 (default: a free port)
  --seed <s>            World seed, an integer (default: 42); same seed, same bodies
  --plan <p>            Account plan: ${PLANS.join(", ")} (default: pro)
  --username <u>        Basic auth username (default: demo)
  --password <p>        Basic auth password (default: demo)
  --historical-addon    Pro add-on: results older than 365 days (back to 1988-01-01)
  --rate-scale <x>      Multiply every rate limit by x; 0 or Infinity disables limiting (default: 1)
  --lockout             Cloudflare-style lockout: over 100 requests in 10 s refuses all for 5 minutes
                        (over 500: 30 minutes); windows shrink with --rate-scale
  --faults <spec>       Faults on demand, e.g. "5xx=0.2,malformed=0.05,truncated=0.05,latency=50"
  --now <iso>           Start the simulator clock at this instant (it then runs in real time)
  --help                Show this help

Fault spec (comma-separated, shares of requests in [0, 1], adding up to at most 1):
  5xx=P        answer 500, 502 or 503 (evenly)     500=P / 502=P / 503=P   one status only
  malformed=P  200 with corrupted JSON             truncated=P             200 with the body cut short
  hang=P       never answer                        reset=P                 drop the connection
  latency=MS or latency=MIN-MAX                    milliseconds added to every answer
Faults are chosen from the seed and a request counter, so a run replays exactly.

Admin routes (no auth, never faulted, not logged; not part of the real API):
  GET    /_admin/ground-truth?start_date=YYYY-MM-DD&end_date=YYYY-MM-DD
  GET    /_admin/requests        the request log
  DELETE /_admin/requests        clear the request log
`;

/** A flag that cannot be read. */
export class CliOptionsError extends Error {
  /** Creates the error with the reason. */
  constructor(message: string) {
    super(message);
    this.name = "CliOptionsError";
  }
}

/** Parsed command line. */
export interface CliOptions {
  help: boolean;
  simulator: SimulatorOptions;
  /** Instant the clock starts at, when `--now` is given. */
  startAt?: Date;
}

const VALUE_FLAGS = new Set([
  "port",
  "seed",
  "plan",
  "username",
  "password",
  "rate-scale",
  "faults",
  "now",
]);
const SWITCHES = new Set(["historical-addon", "lockout", "help"]);

/** Parses `deno task sim` arguments. */
export function parseCliOptions(args: readonly string[]): CliOptions {
  const simulator: SimulatorOptions = {};
  const result: CliOptions = { help: false, simulator };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("--")) {
      throw new CliOptionsError(`Cannot read argument "${arg}": flags start with --`);
    }
    let [name, value] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (SWITCHES.has(name)) {
      if (value !== undefined) {
        throw new CliOptionsError(`Cannot read --${name}: it takes no value`);
      }
      if (name === "help") result.help = true;
      if (name === "historical-addon") simulator.historicalAddon = true;
      if (name === "lockout") simulator.lockout = true;
      continue;
    }
    if (!VALUE_FLAGS.has(name)) {
      throw new CliOptionsError(`Cannot read --${name}: unknown flag (see --help)`);
    }
    if (value === undefined) {
      value = args[++i];
      if (value === undefined) throw new CliOptionsError(`Cannot read --${name}: it needs a value`);
    }
    switch (name) {
      case "port": {
        const port = Number(value);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new CliOptionsError(`Cannot read --port: expected 0-65535, got "${value}"`);
        }
        simulator.port = port;
        break;
      }
      case "seed": {
        const seed = Number(value);
        if (!Number.isSafeInteger(seed)) {
          throw new CliOptionsError(`Cannot read --seed: expected an integer, got "${value}"`);
        }
        simulator.seed = seed;
        break;
      }
      case "plan":
        if (!isPlan(value)) {
          throw new CliOptionsError(
            `Cannot read --plan: expected one of ${PLANS.join(", ")}, got "${value}"`,
          );
        }
        simulator.plan = value;
        break;
      case "username":
        simulator.username = value;
        break;
      case "password":
        simulator.password = value;
        break;
      case "rate-scale": {
        const scale = value === "Infinity" ? Infinity : Number(value);
        if (!(scale >= 0)) {
          throw new CliOptionsError(
            `Cannot read --rate-scale: expected a number >= 0, got "${value}"`,
          );
        }
        simulator.rateScale = scale;
        break;
      }
      case "faults":
        simulator.faults = parseFaultSpec(value);
        break;
      case "now": {
        const at = new Date(value);
        if (Number.isNaN(at.getTime())) {
          throw new CliOptionsError(`Cannot read --now: expected an ISO instant, got "${value}"`);
        }
        result.startAt = at;
        break;
      }
    }
  }
  return result;
}
