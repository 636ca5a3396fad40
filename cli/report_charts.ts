/**
 * The report's charts: one Vega-Lite spec per series of {@linkcode ReportData}, compiled and drawn
 * to an SVG string here (vega's View with no renderer, then toSVG), so the page needs no script.
 * A chart with nothing to draw says so instead.
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { ReportData } from "./report_data.ts";

/** One chart of the report: its spec, or the sentence shown when there is nothing to draw. */
export interface ChartPlan {
  readonly id: string;
  readonly title: string;
  /** What the chart shows and where it comes from, in a sentence or two. */
  readonly caption: string;
  /** Null when the data is empty. */
  readonly spec: TopLevelSpec | null;
  readonly emptyText: string;
}

/** A chart ready for the page: its SVG, or null with the empty-state sentence. */
export interface RenderedChart {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly svg: string | null;
  readonly emptyText: string;
}

const WIDTH = 520;
const HEIGHT = 200;
const BLUE = "#4c78a8";
const ORANGE = "#f58518";
const RED = "#e45756";
const GREY = "#bab0ac";
const STATUS_COLORS = { done: "#54a24b", running: BLUE, pending: GREY, failed: RED } as const;

const BASE = {
  width: WIDTH,
  height: HEIGHT,
  background: "white",
  config: { font: "sans-serif", view: { stroke: null }, axis: { labelFontSize: 10 } },
} as const;

const DAY_AXIS = {
  field: "day",
  type: "ordinal",
  title: null,
  axis: { labelAngle: -45 },
} as const;

/** "2026-12-01" as "12-01". */
function monthDay(date: string): string {
  return date.slice(5);
}

function racesAndRunners(data: ReportData): ChartPlan {
  const empty = data.days.every((day) => day.races === 0 && day.runners === 0);
  return {
    id: "races-runners",
    title: "Races and runners stored per racing day",
    caption:
      `Races (grey bars; the resulted ones as the blue bar inside) and runners (line) in ra_mst_races and ra_mst_runners, ${data.firstDay} to ${data.lastDay}.`,
    emptyText: "No races stored in this period.",
    spec: empty ? null : {
      ...BASE,
      data: { values: data.days.map((day) => ({ ...day })) },
      layer: [
        {
          // Both bars on one scale: resulted races drawn over all races.
          layer: [
            {
              mark: { type: "bar", color: GREY },
              encoding: {
                x: DAY_AXIS,
                y: {
                  field: "races",
                  type: "quantitative",
                  title: "races (bars; resulted in blue)",
                },
              },
            },
            {
              mark: { type: "bar", color: BLUE, width: { band: 0.5 } },
              encoding: { x: DAY_AXIS, y: { field: "resulted", type: "quantitative" } },
            },
          ],
        },
        {
          mark: { type: "line", color: ORANGE, point: true },
          encoding: {
            x: DAY_AXIS,
            y: { field: "runners", type: "quantitative", title: "runners (line)" },
          },
        },
      ],
      resolve: { scale: { y: "independent" } },
    },
  };
}

function windowsAgainstApi(data: ReportData): ChartPlan {
  const label = (job: string, start: string, end: string) =>
    `${job.split("_")[0]} ${monthDay(start)}${start === end ? "" : `…${monthDay(end)}`}`;
  const values = data.windows.flatMap((window) => {
    const name = label(window.job, window.window_start, window.window_end);
    const stored = { window: name, series: "stored", races: window.stored };
    return window.api_expected === null
      ? [stored]
      : [{ window: name, series: "API total", races: window.api_expected }, stored];
  });
  return {
    id: "api-totals",
    title: "Races stored against the API's totals, per window",
    caption:
      "For each results and racecards window of the period: the API's own total (ra_sync_checkpoints.api_total less the races filtered out on purpose) and the races stored for it (resulted races for results windows). A window without an API bar finished before totals were recorded.",
    emptyText: "No results or racecards window in this period.",
    spec: values.length === 0 ? null : {
      ...BASE,
      data: { values },
      mark: "bar",
      encoding: {
        x: { field: "window", type: "nominal", sort: null, title: null, axis: { labelAngle: -45 } },
        xOffset: { field: "series", type: "nominal", sort: ["API total", "stored"] },
        y: { field: "races", type: "quantitative", title: "races" },
        color: {
          field: "series",
          type: "nominal",
          title: null,
          scale: { domain: ["API total", "stored"], range: [GREY, BLUE] },
        },
      },
    },
  };
}

