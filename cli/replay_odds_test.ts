import { deepEqual, equal } from "node:assert/strict";
import { startSimulator } from "../dev/simulator/server.ts";
import { dryRunDocument, replayPayload } from "./replay.ts";

const PROJECT_ROOT = new URL("..", import.meta.url).pathname;

/** The acceptance list's prices, on one runner of a real simulated page. */
const ITEMS = [
  ["Bet365", "22/1", "23", "3", "5"],
  ["Betfair Exchange", "28", "28", "", ""],
  ["Coral", "-", "-", "", ""],
  ["Tote", "SP", "0", "3", "5"],
].map(([bookmaker, fractional, decimal, ew_places, ew_denom]) => ({
  bookmaker,
  fractional,
  decimal,
  ew_places,
  ew_denom,
  updated: "2025-10-13 14:11:07",
  history: [],
}));

Deno.test("replaying a Pro racecards page gives one live row per runner and book, with the API's values", async () => {
  const sim = await startSimulator({ rateScale: 0, now: () => new Date("2025-10-13T10:00:00Z") });
  let page: {
    racecards: {
      race_id: string;
      region: string;
      runners: { horse_id: string; odds: unknown[] }[];
    }[];
  };
  try {
    const response = await fetch(`${sim.baseUrl}/v1/racecards/pro?date=2025-10-13`, {
      headers: { authorization: `Basic ${btoa("demo:demo")}` },
    });
    page = await response.json();
  } finally {
    await sim.close();
  }
  const home = page.racecards.filter((card) => card.region === "GB" || card.region === "IRE");
  const card = home[0]!;
  const runner = card.runners.find((r) => r.odds.length > 0)!;
  runner.odds = ITEMS;
  const expected = home.reduce(
    (n, c) => n + c.runners.reduce((m, r) => m + r.odds.length, 0),
    0,
  );
  const outcome = replayPayload("racecards", page, { regions: ["gb", "ire"] });
  equal(outcome.odds.prices.length, expected, "one live row per runner and book of GB/IRE cards");
  const mine = outcome.odds.prices.filter((p) =>
    p.horse_id === runner.horse_id && p.race_id === card.race_id
  );
  const row = {
    race_id: card.race_id,
    horse_id: runner.horse_id,
    changed_at: "2025-10-13T13:11:07.000Z",
  };
  deepEqual(
    mine,
    [
      {
        ...row,
        bookmaker: "Bet365",
        odds_decimal: 23,
        odds_fractional: "22/1",
        is_sp: false,
        ew_places: 3,
        ew_denom: 5,
      },
      {
        ...row,
        bookmaker: "Betfair Exchange",
        odds_decimal: 28,
        odds_fractional: "28",
        is_sp: false,
        ew_places: null,
        ew_denom: null,
      },
      {
        ...row,
        bookmaker: "Coral",
        odds_decimal: null,
        odds_fractional: "-",
        is_sp: false,
        ew_places: null,
        ew_denom: null,
      },
      {
        ...row,
        bookmaker: "Tote",
        odds_decimal: null,
        odds_fractional: "SP",
        is_sp: true,
        ew_places: 3,
        ew_denom: 5,
      },
    ],
  );
  const tables = dryRunDocument(outcome).tables as Record<string, unknown[]>;
  equal(tables.ra_odds_live?.length, expected);
  equal(tables.ra_mst_races?.length, home.length);
});

Deno.test("replay --kind odds --dry-run prints a runner's prices and movements", async () => {
  const dir = await Deno.makeTempDir({ prefix: "replay_odds_" });
  try {
    const file = `${dir}/odds.json`;
    await Deno.writeTextFile(
      file,
      JSON.stringify({
        race_id: "rac_1",
        horse_id: "hrs_1",
        horse: "Bird Of War",
        odds: [{
          bookmaker: "Bet Victor",
          fractional: "5/1",
          decimal: "6",
          ew_places: "3",
          ew_denom: "5",
          updated: "2025-04-22 13:40:00",
          history: [
            { changed_at: "2025-04-22T13:34:00+01:00", decimal: "6.5", fractional: "11/2" },
            { changed_at: "2025-04-22T13:40:00+01:00", decimal: "6", fractional: "5/1" },
          ],
        }],
      }),
    );
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "cli/replay.ts", "--kind", "odds", "--file", file, "--dry-run"],
      cwd: PROJECT_ROOT,
      env: { NO_COLOR: "1" },
    }).output();
    equal(output.code, 0, new TextDecoder().decode(output.stderr));
    const document = JSON.parse(new TextDecoder().decode(output.stdout));
    deepEqual(document.tables.ra_odds_live.map((r: { changed_at: string }) => r.changed_at), [
      "2025-04-22T12:40:00.000Z",
    ]);
    deepEqual(
      document.tables.ra_odds_history.map((
        r: { changed_at: string; odds_decimal: number },
      ) => [r.changed_at, r.odds_decimal]),
      [["2025-04-22T12:34:00.000Z", 6.5], ["2025-04-22T12:40:00.000Z", 6]],
    );
    await Deno.writeTextFile(file, JSON.stringify({ race_id: "rac_1", odds: [] }));
    const bad = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "cli/replay.ts", "--kind", "odds", "--file", file, "--dry-run"],
      cwd: PROJECT_ROOT,
      env: { NO_COLOR: "1" },
    }).output();
    equal(bad.code, 1);
    equal(
      new TextDecoder().decode(bad.stderr).trim(),
      "Cannot replay the odds payload: race_id and horse_id must be strings",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
