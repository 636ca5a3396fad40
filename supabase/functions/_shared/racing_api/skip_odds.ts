/**
 * JSON parsing of Pro racecard bodies without the runners' bookmaker prices.
 *
 * About 85% of a Pro racecards page is `odds`: some 25 bookmakers per runner, each with its
 * price history. The sync stores no odds, yet parsing them was most of the CPU a racecards day
 * cost, and the Edge Runtime stops an isolate at 2 s of CPU. So each `"odds":[…]` array is cut
 * from the text before `JSON.parse`, which then builds `"odds":[]`. The archive keeps the body
 * as received (`ra_api_responses`), so odds can still be derived from it later.
 *
 * @module
 */

const ODDS_KEY = '"odds":[';
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * `JSON.parse(text)` except that every array under an `"odds"` key comes out empty.
 *
 * In valid JSON the text `"odds":[` can only open an array under a key named `odds` (a quote
 * inside a string is escaped, and a closing quote cannot be followed by a letter), so the cut
 * is exact; an array whose end cannot be found leaves the text as it was, and `JSON.parse`
 * reports the error. Keys written with spaces (`"odds" : [`) are parsed in full.
 * @throws SyntaxError when the text is not JSON
 */
export function parseJsonWithoutOdds(text: string): unknown {
  return JSON.parse(withoutOdds(text));
}

/**
 * The text with the contents of every `"odds":[…]` array removed (see parseJsonWithoutOdds);
 * with `keep`, arrays for which it answers true (given the array's position) stay.
 */
export function withoutOdds(text: string, keep?: (at: number) => boolean): string {
  let at = text.indexOf(ODDS_KEY);
  if (at < 0) return text;
  const parts: string[] = [];
  let copiedTo = 0;
  // The next search starts after the array just cut, so no odds text is read twice.
  for (; at >= 0; at = text.indexOf(ODDS_KEY, Math.max(at + 1, copiedTo))) {
    // A quote after an odd number of backslashes sits inside a string: not a key.
    if (precedingBackslashes(text, at) % 2 === 1) continue;
    const contentStart = at + ODDS_KEY.length;
    const end = arrayEnd(text, contentStart);
    if (end < 0) return text;
    if (keep?.(at)) {
      // Kept whole: the next search starts after it.
      parts.push(text.slice(copiedTo, end));
      copiedTo = end;
      continue;
    }
    parts.push(text.slice(copiedTo, contentStart));
    copiedTo = end;
  }
  parts.push(text.slice(copiedTo));
  return parts.join("");
}

function precedingBackslashes(text: string, at: number): number {
  let count = 0;
  while (at - count - 1 >= 0 && text.charCodeAt(at - count - 1) === BACKSLASH) count++;
  return count;
}

// Pieces of the scanning pattern: text that is neither quote nor bracket, and a whole string
// (escapes included). Alternatives never match the same text, so the patterns never backtrack.
const PLAIN = String.raw`[^"[\]]*`;
const STRING = String.raw`"[^"\\]*(?:\\.[^"\\]*)*"`;
const FLAT = `${PLAIN}(?:${STRING}${PLAIN})*`;

/**
 * An array's contents up to its closing bracket, when they nest at most one array deep (an
 * odds item's price history): one native regex step for a runner's whole odds.
 */
const SHALLOW_CONTENTS = new RegExp(`${FLAT}(?:\\[${FLAT}\\]${FLAT})*`, "y");
/** Everything up to the next bracket outside a string, for deeper nesting. */
const UP_TO_BRACKET = new RegExp(FLAT, "y");

/** Index of the `]` closing the array whose contents start at `start`, or -1 if it never does. */
function arrayEnd(text: string, start: number): number {
  SHALLOW_CONTENTS.lastIndex = start;
  SHALLOW_CONTENTS.exec(text);
  let i = SHALLOW_CONTENTS.lastIndex;
  if (text.charCodeAt(i) === CLOSE_BRACKET) return i;
  // Deeper arrays (or a broken text): walk bracket by bracket from the start.
  let depth = 1;
  for (i = start;; i++) {
    UP_TO_BRACKET.lastIndex = i;
    UP_TO_BRACKET.exec(text);
    i = UP_TO_BRACKET.lastIndex;
    const code = text.charCodeAt(i);
    if (code === OPEN_BRACKET) depth++;
    else if (code === CLOSE_BRACKET) {
      if (--depth === 0) return i;
    } else {
      // The end of the text, or a string that never closes.
      return -1;
    }
  }
}
