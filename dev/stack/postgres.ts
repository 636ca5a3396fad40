/**
 * A throwaway PostgreSQL cluster for tests and `deno task dev`: by default PostgreSQL 15 with
 * pg_cron from Debian's binaries; `server` picks other binaries (PostgreSQL 17, see postgres17.ts).
 *
 * The server runs under a tiny shell guard that waits on its stdin: when this process ends for
 * any reason (exit, Ctrl+C, a crash, even SIGKILL) the pipe closes and the guard shuts the
 * server down, so no postmaster outlives the command that started it.
 */
import postgres from "postgres";
import { ensurePostgresPackages, PG_BIN } from "./packages.ts";

export interface LocalPostgres {
  /** TCP port the server listens on (127.0.0.1). */
  readonly port: number;
  /** Data directory (in a folder of its own under the base directory), removed by `stop()`. */
  readonly dataDir: string;
  /** Connection URL for a database of this cluster (superuser `postgres`, no password). */
  url(database?: string): string;
  /**
   * Restarts the server as an operator would (`pg_ctl restart -m fast`): every connection is
   * dropped, and the server accepts new ones on the same port when this resolves.
   */
  restart(): Promise<void>;
  /** Stops the server and removes the data directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** Which PostgreSQL binaries a cluster runs. */
export interface PostgresServer {
  /** Directory holding `initdb` and `postgres`. */
  readonly binDir: string;
  /** Whether the server can preload pg_cron (Debian's PostgreSQL 15 packages have it). */
  readonly cron: boolean;
}

/** Debian's PostgreSQL 15 with pg_cron, what Supabase runs the project on locally here. */
export const DEBIAN_POSTGRES_15: PostgresServer = { binDir: PG_BIN, cron: true };

export interface StartPostgresOptions {
  /** Parent directory for the data directory; default `clusterBaseDir()`. */
  baseDir?: string;
  /** Print server log lines to stderr. */
  verbose?: boolean;
  /** @default DEBIAN_POSTGRES_15 */
  server?: PostgresServer;
}

const projectRoot = new URL("../../", import.meta.url).pathname;

/** Returns a TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

function isRoot(): boolean {
  return Deno.uid() === 0;
}

/**
 * Where data directories go by default: `<project>/.local`, or for root a folder under /tmp
 * named after the project. Root runs the server as the `postgres` user, who may not be able to
 * enter the project (a clone in /root or in a 0700 `mktemp -d` folder).
 */
export async function clusterBaseDir(): Promise<string> {
  if (!isRoot()) return `${projectRoot}.local`;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(projectRoot));
  const tag = Array.from(new Uint8Array(digest).slice(0, 6))
    .map((byte) => byte.toString(16).padStart(2, "0")).join("");
  // Not $TMPDIR: it may be as closed as the project is.
  return `/tmp/darkhorses-sync-${tag}`;
}

/** Creates the base directory; as root, makes sure it is ours and that `postgres` can enter. */
async function prepareBaseDir(baseDir: string): Promise<void> {
  await Deno.mkdir(baseDir, { recursive: true });
  if (!isRoot()) return;
  // Anyone may create a name under /tmp first: use only a real directory that root owns.
  const info = await Deno.lstat(baseDir);
  if (!info.isDirectory || info.uid !== 0) {
    throw new Error(
      `Cannot use '${baseDir}' for PostgreSQL data: it is not a directory owned by root`,
    );
  }
  await Deno.chmod(baseDir, 0o755);
}

/** Creates a cluster's folder in `baseDir`, again if another cluster's stop removed the base. */
async function makeClusterDir(baseDir: string): Promise<string> {
  for (let attempt = 1;; attempt++) {
    await prepareBaseDir(baseDir);
    try {
      return await Deno.makeTempDir({ dir: baseDir, prefix: "pg-" });
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound) || attempt >= 3) throw error;
    }
  }
}

/** Runs a command, throwing with its output when it fails. */
async function runChecked(cmd: string, args: string[]): Promise<void> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  if (!out.success) {
    const text = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
    throw new Error(`Cannot run ${cmd} ${args.join(" ")}: exit ${out.code}: ${text.trim()}`);
  }
}

/**
 * `binDir`, or when the `postgres` user cannot run the server from there (binaries from npm in
 * a closed project folder) a copy of its installation in `clusterDir`. Such binaries find lib/
 * and share/ beside bin/, so the copy works as the original does.
 */
async function binDirOwnerCanRun(binDir: string, clusterDir: string): Promise<string> {
  const probe = await new Deno.Command("runuser", {
    args: ["-u", "postgres", "--", "test", "-x", `${binDir}/postgres`],
  }).output();
  if (probe.success) return binDir;
  const copy = `${clusterDir}/server`;
  await runChecked("cp", ["-R", binDir.replace(/\/bin\/?$/, ""), copy]);
  await runChecked("chmod", ["-R", "go+rX", copy]);
  return `${copy}/bin`;
}

