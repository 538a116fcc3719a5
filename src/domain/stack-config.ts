// The deployment part of a plan as it lives in a Pulumi stack file under the `wattplan:` namespace.
// `wattplan emit` validates what it writes with this schema and the Pulumi program (src/infra) validates what it
// reads with the same one, so the two can never drift apart. No @pulumi import here: emit must stay light.
import { z } from "zod";
import { acceleratorAttachmentSchema, providerIdSchema } from "./catalog.ts";
import { precisionSchema } from "./profile.ts";
import { artifactTransformSchema } from "./serving.ts";

export const STACK_CONFIG_NAMESPACE = "wattplan";

/** Where a fleet can fetch the user's model from; the boot script knows how to fetch each of these. */
export const MODEL_URI_PATTERN = /^(s3|gs|https):\/\/[^\s'"\\`$]+$/;

const positiveInteger = z.number().int().positive();
const nonNegative = z.number().finite().nonnegative();

/** A cost the deployment adds beside its instances (a NAT gateway); monthlyUsd null where no sourced price exists. */
export const networkCostSchema = z.strictObject({
  item: z.string().min(1),
  monthlyUsd: z.number().finite().nonnegative().nullable(),
  /** How it was reckoned, with the price's source and date, or why it is not estimated. */
  note: z.string().min(1),
});
export type NetworkCost = z.infer<typeof networkCostSchema>;

/** Keys `wattplan emit` derives from the plan. It owns them: re-emit replaces them, hand edits are detected. */
export const plannedStackConfigSchema = z.strictObject({
  planId: z.string().regex(/^[0-9a-f]{64}$/, "expected the plan's sha256 id (64 hex digits)"),
  wattplanVersion: z.string().min(1),
  /** provider/region/instanceType/precision/bBATCH, as in the plan. */
  candidateKey: z.string().min(1),
  provider: providerIdSchema,
  region: z.string().min(1),
  /** The provider's machine type exactly as its API spells it. */
  instanceType: z.string().min(1),
  /**
   * The region's zones that offer the type, from the plan (the catalog lists them for GCP GPU types); the fleet is
   * placed in these only. Absent: every zone of the region (GCP, Azure) or, on AWS, the zones that offer the type,
   * looked up at deploy time (zone IDs differ per account).
   */
  zones: z.array(z.string().regex(/^[a-z0-9-]+$/, "expected zone names such as europe-west4-a")).min(1).optional(),
  architecture: z.enum(["x86_64", "arm64"]),
  /** Absent for CPU-only instance types. */
  accelerator: acceleratorAttachmentSchema.optional(),
  instances: z
    .strictObject({ min: positiveInteger, desired: positiveInteger, max: positiveInteger })
    .refine((counts) => counts.min <= counts.desired && counts.desired <= counts.max, {
      message: "expected min <= desired <= max",
    }),
  precision: precisionSchema,
  batchSize: positiveInteger,
  /** Present when the model's inputs have no batch dimension: Triton serves it unbatched (max_batch_size 0), batchSize is 1. */
  fixedBatch: z.literal(true).optional(),
  maxQueueDelayMs: nonNegative,
  /** Model instances per machine (CPU) or per device (accelerators), and intra-op threads each. */
  replicas: positiveInteger,
  threadsPerReplica: positiveInteger,
  /** Sustained throughput of one instance and the utilisation the fleet was sized for: the autoscaling target. */
  throughputPerInstanceRps: z.number().finite().positive(),
  targetUtilization: z.number().positive().max(1),
  modelName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/, "expected letters, digits, '_' or '-' (at most 63)"),
  /** How the served file is made from the model (src/domain/serving.ts): "none" serves the model as exported. */
  artifactTransform: artifactTransformSchema,
  /** sha256 of the served file: the uploaded object is named after it, and every instance checks it before Triton starts. */
  artifactSha256: z.string().regex(/^[0-9a-f]{64}$/, "expected a sha256 (64 hex digits)"),
  /**
   * The served file as emit wrote it, outside git (relative to the Pulumi project's root, absolute where emit found
   * no project): the program uploads it to a bucket of the fleet's own. Absent when the fleet fetches modelUri.
   */
  artifactPath: z.string().min(1).optional(),
  /** The user's copy of the exported model, where the chosen cloud can read it (same-cloud bucket or https). */
  modelUri: z.string().regex(MODEL_URI_PATTERN, "expected an s3://, gs:// or https:// URI without spaces or quotes").optional(),
  /** SCI (operational + embodied) per 1,000 inferences. */
  gCo2ePerThousandInferences: nonNegative,
  gridIntensityGCo2ePerKwh: nonNegative,
  monthlyCostUsd: nonNegative,
  monthlyKgCo2e: nonNegative,
  /** What the deployment adds to monthlyCostUsd (NAT), where the catalog has a sourced price; the plan does not include it. */
  networkCosts: z.array(networkCostSchema),
  /** Batch work: scale to `activeInstances` during these hours of the day (IANA `timeZone`), to `idleInstances` outside. */
  schedule: z
    .strictObject({
      hoursOfDay: z.array(z.number().int().min(0).max(23)).min(1).max(24),
      timeZone: z.string().regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, "expected an IANA time zone such as Europe/Berlin"),
      activeInstances: positiveInteger,
      idleInstances: z.number().int().nonnegative(),
    })
    .optional(),
});
export type PlannedStackConfig = z.infer<typeof plannedStackConfigSchema>;

