/**
 * Shared by the client_simulator_*_test.ts files: a simulator on demo credentials, an open
 * throttle, an instant clock, a patient retry policy, and a client that records its answers.
 */
import { startSimulator } from "../../../../dev/simulator/server.ts";
import { type Clock, sleep } from "../clock.ts";
import { type ApiResponseRecord, createRacingApiClient, type Throttle } from "./client.ts";

export const OPEN: Throttle = { acquire: () => Promise.resolve() };
export const INSTANT: Clock = { now: () => new Date(), sleep: (_ms, signal) => sleep(0, signal) };
export const CREDENTIALS = { username: "demo", password: "demo" };
export const PATIENT = { maxAttempts: 8, baseDelayMs: 1, maxDelayMs: 10, multiplier: 2, jitter: 0 };

export type SimulatorOptions = Parameters<typeof startSimulator>[0];

export async function simulator(options: Partial<SimulatorOptions> = {}) {
  return await startSimulator({ seed: 7, plan: "pro", ...CREDENTIALS, rateScale: 0, ...options });
}

/** A client without throttle or retries that keeps every good answer it hands on. */
export function recordingClient(baseUrl: string) {
  const records: ApiResponseRecord[] = [];
  const client = createRacingApiClient({
    baseUrl,
    ...CREDENTIALS,
    throttle: OPEN,
    onResponse: (record) => {
      records.push(record);
    },
  });
  return { client, records };
}
