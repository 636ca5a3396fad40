import assert from "node:assert/strict";
import {
  BOOKMAKERS as SIMULATED_BOOKMAKERS,
  UNKNOWN_BOOKMAKERS as SIMULATED_UNKNOWN_BOOKMAKERS,
} from "../../../dev/simulator/odds.ts";
import { bookmakerKey, BOOKMAKERS, bookmakerSeedRows, resolveBookmakerId } from "./bookmakers.ts";

Deno.test("resolveBookmakerId() resolves every spelling the simulator writes in odds", () => {
  const spellings = SIMULATED_BOOKMAKERS.flatMap((book) => [book.name, ...book.variants]);
  assert.ok(spellings.includes("Spread Ex") && spellings.includes("SportingIndex"));
  const unresolved = spellings.filter((name) => resolveBookmakerId(name) === null);
  assert.deepEqual(unresolved, []);
  assert.equal(resolveBookmakerId("Betfair Exchange"), "betfair_exchange");
  assert.equal(resolveBookmakerId("Boylesports"), "boylesports");
  assert.equal(resolveBookmakerId("Spread Ex"), "spreadex");
  assert.equal(resolveBookmakerId("SportingIndex"), "sporting_index");
  assert.equal(resolveBookmakerId("Bet Victor"), "betvictor");
  assert.equal(resolveBookmakerId("Boyle Sports"), "boylesports");
});

Deno.test("resolveBookmakerId() knows none of the simulator's deliberately unknown books", () => {
  // The exception: now and then the simulator quotes a book no list knows, so a sync must store
  // prices from a name it cannot resolve.
  assert.ok(SIMULATED_UNKNOWN_BOOKMAKERS.length > 0);
  for (const book of SIMULATED_UNKNOWN_BOOKMAKERS) {
    assert.equal(resolveBookmakerId(book.name), null, book.name);
  }
});

Deno.test("resolveBookmakerId() matches other spellings of a book and refuses unknown ones", () => {
  assert.equal(resolveBookmakerId("Paddypower"), "paddy_power");
  assert.equal(resolveBookmakerId("PADDY POWER"), "paddy_power");
  assert.equal(resolveBookmakerId("williamhill"), "william_hill");
  assert.equal(resolveBookmakerId("Betfair"), "betfair_exchange");
  assert.equal(resolveBookmakerId("888 Sport"), "888sport");
  assert.equal(resolveBookmakerId("Bookie Nobody Knows"), null);
  assert.equal(resolveBookmakerId(""), null);
  assert.equal(resolveBookmakerId(null), null);
});

Deno.test("BOOKMAKERS gives each id and each spelling to one book only", () => {
  const ids = BOOKMAKERS.map((book) => book.id);
  assert.equal(new Set(ids).size, ids.length);
  const owners = new Map<string, Set<string>>();
  for (const book of BOOKMAKERS) {
    for (const spelling of [book.name, ...book.aliases]) {
      const key = bookmakerKey(spelling);
      owners.set(key, (owners.get(key) ?? new Set()).add(book.id));
    }
  }
  const shared = [...owners].filter(([, books]) => books.size > 1).map((
    [key],
  ) => key);
  assert.deepEqual(shared, []);
});

Deno.test("bookmakerSeedRows() writes one row per book and one alias per exact spelling", () => {
  const rows = bookmakerSeedRows([
    {
      id: "tote",
      name: "Tote",
      type: "online",
      active: true,
      aliases: ["totesport", "Tote"],
    },
    {
      id: "old_book",
      name: "Old Book",
      type: "spread",
      active: false,
      aliases: [],
    },
  ]);
  assert.deepEqual(rows, {
    ra_mst_bookmakers: [
      { id: "tote", name: "Tote", type: "online", is_active: true },
      { id: "old_book", name: "Old Book", type: "spread", is_active: false },
    ],
    ra_mst_bookmaker_aliases: [
      { alias: "Tote", bookmaker_id: "tote" },
      { alias: "totesport", bookmaker_id: "tote" },
      { alias: "Old Book", bookmaker_id: "old_book" },
    ],
  });
  assert.equal(
    bookmakerSeedRows().ra_mst_bookmakers?.length,
    BOOKMAKERS.length,
  );
});
