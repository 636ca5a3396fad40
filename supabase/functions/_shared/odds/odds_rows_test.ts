import { deepEqual, throws } from "node:assert/strict";
import { OddsPayloadError, oddsToRows } from "./odds_rows.ts";
import { parseJsonTakingOdds, takenOdds } from "./taken_odds.ts";

const item = (fields: Record<string, unknown>) => ({
  bookmaker: "Bet365",
  fractional: "22/1",
  decimal: "23",
  ew_places: "3",
  ew_denom: "5",
  updated: "2025-10-13 14:11:07",
  history: [],
  ...fields,
});

Deno.test("oddsToRows(): the API's values as the acceptance list gives them", () => {
  const { prices, movements } = oddsToRows([{
    race_id: "rac_1",
    horse_id: "hrs_1",
    items: [
      item({}),
      item({
        bookmaker: "Betfair Exchange",
        fractional: "28",
        decimal: "28",
        ew_places: "",
        ew_denom: "",
      }),
      item({ bookmaker: "Coral", fractional: "-", decimal: "-", ew_places: "", ew_denom: "" }),
      item({ bookmaker: "Tote", fractional: "SP", decimal: "0" }),
      item({
        bookmaker: "Unibet",
        fractional: "4",
        decimal: "5.0",
        updated: "2025-01-13 14:11:07",
      }),
    ],
  }]);
  const row = { race_id: "rac_1", horse_id: "hrs_1" };
  deepEqual(prices, [
    {
      ...row,
      bookmaker: "Bet365",
      odds_decimal: 23,
      odds_fractional: "22/1",
      is_sp: false,
      ew_places: 3,
      ew_denom: 5,
      changed_at: "2025-10-13T13:11:07.000Z",
    },
    {
      ...row,
      bookmaker: "Betfair Exchange",
      odds_decimal: 28,
      odds_fractional: "28",
      is_sp: false,
      ew_places: null,
      ew_denom: null,
      changed_at: "2025-10-13T13:11:07.000Z",
    },
    {
      ...row,
      bookmaker: "Coral",
      odds_decimal: null,
      odds_fractional: "-",
      is_sp: false,
      ew_places: null,
      ew_denom: null,
      changed_at: "2025-10-13T13:11:07.000Z",
    },
    {
      ...row,
      bookmaker: "Tote",
      odds_decimal: null,
      odds_fractional: "SP",
      is_sp: true,
      ew_places: 3,
      ew_denom: 5,
      changed_at: "2025-10-13T13:11:07.000Z",
    },
    // January is GMT: UK local time is UTC.
    {
      ...row,
      bookmaker: "Unibet",
      odds_decimal: 5,
      odds_fractional: "4",
      is_sp: false,
      ew_places: 3,
      ew_denom: 5,
      changed_at: "2025-01-13T14:11:07.000Z",
    },
  ]);
  deepEqual(movements, []);
});

Deno.test("oddsToRows(): movements keep their own times and texts; a bare fraction falls back when no decimal", () => {
  const { prices, movements } = oddsToRows([{
    race_id: "rac_1",
    horse_id: "hrs_1",
    items: [{
      bookmaker: "Bet Victor",
      fractional: null,
      decimal: null,
      ew_places: null,
      ew_denom: null,
      updated: null,
      history: [
        { changed_at: "2025-04-22T13:34:00+01:00", decimal: "6.5", fractional: "11/2" },
        { changed_at: "2025-04-22T13:40:00+01:00", decimal: "", fractional: "5/1" },
      ],
    }],
  }]);
  deepEqual(prices, []);
  deepEqual(movements, [
    {
      race_id: "rac_1",
      horse_id: "hrs_1",
      bookmaker: "Bet Victor",
      changed_at: "2025-04-22T12:34:00.000Z",
      odds_decimal: 6.5,
      odds_fractional: "11/2",
    },
    {
      race_id: "rac_1",
      horse_id: "hrs_1",
      bookmaker: "Bet Victor",
      changed_at: "2025-04-22T12:40:00.000Z",
      odds_decimal: 6,
      odds_fractional: "5/1",
    },
  ]);
});

Deno.test("oddsToRows(): an unreadable item names the runner, the item and the field", () => {
  const runner = (items: unknown[]) => [{ race_id: "rac_1", horse_id: "hrs_2", items }];
  throws(() => oddsToRows(runner([item({ updated: "13/10/2025 14:11" })])), {
    name: "OddsPayloadError",
    message:
      'Cannot read the price at rac_1/hrs_2 odds[0].updated: "13/10/2025 14:11" is not YYYY-MM-DD HH:MM:SS',
  });
  throws(
    () => oddsToRows(runner([item({}), item({ bookmaker: "" })])),
    /odds\[1\]\.bookmaker: missing/,
  );
  throws(
    () => oddsToRows(runner([item({ decimal: 23 })])),
    /odds\[0\]\.decimal: expected a string/,
  );
  throws(
    () => oddsToRows(runner([item({ history: [{ changed_at: "yesterday" }] })])),
    OddsPayloadError,
  );
});

Deno.test("parseJsonTakingOdds(): the card keeps odds: [] and the prices are taken aside", () => {
  const text = JSON.stringify({
    racecards: [{
      race_id: "rac_1",
      runners: [
        { horse_id: "hrs_1", odds: [item({})] },
        { horse_id: "hrs_2", odds: [] },
      ],
    }],
    total: 1,
  });
  const body = parseJsonTakingOdds(text) as { racecards: { runners: { odds: unknown[] }[] }[] };
  deepEqual(body.racecards[0]?.runners.map((r) => r.odds), [[], []]);
  deepEqual(takenOdds(body), [{ race_id: "rac_1", horse_id: "hrs_1", items: [item({})] }]);
  const single = parseJsonTakingOdds(
    JSON.stringify({ race_id: "rac_2", runners: [{ horse_id: "hrs_3", odds: [item({})] }] }),
  );
  deepEqual(takenOdds(single)?.map((r) => r.race_id), ["rac_2"]);
});

Deno.test("parseJsonTakingOdds() with races keeps only their prices; the others are cut before parsing", () => {
  const card = (raceId: string, horseId: string) => ({
    race_id: raceId,
    course: "Ascot",
    runners: [{
      horse_id: horseId,
      horse: 'A "quoted" name',
      odds: [item({}), item({ bookmaker: "Coral" })],
    }],
  });
  const text = JSON.stringify({
    racecards: [card("rac_1", "hrs_1"), card("rac_2", "hrs_2"), card("rac_3", "hrs_3")],
  });
  const body = parseJsonTakingOdds(text, new Set(["rac_2"])) as {
    racecards: { runners: { odds: unknown[] }[] }[];
  };
  deepEqual(body.racecards.map((c) => c.runners[0]?.odds), [[], [], []]);
  deepEqual(takenOdds(body)?.map((r) => [r.race_id, r.horse_id, r.items.length]), [[
    "rac_2",
    "hrs_2",
    2,
  ]]);
});
