/**
 * One window of a paged list endpoint (results, racecards): page with limit/skip until
 * `skip + page length >= total` by the API's own figures, writing each page's rows in one
 * transaction with the cursor (so a crash resumes at the next page) and the last page's rows with
 * the window's `done` mark. The next page is requested while the current one is written, so the
 * API budget keeps flowing. A page that holds less than `total` promises (empty while items
 * remain, or a total that shrank) is an IncompletePageError: never a silently finished window.
 */
import type postgres from "postgres";
import { z } from "zod";
import type { RowBatch } from "../db/row_batch.ts";
import { rowCount, writeBatch } from "../db/writer.ts";
import {
  parsePayload,
  type PayloadKind,
  type PayloadOf,
  payloadRows,
  PAYLOADS,
} from "../racing_api/payloads.ts";
import { completeWindow, saveCursor, type SyncWindow } from "./checkpoints.ts";
import type { JobContext } from "./job_context.ts";
import { IncompletePageError, isTransientDatabaseError } from "./failures.ts";

/**
 * How a paged endpoint is fetched and counted; its schema, writer source and transform come
 * from the payload registry (racing_api/payloads.ts).
 */
export interface PagedSource<K extends PayloadKind> {
  /** The payload kind of one page, e.g. `results`. */
  readonly kind: K;
  /** Largest skip the endpoint accepts. */
  readonly maxSkip: number;
  fetchPage(skip: number): Promise<unknown>;
  itemCount(page: PayloadOf<K>): number;
  total(page: PayloadOf<K>): number;
  /**
   * Writes what else the page carries (a racecards page's prices) in the page's transaction,
   * after its rows; returns the rows it wrote.
   */
  writeAlso?(tx: postgres.TransactionSql, body: unknown, rows: RowBatch): Promise<number>;
}

// `total` is the API's count when the cursor was saved: a later page may not quietly shrink it.
const CursorSchema = z.object({
  skip: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().optional(),
});

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

/** Fetches, validates, transforms and writes every page of a claimed window, then completes it. */
export async function processPagedWindow<K extends PayloadKind>(
  context: JobContext,
  window: SyncWindow,
  pages: PagedSource<K>,
): Promise<{ rowsWritten: number; filteredOutRaces: number }> {
  const { label, source } = PAYLOADS[pages.kind];
  const resumed = CursorSchema.safeParse(window.cursor);
  let skip = resumed.success ? resumed.data.skip : 0;
  let promised = resumed.success ? resumed.data.total : undefined;
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
    const page = parsePayload(pages.kind, body, { drift: context.drift, cpu: context.cpu });
    await yieldToEventLoop();
    const transformed = context.cpu.measure(() =>
      payloadRows(pages.kind, page, { regions: context.config.regions })
    );
    const count = pages.itemCount(page);
    const total = pages.total(page);
    const nextSkip = skip + count;
    if (promised !== undefined && total < promised) {
      // Items vanished between pages: what was read may have shifted. Read the window again
      // from its start in a later run (upserts make the re-read harmless).
      await saveCursor(context.sql, {
        id: window.id,
        leaseOwner: window.leaseOwner,
        cursor: { skip: 0 },
      });
      throw new IncompletePageError(
        `Cannot trust ${label} at skip ${skip} of ${window.windowStart}..${window.windowEnd}: the API's total fell from ${promised} to ${total} between pages, so the window is read again from its start`,
        body,
      );
    }
    if (count === 0 && skip < total) {
      throw new IncompletePageError(
        `Cannot finish ${window.windowStart}..${window.windowEnd}: ${label} at skip ${skip} is empty while the API's total is ${total}`,
        body,
      );
    }
    promised = total;
    const last = nextSkip >= total;
    if (!last) {
      if (nextSkip > pages.maxSkip) {
        throw new RangeError(
          `Cannot page ${label} past skip ${pages.maxSkip}: split the window ${window.windowStart}..${window.windowEnd}`,
        );
      }
      next = fetchPage(nextSkip);
      // Awaited on the next turn; until then a rejection must not count as unhandled.
      next.catch(() => {});
    }
    filteredOutRaces += transformed.filteredOut.races;
    // Counted once the transaction commits: a deadlock retry writes the page again.
    let pageRows = 0;
    await inTransactionRetryingDeadlocks(context, async (tx) => {
      const counts = await writeBatch(tx, transformed.rows, source);
      pageRows = rowCount(counts);
      if (pages.writeAlso) pageRows += await pages.writeAlso(tx, body, transformed.rows);
      if (last) {
        // The API's own count, for the coverage check (ra_data_quality).
        await tx`select ra_private.record_api_total(${window.id}::bigint, ${window.leaseOwner}::text,
          ${total}::integer, ${filteredOutRaces}::integer)`;
        await completeWindow(tx, {
          id: window.id,
          leaseOwner: window.leaseOwner,
          apiCalls: requests,
          rowsWritten: rowsWritten + pageRows,
        });
      } else {
        await saveCursor(tx, {
          id: window.id,
          leaseOwner: window.leaseOwner,
          cursor: { skip: nextSkip, total },
          leaseSeconds: context.config.leaseSeconds,
        });
      }
    });
    rowsWritten += pageRows;
    if (last) return { rowsWritten, filteredOutRaces };
    skip = nextSkip;
  }
}
