/**
 * Regions: `/v1/courses/regions` → `ra_mst_regions` rows (the masters source), and the home
 * currency of a racing region, which result prizes without a symbol are paid in.
 *
 * @module
 */
import type { RowBatch, SourceRow } from "../db/row_batch.ts";
import type { Region } from "../racing_api/reference_schemas.ts";
import { type Currency } from "./money.ts";
import { blankToNull } from "./numbers.ts";

/** Currency of amounts a region's payloads write without a symbol (GB results: "3245.08"). */
const HOME_CURRENCY_BY_REGION: Readonly<Record<string, Currency>> = {
  GB: "GBP",
  IRE: "EUR",
};

/** The currency of a body region ("GB" → GBP, "IRE" → EUR); null for regions we do not know. */
export function homeCurrencyOf(bodyRegion: string | null | undefined): Currency | null {
  if (bodyRegion === null || bodyRegion === undefined) return null;
  return HOME_CURRENCY_BY_REGION[bodyRegion.trim().toUpperCase()] ?? null;
}

/** Maps the regions list to `ra_mst_regions` rows keyed by the lower-case code ("ire"). */
export function regionsToRows(regions: readonly Region[]): RowBatch<"masters"> {
  const rows = new Map<string, SourceRow<"ra_mst_regions", "masters">>();
  for (const region of regions) {
    const code = region.region_code.trim().toLowerCase();
    if (code === "") continue;
    rows.set(code, { code, name: blankToNull(region.region) });
  }
  return rows.size === 0 ? {} : { ra_mst_regions: [...rows.values()] };
}
