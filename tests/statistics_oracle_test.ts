/**
 * The statistics SQL against an oracle (issue 13, build item 4): a simulated month of GB and IRE
 * results is loaded through fetch-results, the statistics are refreshed in full, and for the
 * jockeys, trainers, owners, sires, dams and damsires with most runs the tables are compared with
 * the simulator's analysis endpoints (`/v1/{kind}/{id}/analysis/...`, computed from the results it
 * served) over the same dates.
 */
import assert from "node:assert/strict";
import {
  type AnalysisRow,
  bandOfFurlongs,
  comparedRows,
  compareFigures,
  type OurFigures,
  type PeopleTotals,
  sumRows,
  topRanked,
} from "./support/analysis_oracle.ts";
import { startPipeline } from "./support/pipeline.ts";

const START = "2025-05-01";
const END = "2025-05-31";
const NOW = "2025-06-15T12:00:00Z";
const SPAN = `start_date=${START}&end_date=${END}&region=gb&region=ire`;

Deno.test("statistics agree with the simulator's analysis endpoints on a month of results", async () => {
  await using pipeline = await startPipeline({
    simulator: { seed: 42, rateScale: Infinity, now: () => new Date(NOW) },
    // One invocation loads the month: no CPU or time budget cuts it short.
    env: {
      RA_CPU_BUDGET_MS: "120000",
      RA_BUDGET_MS: "120000",
      RA_LEASE_SECONDS: "300",
    },
  });
  const sql = pipeline.db.sql;
  const started = performance.now();
  const loaded = await pipeline.invoke("fetch-results", {
    mode: "range",
    start_date: START,
    end_date: END,
    wait: true,
  });
  assert.equal(loaded.status, 200, JSON.stringify(loaded.body));
  assert.equal(loaded.body.status, "succeeded", JSON.stringify(loaded.body));
  const [refresh] = await sql<{ status: string }[]>`
    select (r).status from (select ra_private.refresh_statistics(full => true, as_of => ${END}::date) as r) x`;
  assert.equal(refresh!.status, "succeeded");
  // Leakage over the month: every runner's pre-race form counts only runs off strictly earlier.
  const [leaks] = await sql<{ runners: number; leaks: number }[]>`
    select count(*)::int as runners, count(*) filter (where s.horse_runs is distinct from
        (select count(*)::int from ra_private.runs r
         where r.horse_id = s.horse_id and r.off_dt < ra.off_dt)
      or s.jockey_runs is distinct from
        (select count(*)::int from ra_private.runs r
         where r.jockey_id = ru.jockey_id and r.off_dt < ra.off_dt))::int as leaks
    from ra_runner_statistics s
    join ra_mst_runners ru on ru.race_id = s.race_id and ru.horse_id = s.horse_id
    join ra_mst_races ra on ra.id = s.race_id`;
  assert.ok(leaks!.runners > 5_000, `${leaks!.runners} runners with form`);
  assert.equal(leaks!.leaks, 0, "no runner's form counts its own race or a later one");

  const analysis = async (path: string): Promise<Record<string, unknown>> => {
    const response = await fetch(`${pipeline.sim.baseUrl}${path}?${SPAN}`, {
      headers: { authorization: `Basic ${btoa("demo:demo")}` },
    });
    const text = await response.text();
    assert.equal(response.status, 200, `${path}: ${text}`);
    return JSON.parse(text);
  };
  // The sample: the entities with most runs, and every entity of a horse that dead-heated for
  // first (its P/L follows the dead-heat rule: SP / n - 1), in a table of this throwaway database
  // (a temporary one would live on one connection of the pool).
  await sql`
    create table public.oracle_dead_heaters as
    select ru.jockey_id, ru.trainer_id, ru.owner_id, h.sire_id, h.dam_id, h.damsire_id
    from public.ra_mst_runners ru
    join public.ra_mst_horses h on h.id = ru.horse_id
    where ru.position = 1
      and (select count(*) from public.ra_mst_runners w
           where w.race_id = ru.race_id and w.position = 1) > 1`;
  const [deadHeats] = await sql<
    { n: number }[]
  >`select count(*)::integer as n from public.oracle_dead_heaters`;
  assert.ok(deadHeats!.n >= 2, "the month has a dead heat for first");
  console.log(`loaded and refreshed in ${Math.round(performance.now() - started)} ms`);
  const problems: string[] = [];
  const compared: Record<string, number> = {};
  const count = (what: string) => (compared[what] = (compared[what] ?? 0) + 1);

  // People: career totals, and per course and per partner where our tables group the same way.
  const people = [
    ["jockey", "jockeys", "ra_jockey_statistics", "jockey_id"],
    ["trainer", "trainers", "ra_trainer_statistics", "trainer_id"],
    ["owner", "owners", "ra_owner_statistics", "owner_id"],
  ] as const;
  for (const [role, kind, table, key] of people) {
    const sample = await sql<PeopleTotals[]>`
      select ${sql(key)} as id, total_runs, total_wins, total_seconds, total_thirds,
        profit_loss_1u
      from ${sql(table)}
      where ${sql(key)} in (
        select ${sql(key)} from ${sql(table)} order by total_runs desc, ${sql(key)} limit 5)
        or ${sql(key)} in (select ${sql(key)} from public.oracle_dead_heaters)
      order by total_runs desc, ${sql(key)}`;
    for (const ours of sample) {
      const courses = await analysis(`/v1/${kind}/${ours.id}/analysis/courses`);
      const rows = courses["courses"] as AnalysisRow[];
      const total = courses[role === "jockey" ? "total_rides" : "total_runners"] as number;
      problems.push(...sumRows(`${role} ${ours.id}`, ours, total, rows));
      count(`${role} totals`);
      if (role === "owner") continue;

      const venues = await sql<(OurFigures & { course_id: string })[]>`
        select course_id, runs, wins, places, ae_index, profit_loss_1u, win_percent
        from public.ra_performance_by_venue
        where entity_type = ${role} and entity_id = ${ours.id} and going_group = 'all'`;
      problems.push(
        ...compareFigures(
          `${role} ${ours.id} courses`,
          new Map(venues.map((v) => [v.course_id, v])),
          new Map(rows.map((r) => [r["course_id"] as string, r])),
        ),
      );
      count(`${role} courses`);

      const partner = role === "jockey" ? "trainer" : "jockey";
      const pairs = await analysis(`/v1/${kind}/${ours.id}/analysis/${partner}s`);
      const combinations = await sql<(OurFigures & { partner: string })[]>`
        select ${sql(`${partner}_id`)} as partner, runs, wins, places, ae_index, profit_loss_1u,
          win_percent
        from public.ra_entity_combinations where ${sql(key)} = ${ours.id}`;
      // A pair has a row in ra_entity_combinations from 5 runs together (the default threshold).
      const pairRows = (pairs[`${partner}s`] as AnalysisRow[]).filter((r) =>
        (r["rides"] ?? r["runners"]) as number >= 5
      );
      problems.push(
        ...compareFigures(
          `${role} ${ours.id} ${partner}s`,
          new Map(combinations.map((c) => [c.partner, c])),
          new Map(pairRows.map((r) => [r[`${partner}_id`] as string, r])),
        ),
      );
      count(`${role} ${partner}s`);

      const distances = await analysis(`/v1/${kind}/${ours.id}/analysis/distances`);
      const bands = await sql<(OurFigures & { distance_band: string })[]>`
        select distance_band, runs, wins, places, ae_index, profit_loss_1u, win_percent
        from public.ra_performance_by_distance
        where entity_type = ${role} and entity_id = ${ours.id} and going_group = 'all'`;
      problems.push(
        ...compareFigures(
          `${role} ${ours.id} distance bands`,
          new Map(bands.map((b) => [b.distance_band, b])),
          bandRows(distances["distances"] as AnalysisRow[]),
        ),
      );
      count(`${role} distance bands`);
    }
  }

  // Pedigree: progeny totals, the three classes and distance bands with most wins, best class.
  const pedigree = [
    ["sire", "sires", "ra_sire_statistics", "sire_id"],
    ["dam", "dams", "ra_dam_statistics", "dam_id"],
    ["damsire", "damsires", "ra_damsire_statistics", "damsire_id"],
  ] as const;
  for (const [role, kind, table, key] of pedigree) {
    const sample = await sql<(PeopleTotals & Record<string, string | number | null>)[]>`
      select ${sql(key)} as id, total_runs, total_wins, total_seconds, total_thirds,
        profit_loss_1u,
        top_class_1, top_class_1_runs, top_class_1_wins, top_class_1_ae_index,
        top_class_2, top_class_2_runs, top_class_2_wins, top_class_2_ae_index,
        top_class_3, top_class_3_runs, top_class_3_wins, top_class_3_ae_index,
        best_class, best_class_runs, best_class_wins, best_class_ae_index,
        top_distance_1, top_distance_1_runs, top_distance_1_wins,
        top_distance_2, top_distance_2_runs, top_distance_2_wins,
        top_distance_3, top_distance_3_runs, top_distance_3_wins
      from ${sql(table)}
      where ${sql(key)} in (
        select ${sql(key)} from ${sql(table)} order by total_runs desc, ${sql(key)} limit 3)
        or ${sql(key)} in (select ${sql(key)} from public.oracle_dead_heaters)
      order by total_runs desc, ${sql(key)}`;
    for (const ours of sample) {
      const label = `${role} ${ours.id}`;
      const classes = await analysis(`/v1/${kind}/${ours.id}/analysis/classes`);
      const classRows = classes["classes"] as AnalysisRow[];
      problems.push(...sumRows(label, ours, classes["total_runners"] as number, classRows));
      count(`${role} totals`);

      // Ranked by wins (most first), then fewer runs, then the higher class (docs/statistics.md).
      const byClass = new Map(
        classRows.filter((r) => r["class"] !== "").map((r) => [
          Number(String(r["class"]).replace("Class ", "")),
          r,
        ]),
      );
      const topClasses = topRanked(byClass, (a, b) => a - b);
      for (let k = 1; k <= 3; k++) {
        const want = topClasses[k - 1] ?? null;
        const got = ours[`top_class_${k}`] as number | null;
        if (want !== got) problems.push(`${label} top_class_${k}: simulator ${want}, ours ${got}`);
        if (want === null || got === null) continue;
        problems.push(
          ...compareFigures(
            `${label} top_class_${k}`,
            new Map([[String(got), slotFigures(ours, `top_class_${k}`)]]),
            new Map([[String(want), byClass.get(want)!]]),
            { places: false },
          ),
        );
      }
      if (ours.best_class !== null) {
        const row = byClass.get(ours.best_class as number);
        problems.push(
          ...compareFigures(
            `${label} best_class`,
            new Map([[String(ours.best_class), slotFigures(ours, "best_class")]]),
            new Map(row ? [[String(ours.best_class), row]] : []),
            { places: false },
          ),
        );
      }
      count(`${role} classes`);

      const distances = await analysis(`/v1/${kind}/${ours.id}/analysis/distances`);
      const byBand = bandRows(distances["distances"] as AnalysisRow[]);
      const order: string[] = [...BAND_ORDER];
      const topBands = topRanked(byBand, (a, b) => order.indexOf(a) - order.indexOf(b));
      for (let k = 1; k <= 3; k++) {
        const want = topBands[k - 1] ?? null;
        const got = ours[`top_distance_${k}`] as string | null;
        if (want !== got) {
          problems.push(`${label} top_distance_${k}: simulator ${want}, ours ${got}`);
          continue;
        }
        if (want === null) continue;
        const row = byBand.get(want)!;
        const runs = Number(ours[`top_distance_${k}_runs`]);
        const wins = Number(ours[`top_distance_${k}_wins`]);
        if (runs !== row["runners"] || wins !== row["1st"]) {
          problems.push(
            `${label} top_distance_${k} ${want}: simulator ${row["runners"]} runs ${
              row["1st"]
            } wins, ours ${runs} runs ${wins} wins`,
          );
        }
      }
      count(`${role} distance bands`);
    }
  }

  console.log(
    `compared ${comparedRows.count} rows in ${Math.round(performance.now() - started)} ms: ${
      JSON.stringify(compared)
    }`,
  );
  assert.deepEqual(problems, []);
});

