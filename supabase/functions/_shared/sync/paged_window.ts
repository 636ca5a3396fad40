/**
 * One window of a paged list endpoint (results, racecards): page with limit/skip until
 * `skip + page length >= total`, writing each page's rows in one transaction with the cursor
 * (so a crash resumes at the next page) and the last page's rows with the window's `done` mark.
 * The next page is requested while the current one is written, so the API budget keeps flowing.
 */
import type postgres from "postgres";
import { z } from "zod";
import { writeBatch } from "../db/writer.ts";
import type { RowBatch, WriterSource } from "../db/columns.ts";
import { findUnknownFields } from "../racing_api/drift.ts";
import { parseApiPayload, PayloadValidationError } from "../racing_api/schemas.ts";
import type { TransformedRows } from "../transform/batch.ts";
import { completeWindow, saveCursor, type SyncWindow } from "./checkpoints.ts";
import type { JobContext } from "./job_context.ts";
import { isTransientDatabaseError, QuarantinedPayloadError } from "./window_loop.ts";

/** How a paged endpoint is fetched, validated and turned into rows. */
export interface PagedSource<P, S extends WriterSource> {
  /** What a page is called in errors and drift reports, e.g. "results page". */
  readonly kind: string;
  readonly source: S;
  readonly schema: z.ZodType<P>;
  /** Largest skip the endpoint accepts. */
  readonly maxSkip: number;
  fetchPage(skip: number): Promise<unknown>;
  itemCount(page: P): number;
  total(page: P): number;
  toRows(page: P): TransformedRows<S>;
}

const CursorSchema = z.object({ skip: z.number().int().nonnegative() });

/** Lets timers and I/O callbacks that are due run before the next synchronous step. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Tries of a page's transaction when Postgres picks it as a deadlock victim. */
const TRANSACTION_TRIES = 4;

/**
 * Runs a transaction, again (up to TRANSACTION_TRIES) when it is rolled back as a deadlock or
 * serialization victim: concurrent windows upsert shared people and horses.
 */
export async function inTransactionRetryingDeadlocks(
  context: Pick<JobContext, "sql" | "clock" | "signal">,
  work: (tx: postgres.TransactionSql) => Promise<void>,
): Promise<void> {
  for (let attempt = 1;; attempt++) {
    try {
      await context.sql.begin(work);
      return;
    } catch (error) {
      if (attempt >= TRANSACTION_TRIES || !isTransientDatabaseError(error)) throw error;
      await context.clock.sleep(20 * attempt + Math.random() * 50, context.signal);
    }
  }
}

function rowCount(counts: Record<string, number | undefined>): number {
  let total = 0;
  for (const count of Object.values(counts)) total += count ?? 0;
  return total;
}

/** Fetches, validates, transforms and writes every page of a claimed window, then completes it. */
export async function processPagedWindow<P, S extends WriterSource>(
  context: JobContext,
  window: SyncWindow,
  pages: PagedSource<P, S>,
): Promise<{ rowsWritten: number; filteredOutRaces: number }> {
  const resumed = CursorSchema.safeParse(window.cursor);
  let skip = resumed.success ? resumed.data.skip : 0;
  let rowsWritten = 0;
  let filteredOutRaces = 0;
  // Pages requested by this window (the client is shared by the run's workers, so its own
  // counter mixes windows; retries show in the run's api_calls).
  let requests = 0;
  const fetchPage = (at: number) => {
    requests++;
    return pages.fetchPage(at);
  };
  let next = fetchPage(skip);
  while (true) {
    const body = await next;
    await yieldToEventLoop();
    // Parsing, validating and mapping are this job's CPU; the meter keeps runs under the limit.
    // Between the steps the event loop gets a turn, so a sibling worker waiting for its API
    // slot wakes on time instead of behind a whole page of work.
    const page = context.cpu.measure(() => {
      try {
        return parseApiPayload(pages.schema, body, pages.kind);
      } catch (error) {
        if (error instanceof PayloadValidationError) throw new QuarantinedPayloadError(error, body);
        throw error;
      }
    });
    await yieldToEventLoop();
    context.cpu.measure(() =>
      context.drift.report(pages.kind, findUnknownFields(pages.schema, body))
    );
    await yieldToEventLoop();
    const transformed = context.cpu.measure(() => pages.toRows(page));
    const count = pages.itemCount(page);
    const nextSkip = skip + count;
    const last = count === 0 || nextSkip >= pages.total(page);
    if (!last) {
      if (nextSkip > pages.maxSkip) {
        throw new RangeError(
          `Cannot page ${pages.kind} past skip ${pages.maxSkip}: split the window ${window.windowStart}..${window.windowEnd}`,
        );
      }
      next = fetchPage(nextSkip);
      // Awaited on the next turn; until then a rejection must not count as unhandled.
      next.catch(() => {});
    }
    filteredOutRaces += transformed.filteredOut.races;
    await inTransactionRetryingDeadlocks(context, async (tx) => {
      const counts = await writeBatch(tx, transformed.rows as RowBatch<S>, pages.source);
      rowsWritten += rowCount(counts);
      if (last) {
        await completeWindow(tx, {
          id: window.id,
          leaseOwner: window.leaseOwner,
          apiCalls: requests,
          rowsWritten,
        });
      } else {
        await saveCursor(tx, {
          id: window.id,
          leaseOwner: window.leaseOwner,
          cursor: { skip: nextSkip },
          leaseSeconds: context.config.leaseSeconds,
        });
      }
    });
    if (last) return { rowsWritten, filteredOutRaces };
    skip = nextSkip;
  }
}
