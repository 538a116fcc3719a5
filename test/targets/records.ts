// Synthetic history records for the targets tests: the bundled example's first record with the fields a test sets.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { historyRecordSchema, type HistoryRecord } from "../../src/domain/history.ts";
import type { TargetSpec } from "../../src/domain/target.ts";

export const exampleHistoryDirectory = join(import.meta.dirname, "..", "..", "examples", "history");

export function exampleRecords(): HistoryRecord[] {
  return readdirSync(exampleHistoryDirectory)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => historyRecordSchema.parse(JSON.parse(readFileSync(join(exampleHistoryDirectory, name), "utf8"))));
}

let counter = 0;

/** A plan id that no other test record has. */
export function freshPlanId(): string {
  counter += 1;
  return `${counter.toString(16).padStart(12, "0")}${"a".repeat(52)}`;
}

export interface RecordOverrides {
  createdAt: string;
  /** Sets every trend metric to this value (in its own unit), unless `metrics` says otherwise. */
  value?: number;
  metrics?: Partial<HistoryRecord["metrics"]>;
  targets?: TargetSpec[];
  planId?: string;
  specName?: string;
  catalogVersion?: string;
  basis?: HistoryRecord["intensity"]["basis"];
  method?: HistoryRecord["methods"]["sciGCo2ePerInference"];
}

export function recordAt(overrides: RecordOverrides): HistoryRecord {
  const base = structuredClone(exampleRecords()[0]);
  const value = overrides.value;
  const method = overrides.method ?? "roofline";
  const record: HistoryRecord = {
    ...base,
    planId: overrides.planId ?? freshPlanId(),
    createdAt: new Date(overrides.createdAt).toISOString(),
    specName: overrides.specName ?? base.specName,
    metrics: {
      ...base.metrics,
      ...(value === undefined ? {} : { sciGCo2ePerInference: value, energyPerInferenceJ: value, monthlyKgCo2e: value, monthlyCostUsd: value }),
      ...overrides.metrics,
    },
    methods: { sciGCo2ePerInference: method, monthlyKgCo2e: method, monthlyCostUsd: method, energyPerInferenceJ: method },
    catalog: { version: overrides.catalogVersion ?? base.catalog.version },
    intensity: { ...base.intensity, basis: overrides.basis ?? "lifecycle" },
    targets: overrides.targets ?? [],
  };
  return historyRecordSchema.parse(record);
}

export const DAY_MS = 86_400_000;
