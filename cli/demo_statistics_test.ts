import assert from "node:assert/strict";
import { renderTopJockeys } from "./demo_statistics.ts";

Deno.test("renderTopJockeys() prints the SQL's figures as they are, and says when none qualify", () => {
  assert.equal(
    renderTopJockeys([{
      name: "A Jockey",
      runs: 12,
      wins: 4,
      win_percent: "33.33",
      ae_index: "1.67",
      profit_loss_1u: "9.50",
    }]),
    "  jockey                   runs wins  win %   A/E     P/L\n" +
      "  A Jockey                   12    4  33.33  1.67    9.50",
  );
  assert.equal(renderTopJockeys([]), "  no jockey has 10 runs with an SP yet");
  assert.equal(renderTopJockeys([], "sire"), "  no sire has 10 runs with an SP yet");
});
