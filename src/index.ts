// The public library API of wattplan. Nothing but exports lives here.
export { WattplanError, UnknownNameError } from "./errors.ts";
export { bench } from "./bench/lazy-bench.ts";
export type { BenchOptions } from "./bench/bench-options.ts";
export { modelProfileSchema, type ModelProfile } from "./domain/profile.ts";
export { loadCatalog, defaultCatalogDirectory } from "./catalog/load.ts";
export {
  findRegion,
  findInstanceType,
  findProvider,
  findAccelerator,
  offersForType,
  offerIn,
  regionsOfProvider,
  effectivePue,
  regionIntensity,
  parseProviderId,
} from "./catalog/queries.ts";
export { suggestNames } from "./text/suggest-names.ts";
export type { Catalog, Region, InstanceType, Offer, Provider, ProviderId, GridIntensity, IntensityBasis, AcceleratorSpec } from "./domain/catalog.ts";
export type { Figure, Source } from "./domain/figure.ts";
export {
  readModel,
  modelSha256,
  serializeModel,
  analyzeModel,
  buildMlp,
  buildCnn,
  buildTransformerEncoder,
  buildMatMulModel,
  buildBandwidthModel,
  quantizeDynamic,
} from "./onnx/index.ts";
export type { OnnxModel, AnalysisOptions, ModelAnalysis, QuantizationResult, MlpOptions, CnnOptions, TransformerEncoderOptions } from "./onnx/index.ts";
export {
  projectPerformance,
  estimateCandidate,
  sizeFleet,
  latencyP95Ms,
  networkRoundTripMs,
  usersRoundTripP95Ms,
  countryCentroid,
  greatCircleDistanceKm,
  instancePowerWatts,
  operationalGramsCo2e,
  embodiedGramsCo2e,
  softwareCarbonIntensity,
  chooseBatchSize,
} from "./estimate/index.ts";
export type { PerformanceProjection, ProjectionInput, ProjectionResult, CandidateEstimate, CandidateEstimateInput, FleetSizing, TrafficShape } from "./estimate/index.ts";
export { compare, compareWithBaseline, renderMarkdown, summarizePlan, GITHUB_COMMENT_LIMIT, type MarkdownOptions } from "./report/index.ts";
export { postReportComment, type PostCommentOptions, type PostCommentResult } from "./report/github/index.ts";
export { planDiffSchema, planSummarySchema, type PlanDiff, type PlanSummary, type MetricDelta } from "./domain/diff.ts";
export { whatIf, parseVary } from "./whatif/index.ts";
export type { VariationAxis, PatchAxis, Variations, WhatIfContext, WhatIfCase, WhatIfRow, WhatIfResult } from "./whatif/index.ts";
export { plan, parseSpecText, parseSpecData, type PlanOptions, type IntensityInput } from "./plan/index.ts";
export { planFromFiles, readSpecFile, type PlanFromFilesOptions } from "./load/plan-from-files.ts";
export { planWithIntensitySource } from "./load/plan-with-intensity-source.ts";
export type { RegionHourlySeries } from "./plan/intensity-input.ts";
export type { PlanBatchSchedule, HourlyIntensity } from "./domain/plan.ts";
export { planJsonSchema } from "./plan/plan-json-schema.ts";
export { formatPlanSummary } from "./report/format-summary.ts";
export { planSchema, candidateSchema, PLAN_SCHEMA_VERSION, type Plan, type Candidate, type Savings, type Robustness } from "./domain/plan.ts";
export { workloadSpecSchema, type WorkloadSpec, type WorkloadSpecInput } from "./domain/spec.ts";
export { emitStack, type EmitStackOptions, type EmitStackResult } from "./emit/emit-stack.ts";
export { stackConfigSchema, type StackConfig } from "./domain/stack-config.ts";
export {
  createIntensitySource,
  parseIntensitySourceSpec,
  CatalogIntensitySource,
  ElectricityMapsSource,
  WattTimeSource,
  UkCarbonIntensitySource,
  FileIntensitySource,
} from "./intensity/index.ts";
export type { IntensitySource, IntensitySeries, IntensityPoint, IntensityMetadata, IntensitySignal, IntensitySeriesBasis, IntensitySourceName, RemoteSourceOptions } from "./intensity/index.ts";
export { scheduleBatchWork, scheduledScaling, contiguousHourBlocks, windowsTimeZoneFor } from "./schedule/index.ts";
export type { BatchSchedule, BatchScheduleInput, BatchWindow, ScheduledScaling, FleetSizes, AwsScheduledAction, GcpScalingSchedule, AzureAutoscaleProfile } from "./schedule/index.ts";
