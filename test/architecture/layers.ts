// The allowed import directions of wattplan, written once: test/architecture/layering.test.ts checks the source
// against them, and checks that docs/ARCHITECTURE.md shows them (UPDATE_GOLDEN=1 rewrites its table from here).
//
// A unit is a folder of src/ ("plan" = src/plan/**), a module at the root of src/ ("errors" = src/errors.ts), or
// policy/ (the CrossGuard pack, outside src/). A unit imports its own files freely; another unit only if it is listed
// here. Data flows one way: model, catalog and spec in, Plan JSON out, renderers and emitters after it.

export interface UnitRule {
  /** What the unit is for, one line (shown in docs/ARCHITECTURE.md). */
  job: string;
  /** The units it may import. */
  imports: string[];
}

export const unitRules: Record<string, UnitRule> = {
  domain: { job: "types and zod schemas: units, catalog records, spec, profile, intensity series, plan, diff", imports: [] },
  errors: { job: "WattplanError and its family: a code, a one-line message, a hint naming spec keys (never CLI flags)", imports: [] },
  "wattplan-home": { job: "the user's wattplan folder ($WATTPLAN_HOME, else ~/.wattplan)", imports: [] },
  "package-root": { job: "the folder wattplan is installed in, found from source, compiled code or the CLI bundle alike", imports: [] },
  version: { job: "the version, read from package.json (its one source)", imports: ["package-root"] },
  text: { job: "close-match suggestions for unknown names", imports: [] },
  format: { job: "numbers, units and plain-text tables for people: one rule per quantity, no locale", imports: [] },
  io: { job: "reading user files (bounded), atomic writes that never replace a device or link, file locks, bounded HTTP bodies", imports: ["errors", "format"] },
  schedule: { job: "batch windows, cleanest hours, scaling recurrences per cloud", imports: ["domain", "errors"] },
  catalog: { job: "load and validate catalog/*.json; lookups with close-match suggestions", imports: ["domain", "errors", "text", "package-root"] },
  onnx: { job: "read ONNX, infer shapes, count FLOPs and bytes, build synthetic models, quantize", imports: ["domain", "errors"] },
  estimate: { job: "pure: performance projection, power, energy, carbon, cost, SCI for one candidate", imports: ["domain", "errors", "format"] },
  intensity: { job: "grid-intensity sources (catalog, Electricity Maps, WattTime, UK, file) behind one interface", imports: ["domain", "errors", "text", "io", "catalog"] },
  plan: { job: "pure: parse the spec, enumerate, constrain, size, score, Pareto, baseline: the Plan JSON", imports: ["domain", "errors", "version", "text", "estimate", "schedule"] },
  bench: { job: "measure a model in onnxruntime-node: harness, host probe, energy meters, statistics", imports: ["domain", "errors", "version", "text", "format", "io", "onnx"] },
  emit: { job: "Plan → stacks/Pulumi.NAME.yaml (atomic write under a lock, hand edits kept, the plan checked against the catalog) and the model artifact the candidate serves", imports: ["domain", "errors", "text", "io", "schedule", "onnx", "catalog"] },
  targets: { job: "pure: targets over time: trajectories, on or off track, data refreshes, a plan's effect", imports: ["domain", "errors"] },
  history: { job: "plan records on disk: write one file per plan, read a folder, skip what is unreadable", imports: ["domain", "errors", "io", "plan", "targets"] },
  "pulumi-state": { job: "Pulumi's documents (preview digest, stack export, engine events): schemas, regions, unknown values", imports: ["domain", "errors"] },
  "stack-estimate": { job: "pure: cost and carbon of any Pulumi stack's compute, greener alternatives, base vs head", imports: ["domain", "errors", "catalog", "estimate", "plan", "pulumi-state"] },
  report: { job: "render a Plan (Markdown, HTML, JSON), diff two plans, post the PR comment", imports: ["domain", "errors", "format", "io", "targets", "stack-estimate"] },
  whatif: { job: "plan the cross product of spec variations and compare each with the first", imports: ["domain", "errors", "text", "format", "plan", "report"] },
  load: { job: "the file-reading edge of planning: spec, profiles, catalog, intensity source, bench when needed", imports: ["domain", "errors", "io", "catalog", "intensity", "plan", "bench", "pulumi-state", "stack-estimate"] },
  infra: { job: "the Pulumi programs: the fleet (one component per cloud, reading the plan from stack config) and the bench machines", imports: ["domain", "errors", "schedule"] },
  "cloud-results": { job: "read what a bench machine wrote under its results prefix, with each cloud's SDK (the only importer of them)", imports: ["infra"] },
  "bench-fleet": {
    job: "`bench --on`: targets, cost and refusal, the orchestration that always destroys, the bench-only package, the calibration report",
    imports: ["domain", "errors", "package-root", "format", "io", "catalog", "onnx", "estimate", "infra", "cloud-results", "wattplan-home"],
  },
  index: {
    job: "the public library API: exports only",
    imports: ["domain", "errors", "version", "text", "format", "io", "schedule", "catalog", "onnx", "estimate", "intensity", "plan", "bench", "emit", "report", "whatif", "load"],
  },
  cli: {
    job: "thin commands over the library; only cli/main.ts reads argv and sets the exit code; hints that name flags",
    imports: ["domain", "errors", "version", "text", "format", "io", "schedule", "catalog", "onnx", "estimate", "intensity", "plan", "bench", "emit", "report", "whatif", "load", "targets", "history", "pulumi-state", "stack-estimate", "bench-fleet", "wattplan-home"],
  },
  policy: { job: "(outside src/) the CrossGuard policy pack, testable without the CLI", imports: ["domain", "errors", "infra", "emit", "catalog", "pulumi-state", "stack-estimate", "report"] },
};

