// How a CPU runs INT8 matrix products: the instruction class onnxruntime's MLAS kernels pick (QgemmU8S8 on AVX2,
// AVX-VNNI, AVX-512 core, AVX-512 VNNI, AMX on x86; dot-product and i8mm on Arm). It decides two things: how fast
// INT8 runs relative to FP32 on that CPU, and whether full-range (8-bit) INT8 weights are safe there.
import { z } from "zod";

/** From the least to the most capable, per architecture; "none" = no SIMD integer dot product MLAS uses. */
export const int8IsaClassSchema = z.enum(["none", "avx2", "avx512", "avx-vnni", "avx512-vnni", "amx", "arm-neon", "arm-dotprod", "arm-i8mm"]);
export type Int8IsaClass = z.infer<typeof int8IsaClassSchema>;

/**
 * The class of a CPU from its /proc/cpuinfo flags (x86 `flags`, Arm `Features`), as host-probe keeps them.
 * AMX counts only with amx_int8 and amx_tile both present (the OS must also grant AMX; MLAS then falls back silently).
 */
export function int8IsaClassOfFlags(flags: readonly string[]): Int8IsaClass {
  const has = (flag: string) => flags.includes(flag);
  if (has("amx_int8") && has("amx_tile")) return "amx";
  if (has("avx512_vnni")) return "avx512-vnni";
  if (has("avx_vnni")) return "avx-vnni";
  if (has("avx512bw")) return "avx512";
  if (has("avx2")) return "avx2";
  if (has("i8mm")) return "arm-i8mm";
  if (has("asimddp")) return "arm-dotprod";
  if (has("asimd")) return "arm-neon";
  return "none";
}

/**
 * Whether INT8 weights must use the reduced 7-bit range (±63) on this class. Without VNNI, x86 MLAS multiplies
 * u8 × s8 with VPMADDUBSW, whose 16-bit intermediate sums saturate with full-range weights: onnxruntime's
 * quantization documentation prescribes `reduce_range` there and says it is not needed with VNNI. Arm's dot-product
 * instructions accumulate in 32 bits.
 */
export function needsReducedInt8Range(isa: Int8IsaClass): boolean {
  return isa === "avx2" || isa === "avx512" || isa === "none";
}

/** The INT8 weight range an artifact must use to be correct on every class it can land on. */
export function int8WeightBitsFor(classes: readonly Int8IsaClass[]): 7 | 8 {
  return classes.length === 0 || classes.some(needsReducedInt8Range) ? 7 : 8;
}

/** The weight range of an INT8 artifact: 7 bits (±63) or the full 8 (±127). */
export const int8WeightBitsSchema = z.union([z.literal(7), z.literal(8)]);
export type Int8WeightBits = z.infer<typeof int8WeightBitsSchema>;

/**
 * The class of the CPU microarchitectures the catalog names (its `cpu.microarchitecture`), from the vendors'
 * feature lists: VNNI from Cascade Lake and Zen 4 on, AMX from Sapphire Rapids on, no VNNI on Skylake-SP or
 * Zen 2/3; Neoverse N1 has dot products but no i8mm, V1/V2 have i8mm. Null for a name it does not know.
 */
export function int8IsaClassOfMicroarchitecture(microarchitecture: string): Int8IsaClass | null {
  const name = microarchitecture.toLowerCase();
  const rules: [RegExp, Int8IsaClass][] = [
    [/sapphire rapids|emerald rapids|granite rapids/, "amx"],
    [/cascade lake|ice lake|cooper lake|genoa|turin|zen ?4|zen ?5/, "avx512-vnni"],
    [/skylake/, "avx512"],
    [/rome|milan|zen ?2|zen ?3|haswell|broadwell/, "avx2"],
    [/graviton2|neoverse n1|altra/, "arm-dotprod"],
    [/graviton3|graviton4|neoverse v[12]|axion|grace/, "arm-i8mm"],
  ];
  return rules.find(([pattern]) => pattern.test(name))?.[1] ?? null;
}

/**
 * The classes of every CPU generation an instance type can land on. The catalog records one microarchitecture
 * per type today, so that one stands for all; where the catalog lists a type's possible generations, this is the
 * one place to read them. An unknown name gives no class, which int8WeightBitsFor reads as "7-bit, to be safe".
 */
export function int8IsaClassesOfInstance(instance: { cpu: { microarchitecture: string } }): Int8IsaClass[] {
  const isa = int8IsaClassOfMicroarchitecture(instance.cpu.microarchitecture);
  return isa ? [isa] : [];
}
