/**
 * Blanks and plain numbers, the base of every other parser in `transform/`: the API sends every
 * numeric value as a string, and "absent" as "", "-" (racecards) or "–" (U+2013, results).
 *
 * All functions are pure. A value that cannot be parsed gives `null`, never a guess.
 * Regular expressions are compiled once at module scope because these run per runner.
 *
 * @module
 */

/** Strings the API uses for "no value": ASCII hyphen (racecards), en dash (results), em dash. */
const BLANK_MARKERS: ReadonlySet<string> = new Set(["", "-", "\u2013", "\u2014"]);

const INTEGER_PATTERN = /^[+-]?\d+$/;
const DECIMAL_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/** Trims a string and maps the API's "no value" markers ("", "-", "–", whitespace) to null. */
export function blankToNull(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  // Fast path (it runs for most fields of every runner): printable ASCII at both ends means
  // nothing to trim, and the only one-character marker in ASCII is "-".
  const length = s.length;
  if (length > 0) {
    const first = s.charCodeAt(0);
    const last = s.charCodeAt(length - 1);
    if (first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f) {
      return length === 1 && first === 0x2d ? null : s;
    }
  }
  const trimmed = s.trim();
  return BLANK_MARKERS.has(trimmed) ? null : trimmed;
}

/** Fast path for the usual case, a short string of ASCII digits ("126"); else null. */
function plainDigitsValue(s: string): number | null {
  const length = s.length;
  if (length === 0 || length > 15) return null;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = s.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    value = value * 10 + digit;
  }
  return value;
}

/** Fast check for the usual decimal form: ASCII digits with at most one dot ("3.75", ".5"). */
function isPlainDecimal(s: string): boolean {
  const length = s.length;
  if (length === 0 || length > 20) return false;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 48 && code <= 57) digits += 1;
    else if (code === 46 && dots === 0) dots = 1;
    else return false;
  }
  return digits > 0;
}

/** Parses a whole-number string ("5" → 5); blanks and anything non-integer give null. */
export function parseInteger(s: string | null | undefined): number | null {
  if (s === null || s === undefined) return null;
  const plain = plainDigitsValue(s);
  if (plain !== null) return plain;
  const text = blankToNull(s);
  if (text === null || !INTEGER_PATTERN.test(text)) return null;
  return Number(text);
}

/** Parses a decimal string, leading dot allowed (".5" → 0.5, "2400.0" → 2400); else null. */
export function parseDecimal(s: string | null | undefined): number | null {
  if (s === null || s === undefined) return null;
  if (isPlainDecimal(s)) return Number(s);
  const text = blankToNull(s);
  if (text === null || !DECIMAL_PATTERN.test(text)) return null;
  return Number(text);
}
