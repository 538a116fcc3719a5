// Every fleet run checks the projection: for each machine measured, what the planner would have projected for it
// from the profiles measured elsewhere, beside what the machine measured (throughput, latency, energy per inference).
// It calls the planner's own projection (src/estimate's public entry), so it checks exactly what plans use.
import type { Catalog, InstanceType } from "../domain/catalog.ts";
import type { Measurement, ModelProfile } from "../domain/profile.ts";
import { findAccelerator, findInstanceType } from "../catalog/queries.ts";
import { instancePowerWatts, projectPerformance } from "../estimate/index.ts";
import { formatSignificant } from "../format/numbers.ts";
import { formatTable } from "../format/table.ts";

export interface CalibrationFigures {
  throughputInferencesPerSecond: number;
  latencyP50Ms: number;
  /** Energy of the part a meter sees (CPU packages for RAPL, the GPU board for nvidia-smi); null where unmeasured. */
  energyJoulesPerInference: number | null;
}

export interface CalibrationRow {
  instanceType: string;
  precision: Measurement["precision"];
  batchSize: number;
  intraOpThreads: number;
  executionProvider: Measurement["executionProvider"];
  measured: CalibrationFigures | null;
  /** The planner's projection from the other profiles, or why it has none. */
  projected: CalibrationFigures | { reason: string };
  /** What the measured energy covers, so the projection compares like with like. */
  energyBasis: string;
}

export interface CalibrationInput {
  catalog: Catalog;
  /** Profiles measured on the targets (host.instanceType set). */
  measured: ModelProfile[];
  /** Profiles measured elsewhere to project from; without any, each target is projected from the other targets' profiles. */
  evidence: ModelProfile[];
  /** Targets not (yet) measured: shown with their projection alone, at each precision × batch size asked for. */
  unmeasured?: { instanceType: string; precisions: Measurement["precision"][]; batchSizes: number[] }[];
}

export function calibrate(input: CalibrationInput): CalibrationRow[] {
  const rows: CalibrationRow[] = [];
  for (const profile of input.measured) {
    const instanceType = profile.host.instanceType;
    if (instanceType === null) continue;
    const instance = findInstanceType(input.catalog, instanceType);
    const evidence = evidenceFor(input, instanceType);
    for (const cell of comparableCells(profile)) rows.push(rowFor(input.catalog, instance, evidence, cell, profile.energy.meter));
  }
  for (const request of input.unmeasured ?? []) {
    const instance = findInstanceType(input.catalog, request.instanceType);
    const evidence = evidenceFor(input, request.instanceType);
    // The bench on the machine runs the CPU at all its vCPUs, and NVIDIA GPUs through CUDA.
    const run = instance.accelerator ? { executionProvider: "cuda" as const, intraOpThreads: 1 } : { executionProvider: "cpu" as const, intraOpThreads: instance.vcpus };
    for (const precision of request.precisions) {
      for (const batchSize of request.batchSizes) rows.push({ ...rowFor(input.catalog, instance, evidence, { precision, batchSize, ...run }, instance.accelerator ? "nvidia-smi" : "rapl") });
    }
  }
  return rows;
}

function evidenceFor(input: CalibrationInput, instanceType: string): ModelProfile[] {
  const elsewhere = (profile: ModelProfile) => profile.host.instanceType !== instanceType;
  return input.evidence.length > 0 ? input.evidence.filter(elsewhere) : input.measured.filter(elsewhere);
}

/** The cells worth comparing: on CPUs the largest thread count measured (the whole machine), on GPUs every cell. */
function comparableCells(profile: ModelProfile): Measurement[] {
  const cpu = profile.measurements.filter((cell) => cell.executionProvider === "cpu");
  const mostThreads = Math.max(...cpu.map((cell) => cell.intraOpThreads));
  return profile.measurements.filter((cell) => cell.executionProvider !== "cpu" || cell.intraOpThreads === mostThreads);
}

type CellRun = Pick<Measurement, "precision" | "batchSize" | "intraOpThreads" | "executionProvider"> & Partial<Measurement>;

