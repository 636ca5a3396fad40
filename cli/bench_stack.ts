/**
 * The bench's own stack: the simulator in a process of its own, plain requests to it, and fresh
 * migrated databases in the bench's PostgreSQL.
 */
import { createDatabase, type LocalPostgres } from "../dev/stack/postgres.ts";
import { pushMigrations } from "../dev/stack/tools.ts";

/** The simulator's credentials, which the functions under bench are given too. */
export const CREDENTIALS = { username: "bench", password: "bench" };

/** A running simulator process. */
export interface SimulatorProcess {
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/** The simulator in its own process, so its CPU does not compete with the handlers'. */
export async function startSimulatorProcess(
  rateScale: number,
  latencyMs: number,
): Promise<SimulatorProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL("../dev/simulator/main.ts", import.meta.url).pathname,
      "--seed",
      "42",
      "--username",
      CREDENTIALS.username,
      "--password",
      CREDENTIALS.password,
      "--rate-scale",
      String(rateScale),
      ...(latencyMs > 0 ? ["--faults", `latency=${latencyMs}`] : []),
    ],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the simulator exited before printing its address");
    text += value;
  }
  const baseUrl = text.match(/RACING_API_BASE_URL=(\S+)/)?.[1];
  if (!baseUrl) throw new Error(`unexpected simulator output: ${text}`);
  // Keep draining its stdout so it never blocks on a full pipe.
  (async () => {
    while (!(await reader.read()).done) { /* drain */ }
  })();
  return {
    baseUrl,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}

/** A new database in the bench's PostgreSQL, with every migration applied. */
export async function freshDatabase(pg: LocalPostgres, name: string): Promise<string> {
  const url = await createDatabase(pg, name);
  await pushMigrations(url);
  return url;
}

/** A GET of one of the simulator's admin routes (request log, ground truth). */
export async function adminGet(sim: SimulatorProcess, path: string): Promise<unknown> {
  const response = await fetch(`${sim.baseUrl}${path}`);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return await response.json();
}

/** A plain GET for the writer figures (untimed), waiting out the simulator's rate limit. */
export async function apiGet(sim: SimulatorProcess, path: string): Promise<unknown> {
  const auth = btoa(`${CREDENTIALS.username}:${CREDENTIALS.password}`);
  for (let attempt = 0; attempt < 10; attempt++) {
    const response = await fetch(`${sim.baseUrl}${path}`, {
      headers: { authorization: `Basic ${auth}` },
    });
    if (response.status === 429) {
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return await response.json();
  }
  throw new Error(`${path}: still 429 after 10 tries`);
}
