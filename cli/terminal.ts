/**
 * Small pieces the user commands share: a fatal error that prints one line and exits 2, the
 * database URL from a flag or the environment, and a text progress bar.
 */
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { createDbClient } from "../supabase/functions/_shared/db/client.ts";
import type postgres from "postgres";

/** A mistake in how a command was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Reads a command's flags (`parseArgs`, strict); an unknown or malformed flag is a UsageError.
 */
export function parseFlags<const O extends ParseArgsOptionsConfig>(
  options: O,
  args: readonly string[] = Deno.args,
) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Runs a command's main, turning errors into one readable line on stderr. */
export async function runCommand(main: () => Promise<number | void>): Promise<never> {
  try {
    Deno.exit((await main()) ?? 0);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`error: ${message}`);
    Deno.exit(error instanceof UsageError ? 2 : 1);
  }
}

/** Opens the database named by DATABASE_URL (or SUPABASE_DB_URL). */
export function databaseFromEnv(): postgres.Sql {
  const url = Deno.env.get("DATABASE_URL") ?? Deno.env.get("SUPABASE_DB_URL");
  if (!url) {
    throw new UsageError(
      "DATABASE_URL is not set: point it at your Supabase (or local) Postgres, e.g. postgresql://postgres:…@db.<ref>.supabase.co:5432/postgres",
    );
  }
  return createDbClient(url, { max: 2 });
}

/**
 * The database URL a command was given: `--db-url`, else SUPABASE_DB_URL, else DATABASE_URL.
 * @throws UsageError saying what the command cannot do without one (`purpose`, e.g. "check the database")
 */
export function databaseUrlFrom(flag: string | undefined, purpose: string): string {
  const url = flag ?? Deno.env.get("SUPABASE_DB_URL") ?? Deno.env.get("DATABASE_URL");
  if (!url) {
    throw new UsageError(
      `Cannot ${purpose}: pass --db-url or set SUPABASE_DB_URL, e.g. postgresql://postgres:…@db.<ref>.supabase.co:5432/postgres`,
    );
  }
  return url;
}

/** `[█████░░░░░]  50%` for done of total. */
export function progressBar(done: number, total: number, width = 24): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * width);
  const percent = `${Math.floor(share * 100)}%`.padStart(4);
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${percent}`;
}

/** Seconds as `1h 02m`, `3m 05s` or `12s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "–";
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, "0")}m`;
  if (m > 0) return `${m}m ${String(rest).padStart(2, "0")}s`;
  return `${rest}s`;
}
