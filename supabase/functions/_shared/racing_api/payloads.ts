/**
 * Every kind of payload the sync reads from The Racing API, in one registry: the endpoint that
 * answers it, the zod schema that checks it, the writer source its rows belong to and the
 * transform that maps it to rows. `parsePayload` is the one way a payload is read: validated,
 * quarantined on a mismatch (with its endpoint), and its unknown fields reported as drift.
 * The jobs and `deno task replay` read the same entries, so a replay maps as a run does.
 */
import type { z } from "zod";
import type { RowBatch } from "../db/row_batch.ts";
import type { WriterSource } from "../db/tables.ts";
import { coursesToRows } from "../transform/course.ts";
import { type HorseProfileSource, horseProfileToRows } from "../transform/horse.ts";
import { racecardsPageToRows } from "../transform/racecard.ts";
import { regionsToRows } from "../transform/region.ts";
import { resultsPageToRows } from "../transform/result.ts";
import { type DriftReporter, findUnknownFields } from "./drift.ts";
import { QuarantinedPayloadError } from "./quarantine.ts";
import {
  type HorsePro,
  HorseProSchema,
  type HorseStandard,
  HorseStandardSchema,
} from "./horse_schemas.ts";
import { parseApiPayload, PayloadValidationError } from "./parse_payload.ts";
import { RacecardProSchema, RacecardsProPageSchema } from "./racecard_schemas.ts";
import { CoursesPageSchema, RegionsSchema } from "./reference_schemas.ts";
import { ResultSchema, ResultsPageSchema } from "./result_schemas.ts";

/** What a transform may need from the run: the synced regions and when the payload came. */
export interface PayloadTransformOptions {
  /** Wanted region codes in query form ("gb", "ire"); races and courses elsewhere are dropped. */
  readonly regions: readonly string[];
  /** When the payload was fetched, stored as a horse's `enriched_at`; left out by replays. */
  readonly enrichedAt?: string;
}

/** The rows of one payload and what the region filter dropped. */
export interface PayloadRows<S extends WriterSource> {
  readonly rows: RowBatch<S>;
  readonly filteredOut: { readonly races: number; readonly courses?: number };
}

/** One payload kind: where it comes from, how it is checked and what rows it makes. */
export interface PayloadSpec<P, S extends WriterSource> {
  /** What the payload is called in errors and drift reports, e.g. "results page". */
  readonly label: string;
  /** Request path; `{race_id}` or `{horse_id}` stands for the id asked for. */
  readonly endpoint: string;
  readonly schema: z.ZodType<P>;
  /** The writer whose columns the rows fill. */
  readonly source: S;
  /** Maps a validated payload to rows (pure). */
  transform(payload: P, options: PayloadTransformOptions): PayloadRows<S>;
}

// Ties each entry's transform to its schema's output type.
function spec<P, S extends WriterSource>(entry: PayloadSpec<P, S>): PayloadSpec<P, S> {
  return entry;
}

function horseProfile(source: HorseProfileSource) {
  return (profile: HorsePro | HorseStandard, options: PayloadTransformOptions) => ({
    rows: horseProfileToRows(
      profile,
      source,
      options.enrichedAt === undefined ? {} : { enrichedAt: options.enrichedAt },
    ),
    filteredOut: { races: 0 },
  });
}

