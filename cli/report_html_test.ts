import assert from "node:assert/strict";
import { planCharts, renderCharts } from "./report_charts.ts";
import { formatAge } from "./report_charts_operations.ts";
import type { ReportData } from "./report_data.ts";
import { escapeHtml, renderReportHtml } from "./report_html.ts";

const NOW = new Date("2026-06-15T12:00:00Z");
const HOSTILE = `<script>alert("x")</script>&'`;

function emptyData(): ReportData {
  return {
    generatedAt: NOW,
    database: "postgres",
    firstDay: "2026-06-14",
    lastDay: "2026-06-16",
    days: ["2026-06-14", "2026-06-15", "2026-06-16"].map((day) => ({
      day,
      races: 0,
      resulted: 0,
      runners: 0,
    })),
    windows: [],
    fillRates: [
      { measure: "race_off_dt", what: "races with off_dt", filled: 0, total: 0, minimum: 0.99 },
    ],
    calls: [],
    failures: [{ day: "2026-06-15", failed: 0, rate_limited: 0 }],
    backfill: [],
    odds: [{ day: "2026-06-15", races: 0, priced: 0, history_rows: 0 }],
    freshness: [],
    statistics: null,
    quality: [],
  };
}

function fullData(): ReportData {
  const success = new Date("2026-06-15T11:00:00Z");
  return {
    ...emptyData(),
    database: HOSTILE,
    days: [{ day: "2026-06-14", races: 30, resulted: 30, runners: 280 }],
    windows: [{
      job: `results_${HOSTILE}`,
      window_start: "2026-06-14",
      window_end: "2026-06-14",
      status: "done",
      api_expected: 30,
      stored: 30,
    }],
    fillRates: [{
      measure: "runner_sp",
      what: "placed runners with a decimal SP",
      filled: 90,
      total: 100,
      minimum: 0.95,
    }],
    calls: [{ day: "2026-06-15", function_name: HOSTILE, calls: 12 }],
    failures: [{ day: "2026-06-15", failed: 2, rate_limited: 1 }],
    backfill: [{ job: "results_backfill", status: "done", windows: 3 }, {
      job: "results_backfill",
      status: "failed",
      windows: 1,
    }],
    odds: [{ day: "2026-06-14", races: 30, priced: 12, history_rows: 400 }],
    freshness: [{
      job: "refresh-statistics",
      last_success: success,
      last_status: "succeeded",
      last_started: success,
      hours_since_success: 1,
    }],
    statistics: {
      status: "failed",
      started_at: success,
      finished_at: success,
      rows_written: 0,
      error: HOSTILE,
    },
    quality: [{ check: "fill:runner_sp", status: "fail", detail: HOSTILE, since: success }],
  };
}

Deno.test("escapeHtml() escapes the five characters that matter in HTML", () => {
  assert.equal(
    escapeHtml(`<a href="x">'&'</a>`),
    "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
  );
});

Deno.test("formatAge() says minutes, hours or days", () => {
  assert.equal(formatAge(0.2), "12 min");
  assert.equal(formatAge(5.26), "5.3 h");
  assert.equal(formatAge(50.4), "2.1 days");
});

Deno.test("planCharts() gives every chart its empty sentence when there is no data", async () => {
  const data = emptyData();
  const charts = await renderCharts(planCharts(data));
  assert.equal(charts.length, 7);
  for (const chart of charts) assert.equal(chart.svg, null, `${chart.id} is empty`);
  const html = renderReportHtml(data, charts);
  for (const chart of charts) assert.ok(html.includes(escapeHtml(chart.emptyText)));
  assert.match(html, /ra_data_quality has no rows/);
  assert.match(html, /never been refreshed/);
});

Deno.test("renderReportHtml() escapes every text from the database and links to nothing", async () => {
  const data = fullData();
  const charts = await renderCharts(planCharts(data));
  for (const chart of charts) {
    assert.ok(chart.svg !== null, `${chart.id} is drawn`);
    assert.match(chart.svg, /class="[^"]*role-mark/, `${chart.id} has marks`);
  }
  const html = renderReportHtml(data, charts);
  assert.ok(!html.includes("<script"), "no script, not even an injected one");
  assert.ok(html.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"));
  assert.doesNotMatch(html, /\s(src|href)=/, "no external resource");
  assert.doesNotMatch(html, /@import|url\(/, "no stylesheet or font from elsewhere");
});
