import { deepEqual, equal, ok } from "node:assert/strict";
import { startOddsDay } from "./support/odds_day.ts";

// A Saturday in BST: cards from about 12:00 to 21:00 UK time.
const DAY = "2025-06-14";
const MORNING = new Date(`${DAY}T08:30:00Z`);

async function count(day: Awaited<ReturnType<typeof startOddsDay>>, table: string) {
  const [row] = await day.db.sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table}`);
  return row?.n ?? 0;
}

Deno.test("a tick prices every runner of the day's races, and the same prices again write no history", async () => {
  await using day = await startOddsDay(MORNING);
  equal(
    (await day.invoke("fetch-racecards", { mode: "daily", days_ahead: 0, wait: true })).status,
    200,
  );
  const first = await day.invoke("fetch-odds", { mode: "tick", tick_ms: 0, wait: true });
  equal(first.status, 200, JSON.stringify(first.body));
  equal(first.body.status, "succeeded", JSON.stringify(first.body));
  const details = first.body.details as Record<string, number>;
  // Every race was due (never fetched): one day list.
  equal(first.body.api_calls, 1);
  const cards = day.sim.groundTruth(DAY, DAY).racecards.filter((card) =>
    card.region === "GB" || card.region === "IRE"
  );
  const prices = cards.flatMap((card) =>
    card.runners.flatMap((runner) => runner.odds.map((item) => ({ card, runner, item })))
  );
  equal(details.races, cards.length);
  equal(details.prices, prices.length);
  equal(await count(day, "ra_odds_live"), prices.length);
  equal(await count(day, "ra_odds_history"), prices.length);

  // One price, as the card gave it.
  const sample = prices.find((p) => p.item.decimal !== "-" && p.item.fractional !== "SP")!;
  const [live] = await day.db.sql<
    { odds_fractional: string; odds_decimal: string; changed_at: Date }[]
  >`
    select l.odds_fractional, l.odds_decimal::float8::text as odds_decimal, l.changed_at
    from ra_odds_live l join ra_mst_bookmaker_aliases a on a.bookmaker_id = l.bookmaker_id
    where l.race_id = ${sample.card.race_id} and l.horse_id = ${sample.runner.horse_id}
      and a.alias = ${sample.item.bookmaker}`;
  equal(live?.odds_fractional, sample.item.fractional);
  equal(Number(live?.odds_decimal), Number(sample.item.decimal));

  // Fetching the same race again now: prices unchanged, nothing new in the history.
  const again = await day.invoke("fetch-odds", {
    mode: "race",
    race_id: sample.card.race_id,
    wait: true,
  });
  equal(again.status, 200);
  equal((again.body.details as Record<string, number>).changes, 0);
  equal(await count(day, "ra_odds_history"), prices.length);
  const [fetches] = await day.db.sql<{ fetches: number }[]>`
    select fetches from ra_odds_fetches where race_id = ${sample.card.race_id}`;
  equal(fetches?.fetches, 2);
});

Deno.test("ticks after the off do nothing for that race; a tick with nothing due calls nothing", async () => {
  await using day = await startOddsDay(MORNING);
  await day.invoke("fetch-racecards", { mode: "daily", days_ahead: 0, wait: true });
  await day.invoke("fetch-odds", { mode: "tick", tick_ms: 0, wait: true });
  // Straight after: nothing is due for 15 min.
  const idle = await day.invoke("fetch-odds", { mode: "tick", tick_ms: 0, wait: true });
  equal(idle.body.api_calls, 0);
  deepEqual((idle.body.details as Record<string, unknown>).cycles, 0);
  // Late at night every race is off.
  day.clock.setTo(new Date(`${DAY}T22:30:00Z`));
  const night = await day.invoke("fetch-odds", { mode: "tick", tick_ms: 60_000, wait: true });
  equal(night.body.api_calls, 0);
  equal((night.body.details as Record<string, unknown>).stopped_by, "nothing_due");
  ok(await count(day, "ra_odds_live") > 0);
});

Deno.test("fetch-odds refuses a bad body with 400 naming the field", async () => {
  await using day = await startOddsDay(MORNING);
  const bad = await day.invoke("fetch-odds", { mode: "race", race_id: "11745712" });
  equal(bad.status, 400);
  ok(JSON.stringify(bad.body).includes("race_id"), JSON.stringify(bad.body));
  const unknown = await day.invoke("fetch-odds", { mode: "tick", tick_ms: -1 });
  equal(unknown.status, 400);
  ok(JSON.stringify(unknown.body).includes("tick_ms"));
});
