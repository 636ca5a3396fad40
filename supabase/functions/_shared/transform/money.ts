/**
 * Money as the API writes it: with a symbol ("£12,851", "€5900") or, in GB result prizes, none.
 * @module
 */
import { blankToNull } from "./numbers.ts";

/** A currency the API marks with a symbol; plain GB result prizes carry no symbol at all. */
export type Currency = "GBP" | "EUR" | "USD";

/** An amount of money with its currency (null when the string named none and no default was given). */
export interface Money {
  amount: number;
  currency: string | null;
}

const CURRENCY_BY_SYMBOL: Readonly<Record<string, Currency>> = {
  "£": "GBP",
  "€": "EUR",
  "$": "USD",
};
const MONEY_PATTERN = /^([£€$])?\s*(\d[\d,]*(?:\.\d+)?|\.\d+)$/;
const COMMA_PATTERN = /,/g;
const WHITESPACE_PATTERN = /\s+/;

/**
 * Parses a money string: "£12,851" → 12851 GBP, "€5900" → 5900 EUR, and a bare "3245.08"
 * (GB result prizes) → 3245.08 in `defaultCurrency`. Blank or malformed gives null.
 */
export function parseMoney(
  s: string | null | undefined,
  defaultCurrency: Currency | null = null,
): Money | null {
  const text = blankToNull(s);
  if (text === null) return null;
  const match = MONEY_PATTERN.exec(text);
  if (match === null) return null;
  const [, symbol, digits] = match;
  const amount = Number((digits ?? "").replace(COMMA_PATTERN, ""));
  if (!Number.isFinite(amount)) return null;
  const currency = symbol === undefined ? defaultCurrency : CURRENCY_BY_SYMBOL[symbol] ?? null;
  return { amount, currency };
}

/** Parses a space-separated money list (tote_pl "£2.80 £1.50 £2.20") into amounts; null if any is bad. */
export function parseMoneyList(s: string | null | undefined): number[] | null {
  const text = blankToNull(s);
  if (text === null) return null;
  const amounts: number[] = [];
  for (const token of text.split(WHITESPACE_PATTERN)) {
    const money = parseMoney(token);
    if (money === null) return null;
    amounts.push(money.amount);
  }
  return amounts;
}
