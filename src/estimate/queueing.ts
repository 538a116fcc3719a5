// Queueing delay in front of a pool of identical replicas: M/M/c with the Erlang C formula.
//
// Why M/M/c and not M/D/c: arrivals from many independent users are close to Poisson, while a model's service time
// is nearly constant, which is M/D/c. M/D/c has no closed form for the waiting-time distribution; M/M/c does, and
// its exponential service times overstate the queue (for one server the M/D/1 mean wait is exactly half of M/M/1's).
// An SLO is a promise, so the planner keeps the conservative closed form.

/** Probability that an arrival has to wait (Erlang C), for `servers` servers offered `offeredLoad` erlangs. */
export function erlangC(servers: number, offeredLoad: number): number {
  if (offeredLoad <= 0) return 0;
  if (offeredLoad >= servers) return 1;
  // Erlang B by its stable recurrence, then C from B.
  let erlangB = 1;
  for (let server = 1; server <= servers; server++) erlangB = (offeredLoad * erlangB) / (server + offeredLoad * erlangB);
  const utilization = offeredLoad / servers;
  return erlangB / (1 - utilization * (1 - erlangB));
}

export interface QueueInput {
  servers: number;
  /** Mean time one server takes per job, ms. */
  serviceTimeMs: number;
  /** Jobs arriving per second. */
  arrivalsPerSecond: number;
}

export function queueUtilization(input: QueueInput): number {
  return (input.arrivalsPerSecond * input.serviceTimeMs) / 1000 / input.servers;
}

/**
 * The `quantile` of the time a job waits before a server takes it, ms: P(W > t) = C · e^(−(cμ − λ)t).
 * Infinite at or beyond full utilisation: the queue grows without bound.
 */
export function waitingTimeQuantileMs(input: QueueInput, quantile = 0.95): number {
  const { servers, serviceTimeMs, arrivalsPerSecond } = input;
  if (arrivalsPerSecond <= 0) return 0;
  const serviceRatePerSecond = 1000 / serviceTimeMs;
  const offeredLoad = arrivalsPerSecond / serviceRatePerSecond;
  // Within rounding of full load counts as full: the queue never drains.
  if (offeredLoad >= servers * (1 - 1e-12)) return Number.POSITIVE_INFINITY;
  const probabilityOfWaiting = erlangC(servers, offeredLoad);
  const tail = 1 - quantile;
  if (probabilityOfWaiting <= tail) return 0;
  const drainRatePerSecond = servers * serviceRatePerSecond - arrivalsPerSecond;
  return (Math.log(probabilityOfWaiting / tail) / drainRatePerSecond) * 1000;
}