/** Runs a Postgres binary, as the `postgres` OS user when we are root (initdb refuses root). */
async function runAsOwner(binDir: string, binary: string, args: string[]): Promise<void> {
  const [cmd, cmdArgs] = isRoot()
    ? ["runuser", ["-u", "postgres", "--", `${binDir}/${binary}`, ...args]]
    : [`${binDir}/${binary}`, args];
  const out = await new Deno.Command(cmd, { args: cmdArgs, stdout: "piped", stderr: "piped" })
    .output();
  if (!out.success) {
    const text = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
    throw new Error(`${binary} failed (exit ${out.code}): ${text.trim()}`);
  }
}

const CRON_SETTINGS: Record<string, string> = {
  shared_preload_libraries: "'pg_cron'",
  "cron.database_name": "'postgres'",
  "cron.use_background_workers": "on",
};

const SERVER_SETTINGS: Record<string, string> = {
  listen_addresses: "'127.0.0.1'",
  max_worker_processes: "32",
  max_connections: "300",
  fsync: "off",
  synchronous_commit: "off",
  full_page_writes: "off",
  timezone: "'UTC'",
  log_min_messages: "warning",
};

/** Starts a fresh cluster in a new data directory and waits until it accepts connections. */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<LocalPostgres> {
  const server = options.server ?? DEBIAN_POSTGRES_15;
  // Debian's packages also give pg_isready, which start-up uses whatever the server.
  await ensurePostgresPackages();
  const baseDir = options.baseDir ?? await clusterBaseDir();
  // One folder per cluster, removed whole: the data directory and, if needed, the server.
  const clusterDir = await makeClusterDir(baseDir);
  const dataDir = `${clusterDir}/data`;
  const removeCluster = async () => {
    await Deno.remove(clusterDir, { recursive: true }).catch(() => {});
    // Root's default base folder is in /tmp: leave none behind once the last cluster is gone.
    if (isRoot() && !options.baseDir) await Deno.remove(baseDir).catch(() => {});
  };
  let binDir = server.binDir;
  try {
    await Deno.mkdir(dataDir, { mode: 0o700 });
    if (isRoot()) {
      await Deno.chmod(clusterDir, 0o755);
      binDir = await binDirOwnerCanRun(server.binDir, clusterDir);
      await runChecked("chown", ["postgres:postgres", dataDir]);
    }
    await runAsOwner(binDir, "initdb", [
      "-D",
      dataDir,
      "-U",
      "postgres",
      "--auth=trust",
      "--encoding=UTF8",
      "--locale=C.UTF-8",
    ]);
  } catch (error) {
    await removeCluster();
    throw error;
  }
  const port = freePort();
  const settings = {
    ...(server.cron ? CRON_SETTINGS : {}),
    ...SERVER_SETTINGS,
    port: String(port),
    unix_socket_directories: `'${dataDir}'`,
  };
  const conf = Object.entries(settings).map(([k, v]) => `${k} = ${v}`).join("\n");
  await Deno.writeTextFile(`${dataDir}/postgresql.auto.conf`, conf + "\n", { append: true });

  const serverCmd = `'${binDir}/postgres' -D '${dataDir}'`;
  // The guard: start the server, wait for stdin to close, then fast-shutdown and wait.
  const guard =
    `${serverCmd} & pid=$!; trap 'kill -INT $pid 2>/dev/null' TERM INT; cat >/dev/null; kill -INT $pid 2>/dev/null; wait $pid`;
  const [cmd, args] = isRoot()
    ? ["runuser", ["-u", "postgres", "--", "sh", "-c", guard]]
    : ["sh", ["-c", guard]];
  const child = new Deno.Command(cmd, {
    args,
    stdin: "piped",
    stdout: options.verbose ? "inherit" : "null",
    stderr: options.verbose ? "inherit" : "null",
  }).spawn();
  const stdin = child.stdin.getWriter();

  let stopped = false;
  // After a restart the server runs detached from the guard, so pg_ctl stops it.
  let restarted = false;
  const pgCtl = (args: string[]) =>
    runAsOwner(binDir, "pg_ctl", ["-D", dataDir, "-w", "-t", "30", ...args]);
  const restart = async () => {
    restarted = true;
    await pgCtl(["-m", "fast", "-l", `${dataDir}/restart.log`, "restart"]);
    await waitUntilReady(port);
  };
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (restarted) await pgCtl(["-m", "fast", "stop"]).catch(() => {});
    await stdin.close().catch(() => {});
    await child.status;
    await removeCluster();
  };
  const url = (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  try {
    await waitUntilReady(port, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, dataDir, url, restart, stop };
}

async function waitUntilReady(port: number, child?: Deno.ChildProcess): Promise<void> {
  let exited = false;
  child?.status.then(() => exited = true);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error("PostgreSQL exited during start-up (run with verbose to see why)");
    const out = await new Deno.Command(`${PG_BIN}/pg_isready`, {
      args: ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", "postgres"],
      stdout: "null",
      stderr: "null",
    }).output();
    if (out.success) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`PostgreSQL did not accept connections on port ${port} within 30 s`);
}

/** Creates an empty database in the cluster (optionally from a template) and returns its URL. */
export async function createDatabase(
  cluster: LocalPostgres,
  name: string,
  template?: string,
): Promise<string> {
  const admin = postgres(cluster.url(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}${template ? ` template ${template}` : ""}`);
  } finally {
    await admin.end();
  }
  return cluster.url(name);
}
