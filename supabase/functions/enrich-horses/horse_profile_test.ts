import assert from "node:assert/strict";
import type { RacingApiClient } from "../_shared/racing_api/client.ts";
import { NotFoundError, ServerError } from "../_shared/racing_api/errors.ts";
import { DriftReporter } from "../_shared/racing_api/drift.ts";
import { QuarantinedPayloadError } from "../_shared/racing_api/quarantine.ts";
import { fetchHorseProfile, horseProfileRows } from "./horse_profile.ts";

/** A client answering from a table of paths: a body, or an error to throw. */
function clientAnswering(
  answers: Record<string, unknown>,
): RacingApiClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    stats: { calls: 0, retries: 0 },
    get(path: string) {
      asked.push(path);
      const answer = answers[path];
      if (answer instanceof Error) return Promise.reject(answer);
      if (answer === undefined) {
        return Promise.reject(new NotFoundError({ endpoint: path }));
      }
      return Promise.resolve(answer);
    },
  };
}

const STANDARD = {
  id: "hrs_7",
  name: "Flaggan (IRE)",
  sire: "Stowaway (GB)",
  sire_id: "sir_3188248",
  dam: "Zapata I (IRE)",
  dam_id: "dam_3194996",
  damsire: "Thatching",
  damsire_id: "dsi_2117444",
};

Deno.test("fetchHorseProfile() asks /pro first and stops there when it answers", async () => {
  const client = clientAnswering({ "/v1/horses/hrs_7/pro": { id: "hrs_7" } });
  assert.deepEqual(await fetchHorseProfile(client, "hrs_7"), {
    found: true,
    source: "pro",
    body: { id: "hrs_7" },
  });
  assert.deepEqual(client.asked, ["/v1/horses/hrs_7/pro"]);
});

Deno.test("fetchHorseProfile() falls back to /standard on 404 and reports not found after two", async () => {
  const fallback = clientAnswering({ "/v1/horses/hrs_7/standard": STANDARD });
  assert.deepEqual(await fetchHorseProfile(fallback, "hrs_7"), {
    found: true,
    source: "standard",
    body: STANDARD,
  });
  assert.deepEqual(fallback.asked, [
    "/v1/horses/hrs_7/pro",
    "/v1/horses/hrs_7/standard",
  ]);

  const missing = clientAnswering({});
  assert.deepEqual(await fetchHorseProfile(missing, "hrs_7"), { found: false });
  assert.equal(missing.asked.length, 2);
});

Deno.test("fetchHorseProfile() lets errors other than 404 through without a fallback", async () => {
  const failing = clientAnswering({
    "/v1/horses/hrs_7/pro": new ServerError({
      endpoint: "/v1/horses/hrs_7/pro",
      status: 503,
    }),
  });
  await assert.rejects(fetchHorseProfile(failing, "hrs_7"), ServerError);
  assert.deepEqual(failing.asked, ["/v1/horses/hrs_7/pro"]);
});

Deno.test("horseProfileRows() maps a standard profile and records not found as enriched_at only", () => {
  const at = "2025-06-30T20:00:00.000Z";
  const rows = horseProfileRows("hrs_7", {
    found: true,
    source: "standard",
    body: STANDARD,
  }, {
    enrichedAt: at,
    drift: new DriftReporter(),
  });
  assert.deepEqual(rows.ra_mst_horses, [{
    id: "hrs_7",
    name: "Flaggan",
    region: "IRE",
    sire_id: "sir_3188248",
    dam_id: "dam_3194996",
    damsire_id: "dsi_2117444",
    profile_source: "standard",
    enriched_at: at,
  }]);
  assert.deepEqual(rows.ra_mst_damsires, [{
    id: "dsi_2117444",
    name: "Thatching",
    region: null,
  }]);
  assert.deepEqual(
    horseProfileRows("hrs_7", { found: false }, { enrichedAt: at, drift: new DriftReporter() }),
    {
      ra_mst_horses: [{ id: "hrs_7", enriched_at: at }],
    },
  );
});

Deno.test("horseProfileRows() quarantines a body of the wrong shape or of another horse", () => {
  const options = {
    enrichedAt: "2025-06-30T20:00:00.000Z",
    drift: new DriftReporter(),
  };
  assert.throws(
    () =>
      horseProfileRows(
        "hrs_7",
        { found: true, source: "pro", body: { id: 7 } },
        options,
      ),
    (error: unknown) =>
      error instanceof QuarantinedPayloadError &&
      error.endpoint === "/v1/horses/hrs_7/pro" &&
      error.message ===
        "Cannot parse horse pro profile payload: id: expected string, received number",
  );
  assert.throws(
    () =>
      horseProfileRows("hrs_8", {
        found: true,
        source: "standard",
        body: STANDARD,
      }, options),
    (error: unknown) =>
      error instanceof QuarantinedPayloadError &&
      error.endpoint === "/v1/horses/hrs_8/standard" &&
      error.message ===
        'Cannot parse horse standard profile payload: id: expected "hrs_8", got "hrs_7"',
  );
});

Deno.test("horseProfileRows() reports fields the schema does not know as drift", () => {
  const drift = new DriftReporter();
  horseProfileRows("hrs_7", {
    found: true,
    source: "standard",
    body: { ...STANDARD, racing_colours: "green" },
  }, { enrichedAt: "2025-06-30T20:00:00.000Z", drift });
  assert.deepEqual(drift.drain(), [{
    kind: "horse standard profile",
    field: "racing_colours",
  }]);
});
