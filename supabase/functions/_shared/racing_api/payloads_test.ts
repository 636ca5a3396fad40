import assert from "node:assert/strict";
import { WRITER_SOURCES } from "../db/tables.ts";
import { DriftReporter } from "./drift.ts";
import {
  parsePayload,
  PAYLOAD_KINDS,
  payloadEndpoint,
  type PayloadKind,
  payloadRows,
  PAYLOADS,
} from "./payloads.ts";
import { QuarantinedPayloadError } from "./quarantine.ts";
import { PayloadValidationError } from "./parse_payload.ts";
import { horsePro, proRacecard, result } from "./test_payloads.ts";

const REGIONS = ["gb", "ire"];

/** One API-shaped body of every kind; typed by kind, so a new kind must bring its own. */
const SAMPLES: Readonly<Record<PayloadKind, () => unknown>> = {
  racecards: () => ({
    racecards: [proRacecard()],
    total: 1,
    limit: 500,
    skip: 0,
    query: [["date", "2025-10-07"], ["region_codes", "ire"]],
  }),
  racecard: () => proRacecard(),
  results: () => ({ results: [result()], total: 1, limit: 100, skip: 0, query: [] }),
  result: () => result(),
  horse_pro: () => horsePro(),
  horse_standard: () => ({
    id: "hrs_6181308",
    name: "Flaggan (IRE)",
    sire: "Stowaway (GB)",
    sire_id: "sir_3188248",
    dam: "Zapata I (IRE)",
    dam_id: "dam_3194996",
    damsire: "Thatching",
    damsire_id: "dsi_2117444",
  }),
  courses: () => ({
    courses: [
      { id: "crs_28054", course: "Kempton (AW)", region_code: "gb", region: "Great Britain" },
      { id: "crs_13780", course: "La Plata", region_code: "arg", region: "Argentina" },
    ],
    total: 2,
  }),
  regions: () => [{ region: "Ireland", region_code: "ire" }],
};

function rowsIn(batch: Record<string, readonly unknown[] | undefined>): number {
  return Object.values(batch).reduce((sum, rows) => sum + (rows?.length ?? 0), 0);
}

Deno.test("PAYLOADS: every kind reads an API-shaped body and maps it to rows", () => {
  assert.deepEqual(PAYLOAD_KINDS.toSorted(), Object.keys(SAMPLES).toSorted());
  for (const kind of PAYLOAD_KINDS) {
    const entry = PAYLOADS[kind];
    assert.match(entry.endpoint, /^\/v1\//, kind);
    assert.ok(WRITER_SOURCES.includes(entry.source), kind);
    const drift = new DriftReporter();
    const payload = parsePayload(kind, SAMPLES[kind](), { drift });
    const { rows, filteredOut } = payloadRows(kind, payload, { regions: REGIONS });
    assert.ok(rowsIn(rows) > 0, `${kind} made no rows`);
    assert.equal(filteredOut.races, 0, kind);
    assert.deepEqual(drift.drain(), [], `${kind} reported drift on a known shape`);
  }
});

Deno.test("payloadRows() applies the region filter and a horse's enriched_at", () => {
  const courses = parsePayload("courses", SAMPLES.courses(), { drift: new DriftReporter() });
  assert.deepEqual(payloadRows("courses", courses, { regions: REGIONS }).filteredOut, {
    races: 0,
    courses: 1,
  });
  const results = parsePayload("results", SAMPLES.results(), { drift: new DriftReporter() });
  const abroad = payloadRows("results", results, { regions: ["gb"] });
  assert.deepEqual(abroad, { rows: {}, filteredOut: { races: 1 } });
  const profile = parsePayload("horse_pro", SAMPLES.horse_pro(), { drift: new DriftReporter() });
  const at = "2025-06-30T20:00:00.000Z";
  const enriched = payloadRows("horse_pro", profile, { regions: REGIONS, enrichedAt: at });
  assert.equal(enriched.rows.ra_mst_horses?.[0]?.enriched_at, at);
  const replayed = payloadRows("horse_pro", profile, { regions: REGIONS });
  assert.equal(replayed.rows.ra_mst_horses?.[0]?.profile_source, "pro");
  assert.equal("enriched_at" in (replayed.rows.ra_mst_horses?.[0] ?? {}), false);
});

Deno.test("parsePayload() quarantines a mismatching body with the body and its endpoint", () => {
  const body = { results: [{ race_id: 7 }], total: 1 };
  assert.throws(
    () => parsePayload("results", body, { drift: new DriftReporter() }),
    (error: unknown) =>
      error instanceof QuarantinedPayloadError &&
      error.endpoint === "/v1/results" &&
      error.payload === body &&
      error.cause instanceof PayloadValidationError &&
      error.cause.kind === "results page" &&
      /^Cannot parse results page payload: results\[0\]\.race_id: /.test(error.message),
  );
  assert.throws(
    () =>
      parsePayload("horse_standard", { id: 7 }, {
        drift: new DriftReporter(),
        endpoint: payloadEndpoint("horse_standard", "hrs_7"),
      }),
    (error: unknown) =>
      error instanceof QuarantinedPayloadError && error.endpoint === "/v1/horses/hrs_7/standard",
  );
});

Deno.test("parsePayload() reports unknown fields under the kind's label and meters its work", () => {
  const drift = new DriftReporter();
  let measured = 0;
  const cpu = {
    measure<T>(work: () => T): T {
      measured++;
      return work();
    },
  };
  const body = [{ region: "Ireland", region_code: "ire", flag: "ie" }];
  assert.deepEqual(parsePayload("regions", body, { drift, cpu }), [
    { region: "Ireland", region_code: "ire" },
  ]);
  assert.deepEqual(drift.drain(), [{ kind: "regions", field: "[].flag" }]);
  assert.equal(measured, 2);
});

Deno.test("payloadEndpoint() puts the id in the kind's path", () => {
  assert.equal(payloadEndpoint("horse_pro", "hrs_1"), "/v1/horses/hrs_1/pro");
  assert.equal(payloadEndpoint("result", "rac_2"), "/v1/results/rac_2");
  assert.equal(payloadEndpoint("results"), "/v1/results");
});
