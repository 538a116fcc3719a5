// Shared by the program tests: emit a stack file from a plan, feed its config to Pulumi's runtime mocks, run the
// program and collect the resources it registers.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { loadCatalog } from "../../src/catalog/load.ts";
import { findInstanceType } from "../../src/catalog/queries.ts";
import type { CandidateArtifact } from "../../src/domain/artifact.ts";
import type { Candidate, Plan } from "../../src/domain/plan.ts";
import { modelProfileSchema } from "../../src/domain/profile.ts";
import { servingDeviceOf } from "../../src/domain/serving.ts";
import { emitStack } from "../../src/emit/emit-stack.ts";
import { computePlanId } from "../../src/domain/plan-id.ts";
import { writeFileAtomic } from "../../src/io/atomic-write.ts";
import { int8WeightBitsOfInstance, precisionFile } from "../../src/plan/precision-artifact.ts";

export const FIXTURE_PLAN_PATH = new URL("../fixtures/plan.example.json", import.meta.url).pathname;
/** A real model (the bundled example's CNN): emit reads it, quantizes it for INT8 candidates, and hashes it. */
export const EXAMPLE_MODEL_PATH = new URL("../../examples/model.onnx", import.meta.url).pathname;
export const EXAMPLE_MODEL_SHA256 = createHash("sha256").update(readFileSync(EXAMPLE_MODEL_PATH)).digest("hex");

/** The example model's measured profile: the artifacts (recipes and sha256) bench recorded for it. */
const EXAMPLE_PROFILE = modelProfileSchema.parse(JSON.parse(readFileSync(new URL("../../examples/profile.json", import.meta.url), "utf8")));

/**
 * The fixture plan, made for the example model: spec.model.path points at it, model.sha256 is its hash (no
 * model.uri), and each candidate carries the artifact the planner records from the example's profile.
 */
export async function fixturePlan(): Promise<Plan> {
  const plan = JSON.parse(await readFile(FIXTURE_PLAN_PATH, "utf8")) as Plan;
  const { uri: _uri, ...model } = plan.spec.model;
  const withArtifact = (candidate: Candidate): Candidate => ({ ...candidate, artifact: plannedArtifactFor(candidate) });
  const madeForTheModel = {
    ...plan,
    // Relative, as a spec has it (emit finds it from the working directory, the repository's root under vitest): an
    // absolute path would make the plan's id, and so every snapshot, depend on where the repository is checked out.
    spec: { ...plan.spec, model: { ...model, path: "examples/model.onnx" } },
    model: { ...plan.model, sha256: EXAMPLE_MODEL_SHA256 },
    chosen: withArtifact(plan.chosen),
    baseline: withArtifact(plan.baseline),
    alternatives: plan.alternatives.map(withArtifact),
  };
  // As wattplan would have written it: the id is the hash of this content (emit checks it).
  return { ...madeForTheModel, id: computePlanId(madeForTheModel) };
}

let catalog: ReturnType<typeof loadCatalog> | undefined;

/** What the planner records as the candidate's artifact, from the example profile (null where it records none). */
export function plannedArtifactFor(candidate: Pick<Candidate, "provider" | "instanceType" | "accelerator" | "precision">): CandidateArtifact | null {
  const device = servingDeviceOf(candidate.accelerator);
  if (!device) return null;
  catalog ??= loadCatalog();
  const weightBits = device === "cpu" ? int8WeightBitsOfInstance(findInstanceType(catalog, candidate.instanceType, candidate.provider)) : 8;
  return precisionFile([EXAMPLE_PROFILE], device, candidate.precision, weightBits, 0).artifact;
}

/**
 * One Pulumi project per test file, as a user has it: Pulumi.yaml at its root, stack files in stacks/, artifacts in
 * stacks/.artifacts/. Stack configs then name artifacts relative to the root, the same in every run.
 */
let project: string | undefined;
export function testProjectRoot(): string {
  if (!project) {
    const root = mkdtempSync(join(tmpdir(), "wattplan-project-"));
    writeFileSync(join(root, "Pulumi.yaml"), "name: wattplan\nruntime: nodejs\nstackConfigDir: stacks\n");
    mkdirSync(join(root, "stacks"));
    // Test files share this module (vitest's isolate: false), so the project lives as long as the process does.
    process.once("exit", () => rmSync(root, { recursive: true, force: true }));
    project = root;
  }
  return project;
}

/** What the Pulumi CLI tells a program about its project's root (the runtime mocks leave it unset). */
function setRootDirectory(directory: string): void {
  const { getStore } = createRequire(import.meta.url)("@pulumi/pulumi/runtime/state") as { getStore(): { settings: { options: { rootDirectory?: string } } } };
  getStore().settings.options.rootDirectory = directory;
}

