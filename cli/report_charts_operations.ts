/**
 * The report's charts of how the sync runs: API calls and failed requests per day, backfill
 * progress per job and state, and when each job last succeeded (Vega-Lite specs, pure).
 */
import type { ReportData } from "./report_data.ts";
import {
  BASE,
  BLUE,
  type ChartPlan,
  DAY_AXIS,
  ORANGE,
  RED,
  STATUS_COLORS,
} from "./report_chart_plan.ts";

/** API calls per day and function, with the requests that failed after their retries. */
export function apiCalls(data: ReportData): ChartPlan {
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

/** Checkpoint windows per job and state, all time. */
export function backfillProgress(data: ReportData): ChartPlan {
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

/** An age in words: "12 min", "5.3 h", "2.1 days". */
export function formatAge(hours: number): string {
  if (hours < 1) return `${Math.max(0, Math.round(hours * 60))} min`;
  if (hours < 48) return `${(Math.round(hours * 10) / 10).toFixed(1)} h`;
  return `${(Math.round(hours / 2.4) / 10).toFixed(1)} days`;
}

/** When each function and mode last succeeded, against the report's time. */
export function freshness(data: ReportData): ChartPlan {
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
