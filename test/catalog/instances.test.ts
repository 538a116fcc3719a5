import { beforeAll, describe, expect, it } from "vitest";
import type { Catalog, InstanceType } from "../../src/domain/catalog.ts";
import { loadCatalog } from "../../src/catalog/load.ts";

// Checks the committed catalog (catalog/*.json) as a user's clone has it: the instance side.
let catalog: Catalog;
const typeNamed = (instanceType: string): InstanceType => {
  const type = catalog.instanceTypes.find((candidate) => candidate.instanceType === instanceType);
  if (!type) throw new Error(`catalog has no type ${instanceType}`);
  return type;
};

beforeAll(() => {
  catalog = loadCatalog();
});

describe("instance types", () => {
  it("covers the required families on each cloud", () => {
    const families = new Set(catalog.instanceTypes.map((type) => `${type.provider}/${type.family}`));
    const required = [
      ...["c6i", "c7i", "c7g", "c8g", "m7i", "m7g", "g4dn", "g5", "g6", "g6e", "p4d", "p5", "inf2"].map((name) => `aws/${name}`),
      ...["n2", "c3", "c4", "t2a", "c4a", "n1", "g2", "a2", "a3"].map((name) => `gcp/${name}`),
      ...["Dsv5", "Dpsv5", "Fsv2", "NCasT4_v3", "NVadsA10_v5", "NC_A100_v4", "ND_H100_v5"].map((name) => `azure/${name}`),
    ];
    expect(required.filter((family) => !families.has(family))).toEqual([]);
  });

  it("gives accelerator.memoryGb per device, so count × memoryGb is the type's device memory", () => {
    const totalGb = (name: string) => {
      const attached = typeNamed(name).accelerator!;
      return attached.count * attached.memoryGb;
    };
    expect(typeNamed("p4d.24xlarge").accelerator).toEqual({ model: "A100 40GB SXM", count: 8, memoryGb: 40 });
    expect(totalGb("p4d.24xlarge")).toBe(320); // AWS: 8 x A100, 320 GB HBM2
    expect(totalGb("g5.12xlarge")).toBe(96); // 4 x A10G, 24 GB each
    expect(totalGb("Standard_NV6ads_A10_v5")).toBeCloseTo(4, 3); // a sixth of an A10: 4 GB
    for (const type of catalog.instanceTypes.filter((candidate) => candidate.accelerator)) {
      const spec = catalog.accelerators.find((accelerator) => accelerator.model === type.accelerator!.model);
      expect(type.accelerator!.memoryGb, type.instanceType).toBe(spec!.memoryGb.value);
    }
  });

  it("spells machine types as the providers' APIs do", () => {
    expect(typeNamed("c7i.xlarge").provider).toBe("aws");
    expect(typeNamed("n2-standard-8").provider).toBe("gcp");
    expect(typeNamed("Standard_D8s_v5").provider).toBe("azure");
  });

  it("lists N1 with its T4 attached, the machine type unchanged", () => {
    expect(typeNamed("n1-standard-8").accelerator).toMatchObject({ model: "T4", count: 1, memoryGb: 16 });
  });

  it("marks Arm families as arm64 and counts one core per vCPU in their peak", () => {
    for (const name of ["c7g.4xlarge", "c8g.4xlarge", "t2a-standard-16", "Standard_D16ps_v5"]) expect(typeNamed(name).architecture).toBe("arm64");
    expect(typeNamed("c7i.4xlarge").architecture).toBe("x86_64");
    // Graviton3: 32 FP32 FLOPs/cycle x 2.6 GHz x 16 cores.
    expect(typeNamed("c7g.4xlarge").peak.cpuFp32Gflops.value).toBeCloseTo(32 * 2.6 * 16, 1);
  });
});

