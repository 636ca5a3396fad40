import { equal } from "node:assert/strict";
import { renderPriceMoves } from "./demo_odds.ts";

Deno.test("renderPriceMoves() lists a runner's moves oldest first in UK time", () => {
  const move = (at: string, price: string) => ({
    race_id: "rac_1",
    horse: "Bird Of War",
    bookmaker: "Bet365",
    changed_at: new Date(at),
    odds_fractional: price,
  });
  equal(
    renderPriceMoves([move("2025-06-14T13:55:00Z", "9/2"), move("2025-06-14T13:40:20Z", "5/1")]),
    [
      "  Bird Of War in rac_1 at Bet365 (UK time, latest 2):",
      "    14:40:20  5/1",
      "    14:55:00  9/2",
    ].join("\n"),
  );
  equal(renderPriceMoves([]), "  no price changes stored yet");
});
