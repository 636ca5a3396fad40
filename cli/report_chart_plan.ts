/**
 * What a chart of the report is ({@linkcode ChartPlan}: a Vega-Lite spec or an empty-state
 * sentence) and the look every chart shares: size, palette, base config and the day axis.
 */
import type { TopLevelSpec } from "vega-lite";

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

const WIDTH = 520;
const HEIGHT = 200;

/** The report's palette (Tableau 10). */
export const BLUE = "#4c78a8";
export const ORANGE = "#f58518";
export const RED = "#e45756";
export const GREY = "#bab0ac";

/** A colour per checkpoint window state. */
export const STATUS_COLORS = {
  done: "#54a24b",
  running: BLUE,
  pending: GREY,
  failed: RED,
} as const;

/** Size, background and config every chart starts from. */
export const BASE = {
  width: WIDTH,
  height: HEIGHT,
  background: "white",
  config: { font: "sans-serif", view: { stroke: null }, axis: { labelFontSize: 10 } },
} as const;

/** The x axis of a chart with one mark per racing day. */
export const DAY_AXIS = {
  field: "day",
  type: "ordinal",
  title: null,
  axis: { labelAngle: -45 },
} as const;

/** "2026-12-01" as "12-01". */
export function monthDay(date: string): string {
  return date.slice(5);
}
