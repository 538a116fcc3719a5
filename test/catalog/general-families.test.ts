import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.ts";
import type { Catalog, InstanceType } from "../../src/domain/catalog.ts";

// The general-purpose families added so `wattplan estimate` can price and carbon-cost existing stacks.
let catalog: Catalog;
const typeNamed = (instanceType: string): InstanceType => {
  const type = catalog.instanceTypes.find((candidate) => candidate.instanceType === instanceType);
  if (!type) throw new Error(`catalog has no type ${instanceType}`);
  return type;
};
const regionsOf = (instanceType: string) => catalog.offers.filter((offer) => offer.instanceType === instanceType).map((offer) => offer.region);

beforeAll(() => {
  catalog = loadCatalog();
});

describe("general-purpose families", () => {
  it("lists every family the reference price tables carry with power and peak figures", () => {
    const families = new Set(catalog.instanceTypes.map((type) => `${type.provider}/${type.family}`));
    const required = [
      ...["t3", "t4g", "m5", "c5", "r5", "c5a", "m6g", "c6g", "r6g", "m6a", "c6a", "m6i", "r6i", "r7i"].map((name) => `aws/${name}`),
      ...["e2", "n2d", "c3d"].map((name) => `gcp/${name}`),
      ...["Dasv5", "Dasv6", "Dsv6"].map((name) => `azure/${name}`),
    ];
    expect(required.filter((family) => !families.has(family))).toEqual([]);
    for (const name of ["n2-highmem-8", "c3-highmem-8", "c4-highmem-8", "c4a-highmem-8"]) expect(typeNamed(name).vcpus).toBe(8);
  });

  it("prices AWS previous generations in us-east-1 only and r7i in many regions", () => {
    expect(regionsOf("m5.large")).toEqual(["us-east-1"]);
    expect(regionsOf("r7i.large").length).toBeGreaterThan(10);
  });

  it("describes older AWS generations by the CPU CCF lists, and Graviton2 by the measured Neoverse N1 system", () => {
    expect(typeNamed("m5.large").cpu.microarchitecture).toBe("Skylake");
    // c5 lands on Skylake or Cascade Lake: it is described by the least capable of the two.
    expect(typeNamed("c5.large").cpu.microarchitecture).toBe("Skylake");
    expect(typeNamed("c5.large").cpu.generations?.map((generation) => generation.microarchitecture)).toEqual(["Skylake", "Cascade Lake"]);
    expect(typeNamed("c6g.large").architecture).toBe("arm64");
    expect(typeNamed("c6g.large").power.cpuMaxWattsPerVcpu.value).toBe(typeNamed("Standard_D2ps_v5").power.cpuMaxWattsPerVcpu.value);
  });

  it("weighs GCP highmem shapes on their own host, leaving the standard shapes' figures alone", () => {
    const standard = typeNamed("n2-standard-8").embodied.kgCo2e;
    const highmem = typeNamed("n2-highmem-8").embodied.kgCo2e;
    expect(highmem.value).toBeGreaterThan(standard.value);
    expect(highmem.method).toContain("n2-highmem-128");
    expect(typeNamed("c4-highcpu-2").embodied.kgCo2e.method).toContain("c4-standard-288");
  });
});

describe("burstable types", () => {
  it("carry the sustained vCPUs their price includes: AWS's baseline table and GCP's billed fraction", () => {
    expect(typeNamed("t3.large").burstable?.baselineVcpus.value).toBeCloseTo(0.6, 6); // 2 vCPUs x 30 %
    expect(typeNamed("t4g.micro").burstable?.baselineVcpus.value).toBeCloseTo(0.2, 6); // 2 x 10 %
    expect(typeNamed("e2-micro")).toMatchObject({ vcpus: 2, burstable: { baselineVcpus: { value: 0.25 } } });
    expect(typeNamed("e2-standard-2").burstable).toBeUndefined();
    expect(typeNamed("m5.large").burstable).toBeUndefined();
  });

  it("weigh t3 against the host CCF states, not their largest 8-vCPU size", () => {
    expect(typeNamed("t3.micro").embodied.kgCo2e.method).toContain("2/96 vCPUs");
  });
});

describe("what the inference planner weighs", () => {
  it("skips burstable, memory-optimised, single-region previous-generation and general-purpose types, each with a reason", () => {
    for (const name of ["t3.large", "e2-micro", "n2-highmem-8", "r7i.large", "m5.large", "n2d-standard-2", "Standard_D2as_v6"]) {
      expect(typeNamed(name).planningExclusion?.length ?? 0, name).toBeGreaterThan(30);
    }
  });

  it("keeps every inference family a candidate", () => {
    for (const name of ["c7i.large", "c8g.large", "n2-standard-8", "c4-highcpu-2", "Standard_D2s_v5", "g5.xlarge", "g2-standard-4"]) {
      expect(typeNamed(name).planningExclusion, name).toBeUndefined();
    }
    expect(catalog.instanceTypes.filter((type) => !type.planningExclusion).length).toBe(230);
  });
});
