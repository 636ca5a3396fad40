/**
 * The report's charts of what is stored: races and runners per day, races against the API's
 * totals per window, column fill rates and odds coverage (Vega-Lite specs, pure).
 */
import type { ReportData } from "./report_data.ts";
import {
  BASE,
  BLUE,
  type ChartPlan,
  DAY_AXIS,
  GREY,
  monthDay,
  ORANGE,
  RED,
} from "./report_chart_plan.ts";

/** Races (bars, resulted inside) and runners (line) stored per racing day. */
export function racesAndRunners(data: ReportData): ChartPlan {
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

/** Races stored against the API's own totals, per results and racecards window. */
export function windowsAgainstApi(data: ReportData): ChartPlan {
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

/** Fill rates of the data-quality measures against their documented minimums. */
export function fillRates(data: ReportData): ChartPlan {
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

/** Races with prices and rows of price history per racing day. */
export function oddsCoverage(data: ReportData): ChartPlan {
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
