/**
 * Compares the database with the simulator's ground truth: every race of the days, every
 * runner, and the result values users model on (positions, SP decimals, beaten distances,
 * finishing times). Returns the differences, so a failing test says exactly what is wrong.
 */
import type postgres from "postgres";
import { parseBeatenDistance } from "../../supabase/functions/_shared/transform/distances.ts";
import { parseDecimal } from "../../supabase/functions/_shared/transform/numbers.ts";
import { parsePosition } from "../../supabase/functions/_shared/transform/positions.ts";
import { parseRaceTime } from "../../supabase/functions/_shared/transform/race_times.ts";

/** The fields of a true result this comparison reads (the API's strings). */
export interface TruthResult {
  readonly race_id: string;
  readonly runners: readonly {
    readonly horse_id: string;
    readonly position: string;
    readonly sp_dec: string;
    readonly btn: string;
    readonly ovr_btn: string;
    readonly time: string;
  }[];
}

/** The fields of a true racecard this comparison reads. */
export interface TruthRacecard {
  readonly race_id: string;
  readonly date: string;
  readonly runners: readonly { readonly horse_id: string }[];
}

interface StoredRunner {
  race_id: string;
  horse_id: string;
  position: number | null;
  finish_status: string | null;
  starting_price_decimal: string | null;
  beaten_lengths: string | null;
  overall_beaten_lengths: string | null;
  finishing_time_seconds: string | null;
}

function numberOrNull(value: string | null): number | null {
  return value === null ? null : Number(value);
}

/**
 * Lists every way the stored races and runners of start..end differ from the truth (empty when
 * equal). Runners the racecards declared but the results do not list (non-runners) are
 * expected too, without result values.
 */
export async function resultDifferences(
  sql: postgres.Sql,
  truth: { readonly races: readonly TruthResult[]; readonly racecards?: readonly TruthRacecard[] },
  start: string,
  end: string,
): Promise<string[]> {
  const differences: string[] = [];
  const stored = await sql<StoredRunner[]>`
    select ru.race_id, ru.horse_id, ru.position, ru.finish_status,
           ru.starting_price_decimal::text, ru.beaten_lengths::text,
           ru.overall_beaten_lengths::text, ru.finishing_time_seconds::text
    from public.ra_mst_runners ru
    join public.ra_mst_races ra on ra.id = ru.race_id
    where ra.race_date between ${start}::date and ${end}::date`;
  const byKey = new Map(stored.map((row) => [`${row.race_id}/${row.horse_id}`, row]));
  const races = await sql<{ id: string }[]>`
    select id from public.ra_mst_races where race_date between ${start}::date and ${end}::date`;
  // A race can have a card and no result (abandoned): it is expected, without result values.
  const truthRaceIds = new Set([
    ...truth.races.map((race) => race.race_id),
    ...(truth.racecards ?? []).filter((card) => card.date >= start && card.date <= end)
      .map((card) => card.race_id),
  ]);
  const expectedKeys = new Set<string>();
  for (const race of races) {
    if (!truthRaceIds.has(race.id)) differences.push(`${race.id}: stored but not in the truth`);
  }
  for (const card of truth.racecards ?? []) {
    if (card.date < start || card.date > end) continue;
    for (const runner of card.runners) expectedKeys.add(`${card.race_id}/${runner.horse_id}`);
  }
  for (const race of truth.races) {
    for (const runner of race.runners) {
      const key = `${race.race_id}/${runner.horse_id}`;
      expectedKeys.add(key);
      const row = byKey.get(key);
      if (!row) {
        differences.push(`${key}: missing`);
        continue;
      }
      const { position, outcome } = parsePosition(runner.position);
      const expected: Record<string, unknown> = {
        position,
        finish_status: outcome,
        starting_price_decimal: parseDecimal(runner.sp_dec),
        beaten_lengths: parseBeatenDistance(runner.btn),
        overall_beaten_lengths: parseBeatenDistance(runner.ovr_btn),
        finishing_time_seconds: parseRaceTime(runner.time),
      };
      const actual: Record<string, unknown> = {
        position: row.position,
        finish_status: row.finish_status,
        starting_price_decimal: numberOrNull(row.starting_price_decimal),
        beaten_lengths: numberOrNull(row.beaten_lengths),
        overall_beaten_lengths: numberOrNull(row.overall_beaten_lengths),
        finishing_time_seconds: numberOrNull(row.finishing_time_seconds),
      };
      for (const [column, value] of Object.entries(expected)) {
        if (actual[column] !== value) {
          differences.push(`${key}.${column}: stored ${actual[column]}, truth ${value}`);
        }
      }
    }
  }
  for (const key of byKey.keys()) {
    if (!expectedKeys.has(key)) differences.push(`${key}: stored but not in the truth`);
  }
  if (stored.length !== expectedKeys.size) {
    differences.push(`runners: stored ${stored.length}, truth ${expectedKeys.size}`);
  }
  return differences;
}
