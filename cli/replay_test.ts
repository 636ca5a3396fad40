import {
  deepStrictEqual as assertEquals,
  match as assertMatch,
  notStrictEqual as assertNotSame,
  ok as assert,
  strictEqual as assertSame,
  throws,
} from "node:assert/strict";
import { startSimulator } from "../dev/simulator/server.ts";
import { createTestDatabase } from "../tests/support/db.ts";
import { parseReplayArgs, ReplayUsageError } from "./replay.ts";

const PROJECT_ROOT = new URL("..", import.meta.url).pathname;
const RACE_DATE = "2025-06-14";
/** The simulator's clock: the evening after RACE_DATE's week, so every result exists. */
const SIMULATOR_NOW = "2025-06-20T21:00:00Z";
const HOME = new Set(["GB", "IRE"]);

interface RaceLike {
  race_id: string;
  region: string;
  runners: { horse_id: string }[];
}

interface Saved {
  dir: string;
  files: Record<string, string>;
  /** The payloads as saved, for expected counts. */
  racecards: RaceLike[];
  results: RaceLike[];
  horseId: string;
  courses: { id: string; region_code: string }[];
  regions: unknown[];
}

/** Starts a simulator, saves one answer of every kind to a temp dir, stops the simulator. */
async function saveSimulatorPayloads(): Promise<Saved> {
  const simulator = await startSimulator({
    seed: 5,
    plan: "pro",
    username: "demo",
    password: "demo",
    rateScale: 0,
    now: () => new Date(SIMULATOR_NOW),
  });
  const dir = await Deno.makeTempDir({ prefix: "replay_test_" });
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
  const files: Record<string, string> = {};
  const fetchText = async (path: string) => {
    const response = await fetch(`${simulator.baseUrl}${path}`, {
      headers: { authorization: `Basic ${btoa("demo:demo")}` },
    });
    return { status: response.status, text: await response.text() };
  };
  const get = async (name: string, path: string) => {
    const { status, text } = await fetchText(path);
    assertSame(status, 200, `${path} answered ${status}: ${text.slice(0, 200)}`);
    files[name] = `${dir}/${name}.json`;
    await Deno.writeTextFile(files[name], text);
    return JSON.parse(text);
  };
  try {
    // No region filter in the queries: foreign races come back, and the replay drops them.
    const cardsPage = await get("racecards", `/v1/racecards/pro?date=${RACE_DATE}`);
    const resultsPage = await get(
      "results",
      `/v1/results?start_date=${RACE_DATE}&end_date=${RACE_DATE}&limit=100`,
    );
    const racecards = cardsPage.racecards as RaceLike[];
    const results = resultsPage.results as RaceLike[];
    const homeCard = racecards.find((card) => HOME.has(card.region));
    const homeResult = results.find((result) => HOME.has(result.region));
    assert(homeCard && homeResult, "the simulator served no GB/IRE race on the test date");
    await get("racecard", `/v1/racecards/${homeCard.race_id}/pro`);
    await get("result", `/v1/results/${homeResult.race_id}`);
    // Some horses have no pro profile (404): take the first runner that has one.
    let horseId = "";
    for (const runner of homeResult.runners) {
      if ((await fetchText(`/v1/horses/${runner.horse_id}/pro`)).status !== 200) continue;
      horseId = runner.horse_id;
      break;
    }
    await get("horse", `/v1/horses/${horseId}/pro`);
    await get("horse_standard", `/v1/horses/${horseId}/standard`);
    const courses = await get("courses", "/v1/courses");
    const regions = await get("regions", "/v1/courses/regions");
    return {
      dir,
      files,
      racecards,
      results,
      horseId,
      courses: courses.courses,
      regions,
    };
  } finally {
    await simulator.close();
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function replay(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "cli/replay.ts", ...args],
    cwd: PROJECT_ROOT,
    env: { RA_REGIONS: "gb,ire", NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

interface DryRun {
  tables: Record<string, Record<string, unknown>[]>;
  filtered_out: Record<string, number>;
  drift: string[];
}

async function dryRun(kind: string, file: string, extra: string[] = []): Promise<DryRun> {
  const run = await replay(["--kind", kind, "--file", file, "--dry-run", ...extra]);
  assertSame(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as DryRun;
}

function ids(rows: Record<string, unknown>[] | undefined, column = "id"): string[] {
  return (rows ?? []).map((row) => String(row[column])).sort();
}

function home(races: RaceLike[]): RaceLike[] {
  return races.filter((race) => HOME.has(race.region));
}

function runnerKeys(races: RaceLike[]): string[] {
  return races.flatMap((race) => race.runners.map((r) => `${race.race_id}/${r.horse_id}`)).sort();
}

let saved: Promise<Saved> | undefined;
function payloads(): Promise<Saved> {
  saved ??= saveSimulatorPayloads();
  return saved;
}

Deno.test("parseReplayArgs() reads kind, file, dry run and horse source", () => {
  assertEquals(parseReplayArgs(["--kind", "results", "--file", "r.json", "--dry-run"]), {
    kind: "results",
    file: "r.json",
    dryRun: true,
    horseSource: "pro",
  });
  assertEquals(
    parseReplayArgs(["--kind", "horse", "--file", "h.json", "--source", "standard"]),
    { kind: "horse", file: "h.json", dryRun: false, horseSource: "standard" },
  );
  assertSame(parseReplayArgs(["--help"]), "help");
  throws(() => parseReplayArgs(["--kind", "bets", "--file", "x"]), ReplayUsageError);
  throws(() => parseReplayArgs(["--kind", "results"]), /--file is missing/);
  throws(() => parseReplayArgs(["--kind", "results", "--file", "x", "--source", "pro"]), /horse/);
  throws(() => parseReplayArgs(["--kind", "results", "--file", "x", "--bogus"]), ReplayUsageError);
});

Deno.test("replay --help prints usage and exits 0", async () => {
  const run = await replay(["--help"]);
  assertSame(run.code, 0);
  assertMatch(run.stdout, /--kind/);
  assertMatch(run.stdout, /--dry-run/);
});

Deno.test("replay --dry-run of a racecards page prints its GB/IRE races only", async () => {
  const saved = await payloads();
  const out = await dryRun("racecards", saved.files.racecards!);
  const wanted = home(saved.racecards);
  assertEquals(ids(out.tables.ra_mst_races), wanted.map((race) => race.race_id).sort());
  assertEquals(ids(out.tables.ra_mst_runners, "race_id").length, runnerKeys(wanted).length);
  assertEquals(
    out.tables.ra_mst_runners?.map((r) => `${r.race_id}/${r.horse_id}`).sort(),
    runnerKeys(wanted),
  );
  assertSame(out.filtered_out.races, saved.racecards.length - wanted.length);
  assert(out.filtered_out.races > 0, "the test date should include foreign races to filter");
  assertEquals(Object.keys(out).sort(), ["drift", "filtered_out", "tables"]);
  assert(Array.isArray(out.drift));
  // Race times come from off_dt as UTC instants.
  for (const race of out.tables.ra_mst_races ?? []) assertMatch(String(race.off_dt), /Z$/);
});

Deno.test("replay --dry-run of a results page creates races, runners, people and horses", async () => {
  const saved = await payloads();
  const out = await dryRun("results", saved.files.results!);
  const wanted = home(saved.results);
  assertEquals(ids(out.tables.ra_mst_races), wanted.map((race) => race.race_id).sort());
  assertEquals(
    out.tables.ra_mst_runners?.map((r) => `${r.race_id}/${r.horse_id}`).sort(),
    runnerKeys(wanted),
  );
  assertEquals(
    ids(out.tables.ra_mst_horses),
    [...new Set(wanted.flatMap((race) => race.runners.map((r) => r.horse_id)))].sort(),
  );
  assert((out.tables.ra_mst_jockeys?.length ?? 0) > 0);
  assertSame(out.filtered_out.races, saved.results.length - wanted.length);
  for (const race of out.tables.ra_mst_races ?? []) assertSame(race.has_result, true);
});

Deno.test("replay --dry-run of single racecard, result, horse, courses and regions", async () => {
  const saved = await payloads();
  const card = await dryRun("racecard", saved.files.racecard!);
  assertSame(card.tables.ra_mst_races?.length, 1);
  assertSame(card.filtered_out.races, 0);

  const result = await dryRun("result", saved.files.result!);
  assertSame(result.tables.ra_mst_races?.length, 1);

  const horse = await dryRun("horse", saved.files.horse!);
  assertEquals(ids(horse.tables.ra_mst_horses), [saved.horseId]);
  assertSame(horse.tables.ra_mst_horses?.[0]?.profile_source, "pro");
  const standard = await dryRun("horse", saved.files.horse_standard!, ["--source", "standard"]);
  assertSame(standard.tables.ra_mst_horses?.[0]?.profile_source, "standard");

  const courses = await dryRun("courses", saved.files.courses!);
  const homeCourses = saved.courses.filter((c) =>
    c.region_code === "gb" || c.region_code === "ire"
  );
  assertEquals(ids(courses.tables.ra_mst_courses), homeCourses.map((c) => c.id).sort());
  assertSame(courses.filtered_out.courses, saved.courses.length - homeCourses.length);

  const regions = await dryRun("regions", saved.files.regions!);
  assertSame(regions.tables.ra_mst_regions?.length, saved.regions.length);
});

Deno.test("replay rejects a payload missing a runner's horse_id, naming the JSON path", async () => {
  const saved = await payloads();
  const page = JSON.parse(await Deno.readTextFile(saved.files.results!));
  delete page.results[0].runners[1].horse_id;
  const file = `${saved.dir}/results_corrupt.json`;
  await Deno.writeTextFile(file, JSON.stringify(page));
  const run = await replay(["--kind", "results", "--file", file, "--dry-run"]);
  assertNotSame(run.code, 0);
  assertSame(run.stdout, "");
  assertMatch(run.stderr, /results\[0\]\.runners\[1\]\.horse_id/);
});

Deno.test("replay rejects truncated JSON, naming the file", async () => {
  const saved = await payloads();
  const text = await Deno.readTextFile(saved.files.racecards!);
  const file = `${saved.dir}/racecards_truncated.json`;
  await Deno.writeTextFile(file, text.slice(0, Math.floor(text.length / 2)));
  const run = await replay(["--kind", "racecards", "--file", file, "--dry-run"]);
  assertNotSame(run.code, 0);
  assertSame(run.stdout, "");
  assert(run.stderr.includes(file), run.stderr);
});

Deno.test("replay without --dry-run needs DATABASE_URL", async () => {
  const saved = await payloads();
  const run = await replay(["--kind", "regions", "--file", saved.files.regions!], {
    DATABASE_URL: "",
  });
  assertNotSame(run.code, 0);
  assertMatch(run.stderr, /DATABASE_URL is not set/);
});

Deno.test("replay writes every kind to the database at DATABASE_URL", async () => {
  const saved = await payloads();
  await using db = await createTestDatabase();
  const write = async (kind: string, file: string, extra: string[] = []) => {
    const run = await replay(["--kind", kind, "--file", file, ...extra], {
      DATABASE_URL: db.url,
    });
    assertSame(run.code, 0, run.stderr);
    assertMatch(run.stdout, new RegExp(`replayed ${kind}`));
  };
  await write("regions", saved.files.regions!);
  await write("courses", saved.files.courses!);
  await write("results", saved.files.results!);
  await write("racecards", saved.files.racecards!);
  await write("horse", saved.files.horse!);

  const count = async (table: string) => {
    const [row] = await db.sql`select count(*)::int as n from ${db.sql(table)}`;
    return row?.n as number;
  };
  const races = new Set([...home(saved.results), ...home(saved.racecards)].map((r) => r.race_id));
  assertSame(await count("ra_mst_races"), races.size);
  const runners = new Set([
    ...runnerKeys(home(saved.results)),
    ...runnerKeys(home(saved.racecards)),
  ]);
  assertSame(await count("ra_mst_runners"), runners.size);
  assertSame(await count("ra_mst_regions"), saved.regions.length);
  const [resulted] = await db.sql`
    select count(*)::int as n from ra_mst_races where has_result
  `;
  assertSame(resulted?.n, home(saved.results).length);
  const [horse] = await db.sql`
    select profile_source, enrichment_status from ra_mst_horses where id = ${saved.horseId}
  `;
  assertEquals({ ...horse }, { profile_source: "pro", enrichment_status: "enriched" });

  // A second write of the same page changes nothing.
  const again = await replay(["--kind", "results", "--file", saved.files.results!], {
    DATABASE_URL: db.url,
  });
  assertSame(again.code, 0, again.stderr);
  assertMatch(again.stdout, /ra_mst_runners\s+\d+ rows, 0 changed/);
});
