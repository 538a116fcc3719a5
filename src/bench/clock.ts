/** Where the harness reads time from: injectable so the adaptive stop is tested without sleeping. */
export interface Clock {
  nowMs(): number;
}

export const monotonicClock: Clock = { nowMs: () => performance.now() };
