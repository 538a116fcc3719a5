// The deployment part of a plan as it lives in a Pulumi stack file under the `wattplan:` namespace.
// `wattplan emit` validates what it writes with this schema and the Pulumi program (src/infra) validates what it
// reads with the same one, so the two can never drift apart. No @pulumi import here: emit must stay light.
import { z } from "zod";
import { acceleratorAttachmentSchema, providerIdSchema } from "./catalog.ts";
import { precisionSchema } from "./profile.ts";

export const STACK_CONFIG_NAMESPACE = "wattplan";

/** Where a fleet can fetch its model from; the boot script knows how to fetch each of these. */
export const MODEL_URI_PATTERN = /^(s3|gs|https?):\/\/[^\s'"\\`$]+$/;

const positiveInteger = z.number().int().positive();
const nonNegative = z.number().finite().nonnegative();

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
  maxQueueDelayMs: nonNegative,
  /** Model instances per machine (CPU) or per device (accelerators), and intra-op threads each. */
  replicas: positiveInteger,
  threadsPerReplica: positiveInteger,
  /** Sustained throughput of one instance and the utilisation the fleet was sized for: the autoscaling target. */
  throughputPerInstanceRps: z.number().finite().positive(),
  targetUtilization: z.number().positive().max(1),
  modelName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/, "expected letters, digits, '_' or '-' (at most 63)"),
  modelUri: z.string().regex(MODEL_URI_PATTERN, "expected an s3://, gs://, http:// or https:// URI without spaces or quotes"),
  /** SCI (operational + embodied) per 1,000 inferences. */
  gCo2ePerThousandInferences: nonNegative,
  gridIntensityGCo2ePerKwh: nonNegative,
  monthlyCostUsd: nonNegative,
  monthlyKgCo2e: nonNegative,
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
  /** AWS: deploy into this VPC instead of the default one. */
  vpcId: z.string().min(1).optional(),
  /** AWS subnets (at least two zones for the load balancer); default: the VPC's subnets. */
  subnetIds: z.array(z.string().min(1)).min(1).optional(),
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
  if (config.subnetIds && !config.vpcId && config.provider === "aws") {
    context.addIssue({ code: "custom", path: ["vpcId"], message: "subnetIds needs vpcId (the VPC they belong to)" });
  }
});
export type StackConfig = z.infer<typeof stackConfigSchema>;

export const PLANNED_KEYS = Object.keys(plannedStackConfigSchema.shape) as (keyof PlannedStackConfig)[];
export const USER_KEYS = Object.keys(userStackConfigSchema.shape) as (keyof UserStackConfig)[];
export const EMIT_DIGEST_KEY = "emitDigest";

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
