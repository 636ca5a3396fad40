import { strictEqual as assertSame } from "node:assert/strict";
import {
  furlongsToYards,
  parseBeatenDistance,
  parseDistanceYards,
  parseFurlongs,
  parseMetres,
  parseYards,
} from "./distances.ts";

const EN_DASH = "\u2013";

Deno.test("parseBeatenDistance() reads decimals, leading dots and fraction glyphs", () => {
  assertSame(parseBeatenDistance("0"), 0);
  assertSame(parseBeatenDistance(".5"), 0.5);
  assertSame(parseBeatenDistance(".75"), 0.75);
  assertSame(parseBeatenDistance("1.5"), 1.5);
  assertSame(parseBeatenDistance("12"), 12);
  assertSame(parseBeatenDistance("1½"), 1.5);
  assertSame(parseBeatenDistance("2¾"), 2.75);
  assertSame(parseBeatenDistance("½"), 0.5);
  assertSame(parseBeatenDistance("¼"), 0.25);
  assertSame(parseBeatenDistance("3L"), 3);
});

Deno.test("parseBeatenDistance() maps margin words to the documented lengths", () => {
  assertSame(parseBeatenDistance("nse"), 0.05);
  assertSame(parseBeatenDistance("shd"), 0.1);
  assertSame(parseBeatenDistance("sht-hd"), 0.1);
  assertSame(parseBeatenDistance("hd"), 0.2);
  assertSame(parseBeatenDistance("snk"), 0.25);
  assertSame(parseBeatenDistance("nk"), 0.3);
  assertSame(parseBeatenDistance("NK"), 0.3);
  assertSame(parseBeatenDistance("dht"), 0);
  assertSame(parseBeatenDistance("dist"), 30);
});

Deno.test("parseBeatenDistance() gives null for non-finishers and unknown words", () => {
  assertSame(parseBeatenDistance("-"), null);
  assertSame(parseBeatenDistance(EN_DASH), null);
  assertSame(parseBeatenDistance(""), null);
  assertSame(parseBeatenDistance("miles"), null);
  assertSame(parseBeatenDistance("-1"), null);
});

Deno.test("parseFurlongs() reads furlongs with or without the 'f' suffix", () => {
  assertSame(parseFurlongs("8.5f"), 8.5);
  assertSame(parseFurlongs("16.5f"), 16.5);
  assertSame(parseFurlongs("11f"), 11);
  assertSame(parseFurlongs("8.0"), 8);
  assertSame(parseFurlongs("16"), 16);
  assertSame(parseFurlongs(""), null);
  assertSame(parseFurlongs("1m"), null);
});

Deno.test("parseYards() and parseMetres() read one unit each", () => {
  assertSame(parseYards("1773"), 1773);
  assertSame(parseYards("3471"), 3471);
  assertSame(parseYards("1773.5"), null);
  assertSame(parseYards(""), null);
  assertSame(parseMetres("2400.0"), 2400);
  assertSame(parseMetres("2212"), 2212);
  assertSame(parseMetres(""), null);
  assertSame(parseMetres("-5"), null);
});

Deno.test("furlongsToYards() and parseDistanceYards() convert to whole yards", () => {
  assertSame(furlongsToYards(8), 1760);
  assertSame(furlongsToYards(8.5), 1870);
  assertSame(parseDistanceYards("2m6f31y"), 4871);
  assertSame(parseDistanceYards("6f210y"), 1530);
  assertSame(parseDistanceYards("1m"), 1760);
  assertSame(parseDistanceYards("1m½f"), 1870);
  assertSame(parseDistanceYards("7½f"), 1650);
  assertSame(parseDistanceYards("1m53y"), 1813);
  assertSame(parseDistanceYards("f"), null);
  assertSame(parseDistanceYards(""), null);
  assertSame(parseDistanceYards("a mile"), null);
});
