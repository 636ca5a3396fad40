/**
 * The Racing API's string formats for racing values: money, weights, distances, race times,
 * beaten distances and fractional odds. Every function is pure and returns the wire string.
 * @module
 */

/** Thousands separators: 12851 → "12,851". */
export function withCommas(amount: number): string {
  return Math.round(amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Racecard prize: currency symbol plus separators ("£12,851", "€5,900"). */
export function formatCardPrize(amount: number, symbol: string): string {
  return `${symbol}${withCommas(amount)}`;
}

/** Result runner prize: GB plain decimal ("3245.08", "28355"); elsewhere symbol + whole ("€5900"). */
export function formatResultPrize(amount: number, symbol: string): string {
  if (symbol === "£") {
    const pence = Math.round(amount * 100);
    return pence % 100 === 0 ? String(pence / 100) : (pence / 100).toFixed(2);
  }
  return `${symbol}${Math.round(amount)}`;
}

/** Tote money: "£9.50"; whole amounts over 10 lose the pence ("£49"). */
export function formatTote(amount: number, symbol: string): string {
  const pence = Math.round(amount * 100);
  if (pence >= 1000 && pence % 100 === 0) return `${symbol}${pence / 100}`;
  return `${symbol}${(pence / 100).toFixed(2)}`;
}

/** Stones-pounds weight: 133 → "9-7". */
export function formatWeight(lbs: number): string {
  return `${Math.floor(lbs / 14)}-${lbs % 14}`;
}

/** Exact distance from yards: 2256 → "1m2f56y"; 1540 → "7f". */
export function formatExactDistance(yards: number): string {
  const miles = Math.floor(yards / 1760);
  const furlongs = Math.floor((yards - miles * 1760) / 220);
  const rest = yards - miles * 1760 - furlongs * 220;
  return `${miles ? `${miles}m` : ""}${furlongs ? `${furlongs}f` : ""}${rest ? `${rest}y` : ""}` ||
    "0y";
}

/** Furlongs rounded to the nearest half. */
export function roundedFurlongs(yards: number): number {
  return Math.max(1, Math.round(yards / 110) / 2);
}

/** Rounded distance, e.g. 8.5 furlongs → "1m½f", 22 → "2m6f". */
export function formatRoundDistance(furlongs: number): string {
  const miles = Math.floor(furlongs / 8);
  const rest = furlongs - miles * 8;
  const whole = Math.floor(rest);
  const half = rest - whole >= 0.5 ? "½" : "";
  const f = whole || half ? `${whole || ""}${half}f` : "";
  return `${miles ? `${miles}m` : ""}${f}`;
}

/** Racecard `distance_f`: one decimal place, no suffix ("8.0", "10.5"). */
export function formatCardFurlongs(furlongs: number): string {
  return furlongs.toFixed(1);
}

/** Result `dist_f`: furlongs with an "f" suffix ("8f", "8.5f"). */
export function formatResultFurlongs(furlongs: number): string {
  return `${Number.isInteger(furlongs) ? furlongs : furlongs.toFixed(1)}f`;
}

/** Runner time as "m:s.ss" with unpadded seconds ("1:12.34", "3:7.64", "0:58.12"). */
export function formatRaceTime(seconds: number): string {
  const hundredths = Math.round(seconds * 100);
  const minutes = Math.floor(hundredths / 6000);
  const rest = (hundredths - minutes * 6000) / 100;
  return `${minutes}:${rest.toFixed(2)}`;
}

/** Winning time detail: "1m 27.65s (slow by 3.35s)" or "57.74s (fast by 0.24s)". */
export function formatWinningTimeDetail(seconds: number, standardSeconds: number): string {
  const hundredths = Math.round(seconds * 100);
  const minutes = Math.floor(hundredths / 6000);
  const rest = ((hundredths - minutes * 6000) / 100).toFixed(2);
  const time = minutes ? `${minutes}m ${rest}s` : `${rest}s`;
  const diff = Math.round((seconds - standardSeconds) * 100) / 100;
  if (diff === 0) return `${time} (standard time)`;
  return `${time} (${diff > 0 ? "slow" : "fast"} by ${Math.abs(diff).toFixed(2)}s)`;
}

/** Beaten distance in lengths as the API writes it: 0 → "0", 0.5 → ".5", 1.75 → "1.75". */
export function formatLengths(lengths: number): string {
  const text = String(Math.round(lengths * 100) / 100);
  return text.startsWith("0.") ? text.slice(1) : text;
}

/** Standard UK margins in lengths, from a nose to a distance. */
export const STANDARD_MARGINS: readonly number[] = [
  0.05,
  0.1,
  0.2,
  0.3,
  0.5,
  0.75,
  1,
  1.25,
  1.5,
  1.75,
  2,
  2.25,
  2.5,
  2.75,
  3,
  3.25,
  3.5,
  3.75,
  4,
  4.5,
  5,
  5.5,
  6,
  6.5,
  7,
  8,
  9,
  10,
  11,
  12,
  13,
  14,
  15,
  16,
  18,
  20,
  22,
  24,
  27,
  30,
  35,
  40,
  45,
  50,
  60,
  70,
  80,
  99,
];

/** Snaps a margin to the nearest standard margin. */
export function snapMargin(lengths: number): number {
  let best = STANDARD_MARGINS[0] as number;
  for (const m of STANDARD_MARGINS) {
    if (Math.abs(m - lengths) < Math.abs(best - lengths)) best = m;
  }
  return best;
}

/** Traditional fractional prices, shortest first, as [numerator, denominator]. */
export const FRACTIONS: readonly (readonly [number, number])[] = [
  [1, 10],
  [1, 8],
  [1, 6],
  [1, 5],
  [2, 9],
  [1, 4],
  [2, 7],
  [1, 3],
  [4, 11],
  [2, 5],
  [4, 9],
  [1, 2],
  [8, 15],
  [4, 7],
  [8, 13],
  [4, 6],
  [8, 11],
  [4, 5],
  [5, 6],
  [10, 11],
  [1, 1],
  [11, 10],
  [6, 5],
  [5, 4],
  [11, 8],
  [6, 4],
  [13, 8],
  [7, 4],
  [15, 8],
  [2, 1],
  [85, 40],
  [9, 4],
  [5, 2],
  [11, 4],
  [3, 1],
  [100, 30],
  [7, 2],
  [4, 1],
  [9, 2],
  [5, 1],
  [11, 2],
  [6, 1],
  [13, 2],
  [7, 1],
  [15, 2],
  [8, 1],
  [17, 2],
  [9, 1],
  [10, 1],
  [11, 1],
  [12, 1],
  [14, 1],
  [16, 1],
  [18, 1],
  [20, 1],
  [22, 1],
  [25, 1],
  [28, 1],
  [33, 1],
  [40, 1],
  [50, 1],
  [66, 1],
  [80, 1],
  [100, 1],
  [125, 1],
  [150, 1],
  [200, 1],
  [250, 1],
];

const FRACTION_LOG_ODDS = FRACTIONS.map(([n, d]) => Math.log(n / d));

/** Index in FRACTIONS of the price nearest to a decimal price (compared in log-odds). */
export function nearestFractionIndex(decimal: number): number {
  return nearestFractionIndexOfLogOdds(Math.log(Math.max(decimal - 1, 0.01)));
}

/** Index in FRACTIONS of the price nearest to log(decimal - 1), for callers that work in log-odds. */
export function nearestFractionIndexOfLogOdds(target: number): number {
  let lo = 0;
  let hi = FRACTION_LOG_ODDS.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((FRACTION_LOG_ODDS[mid] as number) <= target) lo = mid;
    else hi = mid;
  }
  const below = Math.abs(target - (FRACTION_LOG_ODDS[lo] as number));
  const above = Math.abs((FRACTION_LOG_ODDS[hi] as number) - target);
  return above < below ? hi : lo;
}

/** Decimal price of a fraction. */
export function fractionDecimal(index: number): number {
  const [n, d] = FRACTIONS[index] as readonly [number, number];
  return n / d + 1;
}

/** SP text: "9/4", "4/1", "Evens" (the caller adds F/J/C markers). */
export function formatSpFraction(index: number): string {
  const [n, d] = FRACTIONS[index] as readonly [number, number];
  return n === d ? "Evens" : `${n}/${d}`;
}

/** Bookmaker fractional: like SP but some firms write whole prices bare ("4" for 4/1). */
export function formatBookFraction(index: number, bareWholes: boolean): string {
  const [n, d] = FRACTIONS[index] as readonly [number, number];
  if (n === d) return bareWholes ? "1" : "1/1";
  if (d === 1 && bareWholes) return String(n);
  return `${n}/${d}`;
}

/** Decimal price text: trimmed ("4", "3.75", "1.8") or with at least one decimal ("6.0"). */
export function formatDecimalPrice(decimal: number, keepOnePlace: boolean): string {
  const rounded = Math.round(decimal * 100) / 100;
  if (keepOnePlace && Number.isInteger(rounded * 10)) return rounded.toFixed(1);
  return String(rounded);
}