/** The distance bands, shortest first (docs/statistics.md). */
const BAND_ORDER = [
  "up to 6f",
  "7f to 1m",
  "1m1f to 1m3f",
  "1m4f to 1m7f",
  "2m to 2m4f",
  "2m5f to 3m",
  "over 3m",
] as const;

/** The figures of one pedigree slot (`top_class_1`, `best_class`, …) as a row of ours. */
function slotFigures(row: Record<string, unknown>, slot: string): OurFigures {
  return {
    runs: Number(row[`${slot}_runs`]),
    wins: Number(row[`${slot}_wins`]),
    places: null,
    ae_index: row[`${slot}_ae_index`] as string | null,
    profit_loss_1u: null,
    win_percent: null,
  };
}

/** The simulator's distance rows summed into our distance bands (A/E kept only when one row). */
function bandRows(rows: AnalysisRow[]): Map<string, AnalysisRow> {
  const bands = new Map<string, AnalysisRow[]>();
  for (const row of rows) {
    const band = bandOfFurlongs(Number.parseFloat(String(row["dist_f"])));
    if (band === null) continue;
    bands.set(band, [...(bands.get(band) ?? []), row]);
  }
  const summed = new Map<string, AnalysisRow>();
  for (const [band, members] of bands) {
    const total: AnalysisRow = { runners: 0, "1st": 0, "2nd": 0, "3rd": 0, "1_pl": 0 };
    for (const row of members) {
      for (const field of ["1st", "2nd", "3rd", "1_pl"]) {
        total[field] = (total[field] as number) + (row[field] as number);
      }
      total["runners"] = (total["runners"] as number) +
        ((row["rides"] ?? row["runners"]) as number);
    }
    // A/E cannot be summed from rounded rows; P/L is summed within the rows' rounding.
    if (members.length === 1) total["a/e"] = members[0]!["a/e"] as number;
    total["pl_rows"] = members.length;
    summed.set(band, total);
  }
  return summed;
}
