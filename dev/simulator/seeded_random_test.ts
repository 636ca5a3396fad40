import assert from "node:assert/strict";
import { RaceIds } from "./race_ids.ts";
import { hashInts, KeyedPermutation, SeededRandom } from "./seeded_random.ts";
import { dayNumber } from "./uk_time.ts";

Deno.test("KeyedPermutation is a bijection whose inverse undoes it", () => {
  const p = new KeyedPermutation(12, 99);
  const seen = new Set<number>();
  for (let x = 0; x < p.size; x++) {
    const y = p.forward(x);
    assert.ok(y >= 0 && y < p.size);
    assert.equal(p.inverse(y), x);
    seen.add(y);
  }
  assert.equal(seen.size, 4096);
  assert.notEqual(new KeyedPermutation(12, 100).forward(7), p.forward(7));
  assert.throws(() => new KeyedPermutation(11, 1), /bits must be even/);
});

Deno.test("SeededRandom and hashInts repeat for the same seed", () => {
  const a = new SeededRandom(5);
  const b = new SeededRandom(5);
  const draws = Array.from({ length: 50 }, () => a.next());
  assert.deepEqual(draws, Array.from({ length: 50 }, () => b.next()));
  assert.ok(draws.every((u) => u >= 0 && u < 1));
  assert.equal(hashInts(1, 2, 3), hashInts(1, 2, 3));
  assert.notEqual(hashInts(1, 2, 3), hashInts(1, 3, 2));
  assert.notEqual(hashInts(1, 1_700_000_000_000), hashInts(1, 1_700_000_000_001));
});

Deno.test("race ids decode to their day and index; 8 digits before 2026, 11 after", () => {
  const ids = new RaceIds(42);
  const old = ids.idOf(dayNumber("2025-10-14"), 17);
  const recent = ids.idOf(dayNumber("2026-02-01"), 3);
  assert.match(old, /^rac_\d{8}$/);
  assert.match(recent, /^rac_\d{11}$/);
  assert.deepEqual(ids.decode(old), { day: dayNumber("2025-10-14"), index: 17 });
  assert.deepEqual(ids.decode(recent), { day: dayNumber("2026-02-01"), index: 3 });
  assert.equal(ids.decode("rac_123"), null);
  assert.equal(ids.decode("hrs_10000000"), null);
  assert.notEqual(new RaceIds(43).idOf(dayNumber("2025-10-14"), 17), old);
});