/** A variant of the fixture whose chosen candidate is `chosen` (the old chosen becomes an alternative). */
export function planChoosing(plan: Plan, chosen: Partial<Candidate> & Pick<Candidate, "provider" | "region" | "instanceType">): Plan {
  const candidate: Candidate = {
    ...plan.chosen,
    artifact: plannedArtifactFor({ ...plan.chosen, ...chosen }),
    ...chosen,
    key: `${chosen.provider}/${chosen.region}/${chosen.instanceType}/${chosen.precision ?? plan.chosen.precision}/b${chosen.batchSize ?? plan.chosen.batchSize}`,
    rank: 1,
  };
  const changed = { ...plan, chosen: candidate, alternatives: [{ ...plan.chosen, rank: 2 }, ...plan.alternatives.map((item) => ({ ...item, rank: (item.rank ?? 0) + 1 }))] };
  // A plan as wattplan would have written it for this choice: its id is the hash of its content (emit checks it).
  return { ...changed, id: computePlanId(changed) };
}

/**
 * Emits `plan` as stack "test" of the test project (a fresh stack file each time; the artifact stays beside it for
 * the program to upload) and returns the stack file's config map. Emit keeps one artifact per stack: run a stack's
 * program before emitting another.
 */
export async function emitStackConfig(plan: Plan, extraConfig: string[] = []): Promise<Record<string, unknown>> {
  const root = testProjectRoot();
  const planPath = join(root, "plan.json");
  // Written as wattplan would save it: the id is the hash of the (possibly changed) content, which emit checks.
  await writeFileAtomic(planPath, JSON.stringify({ ...plan, id: computePlanId(plan) }));
  const result = await emitStack({ planPath, stackName: "test", stacksDirectory: join(root, "stacks"), config: extraConfig });
  const document = parse(await readFile(result.path, "utf8")) as { config: Record<string, unknown> };
  rmSync(result.path);
  return document.config;
}

/** What Pulumi hands a program: every value a string, objects and lists as JSON. */
export function asPulumiConfig(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]));
}

export interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, any>;
  /** Provider reference (urn::id) for custom resources with an explicit provider. */
  provider?: string;
  /** URN of the resource's parent (a component); absent at the root. */
  parent?: string;
  /** Its own URN (filled in by runProgram once the program has settled). */
  urn?: string;
  options?: RecordedOptions;
}

/** Outputs the real providers would compute, so interpolated URLs and scaling labels resolve. */
function computedState(type: string, name: string, inputs: Record<string, any>): Record<string, unknown> {
  switch (type) {
    case "gcp:compute/router:Router":
    case "gcp:storage/bucket:Bucket":
    case "aws:iam/role:Role":
      return { name };
    case "azure-native:storage:StorageAccount":
      return { name, primaryEndpoints: { blob: `https://${name}.blob.core.windows.net/` } };
    case "aws:s3/bucket:Bucket":
      return { bucket: name, arn: `arn:aws:s3:::${name}` };
    case "azure-native:managedidentity:UserAssignedIdentity":
      return { clientId: `${name}-client-id`, principalId: `${name}-principal-id` };
    case "gcp:serviceaccount/account:Account": {
      const email = `${inputs.accountId}@my-project.iam.gserviceaccount.com`;
      return { email, member: `serviceAccount:${email}` };
    }
    case "aws:lb/loadBalancer:LoadBalancer":
      return { dnsName: `${name}.elb.example`, arnSuffix: `app/${name}/1234`, arn: `arn:aws:elasticloadbalancing:::loadbalancer/app/${name}/1234` };
    case "aws:lb/targetGroup:TargetGroup":
      return { arnSuffix: `targetgroup/${name}/5678`, arn: `arn:aws:elasticloadbalancing:::targetgroup/${name}/5678` };
    case "aws:ec2/launchTemplate:LaunchTemplate":
      return { latestVersion: 1 };
    case "aws:autoscaling/group:Group":
      return { name: `${name}-asg` };
    case "gcp:compute/forwardingRule:ForwardingRule":
      return { ipAddress: "203.0.113.10" };
    case "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager":
      return { instanceGroup: `projects/p/regions/r/instanceGroups/${name}` };
    case "azure-native:network:PublicIPAddress":
      return { ipAddress: "203.0.113.20" };
    default:
      return {};
  }
}

export const MOCKED_AMI_ID = "ami-0123456789abcdef0";

