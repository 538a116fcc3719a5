// The public library API of wattplan: the documented surface and nothing else (docs/API.md is generated from
// this file by `npm run build:api-docs`). Everything else under src/ is internal and may change without notice.

// Planning
export { plan, parseSpecText, type PlanOptions, type IntensityInput } from "./plan/index.ts";
export type { RegionHourlySeries } from "./plan/intensity-input.ts";
export { planFromFiles, type PlanFromFilesOptions } from "./load/plan-from-files.ts";
export { loadCatalog } from "./catalog/load.ts";
export { bench } from "./bench/lazy-bench.ts";
export type { BenchOptions } from "./bench/bench-options.ts";

// Comparing plans
export { compare } from "./report/diff/compare.ts";
export { whatIf } from "./whatif/index.ts";
export type { Variations, VariationAxis, PatchAxis, WhatIfContext, WhatIfResult, WhatIfCase, WhatIfRow } from "./whatif/index.ts";

// After the plan: stacks, reports, pull-request comments
export { emitStack, type EmitStackOptions, type EmitStackResult } from "./emit/emit-stack.ts";
export { renderMarkdown, type MarkdownOptions } from "./report/markdown/index.ts";
export { renderHtml } from "./report/lazy-html.ts";
export type { HtmlReportOptions, RegionLocations, RegionLocation } from "./report/html/index.ts";
export { postReportComment, type PostCommentOptions, type PostCommentResult } from "./report/github/index.ts";

// Grid intensity over time: implement IntensitySource to plan with your own series
export type { IntensitySource, RemoteSourceOptions } from "./intensity/types.ts";
export type { IntensitySeries, IntensityPoint, IntensityMetadata } from "./domain/intensity.ts";

// The documents, as zod schemas and their types
export { workloadSpecSchema, type WorkloadSpec, type WorkloadSpecInput } from "./domain/spec.ts";
export { modelProfileSchema, type ModelProfile } from "./domain/profile.ts";
export { catalogSchema, type Catalog } from "./domain/catalog.ts";
export { planSchema, candidateSchema, PLAN_SCHEMA_VERSION, type Plan, type Candidate } from "./domain/plan.ts";
export { planDiffSchema, planSummarySchema, type PlanDiff, type PlanSummary, type MetricDelta } from "./domain/diff.ts";
export { stackConfigSchema, type StackConfig } from "./domain/stack-config.ts";

// Errors a user can fix
export { WattplanError, UnknownNameError, StackConfigError, type ErrorCode, type ErrorDetail, type OptionName } from "./errors.ts";