/** The payload registry, keyed by payload kind. */
export const PAYLOADS = {
  racecards: spec({
    label: "racecards page",
    endpoint: "/v1/racecards/pro",
    schema: RacecardsProPageSchema,
    source: "racecard",
    transform: (page, { regions }) => racecardsPageToRows(page, { regions }),
  }),
  racecard: spec({
    label: "racecard",
    endpoint: "/v1/racecards/{race_id}/pro",
    schema: RacecardProSchema,
    source: "racecard",
    transform: (card, { regions }) => racecardsPageToRows({ racecards: [card] }, { regions }),
  }),
  results: spec({
    label: "results page",
    endpoint: "/v1/results",
    schema: ResultsPageSchema,
    source: "result",
    transform: (page, { regions }) => resultsPageToRows(page, { regions }),
  }),
  result: spec({
    label: "result",
    endpoint: "/v1/results/{race_id}",
    schema: ResultSchema,
    source: "result",
    transform: (result, { regions }) => resultsPageToRows({ results: [result] }, { regions }),
  }),
  horse_pro: spec({
    label: "horse pro profile",
    endpoint: "/v1/horses/{horse_id}/pro",
    schema: HorseProSchema,
    source: "enrichment",
    transform: horseProfile("pro"),
  }),
  horse_standard: spec({
    label: "horse standard profile",
    endpoint: "/v1/horses/{horse_id}/standard",
    schema: HorseStandardSchema,
    source: "enrichment",
    transform: horseProfile("standard"),
  }),
  courses: spec({
    label: "courses list",
    endpoint: "/v1/courses",
    schema: CoursesPageSchema,
    source: "masters",
    transform: (page, { regions }) => {
      const { rows, filteredOut } = coursesToRows(page, { regions });
      return { rows, filteredOut: { races: 0, courses: filteredOut.courses } };
    },
  }),
  regions: spec({
    label: "regions",
    endpoint: "/v1/courses/regions",
    schema: RegionsSchema,
    source: "masters",
    transform: (regions) => ({ rows: regionsToRows(regions), filteredOut: { races: 0 } }),
  }),
} as const;

/** A payload kind, e.g. `results` (a /v1/results page). */
export type PayloadKind = keyof typeof PAYLOADS;

/** The validated payload of a kind. */
export type PayloadOf<K extends PayloadKind> = z.output<(typeof PAYLOADS)[K]["schema"]>;

/** The writer source of a kind's rows. */
export type SourceOf<K extends PayloadKind> = (typeof PAYLOADS)[K]["source"];

/** Every payload kind, in registry order. */
export const PAYLOAD_KINDS = Object.keys(PAYLOADS) as PayloadKind[];

/** The payload kind of each horse profile endpoint. */
export const HORSE_PROFILE_KINDS = {
  pro: "horse_pro",
  standard: "horse_standard",
} as const satisfies Record<HorseProfileSource, PayloadKind>;

/** The request path of a kind, with `id` in place of its `{race_id}` or `{horse_id}`. */
export function payloadEndpoint(kind: PayloadKind, id?: string): string {
  const template = PAYLOADS[kind].endpoint;
  return id === undefined ? template : template.replace(/\{\w+\}/, id);
}

/** Options of parsePayload. */
export interface ParsePayloadOptions {
  /** Collects the fields the schema does not declare. */
  readonly drift: DriftReporter;
  /** Meters parsing and the drift walk against the run's CPU budget. */
  readonly cpu?: { measure<T>(work: () => T): T };
  /** The request path as asked, kept in a quarantine. @default the kind's endpoint */
  readonly endpoint?: string;
}

/**
 * Validates a payload of `kind` against its schema and reports its unknown fields as drift.
 * @throws {QuarantinedPayloadError} with the body and the endpoint when the schema refuses it
 */
export function parsePayload<K extends PayloadKind>(
  kind: K,
  body: unknown,
  options: ParsePayloadOptions,
): PayloadOf<K> {
  const { label, schema } = PAYLOADS[kind];
  const measure = <T>(work: () => T): T => options.cpu ? options.cpu.measure(work) : work();
  let payload: unknown;
  try {
    payload = measure(() => parseApiPayload<unknown>(schema, body, label));
  } catch (error) {
    if (!(error instanceof PayloadValidationError)) throw error;
    throw new QuarantinedPayloadError(error, body, options.endpoint ?? payloadEndpoint(kind));
  }
  measure(() => options.drift.report(label, findUnknownFields(schema, body)));
  return payload as PayloadOf<K>;
}

/** Maps a validated payload of `kind` to its rows with the kind's transform. */
export function payloadRows<K extends PayloadKind>(
  kind: K,
  payload: PayloadOf<K>,
  options: PayloadTransformOptions,
): PayloadRows<SourceOf<K>> {
  // Indexing by a generic key widens the transform to a union; the entry's own P and S match.
  const transform = PAYLOADS[kind].transform as (
    payload: PayloadOf<K>,
    options: PayloadTransformOptions,
  ) => PayloadRows<SourceOf<K>>;
  return transform(payload, options);
}