/** The mocked AWS region's zones (IDs), and which of them offer each instance type (default: az1 and az2). */
export const MOCKED_AWS_ZONE_IDS = ["az1", "az2", "az3"];
export const MOCKED_AWS_OFFERINGS: Record<string, string[]> = { "g5.xlarge": ["az2"], "p5.48xlarge": [] };
const offeredZoneIds = (instanceType: string) => MOCKED_AWS_OFFERINGS[instanceType] ?? ["az1", "az2"];
/** The zone of each subnet a test names in wattplan:subnetIds (default az1). */
export const MOCKED_SUBNET_ZONE_IDS: Record<string, string> = { "subnet-2": "az3", "subnet-3": "az2" };

type Filters = { name: string; values: string[] }[];
const filterValues = (filters: Filters | undefined, name: string) => filters?.find((filter) => filter.name === name)?.values;

/** Every invoke (data source call) the program made since the last setUpMocks. */
export const recordedCalls: { token: string; inputs: Record<string, any>; provider?: string }[] = [];

/** Each resource's URN as the monitor answered it, by "type::name" (see RecordedResource.urn). */
const recordedUrns = new Map<string, string>();

/** What each component passed to registerOutputs since the last setUpMocks, by the component's URN. */
export const recordedComponentOutputs = new Map<string, Record<string, unknown>>();

/** Resource options as the engine receives them; only those set are listed. */
export interface RecordedOptions {
  ignoreChanges?: string[];
  /** URNs of the resources it waits for: explicit dependsOn and those whose outputs feed its inputs. */
  dependencies?: string[];
  replaceOnChanges?: string[];
  additionalSecretOutputs?: string[];
  protect?: true;
  retainOnDelete?: true;
  deleteBeforeReplace?: true;
  deletedWith?: string;
}

/** The fields of Pulumi's RegisterResourceRequest (a protobuf message) the recording reads. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getIgnorechangesList(): string[];
  getDependenciesList(): string[];
  getReplaceonchangesList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getDeletebeforereplace(): boolean;
  getDeletedwith(): string;
}

/** The slice of Pulumi's mock monitor the recording wraps. */
interface MonitorRequests {
  registerResource(request: RegisterRequest, callback: (error: unknown, response?: { getUrn(): string }) => void): unknown;
  registerResourceOutputs(request: { getUrn(): string; getOutputs(): Parameters<typeof pulumi.runtime.deserializeProperties>[0] }, callback: unknown): unknown;
}

function optionsOf(request: RegisterRequest): RecordedOptions {
  const lists = {
    ignoreChanges: request.getIgnorechangesList(),
    dependencies: [...request.getDependenciesList()].sort(),
    replaceOnChanges: request.getReplaceonchangesList(),
    additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
  };
  return {
    ...Object.fromEntries(Object.entries(lists).filter(([, list]) => list.length > 0)),
    ...(request.getProtect() ? { protect: true } : {}),
    ...(request.getRetainondelete() ? { retainOnDelete: true } : {}),
    ...(request.getDeletebeforereplace() ? { deleteBeforeReplace: true } : {}),
    ...(request.getDeletedwith() ? { deletedWith: request.getDeletedwith() } : {}),
  };
}

/**
 * The mocks' newResource is told neither a resource's parent nor its options, nor what a component registers as
 * outputs; the monitor's requests carry all three, so they are noted on the way through. Returns each resource's
 * parent URN and options by "type::name".
 */
function recordRequests(): Map<string, { parent?: string; options: RecordedOptions }> {
  const registrations = new Map<string, { parent?: string; options: RecordedOptions }>();
  recordedComponentOutputs.clear();
  recordedUrns.clear();
  const monitor = pulumi.runtime.getMonitor() as unknown as MonitorRequests;
  const registerResource = monitor.registerResource.bind(monitor);
  const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResource = (request, callback) => {
    const parent = request.getParent();
    const key = `${request.getType()}::${request.getName()}`;
    registrations.set(key, { ...(parent ? { parent } : {}), options: optionsOf(request) });
    return registerResource(request, (error, response) => {
      if (response) recordedUrns.set(key, response.getUrn());
      callback(error, response);
    });
  };
  monitor.registerResourceOutputs = (request, callback) => {
    recordedComponentOutputs.set(request.getUrn(), pulumi.runtime.deserializeProperties(request.getOutputs()));
    return registerResourceOutputs(request, callback);
  };
  return registrations;
}

