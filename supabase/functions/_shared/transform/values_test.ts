import { deepStrictEqual as assertEquals, strictEqual as assertSame } from "node:assert/strict";
import {
  ancestorHorseId,
  blankToNull,
  furlongsToYards,
  NON_FINISH_CODES,
  parseBeatenDistance,
  parseDate,
  parseDecimal,
  parseDecimalOdds,
  parseDistanceYards,
  parseDraw,
  parseFractionalOdds,
  parseFurlongs,
  parseInteger,
  parseJockeyName,
  parseLastRunDays,
  parseMetres,
  parseMoney,
  parseMoneyList,
  parseOddsUpdated,
  parseOffDt,
  parsePosition,
  parseRaceTime,
  parseRating,
  parseRunnerNumber,
  parseWeightLbs,
  parseWinningTimeDetail,
  parseYards,
  splitHorseName,
  stripRegionSuffix,
  ukDateOf,
} from "./values.ts";

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

Deno.test("parseRating() reads ratings; racecard '-' and result '–' mean unrated", () => {
  assertSame(parseRating("118"), 118);
  assertSame(parseRating("-"), null);
  assertSame(parseRating(EN_DASH), null);
  assertSame(parseRating(""), null);
});

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

Deno.test("parseOffDt() converts a BST off_dt to UTC (the '1:30' race is 12:30 UTC)", () => {
  // off_time "1:30" would read as 01:30; off_dt is the only source of the time.
  assertSame(parseOffDt("2025-10-07T13:30:00+01:00"), "2025-10-07T12:30:00.000Z");
  assertSame(parseOffDt("2025-10-13T20:10:00+01:00"), "2025-10-13T19:10:00.000Z");
});

Deno.test("parseOffDt() keeps a winter GMT off_dt at the same clock time", () => {
  assertSame(parseOffDt("2025-01-07T13:30:00+00:00"), "2025-01-07T13:30:00.000Z");
  assertSame(parseOffDt("2026-01-11T05:00:00+00:00"), "2026-01-11T05:00:00.000Z");
});

Deno.test("parseOffDt() crosses midnight and accepts Z, fractions and compact offsets", () => {
  assertSame(parseOffDt("2025-06-01T00:15:00+01:00"), "2025-05-31T23:15:00.000Z");
  assertSame(parseOffDt("2025-06-01T10:00:00Z"), "2025-06-01T10:00:00.000Z");
  assertSame(parseOffDt("2025-06-01T10:00:00.250+0100"), "2025-06-01T09:00:00.250Z");
  assertSame(parseOffDt("2025-06-01T10:00-04:00"), "2025-06-01T14:00:00.000Z");
});

Deno.test("parseOffDt() rejects blanks, missing offsets and impossible dates", () => {
  assertSame(parseOffDt(""), null);
  assertSame(parseOffDt(null), null);
  assertSame(parseOffDt("1:30"), null);
  assertSame(parseOffDt("2025-10-07T13:30:00"), null);
  assertSame(parseOffDt("2025-02-30T13:30:00+00:00"), null);
  assertSame(parseOffDt("2025-10-07T25:30:00+00:00"), null);
  assertSame(parseOffDt("2025-10-07 13:30:00+01:00"), null);
});

Deno.test("parseOffDt() agrees with Date#toISOString across leap years and centuries", () => {
  // Steps of 37h 13m 7.123s from 1899 to 2101 visit every month, leap day and hour.
  const step = 37 * 3_600_000 + 13 * 60_000 + 7_123;
  for (let t = Date.UTC(1899, 0, 1); t < Date.UTC(2101, 0, 1); t += step) {
    const iso = new Date(t).toISOString();
    assertSame(parseOffDt(iso), iso);
  }
  assertSame(parseOffDt("2000-02-29T23:59:59.999+00:00"), "2000-02-29T23:59:59.999Z");
  assertSame(parseOffDt("2024-03-01T00:30:00+01:00"), "2024-02-29T23:30:00.000Z");
});

Deno.test("ukDateOf() gives the Europe/London date of an instant", () => {
  assertSame(ukDateOf("2025-05-31T23:15:00.000Z"), "2025-06-01");
  assertSame(ukDateOf("2025-01-31T23:15:00.000Z"), "2025-01-31");
  assertSame(ukDateOf("2025-10-07T12:30:00.000Z"), "2025-10-07");
  assertSame(ukDateOf("not a date"), null);
});

Deno.test("parseDate() validates YYYY-MM-DD calendar dates", () => {
  assertSame(parseDate("2025-10-14"), "2025-10-14");
  assertSame(parseDate("2024-02-29"), "2024-02-29");
  assertSame(parseDate("2025-02-29"), null);
  assertSame(parseDate("2025-13-01"), null);
  assertSame(parseDate("14/10/2025"), null);
  assertSame(parseDate(""), null);
  assertSame(parseDate(null), null);
});

