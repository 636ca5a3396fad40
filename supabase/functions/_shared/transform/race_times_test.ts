import { strictEqual as assertSame } from "node:assert/strict";
import { parseRaceTime, parseWinningTimeDetail } from "./race_times.ts";

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
