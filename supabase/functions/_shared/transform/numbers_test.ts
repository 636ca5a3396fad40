import { strictEqual as assertSame } from "node:assert/strict";
import { blankToNull, parseDecimal, parseInteger } from "./numbers.ts";

const EN_DASH = "\u2013";

Deno.test("blankToNull() maps the API's no-value markers to null and trims the rest", () => {
  assertSame(blankToNull(""), null);
  assertSame(blankToNull("-"), null);
  assertSame(blankToNull(EN_DASH), null);
  assertSame(blankToNull("   "), null);
  assertSame(blankToNull(" - "), null);
  assertSame(blankToNull(null), null);
  assertSame(blankToNull(undefined), null);
  assertSame(blankToNull("  Good To Soft "), "Good To Soft");
  assertSame(blankToNull("-1"), "-1");
});

Deno.test("parseInteger() reads numeric strings and rejects blanks and non-integers", () => {
  assertSame(parseInteger("5"), 5);
  assertSame(parseInteger(" 126 "), 126);
  assertSame(parseInteger("0"), 0);
  assertSame(parseInteger(""), null);
  assertSame(parseInteger("-"), null);
  assertSame(parseInteger(EN_DASH), null);
  assertSame(parseInteger("8.0"), null);
  assertSame(parseInteger("abc"), null);
  assertSame(parseInteger("12a"), null);
  assertSame(parseInteger(null), null);
});

Deno.test("parseDecimal() reads leading-dot and trailing-zero decimals", () => {
  assertSame(parseDecimal(".5"), 0.5);
  assertSame(parseDecimal(".75"), 0.75);
  assertSame(parseDecimal("2400.0"), 2400);
  assertSame(parseDecimal("3.25"), 3.25);
  assertSame(parseDecimal("21.00"), 21);
  assertSame(parseDecimal("9"), 9);
  assertSame(parseDecimal(""), null);
  assertSame(parseDecimal(EN_DASH), null);
  assertSame(parseDecimal("1,234"), null);
  assertSame(parseDecimal("Infinity"), null);
  assertSame(parseDecimal("."), null);
});
