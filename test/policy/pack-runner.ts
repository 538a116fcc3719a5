// A policy pack as Pulumi runs it: @pulumi/pulumi's cmd/run-policy-pack require()s the pack directory, the pack
// starts its analyzer server and prints the port; tests then talk to it over gRPC the way the engine does.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
const fromPulumi = createRequire(createRequire(import.meta.url).resolve("@pulumi/pulumi/package.json"));
const runner = fromPulumi.resolve("./cmd/run-policy-pack");
// The same gRPC and protobuf modules Pulumi's generated stubs use.
export const grpc = fromPulumi("@grpc/grpc-js");
export const services = fromPulumi("./proto/analyzer_grpc_pb");
export const messages = fromPulumi("./proto/analyzer_pb");
export const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb");
export const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb");

/** Starts the pack in `directory` (relative to the repository root); resolves with its port. */
export function startPack(directory: string, started: (pack: ChildProcess) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    // The engine address is unused by policy packs; the program is the pack directory.
    const pack = spawn(process.execPath, [runner, "127.0.0.1:1", directory], { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"] });
    started(pack);
    let stderr = "";
    pack.stderr?.on("data", (chunk) => (stderr += String(chunk)));
    pack.stdout?.on("data", (chunk) => {
      const port = Number(String(chunk).trim().split("\n")[0]);
      if (Number.isInteger(port) && port > 0) resolve(port);
    });
    pack.on("exit", (code) => reject(new Error(`policy pack exited (${code}): ${stderr}`)));
  });
}

export const call = <T,>(client: Record<string, Function>, method: string, request: unknown): Promise<T> =>
  new Promise((resolve, reject) => client[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response))));

export interface ProviderReference {
  type: string;
  name: string;
  urn: string;
  properties: Record<string, unknown>;
}

/** A resource as the engine describes it to an analyzer (AnalyzeStack's resources; Analyze takes the same fields). */
export function analyzerResource(type: string, name: string, properties: Record<string, unknown>, provider?: ProviderReference, extra: { urn?: string; dependencies?: string[] } = {}) {
  const resource = new messages.AnalyzerResource();
  resource.setType(type);
  resource.setName(name);
  resource.setUrn(extra.urn ?? `urn:pulumi:prod::shop::${type}::${name}`);
  resource.setDependenciesList(extra.dependencies ?? []);
  resource.setProperties(Struct.fromJavaScript(properties));
  resource.setOptions(new messages.AnalyzerResourceOptions());
  if (provider) resource.setProvider(providerMessage(provider));
  return resource;
}

export function providerMessage(provider: ProviderReference) {
  const message = new messages.AnalyzerProviderResource();
  message.setType(provider.type);
  message.setName(provider.name);
  message.setUrn(provider.urn);
  message.setProperties(Struct.fromJavaScript(provider.properties));
  return message;
}

/** Per-policy config, as `--policy-pack-config FILE` hands it to the analyzer (all mandatory). */
export function configureRequest(configByPolicy: Record<string, Record<string, unknown>>, level = messages.EnforcementLevel.MANDATORY) {
  const configure = new messages.ConfigureAnalyzerRequest();
  for (const [policy, properties] of Object.entries(configByPolicy)) {
    const config = new messages.PolicyConfig();
    config.setEnforcementlevel(level);
    config.setProperties(Struct.fromJavaScript(properties));
    configure.getPolicyconfigMap().set(policy, config);
  }
  return configure;
}

export interface Diagnostic {
  getPolicyname(): string;
  getMessage(): string;
  getEnforcementlevel(): number;
}
