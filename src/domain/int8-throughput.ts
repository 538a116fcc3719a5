// How many INT8 operations a core issues per FP32 FLOP, by INT8 instruction class. One table for both sides of a
// projection: the catalog's INT8 peak of each microarchitecture is its FP32 rate times this, and the measuring
// host's INT8 peak (which bench cannot take from a datasheet) is its calibrated FP32 peak times this, so a
// measured INT8 efficiency means the same thing on the host and on the type it is carried to.
import type { Int8IsaClass } from "./int8-isa.ts";

export interface Int8Throughput {
  /** Nominal INT8 operations (a multiply-add counts 2) per FP32 FLOP, per core and cycle. */
  opsPerFp32Flop: number;
  /** The instruction arithmetic behind it. */
  basis: string;
}

/**
 * Derived from instruction widths and issue rates (as in the reference table power/cpu-peak-flops.csv, compiled
 * 2026-08): x86 FP32 is 16 FMA lanes per 512-bit instruction (8 per 256-bit), Arm 4 per 128-bit NEON instruction.
 * Without VNNI, an 8-bit multiply-add takes three instructions (VPMADDUBSW, VPMADDWD, VPADDD; onnxruntime's MLAS
 * U8S8 kernels), so its rate is a third of the instruction-level one: the rule the reference applies to Skylake.
 */
export const INT8_THROUGHPUT: Record<Int8IsaClass, Int8Throughput> = {
  amx: { opsPerFp32Flop: 32, basis: "AMX TMUL: 2,048 INT8 ops per cycle per core vs 64 FP32 FLOPs (2 × 512-bit FMA)" },
  "avx512-vnni": { opsPerFp32Flop: 4, basis: "VPDPBUSD: 64 multiply-adds per 512-bit instruction vs 16 FMA lanes" },
  "avx-vnni": { opsPerFp32Flop: 4, basis: "256-bit VPDPBUSD: 32 multiply-adds per instruction vs 8 FMA lanes" },
  avx512: { opsPerFp32Flop: 4 / 3, basis: "no VNNI: VPMADDUBSW + VPMADDWD + VPADDD, 64 multiply-adds per three 512-bit instructions vs 16 FMA lanes per one" },
  avx2: { opsPerFp32Flop: 4 / 3, basis: "no VNNI: VPMADDUBSW + VPMADDWD + VPADDD, 32 multiply-adds per three 256-bit instructions vs 8 FMA lanes per one" },
  "arm-i8mm": {
    opsPerFp32Flop: 4,
    basis: "SDOT: 16 multiply-adds per 128-bit instruction vs 4 FMA lanes; SMMLA (i8mm) may double it on some cores, not verified, so the SDOT rate is used",
  },
  "arm-dotprod": { opsPerFp32Flop: 4, basis: "SDOT/UDOT: 16 multiply-adds per 128-bit instruction vs 4 FMA lanes" },
  "arm-neon": { opsPerFp32Flop: 1, basis: "no dot product: widening multiply-accumulates; assumed no faster than FP32" },
  none: { opsPerFp32Flop: 1, basis: "no SIMD integer dot product onnxruntime uses: assumed no faster than FP32" },
};
