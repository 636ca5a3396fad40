import assert from "node:assert/strict";
import {
  formatBookFraction,
  formatCardPrize,
  formatDecimalPrice,
  formatExactDistance,
  formatLengths,
  formatRaceTime,
  formatResultFurlongs,
  formatResultPrize,
  formatRoundDistance,
  formatSpFraction,
  formatTote,
  formatWeight,
  formatWinningTimeDetail,
  FRACTIONS,
  nearestFractionIndex,
  roundedFurlongs,
  snapMargin,
} from "./racing_formats.ts";

Deno.test("money: card prizes with separators, GB result prizes plain, others with a symbol", () => {
  assert.equal(formatCardPrize(12851, "£"), "£12,851");
  assert.equal(formatCardPrize(5900, "€"), "€5,900");
  assert.equal(formatCardPrize(283550, "£"), "£283,550");
  assert.equal(formatResultPrize(3245.08, "£"), "3245.08");
  assert.equal(formatResultPrize(28355, "£"), "28355");
  assert.equal(formatResultPrize(5900, "€"), "€5900");
  assert.equal(formatTote(9.5, "£"), "£9.50");
  assert.equal(formatTote(49, "£"), "£49");
  assert.equal(formatTote(1.1, "€"), "€1.10");
});

Deno.test("weights, distances and furlongs as the API writes them", () => {
  assert.equal(formatWeight(133), "9-7");
  assert.equal(formatWeight(166), "11-12");
  assert.equal(formatExactDistance(2256), "1m2f56y");
  assert.equal(formatExactDistance(1540), "7f");
  assert.equal(formatExactDistance(3520), "2m");
  assert.equal(formatRoundDistance(8.5), "1m½f");
  assert.equal(formatRoundDistance(22), "2m6f");
  assert.equal(formatRoundDistance(5.5), "5½f");
  assert.equal(roundedFurlongs(5058), 23);
  assert.equal(formatResultFurlongs(23), "23f");
  assert.equal(formatResultFurlongs(8.5), "8.5f");
});

Deno.test("times and margins: unpadded seconds, leading-dot lengths", () => {
  assert.equal(formatRaceTime(72.34), "1:12.34");
  assert.equal(formatRaceTime(187.64), "3:7.64");
  assert.equal(formatRaceTime(57.74), "0:57.74");
  assert.equal(formatWinningTimeDetail(87.65, 84.3), "1m 27.65s (slow by 3.35s)");
  assert.equal(formatWinningTimeDetail(57.74, 57.98), "57.74s (fast by 0.24s)");
  assert.equal(formatLengths(0), "0");
  assert.equal(formatLengths(0.5), ".5");
  assert.equal(formatLengths(0.75), ".75");
  assert.equal(formatLengths(1.75), "1.75");
  assert.equal(snapMargin(0.62), 0.5);
  assert.equal(snapMargin(140), 99);
});

Deno.test("prices: nearest traditional fraction, SP text, bookmaker styles", () => {
  assert.equal(formatSpFraction(nearestFractionIndex(3.25)), "9/4");
  assert.equal(formatSpFraction(nearestFractionIndex(2)), "Evens");
  assert.equal(formatSpFraction(nearestFractionIndex(5)), "4/1");
  assert.equal(formatBookFraction(nearestFractionIndex(5), true), "4");
  assert.equal(formatBookFraction(nearestFractionIndex(5), false), "4/1");
  assert.equal(formatDecimalPrice(6, true), "6.0");
  assert.equal(formatDecimalPrice(6, false), "6");
  assert.equal(formatDecimalPrice(3.75, true), "3.75");
  assert.equal(FRACTIONS.length, new Set(FRACTIONS.map(([n, d]) => n / d)).size);
  for (let i = 1; i < FRACTIONS.length; i++) {
    const [n0, d0] = FRACTIONS[i - 1] as readonly [number, number];
    const [n1, d1] = FRACTIONS[i] as readonly [number, number];
    assert.ok(n1 / d1 > n0 / d0, "fractions run shortest first");
    assert.equal(nearestFractionIndex(n1 / d1 + 1), i);
  }
});
