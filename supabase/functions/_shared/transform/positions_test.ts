import { deepStrictEqual as assertEquals, strictEqual as assertSame } from "node:assert/strict";
import { NON_FINISH_CODES, parsePosition } from "./positions.ts";

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
