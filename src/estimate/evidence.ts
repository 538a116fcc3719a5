// Reading a profile's evidence: cells by precision and thread count, host roofs, architecture names.
import type { Host, Measurement, ModelProfile, Precision } from "../domain/profile.ts";
import type { InstanceType } from "../domain/catalog.ts";
import type { Note } from "./notes.ts";
import type { Roof } from "./roofline.ts";
import { roundSignificant } from "./significant-figures.ts";

/** A profile's CPU cells at each precision: every projection reads them, so they are picked out once per profile. */
const cpuCellsOfProfiles = new WeakMap<ModelProfile, Map<Precision, readonly Measurement[]>>();

export function cpuCells(profile: ModelProfile, precision: Precision): readonly Measurement[] {
  let byPrecision = cpuCellsOfProfiles.get(profile);
  if (!byPrecision) cpuCellsOfProfiles.set(profile, (byPrecision = new Map()));
  let cells = byPrecision.get(precision);
  if (!cells) byPrecision.set(precision, (cells = profile.measurements.filter((cell) => cell.precision === precision && cell.executionProvider === "cpu")));
  return cells;
}

/** The thread counts measured, ascending; kept per list of cells (cpuCells gives each list once per profile). */
export function measuredThreadCounts(cells: readonly Measurement[]): readonly number[] {
  let counts = threadCountsOfCells.get(cells);
  if (!counts) threadCountsOfCells.set(cells, (counts = [...new Set(cells.map((cell) => cell.intraOpThreads))].sort((a, b) => a - b)));
  return counts;
}

const threadCountsOfCells = new WeakMap<readonly Measurement[], readonly number[]>();

export function hasPrecision(profiles: ModelProfile[], precision: Precision): boolean {
  return profiles.some((profile) => profile.measurements.some((cell) => cell.precision === precision));
}

const x86Names: ReadonlySet<string> = new Set(["x64", "amd64", "x86_64", "x86-64"]);
const armNames: ReadonlySet<string> = new Set(["arm64", "aarch64"]);

/** "x64", "amd64", "x86_64" → "x86_64"; "arm64", "aarch64" → "arm64". Asked for every projection. */
export function normalizeArchitecture(architecture: string): string {
  const lower = architecture.toLowerCase();
  if (x86Names.has(lower)) return "x86_64";
  if (armNames.has(lower)) return "arm64";
  return lower;
}

/**
 * The host's roof for a replica of `threads` threads. The bench calibrates at every thread count it measures
 * (`byThreads`); otherwise the top-level peaks, measured at `intraOpThreads` (all logical cores when unstated),
 * are shared out per thread.
 */
export function hostRoofForThreads(host: Host, precision: Precision, threads: number): Roof {
  const calibration = host.calibration;
  const exact = calibration.byThreads?.find((entry) => entry.intraOpThreads === threads);
  const base = exact ?? calibration;
  const baseThreads = exact ? threads : (calibration.intraOpThreads ?? host.logicalCores);
  const share = Math.min(threads, host.logicalCores) / baseThreads;
  const peak = precision === "fp32" ? base.fp32Gflops : base.int8Gops;
  return { peakGflops: peak * share, memoryBandwidthGbPerSecond: base.memoryBandwidthGbPerSecond * share };
}

export interface InstanceRoofSource {
  roof: Roof;
  /** Set when the catalog has no bandwidth for the type and the host's per-core figure stood in. */
  bandwidthAssumption: Note | null;
}

/** The instance's roof for a replica of `threads` threads: its catalog peak and bandwidth shared out per vCPU. */
export function instanceRoofForThreads(instance: InstanceType, precision: Precision, threads: number, host: Host): InstanceRoofSource {
  const share = Math.min(threads, instance.vcpus) / instance.vcpus;
  const peak = precision === "fp32" ? instance.peak.cpuFp32Gflops.value : instance.peak.cpuInt8Gops.value;
  const catalogBandwidth = instance.peak.memoryBandwidthGbPerSecond?.value;
  if (catalogBandwidth !== undefined) {
    return { roof: { peakGflops: peak * share, memoryBandwidthGbPerSecond: catalogBandwidth * share }, bandwidthAssumption: null };
  }
  const hostAll = hostRoofForThreads(host, precision, host.logicalCores);
  const perCore = hostAll.memoryBandwidthGbPerSecond / host.logicalCores;
  return {
    roof: { peakGflops: peak * share, memoryBandwidthGbPerSecond: perCore * Math.min(threads, instance.vcpus) },
    bandwidthAssumption: () =>
      `${instance.instanceType}: no memory bandwidth in the catalog; assumed the measuring host's ` +
      `${roundSignificant(perCore)} GB/s per logical core`,
  };
}

/** "profile of NAME SHA12 measured on HOST": in the source of every projection, so written once per profile. */
export function profileLabel(profile: ModelProfile): string {
  let label = profileLabels.get(profile);
  if (label === undefined) {
    const where = profile.host.instanceType ? `${profile.host.instanceType} (${profile.host.cpuModel})` : profile.host.cpuModel;
    profileLabels.set(profile, (label = `profile of ${profile.model.name} ${profile.model.sha256.slice(0, 12)} measured on ${where}`));
  }
  return label;
}

const profileLabels = new WeakMap<ModelProfile, string>();

/** A cell's p95/p50 latency ratio (at least 1): how much slower its slow calls are than its median one. */
export function cellP95Ratio(cell: Measurement): number {
  return cell.latencyMs.p50 > 0 ? Math.max(1, cell.latencyMs.p95 / cell.latencyMs.p50) : 1;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
