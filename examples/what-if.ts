// Five questions asked of the bundled example (examples/spec.yaml, measured in examples/profile.json):
//   npx tsx examples/what-if.ts
// Each is one whatIf call: the spec as it is, then the spec changed; the answer is the diff between their plans.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalog, modelProfileSchema, parseSpecText, whatIf, type PlanDiff, type Variations, type WhatIfResult } from "wattplan";

const exampleDirectory = dirname(fileURLToPath(import.meta.url));
const spec = parseSpecText(readFileSync(join(exampleDirectory, "spec.yaml"), "utf8"), "examples/spec.yaml");
const profile = modelProfileSchema.parse(JSON.parse(readFileSync(join(exampleDirectory, "profile.json"), "utf8")));
// One date for every plan, so the answers are the same on every run.
const context = { catalog: loadCatalog(), profiles: [profile], now: "2026-01-01T00:00:00.000Z" };

const meanRps = spec.traffic.meanRps ?? 0;
const peakRps = spec.traffic.peakRps ?? meanRps;

const tenfold = { ...spec, traffic: { ...spec.traffic, meanRps: meanRps * 10, peakRps: peakRps * 10 } };

const questions: { question: string; variations: Variations; base?: typeof spec }[] = [
  {
    question: "What if we quantized to INT8?",
    variations: { "options.precisions": [["fp32"], ["int8"]] },
  },
  {
    question: "What if we had to stay in the EU?",
    variations: [{ name: "residency", values: [{ label: "anywhere", set: {} }, { label: "EU", set: { "constraints.residency": "EU" } }] }],
  },
  {
    question: "What if traffic tripled?",
    variations: [
      { name: "traffic", values: [{ label: "today", set: {} }, { label: "tripled", set: { "traffic.meanRps": meanRps * 3, "traffic.peakRps": peakRps * 3 } }] },
    ],
  },
  {
    question: "What if traffic grew tenfold?",
    variations: [
      { name: "traffic", values: [{ label: "today", set: {} }, { label: "tenfold", set: { "traffic.meanRps": meanRps * 10, "traffic.peakRps": peakRps * 10 } }] },
    ],
  },
  {
    question: "At tenfold traffic, what if the GPUs served FP16 in batches of up to 256?",
    base: tenfold,
    variations: [
      {
        name: "batching",
        values: [
          { label: "as specified", set: {} },
          { label: "FP16, batches up to 256", set: { "options.precisions": ["fp32", "fp16", "int8"], "options.batching.maxBatch": 256 } },
        ],
      },
    ],
  },
];

for (const { question, variations, base } of questions) {
  const result = whatIf(base ?? spec, variations, context);
  console.log(`\n${question}\n  ${answer(result)}`);
}

function answer(result: WhatIfResult): string {
  const [before, after] = result.cases;
  if (!before.plan || !after.plan) return `no feasible plan for ${(before.plan ? after : before).label}: ${(before.plan ? after : before).error}`;
  const diff = result.table[1].diff as PlanDiff;
  const carbon = metric(diff, "monthlyKgCo2e");
  const cost = metric(diff, "monthlyCostUsd");
  const sci = metric(diff, "sciGCo2ePerInference");
  if (!diff.deploymentChanged && carbon.verdict === "same" && cost.verdict === "same") {
    return `no change: the plan already chooses ${describe(after.plan.chosen)} (${after.plan.chosen.monthlyKgCo2e.toPrecision(2)} kgCO2e and $${after.plan.chosen.monthlyCostUsd.toFixed(0)} a month).`;
  }
  const moved = diff.deploymentChanged ? `the choice moves from ${describe(before.plan.chosen)} to ${describe(after.plan.chosen)}` : `the choice stays ${describe(after.plan.chosen)}`;
  return [
    `${moved};`,
    `  monthly carbon ${signed(carbon.absolute)} kgCO2e (${percent(carbon.percent)}) to ${after.plan.chosen.monthlyKgCo2e.toPrecision(2)} kgCO2e,`,
    `  cost ${signed(cost.absolute, "$")} (${percent(cost.percent)}) to $${after.plan.chosen.monthlyCostUsd.toFixed(0)} a month,`,
    `  carbon per inference ${percent(sci.percent)} (${after.plan.chosen.sciGCo2ePerInference.toExponential(2)} gCO2e), p95 ${after.plan.chosen.latencyP95Ms.toFixed(0)} ms.`,
  ].join("\n  ");
}

function metric(diff: PlanDiff, id: PlanDiff["metrics"][number]["metric"]) {
  return diff.metrics.find((entry) => entry.metric === id)!;
}

function describe(candidate: { provider: string; region: string; instanceType: string; precision: string; instances: { desired: number } }): string {
  return `${candidate.instances.desired} × ${candidate.provider} ${candidate.instanceType} in ${candidate.region} (${candidate.precision})`;
}

function signed(value: number, prefix = ""): string {
  return `${value < 0 ? "−" : "+"}${prefix}${Number(Math.abs(value).toPrecision(2))}`;
}

function percent(value: number | null): string {
  return value === null ? "n/a" : `${value < 0 ? "−" : "+"}${Math.abs(value).toFixed(0)} %`;
}
