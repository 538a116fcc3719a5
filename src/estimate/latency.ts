// p95 latency of one request on one instance: waiting for a batch to fill + queueing + service.
import { queueUtilization, waitingTimeQuantileMs } from "./queueing.ts";

export interface LatencyInput {
  /** Median time of one call (a whole batch) on one replica, ms. */
  serviceTimeMs: number;
  /** 95th percentile of one call, ms (defaults to the median). */
  serviceTimeP95Ms?: number;
  replicas: number;
  batchSize: number;
  /** Requests that reach the model (cache misses) per second, on this instance. */
  arrivalRps: number;
  maxQueueDelayMs: number;
}

export interface LatencyBreakdown {
  latencyP95Ms: number;
  batchFillMs: number;
  queueingP95Ms: number;
  serviceP95Ms: number;
  /** Share of the replicas' time spent serving, 0–1 (≥ 1 means the queue grows without bound). */
  utilization: number;
}

/**
 * Each replica collects a batch from its share of the arrivals: the first request waits about (b − 1)/λ for the
 * rest, unless the batcher's max queue delay dispatches earlier. Batches then queue for the replicas (M/M/c, see
 * queueing.ts). Adding the p95 of each part over-states the p95 of the sum slightly: the conservative side.
 */
export function latencyP95Ms(input: LatencyInput): LatencyBreakdown {
  const { serviceTimeMs, replicas, batchSize, arrivalRps, maxQueueDelayMs } = input;
  const serviceP95Ms = Math.max(serviceTimeMs, input.serviceTimeP95Ms ?? serviceTimeMs);
  const perReplicaRps = arrivalRps / replicas;
  const batchFillMs = batchSize <= 1 ? 0 : perReplicaRps > 0 ? Math.min(((batchSize - 1) / perReplicaRps) * 1000, maxQueueDelayMs) : maxQueueDelayMs;
  const queue = { servers: replicas, serviceTimeMs, arrivalsPerSecond: arrivalRps / batchSize };
  const utilization = queueUtilization(queue);
  const queueingP95Ms = waitingTimeQuantileMs(queue, 0.95);
  return {
    latencyP95Ms: utilization >= 1 - 1e-12 ? Number.POSITIVE_INFINITY : batchFillMs + queueingP95Ms + serviceP95Ms,
    batchFillMs,
    queueingP95Ms,
    serviceP95Ms,
    utilization,
  };
}