describe("power and embodied figures", () => {
  it("gives c7g, c7i and c8g different W per vCPU", () => {
    const maxima = ["c7g.xlarge", "c7i.xlarge", "c8g.xlarge"].map((name) => typeNamed(name).power.cpuMaxWattsPerVcpu.value);
    const minima = ["c7g.xlarge", "c7i.xlarge", "c8g.xlarge"].map((name) => typeNamed(name).power.cpuMinWattsPerVcpu.value);
    expect(new Set(maxima).size).toBe(3);
    expect(new Set(minima).size).toBe(3);
  });

  it("weighs a p5 host more than a c7i host, per whole host and per vCPU", () => {
    const p5 = typeNamed("p5.48xlarge");
    const c7i = typeNamed("c7i.48xlarge");
    expect(p5.embodied.kgCo2e.value).toBeGreaterThan(c7i.embodied.kgCo2e.value);
    expect(p5.embodied.kgCo2e.value / p5.vcpus).toBeGreaterThan(c7i.embodied.kgCo2e.value / c7i.vcpus);
  });

  it("uses CCF's 4-year server life and 0.392 W/GB memory power everywhere", () => {
    for (const type of catalog.instanceTypes) {
      expect(type.embodied.lifespanHours.value).toBe(35040);
      expect(type.power.memoryWattsPerGb.value).toBeCloseTo(0.392, 6);
    }
  });

  it("gives every NVIDIA-accelerated type idle and maximum device power, idle below maximum", () => {
    const nvidia = catalog.instanceTypes.filter((type) => type.accelerator && !type.accelerator.model.startsWith("Inferentia"));
    expect(nvidia.length).toBeGreaterThan(0);
    for (const type of nvidia) {
      expect(type.power.acceleratorIdleWatts?.value, type.instanceType).toBeGreaterThan(0);
      expect(type.power.acceleratorMaxWatts!.value).toBeGreaterThan(type.power.acceleratorIdleWatts!.value);
    }
  });

  it("marks every derived figure as estimated with a method", () => {
    for (const type of catalog.instanceTypes) {
      const figures = [type.power.cpuMinWattsPerVcpu, type.power.cpuMaxWattsPerVcpu, type.embodied.kgCo2e, type.peak.cpuFp32Gflops, type.peak.cpuInt8Gops];
      for (const figure of figures) if (figure.estimated) expect(figure.method, type.instanceType).toBeTruthy();
    }
  });
});

describe("offers", () => {
  it("prices every listed type in at least one region where it is offered", () => {
    const offered = new Set(catalog.offers.map((offer) => `${offer.provider}/${offer.instanceType}`));
    const unpriced = catalog.instanceTypes.filter((type) => !offered.has(`${type.provider}/${type.instanceType}`));
    expect(unpriced.map((type) => type.instanceType)).toEqual([]);
  });

  it("offers types only in regions the catalog knows, one offer per type and region", () => {
    const regions = new Set(catalog.regions.map((region) => `${region.provider}/${region.code}`));
    const keys = new Set<string>();
    for (const offer of catalog.offers) {
      expect(regions.has(`${offer.provider}/${offer.region}`), `${offer.instanceType} in ${offer.region}`).toBe(true);
      const key = `${offer.provider}/${offer.instanceType}/${offer.region}`;
      expect(keys.has(key), key).toBe(false);
      keys.add(key);
    }
  });

  it("lists GCP GPU types only where Google offers the GPU, not wherever a price exists", () => {
    const regionsOf = (instanceType: string) => new Set(catalog.offers.filter((offer) => offer.instanceType === instanceType).map((offer) => offer.region));
    // The price table prices g2 in africa-south1; Google offers no L4 there.
    expect(regionsOf("g2-standard-8").has("africa-south1")).toBe(false);
    expect(regionsOf("g2-standard-8").has("us-central1")).toBe(true);
    expect(regionsOf("a3-highgpu-8g").has("us-central1")).toBe(true);
  });

  it("prices N1 + T4 as the machine plus the GPU", () => {
    const n1 = catalog.offers.find((offer) => offer.instanceType === "n1-standard-8" && offer.region === "us-central1");
    expect(n1?.estimated).toBe(true);
    expect(n1?.method).toContain("T4");
    // n1-standard-8 alone costs about 0.38 USD/h in us-central1 and a T4 0.35 USD/h.
    expect(n1!.usdPerHour.onDemand).toBeGreaterThan(0.7);
  });
});

describe("accelerators and priors", () => {
  it("describes the accelerators inference runs on", () => {
    const models = new Set(catalog.accelerators.map((accelerator) => accelerator.model));
    for (const model of ["T4", "A10", "A10G", "L4", "L40S", "A100 40GB SXM", "A100 80GB SXM", "A100 80GB PCIe", "H100 SXM", "H200 SXM", "Inferentia2"]) {
      expect(models.has(model), model).toBe(true);
    }
  });

  it("has a spec for every accelerator a type carries", () => {
    const models = new Set(catalog.accelerators.map((accelerator) => accelerator.model));
    for (const type of catalog.instanceTypes) if (type.accelerator) expect(models.has(type.accelerator.model), type.instanceType).toBe(true);
  });

  it("uses the 300 W enforced cap for the A10G, not 150 W", () => {
    expect(catalog.accelerators.find((accelerator) => accelerator.model === "A10G")?.maxWatts?.value).toBe(300);
  });

  it("carries every published efficiency figure as a prior with a range", () => {
    // The reference's 14 non-MLPerf figures, and one record per MLPerf result read (plus the A10's standing in for the A10G).
    const mlperf = catalog.priors.filter((prior) => prior.published);
    expect(catalog.priors.length - mlperf.length - catalog.priors.filter((prior) => prior.subject === "A10G").length).toBe(14);
    expect(mlperf.length).toBe(47);
    for (const prior of catalog.priors) expect(prior.low).toBeLessThanOrEqual(prior.high);
    const sourceIds = new Set(catalog.sources.map((source) => source.id));
    for (const prior of catalog.priors) expect(sourceIds.has(prior.source), prior.id).toBe(true);
  });
});
