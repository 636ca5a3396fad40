import assert from "node:assert/strict";
import { createComponentValidator } from "./openapi_schemas.ts";
import { startSimulator } from "./server.ts";
import { getFrom } from "./sim_test_client.ts";

// "Today" is 2025-06-15 at 21:00 UK: that day's results are all in, tomorrow is declared and
// the week ahead shows big-race entries.
const NOW = "2025-06-15T20:00:00Z";

// 30 racecard dates (plus six entry dates) over three years and both seasons (winter jumps, summer flat, AW, Christmas).
const CARD_DATES = [
  "2023-01-28",
  "2023-03-11",
  "2023-04-22",
  "2023-05-27",
  "2023-06-20",
  "2023-07-29",
  "2023-08-15",
  "2023-09-16",
  "2023-10-21",
  "2023-11-25",
  "2023-12-26",
  "2024-01-13",
  "2024-02-24",
  "2024-03-12",
  "2024-04-13",
  "2024-05-04",
  "2024-06-18",
  "2024-07-27",
  "2024-08-31",
  "2024-09-14",
  "2024-10-05",
  "2024-11-16",
  "2024-12-07",
  "2025-01-01",
  "2025-02-15",
  "2025-03-15",
  "2025-04-12",
  "2025-05-03",
  "2025-06-15",
  "2025-06-16",
];
// The week ahead shows only big-race entries.
const ENTRY_DATES = [
  "2025-06-17",
  "2025-06-18",
  "2025-06-19",
  "2025-06-20",
  "2025-06-21",
  "2025-06-22",
];
// Older results (historical add-on) in other seasons and years.
const RESULT_ONLY_DATES = ["2016-03-10", "2019-12-26", "2021-07-31"];

Deno.test("every served endpoint conforms to the vendor's component schemas", async () => {
  const validate = createComponentValidator({ strict: true });
  const sim = await startSimulator({
    seed: 42,
    rateScale: Infinity,
    historicalAddon: true,
    now: () => new Date(NOW),
  });
  const violations: string[] = [];
  let checked = 0;
  const check = async (path: string, schema: string, many = false): Promise<unknown> => {
    const answer = await getFrom(sim.baseUrl, path);
    if (answer.status !== 200) {
      violations.push(`${path}: status ${answer.status}`);
      return undefined;
    }
    const body = JSON.parse(answer.text);
    const items = many ? body as unknown[] : [body];
    for (const item of items) {
      for (const v of validate(schema, item)) violations.push(`${path}: ${v}`);
    }
    checked++;
    return body;
  };
  const horseIds = new Set<string>();
  try {
    await check("/v1/courses/regions", "Region", true);
    await check("/v1/courses", "CoursesPage");
    await check("/v1/courses?region_codes=gb&region_codes=ire", "CoursesPage");

    let entries = 0;
    for (const date of ENTRY_DATES) {
      const page = await check(`/v1/racecards/pro?date=${date}`, "RacecardsOddsProPage") as {
        total: number;
      };
      entries += page.total;
    }
    assert.ok(entries > 0, "no big-race entries in the week ahead");

    for (const date of CARD_DATES) {
      const page = await check(`/v1/racecards/pro?date=${date}`, "RacecardsOddsProPage") as {
        racecards: {
          race_id: string;
          runners: { horse_id: string; sire_id: string; dam_id: string; damsire_id: string }[];
        }[];
        total: number;
      };
      assert.ok(page.total > 0, `no racecards on ${date}`);
      await check(
        `/v1/racecards/pro?date=${date}&region_codes=gb&region_codes=ire&limit=5&skip=2`,
        "RacecardsOddsProPage",
      );
      const card = page.racecards[page.total > 3 ? 3 : 0];
      if (card) {
        await check(`/v1/racecards/${card.race_id}/pro`, "RacecardOddsPro");
        const runner = card.runners[0];
        if (runner) {
          horseIds.add(runner.horse_id);
          for (const id of [runner.sire_id, runner.dam_id, runner.damsire_id]) {
            if (id) horseIds.add(`hrs_${id.slice(4)}`);
          }
        }
      }
    }

    for (const date of [...CARD_DATES.filter((d) => d <= "2025-06-15"), ...RESULT_ONLY_DATES]) {
      let skip = 0;
      let total = Infinity;
      let first: string | undefined;
      while (skip < total) {
        const page = await check(
          `/v1/results?start_date=${date}&end_date=${date}&limit=100&skip=${skip}`,
          "ResultsStandardPage",
        ) as { results: { race_id: string }[]; total: number };
        total = page.total;
        first ??= page.results[0]?.race_id;
        skip += page.results.length || 1;
      }
      assert.ok(total > 0, `no results on ${date}`);
      if (first) await check(`/v1/results/${first}`, "ResultStandard");
    }
    await check("/v1/results", "ResultsStandardPage");
    await check("/v1/results?region=gb&type=chase&going=soft&limit=20", "ResultsStandardPage");

    for (const id of [...horseIds].slice(0, 24)) {
      await check(`/v1/horses/${id}/standard`, "Horse");
      const pro = await getFrom(sim.baseUrl, `/v1/horses/${id}/pro`);
      if (pro.status === 200) {
        for (const v of validate("HorsePro", JSON.parse(pro.text))) {
          violations.push(`pro ${id}: ${v}`);
        }
        checked++;
      } else assert.equal(pro.status, 404);
    }

    await check("/v1/horses/search?name=silver", "Horses");
    await check("/v1/jockeys/search?name=an", "Jockeys");
    await check("/v1/trainers/search?name=mc", "Trainers");
    await check("/v1/owners/search?name=racing", "Owners");
    await check("/v1/sires/search?name=a", "Sires");
    await check("/v1/dams/search?name=rose", "Dams");
    await check("/v1/damsires/search?name=e", "Damsires");

    for (const path of ["/v1/results?limit=101", "/v1/racecards/pro?skip=501", "/v1/dams/search"]) {
      const answer = await getFrom(sim.baseUrl, path);
      assert.equal(answer.status, 422, path);
      for (const v of validate("HTTPValidationError", JSON.parse(answer.text))) {
        violations.push(`${path}: ${v}`);
      }
      checked++;
    }
  } finally {
    await sim.close();
  }
  assert.deepEqual(violations.slice(0, 20), []);
  assert.ok(checked > 120, `only ${checked} bodies checked`);
});

Deno.test("strict validation rejects an undeclared field and a number where a string is due", () => {
  const validate = createComponentValidator({ strict: true });
  assert.deepEqual(validate("Region", { region: "Ireland", region_code: "ire" }), []);
  assert.equal(validate("Region", { region: "Ireland", region_code: "ire", extra: "x" }).length, 1);
  assert.equal(validate("Region", { region: "Ireland", region_code: 7 }).length, 1);
});
