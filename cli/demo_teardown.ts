/**
 * Stops what a command started, newest first, exactly once: on the normal path (`finally`) and
 * on Ctrl+C or SIGTERM, so that no server outlives the command.
 */

/** One thing to stop. */
interface Stopper {
  readonly name: string;
  readonly stop: () => Promise<void> | void;
}

/** A stopper that failed, with its error. */
export interface TeardownFailure {
  readonly name: string;
  readonly error: unknown;
}

/** Exit codes of a command stopped by a signal (128 + signal number, as shells report them). */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/** The stoppers of a command, run in reverse order of registration. */
export class Teardown {
  readonly #stoppers: Stopper[] = [];
  #running: Promise<TeardownFailure[]> | undefined;

  /** Registers something to stop; later registrations stop first. */
  defer(name: string, stop: () => Promise<void> | void): void {
    if (this.#running) throw new Error(`Cannot defer "${name}": the teardown has begun`);
    this.#stoppers.push({ name, stop });
  }

  /** True once `run()` was called. */
  get started(): boolean {
    return this.#running !== undefined;
  }

  /** Stops everything newest first, each even when another fails; returns the failures. */
  run(): Promise<TeardownFailure[]> {
    this.#running ??= (async () => {
      const failures: TeardownFailure[] = [];
      for (const stopper of this.#stoppers.toReversed()) {
        try {
          await stopper.stop();
        } catch (error) {
          failures.push({ name: stopper.name, error });
        }
      }
      return failures;
    })();
    return this.#running;
  }

  /**
   * Runs the teardown and exits on SIGINT or SIGTERM; returns a function that removes the
   * listeners (call it once the command stops on its own).
   */
  stopOnSignals(onSignal: (signal: Deno.Signal) => void = () => {}): () => void {
    const signals = ["SIGINT", "SIGTERM"] as const;
    const handlers = signals.map((signal) => {
      const handler = async () => {
        onSignal(signal);
        await this.run();
        Deno.exit(SIGNAL_EXIT_CODES[signal]);
      };
      Deno.addSignalListener(signal, handler);
      return [signal, handler] as const;
    });
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      for (const [signal, handler] of handlers) Deno.removeSignalListener(signal, handler);
    };
  }
}

/** Resolves with the first SIGINT or SIGTERM received from now on. */
export function nextStopSignal(): Promise<Deno.Signal> {
  return new Promise((resolve) => {
    const signals = ["SIGINT", "SIGTERM"] as const;
    const handlers = signals.map((signal) => {
      const handler = () => {
        for (const [name, added] of handlers) Deno.removeSignalListener(name, added);
        resolve(signal);
      };
      Deno.addSignalListener(signal, handler);
      return [signal, handler] as const;
    });
  });
}
