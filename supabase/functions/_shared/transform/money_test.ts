import { deepStrictEqual as assertEquals, strictEqual as assertSame } from "node:assert/strict";
import { parseMoney, parseMoneyList } from "./money.ts";

Deno.test("parseMoney() reads race prizes with symbol and thousands separators", () => {
  assertEquals(parseMoney("£12,851"), { amount: 12851, currency: "GBP" });
  assertEquals(parseMoney("£283,550"), { amount: 283550, currency: "GBP" });
  assertEquals(parseMoney("€5,900"), { amount: 5900, currency: "EUR" });
  assertEquals(parseMoney("€5900"), { amount: 5900, currency: "EUR" });
  assertEquals(parseMoney("£9.50"), { amount: 9.5, currency: "GBP" });
  assertEquals(parseMoney("$1,000"), { amount: 1000, currency: "USD" });
});

Deno.test("parseMoney() reads symbol-less GB result prizes in the default currency", () => {
  assertEquals(parseMoney("3245.08", "GBP"), { amount: 3245.08, currency: "GBP" });
  assertEquals(parseMoney("4187.20", "GBP"), { amount: 4187.2, currency: "GBP" });
  assertEquals(parseMoney("28355"), { amount: 28355, currency: null });
  // A symbol wins over the default.
  assertEquals(parseMoney("€5900", "GBP"), { amount: 5900, currency: "EUR" });
});

Deno.test("parseMoney() gives null for blanks and malformed amounts", () => {
  assertSame(parseMoney(""), null);
  assertSame(parseMoney("-"), null);
  assertSame(parseMoney(null), null);
  assertSame(parseMoney("£"), null);
  assertSame(parseMoney("£1.10 £1.80"), null);
  assertSame(parseMoney("free"), null);
});

Deno.test("parseMoneyList() splits a tote place list into amounts", () => {
  assertEquals(parseMoneyList("£2.80 £1.50 £2.20"), [2.8, 1.5, 2.2]);
  assertEquals(parseMoneyList("£1.10  £1.80 £1.20"), [1.1, 1.8, 1.2]);
  assertEquals(parseMoneyList("€8.50"), [8.5]);
  assertSame(parseMoneyList(""), null);
  assertSame(parseMoneyList("£2.80 n/a"), null);
});
