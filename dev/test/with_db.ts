/**
 * Runs one command with a throwaway test cluster, for working on a single test file:
 *   deno run -A dev/test/with_db.ts deno test -A path/to/file_test.ts
 * The cluster stops when the command ends, also on Ctrl+C.
 */
import { startTestCluster } from "./test_cluster.ts";

if (Deno.args.length === 0) {
  console.error("usage: deno run -A dev/test/with_db.ts <command> [args…]");
  Deno.exit(2);
}
const cluster = await startTestCluster();
const stopAndExit = async (code: number) => {
  await cluster.stop();
  Deno.exit(code);
};
Deno.addSignalListener("SIGINT", () => stopAndExit(130));
Deno.addSignalListener("SIGTERM", () => stopAndExit(143));
const [cmd, ...args] = Deno.args as [string, ...string[]];
const child = new Deno.Command(cmd, { args, env: cluster.env, stdin: "inherit" }).spawn();
const status = await child.status;
await stopAndExit(status.code);
