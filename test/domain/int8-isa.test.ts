import { describe, expect, it } from "vitest";
import { int8IsaClassesOfInstance, int8IsaClassOfFlags, int8IsaClassOfMicroarchitecture, int8WeightBitsFor, needsReducedInt8Range } from "../../src/domain/int8-isa.ts";

// Flag sets as /proc/cpuinfo shows them on the CPUs wattplan meets (faked: the test runs the same on any host).
const hosts = {
  "Zen 3 (AVX2 only)": ["avx", "avx2", "fma"],
  "Skylake-SP (AVX-512, no VNNI)": ["avx2", "avx512f", "avx512bw"],
  "Cascade Lake (AVX-512 VNNI)": ["avx2", "avx512f", "avx512bw", "avx512_vnni"],
  "Alder Lake (AVX-VNNI)": ["avx2", "avx_vnni"],
  "Sapphire Rapids (AMX)": ["avx2", "avx512f", "avx512bw", "avx512_vnni", "amx_tile", "amx_int8", "amx_bf16"],
  "Neoverse N1 (dot product)": ["asimd", "asimddp"],
  "Neoverse V1 (i8mm)": ["asimd", "asimddp", "i8mm", "bf16", "sve"],
} as const;

describe("the INT8 instruction class of a CPU", () => {
  it("follows the most capable integer dot product the flags show", () => {
    expect(Object.fromEntries(Object.entries(hosts).map(([name, flags]) => [name, int8IsaClassOfFlags(flags)]))).toEqual({
      "Zen 3 (AVX2 only)": "avx2",
      "Skylake-SP (AVX-512, no VNNI)": "avx512",
      "Cascade Lake (AVX-512 VNNI)": "avx512-vnni",
      "Alder Lake (AVX-VNNI)": "avx-vnni",
      "Sapphire Rapids (AMX)": "amx",
      "Neoverse N1 (dot product)": "arm-dotprod",
      "Neoverse V1 (i8mm)": "arm-i8mm",
    });
    expect(int8IsaClassOfFlags(["avx512_vnni", "amx_int8"])).toBe("avx512-vnni"); // AMX needs its tile unit too
    expect(int8IsaClassOfFlags([])).toBe("none");
  });

  it("asks for 7-bit weights wherever u8 × s8 products can saturate (no VNNI on x86)", () => {
    expect(needsReducedInt8Range("avx2")).toBe(true);
    expect(needsReducedInt8Range("avx512")).toBe(true);
    expect(needsReducedInt8Range("avx512-vnni")).toBe(false);
    expect(needsReducedInt8Range("amx")).toBe(false);
    expect(needsReducedInt8Range("arm-dotprod")).toBe(false);
    expect(int8WeightBitsFor(["amx", "avx512-vnni"])).toBe(8);
    expect(int8WeightBitsFor(["avx512", "avx512-vnni", "amx"])).toBe(7); // a family that can land on Skylake
    expect(int8WeightBitsFor([])).toBe(7);
  });

  it("reads the class of each microarchitecture the catalog names, and gives unknown names none (so 7-bit weights)", () => {
    const names = {
      "Skylake": "avx512",
      "Cascade Lake": "avx512-vnni",
      "Ice Lake-SP": "avx512-vnni",
      "Sapphire Rapids": "amx",
      "Emerald Rapids": "amx",
      "Granite Rapids": "amx",
      "AMD EPYC 2nd Gen (Rome)": "avx2",
      "AMD EPYC 3rd Gen (Milan)": "avx2",
      "Genoa": "avx512-vnni",
      "AWS Graviton2 (Neoverse N1)": "arm-dotprod",
      "Ampere Altra (Neoverse N1)": "arm-dotprod",
      "AWS Graviton3 (Neoverse V1)": "arm-i8mm",
      "AWS Graviton4 (Neoverse V2)": "arm-i8mm",
      "Google Axion (Neoverse V2)": "arm-i8mm",
    };
    expect(Object.fromEntries(Object.keys(names).map((name) => [name, int8IsaClassOfMicroarchitecture(name)]))).toEqual(names);
    expect(int8IsaClassOfMicroarchitecture("Some Future Core")).toBeNull();
    expect(int8WeightBitsFor(int8IsaClassesOfInstance({ cpu: { microarchitecture: "AMD EPYC 3rd Gen (Milan)" } }))).toBe(7);
    expect(int8WeightBitsFor(int8IsaClassesOfInstance({ cpu: { microarchitecture: "Sapphire Rapids" } }))).toBe(8);
    expect(int8WeightBitsFor(int8IsaClassesOfInstance({ cpu: { microarchitecture: "Some Future Core" } }))).toBe(7);
  });
});