/** Files of the repository outside the source folders that a unit may import, with why. */
export const allowedDataImports: { unit: string; file: string; reason: string }[] = [];

/** Packages only some units may import: the heavy or side-effecting ones, kept out of `import "wattplan"`. */
export const restrictedPackages: { pattern: RegExp; units: string[]; reason: string }[] = [
  { pattern: /^onnxruntime-/, units: ["bench"], reason: "native and slow to load: only the bench harness runs models" },
  { pattern: /^@pulumi\//, units: ["infra", "policy"], reason: "the Pulumi SDKs load for seconds and belong to deployment" },
  { pattern: /^commander$/, units: ["cli"], reason: "argument parsing is the CLI's alone" },
  { pattern: /^@aws-sdk\/|^@google-cloud\/|^@azure\//, units: ["cloud-results"], reason: "the clouds' storage SDKs load for `bench --on` only, and a bench machine installs without them" },
];

/** The pure core reads no files, runs nothing and talks to no network: these are all the packages it may import. */
export const pureCore: { units: string[]; packages: { name: string; reason: string }[] } = {
  units: ["estimate", "plan"],
  packages: [
    { name: "zod", reason: "validation of the spec and the Plan JSON" },
    { name: "yaml", reason: "parsing spec text handed in as a string" },
    { name: "node:crypto", reason: "the plan id is a sha256 of the canonical plan" },
    { name: "node:module", reason: "createRequire loads the world-countries data package lazily" },
    { name: "world-countries", reason: "country centroids for network round trips" },
  ],
};

/**
 * Known violations that other work in progress removes. Each one must still occur (the test fails on an exception
 * that no longer matches anything, so it is deleted the moment it is not needed).
 */
export const temporaryExceptions: { cycle?: string[]; from?: string; to?: string; reason: string }[] = [];

/** "src/cli/commands/plan.ts" → "cli", "src/errors.ts" → "errors", "policy/policies.ts" → "policy"; else the path. */
export function unitOf(path: string): string {
  const parts = path.split("/");
  if (parts[0] === "src") return parts.length === 2 ? parts[1].replace(/\.[cm]?ts$/, "") : parts[1];
  if (parts[0] === "policy") return "policy";
  return path;
}

/** The units as a Markdown table, bottom layer first: what docs/ARCHITECTURE.md shows between its layer markers. */
export function renderLayersTable(): string {
  const rows = Object.entries(unitRules).map(([unit, rule]) => {
    const where = unit === "policy" ? "`policy/`" : unit === "errors" || unit === "version" || unit === "package-root" || unit === "wattplan-home" || unit === "index" ? `\`src/${unit}.ts\`` : `\`src/${unit}/\``;
    return `| ${where} | ${rule.job} | ${rule.imports.length === 0 ? "nothing of ours" : rule.imports.join(", ")} |`;
  });
  return ["| unit | its job | may import |", "| --- | --- | --- |", ...rows].join("\n");
}
