// A calibration run that caught the machine busy reads low, and every efficiency divided by it reads high (200 %
// was seen on a shared 2-core host). The host's peak is at least what any model achieved on it, and at least what
// fewer threads reached, so a calibrated peak below either is raised to it, with a warning, and the efficiencies
// recomputed.
import type { Measurement } from "../domain/profile.ts";
import type { Calibration } from "./calibrate.ts";

export interface ReconciledPeaks {
  calibrations: Map<number, Calibration>;
  measurements: Measurement[];
  warnings: string[];
}

export function reconcilePeaks(calibrations: Map<number, Calibration>, measurements: Measurement[]): ReconciledPeaks {
  const warnings: string[] = [];
  const reconciled = new Map<number, Calibration>();
  const figures = [
    { key: "fp32Gflops", unit: "GFLOPS FP32" },
    { key: "int8Gops", unit: "GOPS INT8" },
    { key: "memoryBandwidthGbPerSecond", unit: "GB/s" },
  ] as const;
  let fewerThreads: Calibration | null = null;
  for (const [threads, calibration] of [...calibrations].sort(([first], [second]) => first - second)) {
    const updated = { ...calibration };
    // More threads can always do what fewer did: a lower figure means the extra thread was fighting for a core.
    for (const { key, unit } of figures) {
      if (fewerThreads && fewerThreads[key] > updated[key]) {
        warnings.push(
          `the calibration at ${threads} thread(s) read ${updated[key].toFixed(1)} ${unit}, below ${fewerThreads[key].toFixed(1)} at ${fewerThreads.intraOpThreads}; ` +
            "raised to that (the machine was probably busy during calibration)",
        );
        updated[key] = fewerThreads[key];
      }
    }
    for (const precision of ["fp32", "int8"] as const) {
      const key = precision === "fp32" ? "fp32Gflops" : "int8Gops";
      // Only CPU runs bound the CPU's peak: a model run on a GPU (WebGPU) may well outpace the CPU it was driven from.
      const best = Math.max(
        0,
        ...measurements
          .filter((measurement) => measurement.executionProvider === "cpu" && measurement.intraOpThreads === threads && measurement.precision === precision)
          .map((measurement) => measurement.achievedGflops),
      );
      if (best > updated[key]) {
        warnings.push(
          `the ${precision.toUpperCase()} calibration at ${threads} thread(s) (${updated[key].toFixed(0)} ${precision === "fp32" ? "GFLOPS" : "GOPS"}) read below what the model achieved ` +
            `(${best.toFixed(0)}); the peak was raised to that (the machine was probably busy during calibration)`,
        );
        updated[key] = best;
      }
    }
    reconciled.set(threads, updated);
    fewerThreads = updated;
  }
  const recomputed = measurements.map((measurement) => {
    const calibration = reconciled.get(measurement.intraOpThreads);
    if (!calibration) return measurement;
    const peak = measurement.precision === "fp32" ? calibration.fp32Gflops : calibration.int8Gops;
    return { ...measurement, efficiency: peak > 0 ? measurement.achievedGflops / peak : 0 };
  });
  return { calibrations: reconciled, measurements: recomputed, warnings };
}
