// Reads the plan a policy pack enforces from the files its config names. Kept apart from policies.ts, which
// stays free of file access. Relative paths resolve against this directory (policy/), whichever directory the
// policy runner was started in: "../stacks/Pulumi.prod.yaml" means the project's stack file.
import { readFileSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { planSchema } from "../src/domain/plan.ts";
import { describeStackConfigIssues, STACK_CONFIG_NAMESPACE, stackConfigSchema } from "../src/domain/stack-config.ts";
import { allowancesFromPlan, allowancesFromStackConfig, type Allowance, type WattplanPolicyConfig } from "./policies.ts";

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
  const parsed = planSchema.safeParse(JSON.parse(readFileSync(resolve(path), "utf8")));
  if (!parsed.success) throw new Error(`policy config planFile ${path} is not a valid wattplan plan: ${parsed.error.issues[0]?.message}`);
  return allowancesFromPlan(parsed.data);
}

function allowancesFromStackFile(path: string): Allowance[] {
  const document = parse(readFileSync(resolve(path), "utf8")) as { config?: Record<string, unknown> } | null;
  const prefix = `${STACK_CONFIG_NAMESPACE}:`;
  const wattplan = Object.fromEntries(
    Object.entries(document?.config ?? {})
      .filter(([key]) => key.startsWith(prefix))
      // Secrets ({ secure: ... }) are opaque here; only the placement keys matter.
      .map(([key, value]) => [key.slice(prefix.length), value && typeof value === "object" && "secure" in value ? "(secret)" : value]),
  );
  const parsed = stackConfigSchema.safeParse(wattplan);
  if (!parsed.success) throw new Error(`policy config stackFile ${path}: ${describeStackConfigIssues(parsed.error)}`);
  return allowancesFromStackConfig(parsed.data);
}
