// Reads the plan a policy pack enforces from the files its config names. Kept apart from policies.ts, which
// stays free of file access. Relative paths resolve against this directory (policy/), whichever directory the
// policy runner was started in: "../stacks/Pulumi.prod.yaml" means the project's stack file.
import { readFileSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { planSchema } from "../src/domain/plan.ts";
import { StackConfigError, WattplanError } from "../src/errors.ts";
import { describeStackConfigIssues, STACK_CONFIG_NAMESPACE, stackConfigSchema } from "../src/domain/stack-config.ts";
import { allowancesFromPlan, allowancesFromStackConfig, type Allowance, type WattplanPolicyConfig } from "./policies.ts";

const PLAN_HINT = "point planFile at a plan saved by wattplan plan";

const packDirectory = fileURLToPath(new URL(".", import.meta.url));
const resolve = (path: string) => resolvePath(packDirectory, path);

const cache = new Map<string, Allowance[]>();

export function loadAllowances(config: WattplanPolicyConfig): Allowance[] {
  const key = JSON.stringify([config.planFile, config.stackFile, config.allowed]);
  const cached = cache.get(key);
  if (cached) return cached;
  const allowances = [
    ...(config.allowed ?? []),
    ...(config.planFile ? allowancesFromPlanFile(config.planFile) : []),
    ...(config.stackFile ? allowancesFromStackFile(config.stackFile) : []),
  ];
  cache.set(key, allowances);
  return allowances;
}

function allowancesFromPlanFile(path: string): Allowance[] {
  const text = readConfigFile(path, "planFile");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new WattplanError("INVALID_PLAN", `policy config planFile ${path} is not JSON: ${(error as Error).message}`, PLAN_HINT);
  }
  const parsed = planSchema.safeParse(data);
  if (!parsed.success) throw new WattplanError("INVALID_PLAN", `policy config planFile ${path} is not a valid wattplan plan: ${parsed.error.issues[0]?.message}`, PLAN_HINT);
  return allowancesFromPlan(parsed.data);
}

function allowancesFromStackFile(path: string): Allowance[] {
  const document = parse(readConfigFile(path, "stackFile")) as { config?: Record<string, unknown> } | null;
  const prefix = `${STACK_CONFIG_NAMESPACE}:`;
  const wattplan = Object.fromEntries(
    Object.entries(document?.config ?? {})
      .filter(([key]) => key.startsWith(prefix))
      // Secrets ({ secure: ... }) are opaque here; only the placement keys matter.
      .map(([key, value]) => [key.slice(prefix.length), value && typeof value === "object" && "secure" in value ? "(secret)" : value]),
  );
  const parsed = stackConfigSchema.safeParse(wattplan);
  if (!parsed.success) throw new StackConfigError(`policy config stackFile ${path}: ${describeStackConfigIssues(parsed.error)}`, "point stackFile at a stack file wattplan emit wrote");
  return allowancesFromStackConfig(parsed.data);
}

function readConfigFile(path: string, key: "planFile" | "stackFile"): string {
  try {
    return readFileSync(resolve(path), "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new WattplanError("FILE_NOT_FOUND", `policy config ${key} ${path}: ${reason}`, "relative paths resolve against the policy/ directory");
  }
}
