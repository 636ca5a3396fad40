/**
 * Comparing our statistics tables with the simulator's analysis endpoints (the oracle of
 * tests/statistics_oracle_test.ts): each function returns readable mismatches, empty when the
 * two agree.
 */

/** One row of an analysis endpoint (`rides` or `runners`, `1st` … `4th`, `a/e`, `win_%`, `1_pl`). */
export type AnalysisRow = Record<string, string | number>;

/** Career totals of a person or pedigree row of ours. */
export interface PeopleTotals {
  id: string;
  total_runs: number;
  total_wins: number;
  total_seconds: number;
  total_thirds: number;
  profit_loss_1u: string | null;
}

/** The figures of one row of ours (numeric columns arrive as strings; null where not kept). */
export interface OurFigures {
  runs: number;
  wins: number;
  places: number | null;
  ae_index: string | null;
  profit_loss_1u: string | null;
  win_percent: string | null;
}

const HALF_CENT = 0.005;

/** Rows compared so far by compareFigures (for the test's summary line). */
export const comparedRows = { count: 0 };

function runsOf(row: AnalysisRow): number {
  return (row["rides"] ?? row["runners"]) as number;
}

/** Rounds to 2 decimals, halves away from zero (Postgres `round(numeric, 2)`). */
function round2(value: number): number {
  return Math.sign(value) * Math.floor(Math.abs(value) * 100 + 0.5 + 1e-9) / 100 + 0;
}

/**
 * Checks career totals against an analysis: runs against its total, wins, seconds and thirds
 * against the sums of its rows, P/L against the sum of the rows' P/L within their rounding.
 */
export function sumRows(
  label: string,
  ours: PeopleTotals,
  total: number,
  rows: AnalysisRow[],
): string[] {
  const problems: string[] = [];
  const sum = (field: string) => rows.reduce((s, row) => s + (row[field] as number), 0);
  const pairs: [string, number, number][] = [
    ["runs", total, Number(ours.total_runs)],
    ["wins", sum("1st"), Number(ours.total_wins)],
    ["seconds", sum("2nd"), Number(ours.total_seconds)],
    ["thirds", sum("3rd"), Number(ours.total_thirds)],
  ];
  for (const [what, want, got] of pairs) {
    if (want !== got) problems.push(`${label} ${what}: simulator ${want}, ours ${got}`);
  }
  const pl = sum("1_pl");
  const ourPl = Number(ours.profit_loss_1u ?? 0);
  if (Math.abs(pl - ourPl) > HALF_CENT * (rows.length + 1) + 1e-9) {
    problems.push(`${label} P/L: simulator rows sum to ${pl.toFixed(2)}, ours ${ourPl}`);
  }
  return problems;
}

/**
 * Compares rows of ours with the analysis rows of the same keys: the same keys, runs and wins
 * exactly, places (1st + 2nd + 3rd), A/E, win % (a fraction there, a percent here) and P/L to 2
 * decimals where both sides have them. A row summed from several (`pl_rows`) has its P/L
 * compared within their rounding.
 */
export function compareFigures(
  label: string,
  ours: Map<string, OurFigures>,
  oracle: Map<string, AnalysisRow>,
  options: { places?: boolean } = {},
): string[] {
  const problems: string[] = [];
  comparedRows.count += ours.size;
  const keys = new Set([...ours.keys(), ...oracle.keys()]);
  for (const key of [...keys].sort()) {
    const mine = ours.get(key);
    const row = oracle.get(key);
    if (!mine || !row) {
      problems.push(`${label} ${key}: only in ${mine ? "ours" : "the simulator"}`);
      continue;
    }
    const differ = (what: string, want: unknown, got: unknown) =>
      problems.push(`${label} ${key} ${what}: simulator ${want}, ours ${got}`);
    if (runsOf(row) !== Number(mine.runs)) differ("runs", runsOf(row), mine.runs);
    if (row["1st"] !== Number(mine.wins)) differ("wins", row["1st"], mine.wins);
    if (options.places !== false && mine.places !== null) {
      const places = (row["1st"] as number) + (row["2nd"] as number) + (row["3rd"] as number);
      if (places !== Number(mine.places)) differ("places", places, mine.places);
    }
    if (row["a/e"] !== undefined && Number(mine.ae_index ?? 0) !== row["a/e"]) {
      differ("A/E", row["a/e"], mine.ae_index);
    }
    if (row["win_%"] !== undefined && mine.win_percent !== null) {
      const fraction = round2(Number(mine.win_percent) / 100);
      if (fraction !== row["win_%"]) differ("win %", row["win_%"], mine.win_percent);
    }
    if (row["1_pl"] !== undefined && mine.profit_loss_1u !== null) {
      const pl = Number(mine.profit_loss_1u);
      const slack = row["pl_rows"] === undefined ? 1e-9 : HALF_CENT * Number(row["pl_rows"]);
      if (Math.abs(pl - (row["1_pl"] as number)) > slack + 1e-9) {
        differ("P/L", (row["1_pl"] as number).toFixed(2), mine.profit_loss_1u);
      }
    }
  }
  return problems;
}

/** Our distance band of a distance in furlongs (rounded to the nearest furlong, half up). */
export function bandOfFurlongs(furlongs: number): string | null {
  if (!Number.isFinite(furlongs) || furlongs <= 0) return null;
  if (furlongs < 6.5) return "up to 6f";
  if (furlongs < 8.5) return "7f to 1m";
  if (furlongs < 11.5) return "1m1f to 1m3f";
  if (furlongs < 15.5) return "1m4f to 1m7f";
  if (furlongs < 20.5) return "2m to 2m4f";
  if (furlongs < 24.5) return "2m5f to 3m";
  return "over 3m";
}

/**
 * The three keys with most wins, as the pedigree tables rank classes and bands: most wins, then
 * fewer runs, then the key order given (the higher class, the shorter band).
 */
export function topRanked<K>(rows: Map<K, AnalysisRow>, keyOrder: (a: K, b: K) => number): K[] {
  return [...rows.entries()]
    .sort(([ka, a], [kb, b]) =>
      (b["1st"] as number) - (a["1st"] as number) || runsOf(a) - runsOf(b) || keyOrder(ka, kb)
    )
    .slice(0, 3)
    .map(([key]) => key);
}
