/**
 * Shared by the enrich-horses job_*_test.ts files: a handler on the test database and the
 * simulator, posting to it, syncing racecards as fetch-racecards would, and reading back what
 * the simulator was asked and which horses hold which enrichment status.
 */
import assert from "node:assert/strict";
import type postgres from "postgres";
import type { startSimulator } from "../../../dev/simulator/server.ts";
import type { TestDatabase } from "../../../tests/support/db.ts";
import { writeBatchInTransaction } from "../_shared/db/writer.ts";
import { createJobHandler, type HandlerDependencies } from "../_shared/http/serve_job.ts";
import { parseApiPayload } from "../_shared/racing_api/parse_payload.ts";
import { RacecardsProPageSchema } from "../_shared/racing_api/racecard_schemas.ts";
import { mergeRowBatches } from "../_shared/transform/batch.ts";
import { racecardsPageToRows } from "../_shared/transform/racecard.ts";
import { enrichHorsesJob } from "./job.ts";

export const KEY = "test-function-key";
export const NOW = new Date("2025-06-30T20:00:00Z");
export const REGIONS = { regions: ["gb", "ire"] };
const AUTH = { authorization: `Basic ${btoa("demo:demo")}` };
/** Handlers keep a postgres.js pool open until the test database is dropped. */
export const DB_TEST = { sanitizeResources: false, sanitizeOps: false } as const;

export type Sim = Awaited<ReturnType<typeof startSimulator>>;

export function handlerFor(
  db: TestDatabase,
  sim: Sim,
  overrides: Record<string, string> = {},
  dependencies: Partial<HandlerDependencies> = {},
) {
  return createJobHandler(enrichHorsesJob, {
    env: {
      DATABASE_URL: db.url,
      RACING_API_BASE_URL: sim.baseUrl,
      RACING_API_USERNAME: "demo",
      RACING_API_PASSWORD: "demo",
      RA_FUNCTION_KEY: KEY,
      RA_RATE_DEFAULT: "10",
      RA_RATE_GLOBAL: "10",
      ...overrides,
    },
    platform: { waitUntil: () => false, onShutdown: () => {} },
    logSink: () => {},
    ...dependencies,
  });
}

export async function post(
  handler: (request: Request) => Promise<Response>,
  body: unknown,
  headers: Record<string, string> = { apikey: KEY },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await handler(
    new Request("http://localhost/functions/v1/enrich-horses", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
  );
  return { status: response.status, body: await response.json() };
}

export async function simulatorJson(sim: Sim, path: string): Promise<unknown> {
  const response = await fetch(`${sim.baseUrl}${path}`, { headers: AUTH });
  assert.equal(
    response.status,
    200,
    `simulator answered ${response.status} for ${path}`,
  );
  return await response.json();
}

/**
 * Writes the racecards of `days` days ending on 2025-06-30, as fetch-racecards would (merged
 * into one batch, which stores what writing the days one by one would).
 */
export async function syncRacecards(
  db: TestDatabase,
  sim: Sim,
  days: number,
): Promise<void> {
  const batches = [];
  for (let day = 31 - days; day <= 30; day++) {
    const date = `2025-06-${String(day).padStart(2, "0")}`;
    const body = await simulatorJson(
      sim,
      `/v1/racecards/pro?date=${date}&region_codes=gb&region_codes=ire&limit=500`,
    );
    const page = parseApiPayload(
      RacecardsProPageSchema,
      body,
      "racecards page",
    );
    assert.ok(page.total <= page.racecards.length, `one page holds ${date}`);
    batches.push(racecardsPageToRows(page, REGIONS).rows);
  }
  await writeBatchInTransaction(
    db.sql,
    mergeRowBatches("racecard", batches),
    "racecard",
  );
}

/** Horse ids asked of an endpoint ("pro" or "standard"), in request order. */
export function asked(sim: Sim, endpoint: "pro" | "standard"): string[] {
  const pattern = new RegExp(`^/v1/horses/(hrs_\\d+)/${endpoint}$`);
  return sim.requestLog.flatMap((entry) => {
    const match = pattern.exec(entry.path);
    return match ? [match[1]!] : [];
  });
}

export async function horseIds(sql: postgres.Sql, status: string): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select id from public.ra_mst_horses where enrichment_status = ${status} order by id`;
  return rows.map((row) => row.id);
}

/** Stores three world horses as pending (no profile) and returns their ids. */
export async function pendingWorldHorses(
  db: TestDatabase,
  sim: Sim,
): Promise<string[]> {
  const body = await simulatorJson(
    sim,
    "/v1/racecards/pro?date=2025-06-30&region_codes=gb&region_codes=ire&limit=500",
  );
  const page = parseApiPayload(RacecardsProPageSchema, body, "racecards page");
  const ids = page.racecards[0]!.runners.slice(0, 3).map((runner) => runner.horse_id).sort();
  await db.sql`insert into public.ra_mst_horses (id, first_seen_date)
               select id, '2025-06-30' from unnest(${ids}::text[]) as id`;
  return ids;
}
