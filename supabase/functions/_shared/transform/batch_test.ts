import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { countRows, mergeRowBatches, mergeRowInto, RowBatchBuilder } from "./batch.ts";

Deno.test("mergeRowInto() follows each column's merge policy", () => {
  const stored: Record<string, unknown> = {
    id: "x",
    name: "Old",
    kept: "stored",
    filled: "first",
    cleared: 3,
    first: "2025-10-07",
    last: "2025-10-07",
  };
  mergeRowInto(stored, {
    id: "x",
    name: "New",
    kept: null,
    filled: "second",
    cleared: null,
    first: "2025-10-01",
    last: "2025-10-09",
    extra: "added",
  }, {
    name: "coalesce",
    kept: "coalesce",
    filled: "fill",
    cleared: "replace",
    first: "earliest",
    last: "latest",
    extra: "coalesce",
  });
  assertEquals(stored, {
    id: "x",
    name: "New",
    kept: "stored",
    filled: "first",
    cleared: null,
    first: "2025-10-01",
    last: "2025-10-09",
    extra: "added",
  });
});

Deno.test("mergeRowInto() keeps the values of the later race when an earlier one follows", () => {
  const stored: Record<string, unknown> = {
    id: "hrs_1",
    sex_code: "G",
    region: null,
    first_seen_date: "2025-10-09",
    last_seen_date: "2025-10-09",
  };
  mergeRowInto(stored, {
    id: "hrs_1",
    sex_code: "C",
    region: "IRE",
    first_seen_date: "2025-10-02",
    last_seen_date: "2025-10-02",
  }, {
    sex_code: "coalesce",
    region: "coalesce",
    first_seen_date: "earliest",
    last_seen_date: "latest",
  });
  assertEquals(stored, {
    id: "hrs_1",
    sex_code: "G",
    region: "IRE",
    first_seen_date: "2025-10-02",
    last_seen_date: "2025-10-09",
  });
});

Deno.test("RowBatchBuilder merges rows by key and builds tables in write order", () => {
  const builder = new RowBatchBuilder("result");
  builder.add("ra_mst_runners", { race_id: "rac_1", horse_id: "hrs_1", position: 1 });
  builder.add("ra_mst_jockeys", {
    id: "jky_1",
    name: null,
    first_seen_date: "2025-10-08",
    last_seen_date: "2025-10-08",
  });
  builder.add("ra_mst_jockeys", {
    id: "jky_1",
    name: "Hollie Doyle",
    first_seen_date: "2025-10-07",
    last_seen_date: "2025-10-07",
  });
  builder.add("ra_mst_runners", { race_id: "rac_1", horse_id: "hrs_2", position: 2 });
  const batch = builder.build();
  assertEquals(Object.keys(batch), ["ra_mst_jockeys", "ra_mst_runners"]);
  assertEquals(batch.ra_mst_jockeys, [{
    id: "jky_1",
    name: "Hollie Doyle",
    first_seen_date: "2025-10-07",
    last_seen_date: "2025-10-08",
  }]);
  assertEquals(countRows(batch), { ra_mst_jockeys: 1, ra_mst_runners: 2 });
});

Deno.test("mergeRowBatches() merges pages without altering them", () => {
  const first = {
    ra_mst_owners: [{
      id: "own_1",
      name: "A",
      first_seen_date: "2025-10-07",
      last_seen_date: "2025-10-07",
    }],
  };
  const second = {
    ra_mst_owners: [{
      id: "own_1",
      name: null,
      first_seen_date: "2025-10-09",
      last_seen_date: "2025-10-09",
    }],
  };
  assertEquals(mergeRowBatches("racecard", [first, second]), {
    ra_mst_owners: [{
      id: "own_1",
      name: "A",
      first_seen_date: "2025-10-07",
      last_seen_date: "2025-10-09",
    }],
  });
  assertEquals(first.ra_mst_owners[0]?.last_seen_date, "2025-10-07");
});