function fillRates(data: ReportData): ChartPlan {
  const values = data.fillRates.filter((rate) => rate.total > 0).map((rate) => ({
    measure: rate.measure,
    what: rate.what,
    percent: Math.round((1000 * rate.filled) / rate.total) / 10,
    minimum: rate.minimum === null ? null : Math.round(1000 * rate.minimum) / 10,
    below: rate.minimum !== null && rate.filled / rate.total < rate.minimum,
  }));
  return {
    id: "fill-rates",
    title: "Column fill rates",
    caption:
      "The measures of the data-quality fill checks over the period's racing days: positions on resulted runners, SP on placed runners, off_dt and distance_f on races, pedigree ids on profiled horses. The black tick is the documented minimum (ra_private.quality_settings); a red bar is under it.",
    emptyText: "Nothing to measure yet: no races, runners or profiled horses in this period.",
    spec: values.length === 0 ? null : {
      ...BASE,
      height: 26 * values.length,
      data: { values },
      encoding: { y: { field: "measure", type: "nominal", title: null, sort: null } },
      layer: [
        {
          mark: "bar",
          encoding: {
            x: {
              field: "percent",
              type: "quantitative",
              title: "% filled",
              scale: { domain: [0, 100] },
            },
            color: {
              field: "below",
              type: "nominal",
              legend: null,
              scale: { domain: [false, true], range: [BLUE, RED] },
            },
          },
        },
        {
          mark: { type: "tick", color: "black", thickness: 2 },
          encoding: { x: { field: "minimum", type: "quantitative" } },
        },
        {
          mark: { type: "text", align: "left", dx: 4, color: "white" },
          encoding: {
            x: { datum: 0 },
            text: { field: "percent", type: "quantitative", format: ".1f" },
          },
        },
      ],
    },
  };
}

function apiCalls(data: ReportData): ChartPlan {
  const failures = data.failures.flatMap((day) => [
    { day: day.day, series: "failed requests", count: day.failed },
    { day: day.day, series: "429s (failed)", count: day.rate_limited },
  ]);
  const anything = data.calls.length > 0 || data.failures.some((day) => day.failed > 0);
  return {
    id: "api-calls",
    title: "API calls, failed requests and 429s per day",
    caption:
      "Requests to The Racing API per day and function (bars, ra_sync_runs.api_calls, retries included) and requests that failed after their retries (lines, ra_sync_errors with an endpoint; 429s are those the API answered 429). A 429 that a retry got past is not recorded anywhere: it counts only as a call.",
    emptyText: "No API calls recorded in this period.",
    spec: !anything ? null : {
      ...BASE,
      layer: [
        {
          data: { values: data.calls.map((call) => ({ ...call })) },
          mark: "bar",
          encoding: {
            x: DAY_AXIS,
            y: { field: "calls", type: "quantitative", title: "API calls (bars)", stack: true },
            color: { field: "function_name", type: "nominal", title: "function" },
          },
        },
        {
          data: { values: failures },
          mark: { type: "line", point: true },
          encoding: {
            x: DAY_AXIS,
            y: {
              field: "count",
              type: "quantitative",
              title: "failed requests (lines)",
              scale: { domain: [0, Math.max(1, ...data.failures.map((day) => day.failed))] },
              axis: { format: "d", tickMinStep: 1 },
            },
            strokeDash: { field: "series", type: "nominal", title: null },
            color: { value: RED },
          },
        },
      ],
      resolve: { scale: { y: "independent" } },
    },
  };
}

function backfillProgress(data: ReportData): ChartPlan {
  return {
    id: "backfill",
    title: "Backfill progress",
    caption: "Windows per job and state (ra_sync_checkpoints), all time.",
    emptyText: "No checkpoint window planned yet.",
    spec: data.backfill.length === 0 ? null : {
      ...BASE,
      height: Math.max(60, 26 * new Set(data.backfill.map((row) => row.job)).size),
      data: { values: data.backfill.map((row) => ({ ...row })) },
      mark: "bar",
      encoding: {
        y: { field: "job", type: "nominal", title: null },
        x: {
          field: "windows",
          type: "quantitative",
          title: "windows",
          stack: true,
          axis: { format: "d", tickMinStep: 1 },
        },
        color: {
          field: "status",
          type: "nominal",
          title: "state",
          scale: {
            domain: Object.keys(STATUS_COLORS),
            range: Object.values(STATUS_COLORS),
          },
        },
        order: { field: "status", sort: "ascending" },
      },
    },
  };
}