Deno.test("parseOddsUpdated() reads zone-less odds times as London wall time", () => {
  assertSame(parseOddsUpdated("2025-10-14 13:43:08"), "2025-10-14T12:43:08.000Z");
  assertSame(parseOddsUpdated("2025-01-14 13:43:08"), "2025-01-14T13:43:08.000Z");
  assertSame(parseOddsUpdated("2023-05-02 12:36:43"), "2023-05-02T11:36:43.000Z");
  assertSame(parseOddsUpdated(""), null);
  assertSame(parseOddsUpdated("2025-10-14"), null);
  assertSame(parseOddsUpdated("2025-10-14 24:00:00"), null);
});

Deno.test("parseOddsUpdated() gives the same answer when a timestamp repeats", () => {
  const first = parseOddsUpdated("2025-07-01 09:00:00");
  assertSame(first, "2025-07-01T08:00:00.000Z");
  assertSame(parseOddsUpdated("2025-07-01 09:00:00"), first);
  assertSame(parseOddsUpdated(" 2025-07-01 09:00:00 "), first);
});

Deno.test("parseOddsUpdated() handles the clock changes of 2025", () => {
  // Spring forward 2025-03-30 01:00 UTC: 00:30 is GMT, 02:30 is BST, 01:30 does not exist.
  assertSame(parseOddsUpdated("2025-03-30 00:30:00"), "2025-03-30T00:30:00.000Z");
  assertSame(parseOddsUpdated("2025-03-30 02:30:00"), "2025-03-30T01:30:00.000Z");
  assertSame(parseOddsUpdated("2025-03-30 01:30:00"), "2025-03-30T01:30:00.000Z");
  // Fall back 2025-10-26 01:00 UTC: 00:30 is BST, 01:30 happens twice (GMT reading taken).
  assertSame(parseOddsUpdated("2025-10-26 00:30:00"), "2025-10-25T23:30:00.000Z");
  assertSame(parseOddsUpdated("2025-10-26 01:30:00"), "2025-10-26T01:30:00.000Z");
  assertSame(parseOddsUpdated("2025-10-26 02:30:00"), "2025-10-26T02:30:00.000Z");
});

Deno.test("parseRaceTime() reads m:ss.ss, the zero-less m:s.ss and plain seconds", () => {
  assertSame(parseRaceTime("1:12.34"), 72.34);
  assertSame(parseRaceTime("3:7.64"), 187.64);
  assertSame(parseRaceTime("2:19.97"), 139.97);
  assertSame(parseRaceTime("1:43.25"), 103.25);
  assertSame(parseRaceTime("57.74"), 57.74);
  assertSame(parseRaceTime("57.74s"), 57.74);
  assertSame(parseRaceTime("2m 19.97s"), 139.97);
  assertSame(parseRaceTime("-"), null);
  assertSame(parseRaceTime(""), null);
  assertSame(parseRaceTime("1:75.00"), null);
  assertSame(parseRaceTime("fast"), null);
});

Deno.test("parseWinningTimeDetail() takes the time before the bracket", () => {
  assertSame(parseWinningTimeDetail("2m 19.97s (slow by 2.07s)"), 139.97);
  assertSame(parseWinningTimeDetail("1m 27.65s (slow by 3.35s)"), 87.65);
  assertSame(parseWinningTimeDetail("57.74s (slow by 0.24s)"), 57.74);
  assertSame(parseWinningTimeDetail("4m 3.1s"), 243.1);
  assertSame(parseWinningTimeDetail(""), null);
  assertSame(parseWinningTimeDetail(null), null);
});

Deno.test("parsePosition() separates places from non-finishing codes", () => {
  assertEquals(parsePosition("1"), { position: 1, outcome: null });
  assertEquals(parsePosition("12"), { position: 12, outcome: null });
  assertEquals(parsePosition("1="), { position: 1, outcome: null });
  assertEquals(parsePosition("PU"), { position: null, outcome: "PU" });
  assertEquals(parsePosition("UR"), { position: null, outcome: "UR" });
  assertEquals(parsePosition("f"), { position: null, outcome: "F" });
  assertEquals(parsePosition("DSQ"), { position: null, outcome: "DSQ" });
  assertEquals(parsePosition(""), { position: null, outcome: null });
  assertEquals(parsePosition("VOID?"), { position: null, outcome: "VOID?" });
});