/** What the mocked clouds answer to the program's data-source calls (zones, offerings, images, the project). */
export function mockedCall(args: { token: string; inputs: Record<string, any> }): Record<string, any> {
  switch (args.token) {
    case "aws:ssm/getParameter:getParameter":
      return { name: args.inputs.name, type: "String", value: MOCKED_AMI_ID, insecureValue: MOCKED_AMI_ID, arn: "arn", version: 1, id: args.inputs.name };
    case "aws:index/getAvailabilityZones:getAvailabilityZones":
      return { id: "zones", zoneIds: MOCKED_AWS_ZONE_IDS, names: MOCKED_AWS_ZONE_IDS.map((zoneId) => `zone-${zoneId}`) };
    case "aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings": {
      const [instanceType] = filterValues(args.inputs.filters, "instance-type") ?? [];
      return { id: "offerings", locations: offeredZoneIds(instanceType), instanceTypes: [], locationTypes: [] };
    }
    case "aws:ec2/getSubnets:getSubnets": {
      // The user's subnets that lie in the zones asked for.
      const zoneIds = filterValues(args.inputs.filters, "availability-zone-id") ?? MOCKED_AWS_ZONE_IDS;
      const subnetIds = filterValues(args.inputs.filters, "subnet-id") ?? [];
      return { id: "subnets", ids: subnetIds.filter((subnetId) => zoneIds.includes(MOCKED_SUBNET_ZONE_IDS[subnetId] ?? "az1")) };
    }
    case "gcp:organizations/getProject:getProject":
      return { id: "projects/my-project", projectId: "my-project", number: "123456789012" };
    case "gcp:compute/getZones:getZones":
      return { id: "zones", names: ["a", "b", "c"].map((letter) => `${args.inputs.region}-${letter}`) };
    default:
      return args.inputs;
  }
}

/** Points the program at the test project (where emitStackConfig writes artifacts), as the Pulumi CLI would. */
export function useTestProject(): void {
  setRootDirectory(testProjectRoot());
}

/** Sets runtime mocks (awaited, preview off) and the config; returns the list resources are recorded into. */
export async function setUpMocks(config: Record<string, string>): Promise<RecordedResource[]> {
  const resources: RecordedResource[] = [];
  recordedCalls.length = 0;
  let registrations = new Map<string, { parent?: string; options: RecordedOptions }>();
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const registration = registrations.get(`${args.type}::${args.name}`);
        resources.push({ type: args.type, name: args.name, inputs: args.inputs, provider: args.provider, ...registration });
        return { id: `${args.name}-id`, state: { ...args.inputs, ...computedState(args.type, args.name, args.inputs) } };
      },
      call: (args) => {
        recordedCalls.push({ token: args.token, inputs: args.inputs, provider: args.provider });
        return mockedCall(args);
      },
    },
    "wattplan",
    "test",
    false,
  );
  registrations = recordRequests();
  useTestProject();
  pulumi.runtime.setAllConfig(config);
  return resources;
}

export function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/** Lets the mock monitor finish registering everything the program started. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 20; round += 1) await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * Runs the program (src/infra/index.ts, as Pulumi would) under the mocks with this stack config, and waits until
 * every resource it started is registered.
 */
export async function runProgram(stackConfig: Record<string, unknown>) {
  const resources = await setUpMocks(asPulumiConfig(stackConfig));
  const program = await import("../../src/infra/index.ts");
  const outputs = await program.default();
  const endpointUrl = await outputValue(outputs.endpointUrl);
  await settle();
  await resolveFileAssets(resources);
  for (const resource of resources) resource.urn = recordedUrns.get(`${resource.type}::${resource.name}`);
  return { resources, outputs, endpointUrl };
}

/**
 * The mocks hand file assets over with their path still a promise; recorded here as { fileAsset: path }, relative
 * to the test project's root where the file lies in it, so what a stack uploads can be read and compared.
 */
async function resolveFileAssets(resources: RecordedResource[]): Promise<void> {
  const root = testProjectRoot();
  const visit = async (value: unknown): Promise<unknown> => {
    if (Array.isArray(value)) return Promise.all(value.map(visit));
    if (value === null || typeof value !== "object") return value;
    const record = value as Record<string, unknown>;
    if (record.__pulumiAsset && "path" in record) {
      const path = String(await record.path);
      return { fileAsset: path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path };
    }
    return Object.fromEntries(await Promise.all(Object.entries(record).map(async ([key, item]) => [key, await visit(item)])));
  };
  for (const resource of resources) resource.inputs = (await visit(resource.inputs)) as Record<string, any>;
}

export function byType(resources: RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((resource) => resource.type === type);
}

export function onlyOne(resources: RecordedResource[], type: string): RecordedResource {
  const found = byType(resources, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}: ${resources.map((item) => item.type).join(", ")}`);
  return found[0];
}
