/**
 * `deno task report` end to end: a few days synced from the simulator through the functions'
 * real handlers, a statistics refresh, the report written, then opened in a real headless
 * Chromium (Debian's `chromium`) over the DevTools protocol. The page must load with no console
 * error and no request but itself, and every chart must have drawn marks. The screenshot is
 * kept in .local/artifacts/report.png.
 */
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { launchChromium } from "../tests/support/headless_chromium.ts";
import { startPipeline } from "../tests/support/pipeline.ts";
import { refreshStatistics } from "./demo_statistics.ts";
import { writeReport } from "./report.ts";

const ARTIFACTS = new URL("../.local/artifacts/", import.meta.url);

/** Per chart: its id, whether it shows its empty sentence, and the data marks vega drew. */
const COUNT_MARKS = `[...document.querySelectorAll("figure.chart")].map((figure) => ({
  id: figure.dataset.chart,
  empty: figure.dataset.empty === "true",
  marks: figure.querySelectorAll("svg g.role-mark > path, svg g.role-mark > line, " +
    "svg g.role-mark > rect, svg g.role-mark > text").length,
}))`;

Deno.test({
  name: "report - the page loads in headless Chromium with no error and every chart drawn",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await using pipeline = await startPipeline();
    const invoke = async (name: string, body: Record<string, unknown>) => {
      const answer = await pipeline.invoke(name, { ...body, wait: true });
      assert.equal(answer.status, 200, `${name}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    await invoke("fetch-results", { mode: "daily", days_back: 3 });
    await invoke("fetch-racecards", { mode: "daily", days_ahead: 1 });
    const races = await pipeline.db.sql<{ id: string }[]>`
      select id from public.ra_mst_races
      where race_date = (now() at time zone 'Europe/London')::date - 1
      order by off_dt limit 4`;
    assert.ok(races.length > 0, "races stored for yesterday");
    for (const race of races) await invoke("fetch-odds", { mode: "race", race_id: race.id });
    const statistics = await refreshStatistics(pipeline.db.sql);
    assert.equal(statistics.status, "succeeded");

    await Deno.mkdir(ARTIFACTS, { recursive: true });
    const htmlPath = await writeReport(
      pipeline.db.sql,
      new URL("report.html", ARTIFACTS).pathname,
      { days: 4 },
    );

    await using page = await launchChromium({ width: 1280, height: 1000 });
    const documentUrl = pathToFileURL(htmlPath).href;
    await page.open(documentUrl);
    const charts = await page.evaluate<{ id: string; empty: boolean; marks: number }[]>(
      COUNT_MARKS,
    );
    const quality = await page.evaluate<number>(`document.querySelectorAll("#quality tbody tr")
      .length`);
    const png = await page.screenshot();
    await Deno.writeFile(new URL("report.png", ARTIFACTS), png);

    assert.deepEqual(page.log.errors, [], "no console error or exception");
    assert.deepEqual(page.log.requests, [documentUrl], "the page requests nothing but itself");
    assert.deepEqual(charts.map((chart) => chart.id), [
      "races-runners",
      "api-totals",
      "fill-rates",
      "api-calls",
      "backfill",
      "odds",
      "freshness",
    ]);
    for (const chart of charts) {
      assert.equal(chart.empty, false, `${chart.id} has data`);
      assert.ok(chart.marks > 0, `${chart.id} drew marks: ${JSON.stringify(chart)}`);
    }
    assert.ok(quality > 10, `every data-quality check is a row: ${quality}`);
    assert.ok(png.length > 10_000, "a screenshot with something on it");
  },
});
