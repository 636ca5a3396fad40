/**
 * The report's page: one self-contained HTML document (inline CSS, charts as inline SVG, no
 * script, no link to anything), with every text from the database escaped.
 */
import type { RenderedChart } from "./report_charts.ts";
import type { QualityRow, ReportData, StatisticsRun } from "./report_data.ts";

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

function utc(at: Date | null): string {
  return at === null ? "never" : `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 1200px; color: #222;
  padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
.meta { color: #666; margin-top: 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(580px, 1fr));
  gap: 1rem; }
figure { margin: 0; border: 1px solid #ddd; border-radius: 6px; padding: 0.75rem; }
figure h2 { font-size: 1.05rem; margin: 0 0 0.3rem; }
figcaption { color: #555; font-size: 0.85rem; margin-bottom: 0.5rem; }
figure svg { max-width: 100%; height: auto; }
.empty { color: #777; font-style: italic; padding: 2rem 0; text-align: center; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #eee;
  vertical-align: top; }
td:last-child { white-space: nowrap; }
.status { font-weight: 600; text-transform: uppercase; font-size: 0.8rem; }
.status-ok { color: #2e7d32; } .status-warn { color: #b26a00; } .status-fail { color: #c62828; }
.summary span { margin-right: 1rem; }
`;

function chartSection(chart: RenderedChart): string {
  const body = chart.svg === null
    ? `<p class="empty">${escapeHtml(chart.emptyText)}</p>`
    // The SVG is vega's own output, whose texts vega escapes.
    : chart.svg;
  return `<figure class="chart" id="chart-${escapeHtml(chart.id)}" data-chart="${
    escapeHtml(chart.id)
  }" data-empty="${chart.svg === null}">
<h2>${escapeHtml(chart.title)}</h2>
<figcaption>${escapeHtml(chart.caption)}</figcaption>
${body}
</figure>`;
}

function statisticsLine(run: StatisticsRun | null): string {
  if (run === null) {
    return "The statistics have never been refreshed (no refresh-statistics run in ra_sync_runs).";
  }
  const took = run.finished_at === null
    ? "not finished"
    : `${((run.finished_at.getTime() - run.started_at.getTime()) / 1000).toFixed(1)} s`;
  const error = run.error ? `; error: ${run.error}` : "";
  return `Last statistics refresh: ${run.status}, started ${
    utc(run.started_at)
  }, ${took}, ${run.rows_written} rows written${error}.`;
}

function qualityTable(rows: readonly QualityRow[]): string {
  if (rows.length === 0) return `<p class="empty">ra_data_quality has no rows.</p>`;
  const count = (status: string) => rows.filter((row) => row.status === status).length;
  const body = rows.map((row) =>
    `<tr><td>${escapeHtml(row.check)}</td><td class="status status-${escapeHtml(row.status)}">${
      escapeHtml(row.status)
    }</td><td>${escapeHtml(row.detail)}</td><td>${escapeHtml(utc(row.since))}</td></tr>`
  ).join("\n");
  return `<p class="summary"><span class="status-fail">${
    count("fail")
  } fail</span><span class="status-warn">${count("warn")} warn</span><span class="status-ok">${
    count("ok")
  } ok</span></p>
<table id="quality">
<thead><tr><th>check</th><th>status</th><th>detail</th><th>since</th></tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

/** The whole page, from the data and its drawn charts. */
export function renderReportHtml(data: ReportData, charts: readonly RenderedChart[]): string {
  const title = `darkhorses-sync report: ${data.database}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">Generated ${escapeHtml(utc(data.generatedAt))} for racing days ${
    escapeHtml(data.firstDay)
  } to ${escapeHtml(data.lastDay)} (UK dates). Every chart reads the database directly; the
checks at the end are <code>select * from ra_data_quality</code>.</p>
<p class="meta" id="statistics">${escapeHtml(statisticsLine(data.statistics))}</p>
<section class="charts">
${charts.map(chartSection).join("\n")}
</section>
<h2>Data-quality checks</h2>
${qualityTable(data.quality)}
</body>
</html>
`;
}
