import { strictEqual as assertSame, throws } from "node:assert/strict";
import { HorseProSchema, HorseStandardSchema } from "./horse_schemas.ts";
import { parseApiPayload } from "./parse_payload.ts";
import { horsePro } from "./test_payloads.ts";

Deno.test("HorseProSchema and HorseStandardSchema read profiles with gaps", () => {
  const pro = parseApiPayload(HorseProSchema, horsePro(), "horse pro");
  assertSame(pro.sire_id, "sir_3188248");
  const standard = parseApiPayload(HorseStandardSchema, {
    id: "hrs_6181308",
    name: "Flaggan (IRE)",
    damsire: "",
    damsire_id: "",
    dam: null,
  }, "horse standard");
  assertSame(standard.damsire_id, "");
  assertSame(standard.sire_id, undefined);
  throws(() => parseApiPayload(HorseProSchema, { id: "sir_3188248" }, "horse pro"), /id: /);
});
