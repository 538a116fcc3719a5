// `tsx scripts/migrate-profile.ts PROFILE.json MODEL.onnx`: upgrades a profile of schemaVersion 1 to the current
// version in place, without measuring anything again (a profile's timings belong to the host it was measured on).
// What version 1 knew carries over; what can be derived from the model file is derived; what needs a run is left
// out, and said:
//   - model.cost.macFlopsPerInference: counted from the model (the analysis is deterministic);
//   - INT8 cells and the quantization report: dynamic INT8 with 8-bit weights, the only transform version 1 had;
//   - artifacts: the FP32 file, and the dynamic INT8 files at 8 and 7 bits, built with buildArtifact (sha256, bytes).
//     The 8-bit file keeps version 1's drift figure (measured with it, on the profile's host); the 7-bit file has
//     none (it did not exist then). No static QDQ file and no FP16 drift: both need the model run.
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../src/io/atomic-write.ts";
import type { ArtifactRecord } from "../src/domain/artifact.ts";
import { int8IsaClassOfFlags, needsReducedInt8Range } from "../src/domain/int8-isa.ts";
import { modelProfileSchema, PROFILE_SCHEMA_VERSION, type ModelProfile } from "../src/domain/profile.ts";
import { analyzeModel, buildArtifact, modelSha256, readModel } from "../src/onnx/index.ts";

const [profilePath, modelPath] = process.argv.slice(2);
if (!profilePath || !modelPath) throw new Error("usage: tsx scripts/migrate-profile.ts PROFILE.json MODEL.onnx");

const profile = modelProfileSchema.parse(JSON.parse(await readFile(profilePath, "utf8")));
const modelBytes = new Uint8Array(await readFile(modelPath));
if (profile.schemaVersion !== 1) throw new Error(`${profilePath} is already schemaVersion ${profile.schemaVersion}`);
if (modelSha256(modelBytes) !== profile.model.sha256) throw new Error(`${modelPath} is not the model ${profilePath} was measured on (sha256 differs)`);

const cost = analyzeModel(readModel(modelBytes, modelPath), { batchSize: 1, shapes: {}, inputValues: profile.model.inputValues }).cost;
if (cost.flopsPerInference !== profile.model.cost.flopsPerInference) throw new Error("the analysis no longer counts the recorded FLOPs: re-bench rather than migrate");

const hostIsa = int8IsaClassOfFlags(profile.host.isaFlags);
const int8 = "dynamic-int8" as const;
const artifacts: ArtifactRecord[] = [
  { precision: "fp32", recipe: { transform: "none" }, sha256: profile.model.sha256, bytes: modelBytes.length, quantizedNodes: 0, drift: null, driftNote: "the reference every other precision is compared with" },
];
if (profile.quantization) {
  for (const weightBits of [7, 8] as const) {
    const built = buildArtifact(modelBytes, { transform: int8, weightBits });
    const measured = weightBits === 8 && !needsReducedInt8Range(hostIsa);
    artifacts.push({
      precision: "int8",
      recipe: { transform: int8, weightBits },
      sha256: built.sha256,
      bytes: built.bytes.length,
      quantizedNodes: built.quantizedNodes,
      drift: measured ? { ...profile.quantization.drift, nonFiniteMismatches: 0 } : null,
      driftNote: measured
        ? `measured on onnxruntime's CPU provider (INT8 class ${hostIsa}) when the profile was recorded (schemaVersion 1); carried over by migration`
        : weightBits === 7
          ? "not measured: the profile was recorded (schemaVersion 1) before 7-bit files existed; bench the model again to measure it"
          : `not valid: recorded (schemaVersion 1) on a host whose INT8 class (${hostIsa}) saturates 8-bit weights`,
    });
  }
}

const migrated: ModelProfile = {
  ...profile,
  schemaVersion: PROFILE_SCHEMA_VERSION,
  model: { ...profile.model, cost: { ...profile.model.cost, macFlopsPerInference: cost.macFlopsPerInference } },
  measurements: profile.measurements.map((cell) => (cell.precision === "int8" ? { ...cell, transform: int8, weightBits: 8 } : cell)),
  quantization: profile.quantization ? { ...profile.quantization, transform: int8, weightBits: 8, drift: { ...profile.quantization.drift, nonFiniteMismatches: 0 } } : null,
  artifacts,
};
// Key order as bench writes it, so the diff shows only what changed.
const ordered = modelProfileSchema.parse(migrated);
const { energy, warnings, ...rest } = ordered;
await writeFileAtomic(profilePath, `${JSON.stringify({ ...rest, energy, warnings }, null, 2)}\n`);
process.stderr.write(`migrated ${profilePath} to schemaVersion ${PROFILE_SCHEMA_VERSION} (${artifacts.length} artifacts; nothing re-measured)\n`);
