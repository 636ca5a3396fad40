/**
 * The report's charts: one Vega-Lite spec per series of {@linkcode ReportData}, planned by the
 * topic modules (cli/report_charts_coverage.ts, cli/report_charts_operations.ts) and compiled and
 * drawn to an SVG string here (vega's View with no renderer, then toSVG), so the page needs no
 * script. A chart with nothing to draw says so instead.
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { ChartPlan } from "./report_chart_plan.ts";
import {
  fillRates,
  oddsCoverage,
  racesAndRunners,
  windowsAgainstApi,
} from "./report_charts_coverage.ts";
import { apiCalls, backfillProgress, freshness } from "./report_charts_operations.ts";
import type { ReportData } from "./report_data.ts";

export type { ChartPlan } from "./report_chart_plan.ts";

/** A chart ready for the page: its SVG, or null with the empty-state sentence. */
export interface RenderedChart {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly svg: string | null;
  readonly emptyText: string;
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
