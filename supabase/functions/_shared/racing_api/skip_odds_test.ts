import assert from "node:assert/strict";
import { startSimulator } from "../../../../dev/simulator/server.ts";
import { parseJsonWithoutOdds, withoutOdds } from "./skip_odds.ts";

/** JSON.parse with every runner's odds emptied: what parseJsonWithoutOdds must return. */
function parsedWithEmptyOdds(text: string): unknown {
  return JSON.parse(text, (key, value) => key === "odds" && Array.isArray(value) ? [] : value);
}

Deno.test("withoutOdds empties odds arrays, history and all, and keeps every other byte", () => {
  const text = '{"racecards":[{"runners":[{"horse":"A","odds":[{"bookmaker":"Bet365",' +
    '"history":[{"decimal":"4"}]},{"bookmaker":"Coral","history":[]}],"form":"1-2"},' +
    '{"horse":"B","odds":[]}]}],"total":1}';
  assert.equal(
    withoutOdds(text),
    '{"racecards":[{"runners":[{"horse":"A","odds":[],"form":"1-2"},{"horse":"B","odds":[]}]}],' +
      '"total":1}',
  );
});

Deno.test("withoutOdds reads brackets and quotes inside strings as text", () => {
  const text = String.raw`{"odds":[{"bookmaker":"Book ] [ \" \\","fractional":"]"}],"x":"[\\"}`;
  assert.deepEqual(parseJsonWithoutOdds(text), { odds: [], x: "[\\" });
});

Deno.test("withoutOdds leaves what is not an odds key alone", () => {
  const cases = [
    // "odds" as a value, as part of a longer key, inside a string, and as a key that ends with
    // an escaped quote.
    '{"market":"odds","x":["odds",1]}',
    '{"xodds":[1,2],"odds_note":"n"}',
    String.raw`{"comment":"see \"odds\":[1] below"}`,
    String.raw`{"\"odds":[1,2]}`,
    // A key written with spaces is parsed in full, odds included.
    '{"odds" : [{"bookmaker":"Coral"}]}',
  ];
  for (const text of cases) {
    assert.equal(withoutOdds(text), text, text);
    assert.deepEqual(parseJsonWithoutOdds(text), JSON.parse(text), text);
  }
});

Deno.test("parseJsonWithoutOdds rejects a body cut inside the odds, like JSON.parse does", () => {
  const whole = '{"runners":[{"odds":[{"bookmaker":"Bet365","history":[]}]}]}';
  for (let cut = 1; cut < whole.length; cut++) {
    assert.throws(() => parseJsonWithoutOdds(whole.slice(0, cut)), SyntaxError, `cut at ${cut}`);
  }
  assert.throws(() => parseJsonWithoutOdds('{"odds":["unterminated]}'), SyntaxError);
});

Deno.test("parseJsonWithoutOdds of simulator Pro pages equals JSON.parse with odds emptied", async () => {
  const simulator = await startSimulator({
    seed: 5,
    plan: "pro",
    username: "u",
    password: "p",
    rateScale: 0,
    now: () => new Date("2025-06-20T21:00:00Z"),
  });
  try {
    // Before and after 2025-03-17, when odds start to carry a price history.
    for (const path of ["/v1/racecards/pro?date=2024-06-15", "/v1/racecards/pro?date=2025-06-14"]) {
      const response = await fetch(`${simulator.baseUrl}${path}`, {
        headers: { authorization: `Basic ${btoa("u:p")}` },
      });
      const text = await response.text();
      assert.equal(response.status, 200);
      assert.ok(text.includes('"bookmaker"'), "the page quotes prices");
      const parsed = parseJsonWithoutOdds(text);
      assert.deepEqual(parsed, parsedWithEmptyOdds(text), path);
      const share = 1 - withoutOdds(text).length / text.length;
      assert.ok(share > 0.5, `the odds are ${Math.round(share * 100)}% of the page`);
    }
  } finally {
    await simulator.close();
  }
});
