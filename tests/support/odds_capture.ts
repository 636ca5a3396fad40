/**
 * Compares what the sync stored with the simulator's market truth: which upstream price
 * changes reached ra_odds_history, how late (fetched_at - changed_at), and whether anything
 * stored was never a change. Used by the race-day test and `deno task bench`.
 */
import type postgres from "postgres";
import type { OddsTruth } from "../../dev/simulator/payload_types.ts";
import { type CadenceStep, intervalFor } from "../../supabase/functions/_shared/odds/cadence.ts";

/** Capture figures of some races. */
export interface Capture {
  /** Upstream prices in the last 30 min that stood at least the cadence interval. */
  readonly eligible: number;
  /** Of them, those polling stored (movement fills excluded). */
  readonly captured: number;
  /** Every upstream change up to the off, and how many of them are stored. */
  readonly changes: number;
  readonly stored: number;
  /** Stored history rows that match no upstream change. */
  readonly phantoms: number;
  /** Delay from an upstream change to its row (captured last-30-min prices), ms. */
  readonly delaysMs: number[];
  /** The same delays less the race's cadence interval at the change (target: p95 ≤ 2 s). */
  readonly overCadenceMs: number[];
}

const LAST_30_MIN = 30 * 60_000;

/** Measures the capture of the races whose truths are given. */
export async function measureCapture(
  sql: postgres.Sql,
  truths: readonly OddsTruth[],
  cadence: readonly CadenceStep[],
): Promise<Capture> {
  const aliases = new Map(
    (await sql<{ alias: string; bookmaker_id: string }[]>`
      select alias, bookmaker_id from ra_mst_bookmaker_aliases`).map((
      a,
    ) => [a.alias, a.bookmaker_id]),
  );
  const rows = await sql<
    { key: string; fetched_ms: number; polled: boolean }[]
  >`select race_id || '/' || horse_id || '/' || bookmaker_id || '/' ||
           (extract(epoch from changed_at) * 1000)::bigint::text || '/' || coalesce(odds_fractional, '') as key,
           (extract(epoch from fetched_at) * 1000)::float8 as fetched_ms,
           source = 'racecard' as polled
    from ra_odds_history where race_id = any (${truths.map((t) => t.race_id)}::text[])`;
  const stored = new Map(rows.map((row) => [row.key, row.fetched_ms]));
  const polled = new Set(rows.filter((row) => row.polled).map((row) => row.key));
  let eligible = 0, captured = 0, changes = 0, found = 0;
  const delaysMs: number[] = [];
  const overCadenceMs: number[] = [];
  const truthKeys = new Set<string>();
  for (const truth of truths) {
    for (const runner of truth.runners) {
      for (const book of runner.books) {
        const id = aliases.get(book.bookmaker) ?? "?";
        book.changes.forEach((change, i) => {
          if (change.at_ms >= truth.off_ms) return;
          const key =
            `${truth.race_id}/${runner.horse_id}/${id}/${change.at_ms}/${change.fractional}`;
          truthKeys.add(key);
          changes++;
          const fetched = stored.get(key);
          if (fetched !== undefined) found++;
          const until = Math.min(book.changes[i + 1]?.at_ms ?? truth.off_ms, truth.off_ms);
          const interval = intervalFor(truth.off_ms - change.at_ms, cadence);
          if (truth.off_ms - change.at_ms > LAST_30_MIN || interval === null) return;
          if (until - change.at_ms < interval) return;
          eligible++;
          // Captured by polling: movements filled after the off do not count here.
          if (fetched !== undefined && polled.has(key)) {
            captured++;
            delaysMs.push(fetched - change.at_ms);
            overCadenceMs.push(fetched - change.at_ms - interval);
          }
        });
      }
    }
  }
  const phantoms = [...stored.keys()].filter((key) => !truthKeys.has(key)).length;
  return { eligible, captured, changes, stored: found, phantoms, delaysMs, overCadenceMs };
}

/** The p-th percentile (0–100) of some numbers, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}
