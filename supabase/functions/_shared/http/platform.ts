/**
 * The Edge Runtime's globals behind one object, so handlers run the same on Supabase, in the
 * local function server and in tests.
 */

/** What a function needs from the runtime it is deployed on. */
export interface Platform {
  /** Keeps the isolate alive until the promise settles; false where the runtime has no such hook. */
  waitUntil(work: Promise<unknown>): boolean;
  /** Calls back once when the runtime is about to stop the isolate (reason as the runtime says). */
  onShutdown(callback: (reason: string) => void): void;
}

interface EdgeRuntimeGlobal {
  waitUntil(promise: Promise<unknown>): void;
}

/** The platform of the running process: Supabase's `EdgeRuntime` when present, plain Deno otherwise. */
export function currentPlatform(): Platform {
  const edgeRuntime = (globalThis as { EdgeRuntime?: EdgeRuntimeGlobal }).EdgeRuntime;
  return {
    waitUntil(work) {
      if (!edgeRuntime) return false;
      edgeRuntime.waitUntil(work);
      return true;
    },
    onShutdown(callback) {
      globalThis.addEventListener("beforeunload", (event) => {
        const detail = (event as CustomEvent<{ reason?: string }>).detail;
        callback(detail?.reason ?? "unload");
      });
    },
  };
}
