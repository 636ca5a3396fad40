/**
 * Renders a race's moving market (`odds_market.ts`) as the API shows it at an instant: runner
 * `odds[]` on pro racecards (each book's price standing at min(now, off), `history` always
 * empty), `RaceRunnerOdds` for `/v1/odds/{race_id}/{horse_id}` (with every change so far, from
 * 2025-03-17), and the ground truth of every change up to the off.
 * @module
 */

import { type BookLine, changeIndexAt, type OddsMarket, type PriceChange } from "./odds_market.ts";
import type { OddsHistoryJson, OddsTruth, RaceRunnerOddsJson } from "./payload_types.ts";
import type { Race } from "./race_model.ts";
import { dayNumber, formatOffDt } from "./uk_time.ts";

/** First race date whose `/v1/odds` items carry a price history. */
export const ODDS_HISTORY_FROM = "2025-03-17";
const HISTORY_FROM_DAY = dayNumber(ODDS_HISTORY_FROM);

function oddsItem(
  market: OddsMarket,
  line: BookLine,
  change: PriceChange,
  history: OddsHistoryJson["history"],
): OddsHistoryJson {
  return {
    bookmaker: line.name,
    fractional: change.fractional,
    decimal: change.decimal,
    ew_places: line.ewPlaces,
    ew_denom: line.ewDenom,
    updated: market.stamps[change.move] as string,
    history,
  };
}

/** The instant whose prices are shown at `nowMs`: now, or the off once it has passed. */
function shownAt(market: OddsMarket, nowMs: number): number {
  return Math.min(nowMs, market.offMs);
}

// Once the off has passed a runner's card prices are frozen, so they are rendered once per market;
// `changed_at` texts are made once per move. Both go with the market when the world drops it.
const frozenCardOdds = new WeakMap<OddsMarket, OddsHistoryJson[][]>();
const changedAtTexts = new WeakMap<OddsMarket, string[]>();

function cardOddsOf(market: OddsMarket, entryIndex: number, at: number): OddsHistoryJson[] {
  const items: OddsHistoryJson[] = [];
  for (const line of market.runners[entryIndex] ?? []) {
    const i = changeIndexAt(line.changes, at);
    if (i >= 0) items.push(oddsItem(market, line, line.changes[i] as PriceChange, []));
  }
  return items;
}

/**
 * A runner's racecard `odds[]` at an instant: each book's last change at or before min(now, off),
 * `updated` its moment in UK local time, `history` empty; `[]` before the market opens.
 */
export function cardOddsAt(
  market: OddsMarket,
  entryIndex: number,
  nowMs: number,
): OddsHistoryJson[] {
  const at = shownAt(market, nowMs);
  if (at < market.openMs) return [];
  if (at < market.offMs) return cardOddsOf(market, entryIndex, at);
  let frozen = frozenCardOdds.get(market);
  if (!frozen) {
    frozen = market.runners.map((_, i) => cardOddsOf(market, i, market.offMs));
    frozenCardOdds.set(market, frozen);
  }
  return frozen[entryIndex] ?? [];
}

function changedAtOf(market: OddsMarket): string[] {
  let texts = changedAtTexts.get(market);
  if (!texts) {
    texts = market.moves.map((at) => formatOffDt(at));
    changedAtTexts.set(market, texts);
  }
  return texts;
}

/**
 * `RaceRunnerOdds` of a runner at an instant: the racecard's prices plus, for races from
 * 2025-03-17, every change up to min(now, off), oldest first, `changed_at` with the UK offset.
 */
export function runnerOddsJson(
  race: Race,
  market: OddsMarket,
  entryIndex: number,
  nowMs: number,
): RaceRunnerOddsJson {
  const entry = race.entries[entryIndex];
  if (!entry) {
    throw new RangeError(`Cannot render odds: race "${race.id}" has no entry ${entryIndex}`);
  }
  const at = shownAt(market, nowMs);
  const withHistory = race.day >= HISTORY_FROM_DAY;
  const changedAt = changedAtOf(market);
  const odds: OddsHistoryJson[] = [];
  for (const line of at < market.openMs ? [] : market.runners[entryIndex] ?? []) {
    const i = changeIndexAt(line.changes, at);
    if (i < 0) continue;
    const history = withHistory
      ? line.changes.slice(0, i + 1).map((c) => ({
        changed_at: changedAt[c.move] as string,
        fractional: c.fractional,
        decimal: c.decimal,
      }))
      : [];
    odds.push(oddsItem(market, line, line.changes[i] as PriceChange, history));
  }
  return { race_id: race.id, horse_id: entry.racer.id, horse: entry.racer.name, odds };
}

/** Every change of a race's market up to the off, runner by runner in race order. */
export function oddsTruthOf(race: Race, market: OddsMarket): OddsTruth {
  return {
    race_id: race.id,
    off_ms: market.offMs,
    runners: race.entries.map((entry, i) => ({
      horse_id: entry.racer.id,
      books: (market.runners[i] ?? []).map((line) => ({
        bookmaker: line.name,
        changes: line.changes
          .filter((c) => c.atMs <= market.offMs)
          .map((c) => ({
            at_ms: c.atMs,
            fractional: c.fractional,
            decimal: c.decimal,
            ew_places: line.ewPlaces,
            ew_denom: line.ewDenom,
          })),
      })),
    })),
  };
}
