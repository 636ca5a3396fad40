import { deepStrictEqual as assertEquals, strictEqual as assertSame } from "node:assert/strict";
import { parseDecimalOdds, parseFractionalOdds } from "./odds.ts";

Deno.test("parseFractionalOdds() converts fractions and strips favourite markers", () => {
  assertEquals(parseFractionalOdds("9/4F"), { decimal: 3.25, favourite: "F" });
  assertEquals(parseFractionalOdds("7/2J"), { decimal: 4.5, favourite: "J" });
  assertEquals(parseFractionalOdds("5/2C"), { decimal: 3.5, favourite: "C" });
  assertEquals(parseFractionalOdds("17/2"), { decimal: 9.5, favourite: null });
  assertEquals(parseFractionalOdds("11/4"), { decimal: 3.75, favourite: null });
  assertEquals(parseFractionalOdds("134/10"), { decimal: 14.4, favourite: null });
  assertEquals(parseFractionalOdds("100/30"), { decimal: 4.33, favourite: null });
  assertEquals(parseFractionalOdds("10/3"), { decimal: 4.33, favourite: null });
  assertEquals(parseFractionalOdds("1/40"), { decimal: 1.03, favourite: null });
  assertEquals(parseFractionalOdds("8/13"), { decimal: 1.62, favourite: null });
});

Deno.test("parseFractionalOdds() reads Evens, whole numbers and exchange decimals", () => {
  assertEquals(parseFractionalOdds("Evens"), { decimal: 2, favourite: null });
  assertEquals(parseFractionalOdds("EvensF"), { decimal: 2, favourite: "F" });
  assertEquals(parseFractionalOdds("4"), { decimal: 5, favourite: null });
  assertEquals(parseFractionalOdds("28"), { decimal: 29, favourite: null });
  assertEquals(parseFractionalOdds("7.2"), { decimal: 7.2, favourite: null });
});

Deno.test("parseFractionalOdds() gives null for SP, blanks and nonsense", () => {
  assertSame(parseFractionalOdds("SP"), null);
  assertSame(parseFractionalOdds("-"), null);
  assertSame(parseFractionalOdds(""), null);
  assertSame(parseFractionalOdds(null), null);
  assertSame(parseFractionalOdds("5/0"), null);
  assertSame(parseFractionalOdds("0"), null);
  assertSame(parseFractionalOdds("1.0"), null);
  assertSame(parseFractionalOdds("odds on"), null);
});

Deno.test("parseDecimalOdds() reads decimal prices; '0' with SP and '-' give null", () => {
  assertSame(parseDecimalOdds("3.75"), 3.75);
  assertSame(parseDecimalOdds("4"), 4);
  assertSame(parseDecimalOdds("1.8"), 1.8);
  assertSame(parseDecimalOdds("0"), null);
  assertSame(parseDecimalOdds("-"), null);
  assertSame(parseDecimalOdds(""), null);
});