Deno.test("parsePosition() knows every documented non-finishing code", () => {
  const codes = ["PU", "UR", "F", "BD", "RO", "SU", "DSQ", "RR", "NR", "CO", "REF", "LFT", "DNF"];
  for (const code of codes) {
    assertSame(NON_FINISH_CODES.has(code), true, code);
    assertEquals(parsePosition(code), { position: null, outcome: code });
  }
});

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

Deno.test("parseJockeyName() splits the claim and drops non-runner placeholders", () => {
  assertEquals(parseJockeyName("Joe Williamson(5)"), { name: "Joe Williamson", claim_lbs: 5 });
  assertEquals(parseJockeyName("Rose Dawes (7)"), { name: "Rose Dawes", claim_lbs: 7 });
  assertEquals(parseJockeyName("Hollie Doyle"), { name: "Hollie Doyle", claim_lbs: null });
  assertEquals(parseJockeyName(""), { name: null, claim_lbs: null });
  assertEquals(parseJockeyName("NON-RUNNER"), { name: null, claim_lbs: null });
  assertEquals(parseJockeyName("NON-RUNNER(5)"), { name: null, claim_lbs: null });
});

Deno.test("splitHorseName() splits the country suffix results add to names", () => {
  assertEquals(splitHorseName("Create (IRE)"), { name: "Create", country: "IRE" });
  assertEquals(splitHorseName("Veraison (IRE)"), { name: "Veraison", country: "IRE" });
  assertEquals(splitHorseName("Zapata I (IRE)"), { name: "Zapata I", country: "IRE" });
  assertEquals(splitHorseName("Up In Time (GB)"), { name: "Up In Time", country: "GB" });
  assertEquals(splitHorseName("Seneque"), { name: "Seneque", country: null });
  assertEquals(splitHorseName(" Seneque "), { name: "Seneque", country: null });
});

Deno.test("stripRegionSuffix() strips the region from result course names, never (AW)", () => {
  assertSame(stripRegionSuffix("Dundalk (AW) (IRE)"), "Dundalk (AW)");
  assertSame(stripRegionSuffix("Dundalk (AW) (IRE)", "IRE"), "Dundalk (AW)");
  assertSame(stripRegionSuffix("Kempton (AW)"), "Kempton (AW)");
  assertSame(stripRegionSuffix("Kempton (AW)", "GB"), "Kempton (AW)");
  assertSame(stripRegionSuffix("Ballinrobe (IRE)"), "Ballinrobe");
  assertSame(stripRegionSuffix("Caulfield (AUS)", "AUS"), "Caulfield");
  assertSame(stripRegionSuffix("Caulfield (AUS)", "GB"), "Caulfield (AUS)");
  assertSame(stripRegionSuffix("Newmarket (July)"), "Newmarket (July)");
  assertSame(stripRegionSuffix("Ascot"), "Ascot");
});

Deno.test("ancestorHorseId() swaps sire, dam and damsire prefixes for hrs_", () => {
  assertSame(ancestorHorseId("sir_6319173"), "hrs_6319173");
  assertSame(ancestorHorseId("dam_20006056"), "hrs_20006056");
  assertSame(ancestorHorseId("dsi_6014925"), "hrs_6014925");
  assertSame(ancestorHorseId("hrs_57816129"), "hrs_57816129");
  assertSame(ancestorHorseId(""), null);
  assertSame(ancestorHorseId("jky_1"), null);
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

Deno.test("parseWeightLbs() converts stones-pounds to pounds", () => {
  assertSame(parseWeightLbs("9-7"), 133);
  assertSame(parseWeightLbs("9-5"), 131);
  assertSame(parseWeightLbs("10-0"), 140);
  assertSame(parseWeightLbs("9-14"), null);
  assertSame(parseWeightLbs("133"), null);
  assertSame(parseWeightLbs(""), null);
});

Deno.test("parseLastRunDays() takes the leading integer or null", () => {
  assertSame(parseLastRunDays("95"), 95);
  assertSame(parseLastRunDays("128 (9F)"), 128);
  assertSame(parseLastRunDays("(32F)"), null);
  assertSame(parseLastRunDays(""), null);
});

Deno.test("parseDraw() keeps the API's 0 and maps blanks to null", () => {
  assertSame(parseDraw("3"), 3);
  assertSame(parseDraw("0"), 0);
  assertSame(parseDraw(""), null);
});

Deno.test("parseRunnerNumber() flags NR as a non-runner", () => {
  assertEquals(parseRunnerNumber("7"), { number: 7, non_runner: false });
  assertEquals(parseRunnerNumber("NR"), { number: null, non_runner: true });
  assertEquals(parseRunnerNumber(""), { number: null, non_runner: false });
});
