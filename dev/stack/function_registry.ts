/**
 * The Edge Functions served locally at /functions/v1/<name>, like `supabase functions serve`.
 * Each entry builds the same request handler its `index.ts` passes to `Deno.serve`.
 */

/** A function's request handler. */
export type FunctionHandler = (request: Request) => Promise<Response>;

/** Builds a function's handler from the environment it would see when deployed. */
export type FunctionFactory = (env: Record<string, string | undefined>) => FunctionHandler;

/** Every deployable function by name; filled in as the functions land. */
export const FUNCTION_FACTORIES: Record<string, FunctionFactory> = {};
