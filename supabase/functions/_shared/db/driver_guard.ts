/**
 * Keeps a database restart from killing the function process. When PostgreSQL restarts while
 * postgres.js has a write queued for the next turn, the driver's `nextWrite` runs after its
 * socket was dropped and throws `TypeError: Cannot read properties of null (reading 'write')`
 * from a timer callback: an uncaught error that ends the whole process. The queries in flight
 * are already rejected by the driver (CONNECTION_CLOSED, 57P01), so swallowing this one
 * error loses nothing; every other uncaught error still ends the process as before.
 */

/** True for the driver's write-after-close TypeError, and nothing else. */
export function isDriverSocketBug(error: unknown): boolean {
  return error instanceof TypeError &&
    /reading 'write'/.test(error.message) &&
    /postgres[\\/].*connection\.js/.test(error.stack ?? "");
}

let installed = false;

/**
 * Installs, once per process, the listener that keeps the driver's write-after-close error
 * from ending the process, and reports each catch to `onCaught`.
 */
export function guardAgainstDriverSocketBug(onCaught: (error: TypeError) => void): void {
  if (installed) return;
  installed = true;
  globalThis.addEventListener("error", (event) => {
    if (!isDriverSocketBug(event.error)) return;
    event.preventDefault();
    onCaught(event.error as TypeError);
  });
}
