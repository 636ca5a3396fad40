/**
 * The bookmakers: the API has no bookmaker endpoint, so this versioned list is the source of
 * `ra_mst_bookmakers` and `ra_mst_bookmaker_aliases`. Each book lists, as aliases, the names the
 * API writes in runner `odds[].bookmaker` and the spellings other sources use ("Paddypower",
 * "Betfair"), so every odds row resolves to one bookmaker id.
 *
 * To change the list: edit an entry or append one, never delete (set `active: false`), and bump
 * BOOKMAKER_LIST_VERSION; the monthly sync-masters run writes it.
 *
 * @module
 */
import type { RowBatch, SourceRow } from "../_shared/db/row_batch.ts";

/** Version of BOOKMAKERS; bump it with every change to the list. */
export const BOOKMAKER_LIST_VERSION = 2;

/** How a book takes bets (the `type` column). */
export type BookmakerType = "online" | "exchange" | "spread";

/** One bookmaker of the seed list. */
export interface BookmakerEntry {
  /** Stable slug, the key of ra_mst_bookmakers. */
  readonly id: string;
  /** Display name, as the API writes it in odds where it quotes the book. */
  readonly name: string;
  readonly type: BookmakerType;
  /** False for books that closed or left the market; kept so old odds still resolve. */
  readonly active: boolean;
  /** Other exact spellings of the book in odds payloads (the name itself is always one). */
  readonly aliases: readonly string[];
}

function book(
  id: string,
  name: string,
  type: BookmakerType,
  aliases: readonly string[] = [],
): BookmakerEntry {
  return Object.freeze({
    id,
    name,
    type,
    active: true,
    aliases: Object.freeze([...aliases]),
  });
}

/** The UK and Irish books the API quotes in pro racecard odds, plus the exchanges. */
export const BOOKMAKERS: readonly BookmakerEntry[] = Object.freeze([
  book("bet365", "Bet365", "online", ["bet365", "Bet 365"]),
  book("william_hill", "William Hill", "online", [
    "WilliamHill",
    "William hill",
  ]),
  book("paddy_power", "Paddy Power", "online", ["Paddypower", "PaddyPower"]),
  book("betfair_exchange", "Betfair Exchange", "exchange", ["Betfair"]),
  book("betfair_sportsbook", "Betfair Sportsbook", "online", [
    "Betfair Sports",
  ]),
  book("sky_bet", "Sky Bet", "online", ["SkyBet", "Skybet"]),
  book("ladbrokes", "Ladbrokes", "online"),
  book("coral", "Coral", "online"),
  book("betfred", "Betfred", "online", ["BetFred"]),
  book("betvictor", "BetVictor", "online", ["Bet Victor", "Betvictor"]),
  book("unibet", "Unibet", "online"),
  book("888sport", "888sport", "online", ["888 Sport", "888Sport"]),
  book("betway", "Betway", "online"),
  book("boylesports", "BoyleSports", "online", ["Boylesports", "Boyle Sports"]),
  book("spreadex", "Spreadex", "spread", ["Spread Ex"]),
  book("sporting_index", "Sporting Index", "spread", ["SportingIndex"]),
  book("star_sports", "Star Sports", "online", ["StarSports"]),
  book("virgin_bet", "Virgin Bet", "online", ["VirginBet"]),
  book("betmgm", "BetMGM", "online", ["Bet MGM"]),
  book("livescore_bet", "LiveScore Bet", "online", [
    "Livescore Bet",
    "LiveScoreBet",
  ]),
  book("midnite", "Midnite", "online"),
  book("kwiff", "Kwiff", "online", ["kwiff"]),
  book("tote", "Tote", "online", ["totesport"]),
  book("grosvenor_sport", "Grosvenor Sport", "online", ["Grosvenor Sports"]),
  book("parimatch", "Parimatch", "online"),
  book("betuk", "BetUK", "online", ["Bet UK"]),
  book("matchbook", "Matchbook", "exchange"),
  book("betdaq", "Betdaq", "exchange", ["BETDAQ"]),
  book("smarkets", "Smarkets", "exchange"),
]);

/** Every exact spelling of a book: its name, then its aliases. */
function spellingsOf(entry: BookmakerEntry): readonly string[] {
  return [entry.name, ...entry.aliases];
}

/**
 * The key two spellings of one book share: lower case, letters and digits only
 * ("Paddy Power", "PaddyPower" and "paddypower" give "paddypower").
 */
export function bookmakerKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Bookmaker ids by bookmakerKey of each spelling; built once. */
const IDS_BY_KEY: ReadonlyMap<string, string> = (() => {
  const ids = new Map<string, string>();
  for (const entry of BOOKMAKERS) {
    for (const spelling of spellingsOf(entry)) {
      ids.set(bookmakerKey(spelling), entry.id);
    }
  }
  return ids;
})();

/**
 * The bookmaker id of a name as any odds payload writes it, matched on bookmakerKey so case,
 * spaces and punctuation do not matter; null for a book the list does not know.
 */
export function resolveBookmakerId(
  name: string | null | undefined,
): string | null {
  if (name === null || name === undefined) return null;
  const key = bookmakerKey(name);
  return key === "" ? null : IDS_BY_KEY.get(key) ?? null;
}

/** The masters rows of the list: one bookmaker row per entry and one alias row per spelling. */
export function bookmakerSeedRows(
  entries: readonly BookmakerEntry[] = BOOKMAKERS,
): RowBatch<"masters"> {
  const bookmakers: SourceRow<"ra_mst_bookmakers", "masters">[] = [];
  const aliases = new Map<
    string,
    SourceRow<"ra_mst_bookmaker_aliases", "masters">
  >();
  for (const entry of entries) {
    bookmakers.push({
      id: entry.id,
      name: entry.name,
      type: entry.type,
      is_active: entry.active,
    });
    for (const spelling of spellingsOf(entry)) {
      aliases.set(spelling, { alias: spelling, bookmaker_id: entry.id });
    }
  }
  return {
    ra_mst_bookmakers: bookmakers,
    ra_mst_bookmaker_aliases: [...aliases.values()],
  };
}