function oddsCoverage(data: ReportData): ChartPlan {
  const bars = data.odds.flatMap((day) => [
    { day: day.day, series: "races", races: day.races },
    { day: day.day, series: "races with prices", races: day.priced },
  ]);
  const empty = data.odds.every((day) => day.races === 0 && day.history_rows === 0);
  return {
    id: "odds",
    title: "Odds coverage per racing day",
    caption:
      "Races stored and races with prices (ra_odds_live, or a fetch in ra_odds_fetches that found prices) as bars; rows of the price history (ra_odds_history) for the day's races as the line.",
    emptyText: "No races stored in this period, so no odds to cover.",
    spec: empty ? null : {
      ...BASE,
      layer: [
        {
          data: { values: bars },
          mark: "bar",
          encoding: {
            x: DAY_AXIS,
            xOffset: { field: "series", type: "nominal", sort: ["races", "races with prices"] },
            y: { field: "races", type: "quantitative", title: "races (bars)" },
            color: {
              field: "series",
              type: "nominal",
              title: null,
              scale: { domain: ["races", "races with prices"], range: [GREY, BLUE] },
            },
          },
        },
        {
          data: { values: data.odds.map((day) => ({ ...day })) },
          mark: { type: "line", color: ORANGE, point: true },
          encoding: {
            x: DAY_AXIS,
            y: {
              field: "history_rows",
              type: "quantitative",
              title: "history rows (line)",
              scale: { domainMin: 0, nice: true },
              axis: { format: "d", tickMinStep: 1 },
            },
          },
        },
      ],
      resolve: { scale: { y: "independent" } },
    },
  };
}

/** An age in words: "12 min", "5.3 h", "2.1 days". */
export function formatAge(hours: number): string {
  if (hours < 1) return `${Math.max(0, Math.round(hours * 60))} min`;
  if (hours < 48) return `${(Math.round(hours * 10) / 10).toFixed(1)} h`;
  return `${(Math.round(hours / 2.4) / 10).toFixed(1)} days`;
}

function freshness(data: ReportData): ChartPlan {
  const values = data.freshness.filter((job) => job.last_success !== null).map((job) => ({
    job: job.job,
    last_success: job.last_success!.toISOString(),
    age: `${formatAge(job.hours_since_success ?? 0)} ago (last run ${job.last_status})`,
    statistics: job.job.startsWith("refresh-statistics"),
  }));
  const now = data.generatedAt.getTime();
  const oldest = Math.min(now, ...values.map((value) => Date.parse(value.last_success)));
  // At least an hour wide, so that runs of the last minutes stand apart from the report's time.
  const from = new Date(Math.min(oldest, now - 3_600_000) - (now - oldest) * 0.05).toISOString();
  return {
    id: "freshness",
    title: "Freshness: when each job last succeeded",
    caption:
      "Per function and mode, its last successful (or partial) run in ra_sync_runs, with its age at the report's time (the red rule); the statistics refresh is orange.",
    emptyText: "No function run has succeeded yet.",
    spec: values.length === 0 ? null : {
      ...BASE,
      height: 24 * values.length,
      layer: [
        {
          data: { values },
          mark: { type: "point", filled: true, size: 90 },
          encoding: {
            y: { field: "job", type: "nominal", title: null },
            x: {
              field: "last_success",
              type: "temporal",
              title: "last success (UTC)",
              scale: { type: "utc", domain: [from, data.generatedAt.toISOString()] },
              axis: { format: "%m-%d %H:%M", labelAngle: -30 },
            },
            color: {
              field: "statistics",
              type: "nominal",
              legend: null,
              scale: { domain: [false, true], range: [BLUE, ORANGE] },
            },
          },
        },
        {
          data: { values },
          mark: { type: "text", align: "right", dx: -8, fontSize: 10 },
          encoding: {
            y: { field: "job", type: "nominal" },
            x: { field: "last_success", type: "temporal" },
            text: { field: "age", type: "nominal" },
          },
        },
        {
          data: { values: [{ now: data.generatedAt.toISOString() }] },
          mark: { type: "rule", color: RED },
          encoding: { x: { field: "now", type: "temporal" } },
        },
      ],
    },
  };
}

/** The report's charts, in page order, from its data (pure: no drawing). */
export function planCharts(data: ReportData): ChartPlan[] {
  return [
    racesAndRunners(data),
    windowsAgainstApi(data),
    fillRates(data),
    apiCalls(data),
    backfillProgress(data),
    oddsCoverage(data),
    freshness(data),
  ];
}

/** Compiles a Vega-Lite spec and draws it headless to an SVG string. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Draws every planned chart (an empty one keeps its sentence). */
export async function renderCharts(plans: readonly ChartPlan[]): Promise<RenderedChart[]> {
  const rendered: RenderedChart[] = [];
  for (const plan of plans) {
    rendered.push({
      id: plan.id,
      title: plan.title,
      caption: plan.caption,
      emptyText: plan.emptyText,
      svg: plan.spec === null ? null : await renderSvg(plan.spec),
    });
  }
  return rendered;
}
