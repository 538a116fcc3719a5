// zod schemas transcribed from Pulumi's own types (pulumi/pulumi, Apache-2.0):
//  - ResourceV3: sdk/go/common/apitype/resources.json (JSON Schema) and core.go;
//  - the `pulumi stack export` document: sdk/go/common/apitype/deployments.json (version 3);
//  - the `pulumi preview --json` document: PreviewDigest / PreviewStep / PreviewDiagnostic in pkg/display/json.go;
//  - engine events (`--event-log`, streaming JSON): EngineEvent / StepEventMetadata in sdk/go/common/apitype/events.go.
// Fields wattplan reads are typed; Pulumi adds fields across versions (created, modified, sourcePosition, ...), so
// objects accept unknown keys rather than reject a newer CLI's output.
import { z } from "zod";

/** A property value: any JSON (secrets arrive as a signature object or as "[secret]"). */
const propertyMapSchema = z.record(z.string(), z.unknown());

/** apitype.ResourceV3: only `urn` is required by Pulumi's schema. */
export const resourceV3Schema = z.looseObject({
  urn: z.string().min(1),
  custom: z.boolean().optional(),
  delete: z.boolean().optional(),
  id: z.string().optional(),
  type: z.string().optional(),
  inputs: propertyMapSchema.nullish(),
  outputs: propertyMapSchema.nullish(),
  parent: z.string().optional(),
  protect: z.boolean().optional(),
  external: z.boolean().optional(),
  dependencies: z.array(z.string()).nullish(),
  initErrors: z.array(z.string()).nullish(),
  /** "PROVIDER_URN::PROVIDER_ID". */
  provider: z.string().optional(),
  propertyDependencies: z.record(z.string(), z.array(z.string()).nullable()).nullish(),
  pendingReplacement: z.boolean().optional(),
  additionalSecretOutputs: z.array(z.string()).nullish(),
  aliases: z.array(z.string()).nullish(),
});
export type ResourceV3 = z.infer<typeof resourceV3Schema>;

/** deployments.json, $defs/deploymentV3 (manifest required; the plugins list is not read). */
export const stackExportSchema = z.looseObject({
  version: z.literal(3),
  deployment: z.looseObject({
    manifest: z.looseObject({ time: z.string(), magic: z.string(), version: z.string() }),
    secrets_providers: z.looseObject({ type: z.string(), state: z.unknown().optional() }).optional(),
    resources: z.array(resourceV3Schema).nullish(),
    pending_operations: z.array(z.looseObject({ resource: resourceV3Schema, type: z.string() })).nullish(),
  }),
});
export type StackExport = z.infer<typeof stackExportSchema>;

/** display.PreviewStep. `op` is a StepOp ("same", "create", "update", "delete", "replace", "create-replacement", ...). */
export const previewStepSchema = z.looseObject({
  op: z.string().min(1),
  urn: z.string().min(1),
  provider: z.string().optional(),
  oldState: resourceV3Schema.nullish(),
  newState: resourceV3Schema.nullish(),
  diffReasons: z.array(z.string()).nullish(),
  replaceReasons: z.array(z.string()).nullish(),
  detailedDiff: z.record(z.string(), z.unknown()).nullish(),
});

/** display.PreviewDigest; `duration` is a Go time.Duration in nanoseconds. */
export const previewDigestSchema = z.looseObject({
  config: z.record(z.string(), z.string()).nullish(),
  steps: z.array(previewStepSchema).nullish(),
  diagnostics: z
    .array(z.looseObject({ urn: z.string().optional(), prefix: z.string().optional(), message: z.string(), severity: z.string() }))
    .nullish(),
  duration: z.number().nonnegative().optional(),
  changeSummary: z.record(z.string(), z.number().int()).nullish(),
  maybeCorrupt: z.boolean().optional(),
});
export type PreviewDigest = z.infer<typeof previewDigestSchema>;

/** apitype.StepEventStateMetadata. */
const stepEventStateSchema = z.looseObject({
  type: z.string(),
  urn: z.string(),
  custom: z.boolean().optional(),
  id: z.string().optional(),
  parent: z.string().optional(),
  inputs: propertyMapSchema.nullish(),
  outputs: propertyMapSchema.nullish(),
  provider: z.string().optional(),
});

/** apitype.StepEventMetadata. */
const stepEventMetadataSchema = z.looseObject({
  op: z.string(),
  urn: z.string(),
  type: z.string(),
  old: stepEventStateSchema.nullish(),
  new: stepEventStateSchema.nullish(),
  provider: z.string().optional(),
});

/** apitype.EngineEvent: a union where exactly one payload field is set; the ones wattplan reads are typed. */
export const engineEventSchema = z.looseObject({
  sequence: z.number().int(),
  timestamp: z.number().int(),
  preludeEvent: z.looseObject({ config: z.record(z.string(), z.string()).nullish() }).optional(),
  resourcePreEvent: z.looseObject({ metadata: stepEventMetadataSchema, planning: z.boolean().optional() }).optional(),
  resOutputsEvent: z.looseObject({ metadata: stepEventMetadataSchema, planning: z.boolean().optional() }).optional(),
  summaryEvent: z.looseObject({ resourceChanges: z.record(z.string(), z.number().int()).nullish(), isPreview: z.boolean().optional() }).optional(),
});
export type EngineEvent = z.infer<typeof engineEventSchema>;
