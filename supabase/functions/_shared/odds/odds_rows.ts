/**
 * Runner prices (`odds[]` of Pro racecards, `RaceRunnerOdds` of /v1/odds) to the rows
 * ra_private.write_odds takes: the API's decimal (never re-derived from the fraction, so an
 * exchange "28" stays 28), the text as given, "SP" as a marker, "-" as no price, each-way terms,
 * and the API's change times as instants (`updated` is UK local time without a zone). Pure.
 * @module
 */
import { parseOddsUpdated, parseOffDt } from "../transform/dates.ts";
import { blankToNull } from "../transform/numbers.ts";
import { parseDecimalOdds, parseFractionalOdds } from "../transform/odds.ts";
import { isObject, type RunnerOdds } from "./taken_odds.ts";

/** One price as ra_odds_live stores it (bookmaker as written; the database folds spellings). */
export interface OddsPriceRow {
  readonly race_id: string;
  readonly horse_id: string;
  readonly bookmaker: string;
  readonly odds_decimal: number | null;
  readonly odds_fractional: string | null;
  readonly is_sp: boolean;
  readonly ew_places: number | null;
  readonly ew_denom: number | null;
  /** ISO instant of the API's `updated`. */
  readonly changed_at: string;
}

/** One price movement (`history[]`), as ra_odds_history stores it. */
export interface OddsMovementRow {
  readonly race_id: string;
  readonly horse_id: string;
  readonly bookmaker: string;
  readonly changed_at: string;
  readonly odds_decimal: number | null;
  readonly odds_fractional: string | null;
}

/** The rows of some runners' prices. */
export interface OddsRows {
  readonly prices: OddsPriceRow[];
  readonly movements: OddsMovementRow[];
}

/** A price the API sent that cannot be read: the payload is recorded, nothing written. */
export class OddsPayloadError extends Error {
  /** Where in the runner's odds, e.g. "rac_1/hrs_2 odds[3].updated". */
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`Cannot read the price at ${path}: ${problem}`);
    this.name = "OddsPayloadError";
    this.path = path;
  }
}

function text(item: Record<string, unknown>, key: string, path: string): string | null {
  const value = item[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw new OddsPayloadError(`${path}.${key}`, "expected a string");
  return value;
}

function wholeNumber(value: string | null): number | null {
  const trimmed = blankToNull(value);
  return trimmed !== null && /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** The decimal of a price: the API's decimal; from the fraction only when it sent none. */
function decimalOf(fractional: string | null, decimal: string | null): number | null {
  const given = parseDecimalOdds(decimal);
  if (given !== null) return given;
  return fractional !== null && fractional.includes("/")
    ? parseFractionalOdds(fractional)?.decimal ?? null
    : null;
}

/** The price text as given ("-" included: it says the book shows no price); blank → null. */
function priceText(value: string | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * Maps runners' `odds` arrays to price rows and movement rows. An item without a bookmaker or
 * with an unreadable time fails the whole call (the caller quarantines the payload).
 * @throws OddsPayloadError naming the runner, the item and the field
 */
export function oddsToRows(runners: readonly RunnerOdds[]): OddsRows {
  const prices: OddsPriceRow[] = [];
  const movements: OddsMovementRow[] = [];
  for (const runner of runners) {
    const where = `${runner.race_id || "?"}/${runner.horse_id || "?"}`;
    if (!runner.race_id || !runner.horse_id) {
      throw new OddsPayloadError(where, "the runner has no race_id or horse_id");
    }
    for (const [i, item] of runner.items.entries()) {
      const path = `${where} odds[${i}]`;
      if (!isObject(item)) throw new OddsPayloadError(path, "expected an object");
      const bookmaker = blankToNull(text(item, "bookmaker", path));
      if (bookmaker === null) throw new OddsPayloadError(`${path}.bookmaker`, "missing");
      const fractional = priceText(text(item, "fractional", path));
      const decimal = text(item, "decimal", path);
      const updated = text(item, "updated", path);
      const isSp = fractional?.toUpperCase() === "SP";
      const row = { race_id: runner.race_id, horse_id: runner.horse_id, bookmaker };
      if (updated !== null && updated.trim() !== "") {
        const changedAt = parseOddsUpdated(updated);
        if (changedAt === null) {
          throw new OddsPayloadError(`${path}.updated`, `"${updated}" is not YYYY-MM-DD HH:MM:SS`);
        }
        prices.push({
          ...row,
          odds_decimal: isSp ? null : decimalOf(fractional, decimal),
          odds_fractional: fractional,
          is_sp: isSp,
          ew_places: wholeNumber(text(item, "ew_places", path)),
          ew_denom: wholeNumber(text(item, "ew_denom", path)),
          changed_at: changedAt,
        });
      }
      const history = item.history;
      if (history === undefined || history === null) continue;
      if (!Array.isArray(history)) {
        throw new OddsPayloadError(`${path}.history`, "expected an array");
      }
      for (const [j, move] of history.entries()) {
        const movePath = `${path}.history[${j}]`;
        if (!isObject(move)) throw new OddsPayloadError(movePath, "expected an object");
        const stamp = text(move, "changed_at", movePath);
        const changedAt = parseOffDt(stamp);
        if (changedAt === null) {
          throw new OddsPayloadError(`${movePath}.changed_at`, `"${stamp}" is not an ISO time`);
        }
        const moveFractional = priceText(text(move, "fractional", movePath));
        movements.push({
          ...row,
          changed_at: changedAt,
          odds_decimal: moveFractional?.toUpperCase() === "SP"
            ? null
            : decimalOf(moveFractional, text(move, "decimal", movePath)),
          odds_fractional: moveFractional,
        });
      }
    }
  }
  return { prices, movements };
}