/** Keys the user may set (with `emit --config` or `pulumi config set`); emit keeps them on re-emit. */
export const userStackConfigSchema = z.strictObject({
  /** AWS: deploy into this VPC (with subnetIds and publicSubnetIds) instead of a VPC of the stack's own. */
  vpcId: z.string().min(1).optional(),
  /** AWS: private subnets for the instances (with a route to a NAT gateway); those in zones that offer the type are used. */
  subnetIds: z.array(z.string().min(1)).min(1).optional(),
  /** AWS: public subnets for the load balancer, in at least two zones and in every zone of subnetIds. */
  publicSubnetIds: z.array(z.string().min(1)).min(2).optional(),
  /** AWS: an ACM certificate for the load balancer: HTTPS on 443, and port 80 redirects to it. */
  certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/, "expected an ACM certificate ARN").optional(),
  /** GCP: the VPC network (default: "default"). */
  network: z.string().min(1).optional(),
  /** Who may call the endpoint; default: anyone. */
  ingressCidr: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, "expected an IPv4 CIDR such as 203.0.113.0/24").optional(),
  /** Override the Triton Inference Server image (e.g. a mirror or a newer release). */
  tritonImage: z.string().min(1).optional(),
  /** Azure: the SSH public key of the scale set's admin user (Azure requires one). */
  sshPublicKey: z.string().min(1).optional(),
});
export type UserStackConfig = z.infer<typeof userStackConfigSchema>;

/** The `wattplan:` keys of a Pulumi stack file: the planned ones emit owns, and the ones a user may set. */
export const stackConfigSchema = z.strictObject({
  ...plannedStackConfigSchema.shape,
  ...userStackConfigSchema.shape,
  /** sha256 of the planned keys as emitted: tells a re-emit whether they were edited by hand. */
  emitDigest: z.string().regex(/^[0-9a-f]{64}$/).optional(),
}).superRefine((config, context) => {
  if ((config.artifactPath === undefined) === (config.modelUri === undefined)) {
    context.addIssue({ code: "custom", path: ["artifactPath"], message: "expected exactly one of artifactPath (a file to upload) and modelUri (where the fleet fetches the model)" });
  }
  if (config.modelUri !== undefined && config.artifactTransform !== "none") {
    context.addIssue({ code: "custom", path: ["modelUri"], message: `modelUri holds the model as exported; a ${config.artifactTransform} artifact is uploaded from artifactPath` });
  }
  if (config.provider !== "aws") return;
  if ((config.subnetIds || config.publicSubnetIds) && !config.vpcId) {
    context.addIssue({ code: "custom", path: ["vpcId"], message: "subnetIds and publicSubnetIds need vpcId (the VPC they belong to)" });
  }
  // A VPC of the user's has no subnets wattplan could tell apart: the instances' private ones and the load balancer's public ones.
  if (config.vpcId && !(config.subnetIds && config.publicSubnetIds)) {
    context.addIssue({ code: "custom", path: ["vpcId"], message: "a VPC of your own needs subnetIds (private, for the instances) and publicSubnetIds (for the load balancer)" });
  }
});
export type StackConfig = z.infer<typeof stackConfigSchema>;

export const PLANNED_KEYS = Object.keys(plannedStackConfigSchema.shape) as (keyof PlannedStackConfig)[];
export const USER_KEYS = Object.keys(userStackConfigSchema.shape) as (keyof UserStackConfig)[];
export const EMIT_DIGEST_KEY = "emitDigest";

/** The plan's monthly cost plus what the deployment adds (networkCosts) where it is estimated, to the cent. */
export function expectedMonthlyCostUsd(config: Pick<PlannedStackConfig, "monthlyCostUsd" | "networkCosts">): number {
  return Math.round((config.monthlyCostUsd + config.networkCosts.reduce((sum, cost) => sum + (cost.monthlyUsd ?? 0), 0)) * 100) / 100;
}

/** The region config key each provider's SDK reads. */
export const REGION_CONFIG_KEY: Record<z.infer<typeof providerIdSchema>, string> = {
  aws: "aws:region",
  gcp: "gcp:region",
  azure: "azure-native:location",
};

/** Keys whose stack-file values are plain strings; every other key holds a number, an object or a list. */
export function isStringValuedKey(key: string): boolean {
  const shape = stackConfigSchema.shape as Record<string, z.ZodType>;
  let field = shape[key];
  if (!field) return true;
  while (field instanceof z.ZodOptional) field = field.unwrap() as z.ZodType;
  return field instanceof z.ZodString || field instanceof z.ZodEnum;
}

/** Turns zod issues into one line that names each key as it is spelled in the stack file. */
export function describeStackConfigIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const [first, ...rest] = issue.path.map(String);
      const key = first === undefined ? STACK_CONFIG_NAMESPACE : `${STACK_CONFIG_NAMESPACE}:${first}${rest.length ? `.${rest.join(".")}` : ""}`;
      return `${key}: ${issue.code === "unrecognized_keys" ? `unknown key(s) ${issue.keys.join(", ")}` : issue.message}`;
    })
    .join("; ");
}
