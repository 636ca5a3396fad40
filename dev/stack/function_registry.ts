/**
 * The Edge Functions served locally at /functions/v1/<name>, like `supabase functions serve`.
 * Each entry builds the same request handler its `index.ts` passes to `Deno.serve`.
 */
import {
  createJobHandler,
  type HandlerDependencies,
} from "../../supabase/functions/_shared/http/serve_job.ts";
import { fetchRacecardsJob } from "../../supabase/functions/fetch-racecards/job.ts";
import { fetchResultsJob } from "../../supabase/functions/fetch-results/job.ts";
import { syncMastersJob } from "../../supabase/functions/sync-masters/job.ts";
import { enrichHorsesJob } from "../../supabase/functions/enrich-horses/job.ts";
import { fetchOddsJob } from "../../supabase/functions/fetch-odds/job.ts";

/** A function's request handler. */
export type FunctionHandler = (request: Request) => Promise<Response>;

/** Builds a function's handler from the environment it would see when deployed. */
export type FunctionFactory = (
  env: Record<string, string | undefined>,
  options?: Omit<HandlerDependencies, "env">,
) => FunctionHandler;

/** Every deployable function by name. */
export const FUNCTION_FACTORIES: Record<string, FunctionFactory> = {
  "fetch-results": (env, options) => createJobHandler(fetchResultsJob, { ...options, env }),
  "fetch-racecards": (env, options) => createJobHandler(fetchRacecardsJob, { ...options, env }),
  "sync-masters": (env, options) => createJobHandler(syncMastersJob, { ...options, env }),
  "enrich-horses": (env, options) => createJobHandler(enrichHorsesJob, { ...options, env }),
  "fetch-odds": (env, options) => createJobHandler(fetchOddsJob, { ...options, env }),
};
