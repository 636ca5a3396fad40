/**
 * Runner prices taken out of a Pro racecard body before it is validated: the card's schema
 * sees `odds: []` (zod on ~25 books × every runner would cost more CPU than the rest of the
 * page), and the prices go to the odds transform (odds_rows.ts), which reads them by hand.
 * @module
 */
import { withoutOdds } from "../racing_api/skip_odds.ts";

/** One runner's `odds` array as the API sent it, unchecked. */
export interface RunnerOdds {
  readonly race_id: string;
  readonly horse_id: string;
  readonly items: readonly unknown[];
}

const takenByBody = new WeakMap<object, RunnerOdds[]>();

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function takeFromCard(card: unknown, into: RunnerOdds[]): void {
  if (!isObject(card) || !Array.isArray(card.runners)) return;
  const raceId = typeof card.race_id === "string" ? card.race_id : "";
  for (const runner of card.runners) {
    if (!isObject(runner) || !Array.isArray(runner.odds)) continue;
    const horseId = typeof runner.horse_id === "string" ? runner.horse_id : "";
    if (runner.odds.length > 0) {
      into.push({ race_id: raceId, horse_id: horseId, items: runner.odds });
    }
    runner.odds = [];
  }
}

/**
 * Empties every runner's `odds` in a racecards page (`{racecards: [...]}`) or a single card
 * (`{race_id, runners: [...]}`) and remembers what it took (read it with takenOdds).
 * Returns the same object.
 */
export function takeOdds<T>(body: T): T {
  if (!isObject(body)) return body;
  const taken: RunnerOdds[] = [];
  if (Array.isArray(body.racecards)) {
    for (const card of body.racecards) {
      takeFromCard(card, taken);
    }
  } else takeFromCard(body, taken);
  takenByBody.set(body, taken);
  return body;
}

const RACE_ID_KEY = '"race_id":"';

/**
 * `JSON.parse` of a racecards body, its runners' prices taken out (takeOdds). With `races`,
 * the prices of other races are cut from the text before parsing (skip_odds.ts): a day list
 * fetched for a few due races then costs little more than those races' cards.
 */
export function parseJsonTakingOdds(text: string, races?: ReadonlySet<string>): unknown {
  if (races === undefined) return takeOdds(JSON.parse(text));
  // Odds arrays come in text order, each after its card's race_id: walk the race ids forward.
  let race = "";
  let next = text.indexOf(RACE_ID_KEY);
  const raceAt = (at: number) => {
    while (next >= 0 && next < at) {
      const start = next + RACE_ID_KEY.length;
      race = text.slice(start, text.indexOf('"', start));
      next = text.indexOf(RACE_ID_KEY, start);
    }
    return race;
  };
  return takeOdds(JSON.parse(withoutOdds(text, (at) => races.has(raceAt(at)))));
}

/** The prices takeOdds took from a body; undefined when it never saw this body. */
export function takenOdds(body: unknown): RunnerOdds[] | undefined {
  return isObject(body) ? takenByBody.get(body) : undefined;
}

/**
 * The runners' prices of those a card batch writes: prices of races the region filter dropped
 * have no runner to hang on.
 */
export function oddsOfWrittenRunners(
  odds: readonly RunnerOdds[],
  runners: readonly { race_id: string; horse_id: string }[] | undefined,
): RunnerOdds[] {
  const written = new Set((runners ?? []).map((r) => `${r.race_id}/${r.horse_id}`));
  return odds.filter((r) => written.has(`${r.race_id}/${r.horse_id}`));
}
