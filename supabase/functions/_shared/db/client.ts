/**
 * The postgres.js client every function uses: settings that work behind Supabase's
 * transaction-mode pooler and inside an Edge Function's short life.
 */
import postgres from "postgres";

/** Options of `createDbClient`. */
export interface DbClientOptions {
  /**
   * Most connections the pool opens; an Edge Function needs few.
   * @default 4
   */
  max?: number;
  /**
   * Seconds to wait for a connection before failing.
   * @default 10
   */
  connectTimeoutSeconds?: number;
}

/** Opens a lazy postgres.js pool on `url` (nothing connects until the first query). */
export function createDbClient(url: string, options: DbClientOptions = {}): postgres.Sql {
  const { max = 4, connectTimeoutSeconds = 10 } = options;
  return postgres(url, {
    // Transaction-mode poolers cannot keep prepared statements across transactions.
    prepare: false,
    max,
    connect_timeout: connectTimeoutSeconds,
    onnotice: () => {},
    transform: { undefined: null },
  });
}
