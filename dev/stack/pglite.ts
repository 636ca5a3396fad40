/**
 * PGlite (PostgreSQL compiled to WebAssembly, in this process) behind its socket server, for
 * machines without Debian's PostgreSQL: clients, the functions and `supabase db push` reach it
 * over TCP like any Postgres. One backend serves every connection (the socket server queues
 * their messages and keeps a transaction on the connection that opened it), and there is no
 * pg_cron, pg_net or Vault, so callers drive the functions directly.
 */
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** A running PGlite socket server. */
export interface EmbeddedPostgres {
  /** TCP port on 127.0.0.1. */
  readonly port: number;
  /** Connection URL of its one database, `postgres` (any password is accepted). */
  url(): string;
  /** Stops the server and closes the database. Safe to call twice. */
  stop(): Promise<void>;
}

/** Options of {@linkcode startPglite}. */
export interface StartPgliteOptions {
  /** Directory to keep the database in; in memory when unset. */
  dataDir?: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. @default 0 */
  port?: number;
  /** Client connections served at once (more wait in the server's queue). @default 32 */
  maxConnections?: number;
}

const DEFAULT_MAX_CONNECTIONS = 32;

/** Starts PGlite and its socket server on 127.0.0.1. */
export async function startPglite(options: StartPgliteOptions = {}): Promise<EmbeddedPostgres> {
  const { dataDir, port = 0, maxConnections = DEFAULT_MAX_CONNECTIONS } = options;
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  // getServerConn() is "host:port" once listening.
  const boundPort = Number(server.getServerConn().split(":").at(-1));
  let stopped: Promise<void> | undefined;
  return {
    port: boundPort,
    url: () => `postgresql://postgres:postgres@127.0.0.1:${boundPort}/postgres`,
    stop() {
      stopped ??= (async () => {
        await server.stop();
        await db.close();
      })();
      return stopped;
    },
  };
}