function rowFor(catalog: Catalog, instance: InstanceType, evidence: ModelProfile[], cell: CellRun, meter: ModelProfile["energy"]["meter"]): CalibrationRow {
  const gpu = cell.executionProvider !== "cpu";
  const base = {
    instanceType: instance.instanceType,
    precision: cell.precision,
    batchSize: cell.batchSize,
    intraOpThreads: cell.intraOpThreads,
    executionProvider: cell.executionProvider,
    measured:
      cell.latencyMs && cell.throughputInferencesPerSecond !== undefined
        ? { throughputInferencesPerSecond: cell.throughputInferencesPerSecond, latencyP50Ms: cell.latencyMs.p50, energyJoulesPerInference: cell.energyJoulesPerInference ?? null }
        : null,
    energyBasis: meter === "nvidia-smi" ? "GPU board (nvidia-smi) vs the model's accelerator power" : meter === "rapl" ? "CPU packages (RAPL) vs the model's CPU power" : "not metered",
  };
  if (evidence.length === 0) return { ...base, projected: { reason: "no profile measured elsewhere to project from" } };
  const accelerator = instance.accelerator ? findAccelerator(catalog, instance.accelerator.model) : null;
  const result = projectPerformance({
    profiles: evidence,
    instance,
    accelerator,
    priors: catalog.priors,
    precision: cell.precision,
    batchSize: cell.batchSize,
    ...(gpu ? {} : { threadsPerReplica: cell.intraOpThreads }),
  });
  if (!result.ok) return { ...base, projected: { reason: result.reason } };
  const { projection } = result;
  // One replica, as the bench measures it: a call of `batchSize` every service time.
  const throughput = (projection.batchSize * 1000) / projection.serviceTimeMs;
  const utilization = gpu ? 1 / Math.max(1, instance.accelerator?.count ?? 1) : Math.min(1, cell.intraOpThreads / instance.vcpus);
  const power = instancePowerWatts({ instance, accelerator, utilization, replicas: 1 });
  const meteredWatts = meter === "nvidia-smi" ? power.acceleratorWatts : meter === "rapl" ? power.cpuWatts : null;
  return {
    ...base,
    projected: {
      throughputInferencesPerSecond: throughput,
      latencyP50Ms: projection.serviceTimeMs,
      energyJoulesPerInference: meteredWatts === null ? null : meteredWatts / throughput,
    },
  };
}

/** The report as text: one line per target and cell, measured / projected and their ratio. */
export function formatCalibration(rows: CalibrationRow[], evidenceLabel: string): string {
  if (rows.length === 0) return "Calibration: no profile measured on a target to compare with.";
  const pair = (measured: number | null | undefined, projected: number | null | undefined) => {
    const text = (value: number | null | undefined) => (value === null || value === undefined ? "—" : formatSignificant(value));
    const ratio = measured != null && projected != null && projected > 0 ? ` ×${(measured / projected).toFixed(2)}` : "";
    return `${text(measured)} / ${text(projected)}${ratio}`;
  };
  const body = rows.map((row) => {
    const projected = "reason" in row.projected ? null : row.projected;
    return [
      row.instanceType,
      `${row.precision}/b${row.batchSize}/${row.executionProvider === "cpu" ? `${row.intraOpThreads}t` : row.executionProvider}`,
      pair(row.measured?.throughputInferencesPerSecond, projected?.throughputInferencesPerSecond),
      pair(row.measured?.latencyP50Ms, projected?.latencyP50Ms),
      pair(row.measured?.energyJoulesPerInference, projected?.energyJoulesPerInference),
      "reason" in row.projected ? row.projected.reason : row.energyBasis,
    ];
  });
  return [
    `Calibration: measured / projected (× = measured ÷ projected); projected from ${evidenceLabel}`,
    formatTable(["target", "prec/batch/run", "inf/s (one replica)", "p50 ms", "J/inference", "note"], body),
  ].join("\n");
}
