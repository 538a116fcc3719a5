// Reads the plan a policy pack enforces from the files its config names. Kept apart from the validators, which stay
// free of file access. Relative paths resolve against this directory (policy/), whichever directory the policy
// runner was started in: "../stacks/Pulumi.prod.yaml" means the project's stack file.
import { readFileSync, statSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { planSchema, type Plan } from "../src/domain/plan.ts";
import { describeStackConfigIssues, STACK_CONFIG_NAMESPACE, stackConfigSchema, type StackConfig } from "../src/domain/stack-config.ts";
import { handEditOf } from "../src/emit/stack-file.ts";
import { StackConfigError, WattplanError } from "../src/errors.ts";
import { allowancesFromPlan, allowancesFromStackConfig, stackAgainstPlan, type PlanView, type WattplanPolicyConfig } from "./plan-view.ts";

const PLAN_HINT = "point planFile at a plan saved by wattplan plan";

const packDirectory = fileURLToPath(new URL(".", import.meta.url));
const resolve = (path: string) => resolvePath(packDirectory, path);

const cache = new Map<string, PlanView>();

/**
 * planFile alone allows every deployable candidate of the plan; stackFile allows exactly the stack's placement, and
 * reports a stack whose wattplan: keys were edited since emit; both together also check the stack against the plan.
 */
export function loadPlanView(config: WattplanPolicyConfig): PlanView {
  // Read once per pack run and file version: every resource asks, and a file may change between runs of a long-lived pack.
  const key = JSON.stringify([config.planFile, config.stackFile, config.allowed, modifiedAt(config.planFile), modifiedAt(config.stackFile)]);
  const cached = cache.get(key);
  if (cached) return cached;
  const plan = config.planFile ? readPlan(config.planFile) : undefined;
  const stack = config.stackFile ? readStack(config.stackFile) : undefined;
  const view: PlanView = {
    allowances: [...(config.allowed ?? []), ...(stack ? allowancesFromStackConfig(stack.config) : plan ? allowancesFromPlan(plan) : [])],
    problems: stack
      ? [...(stack.handEdit ? [`${config.stackFile}: wattplan: keys not as emitted, ${stack.handEdit}`] : []), ...(plan ? stackAgainstPlan(stack.config, plan).map((problem) => `${config.stackFile}: ${problem}`) : [])]
      : [],
  };
  cache.set(key, view);
  return view;
}

function modifiedAt(path: string | undefined): number | undefined {
  try {
    return path ? statSync(resolve(path)).mtimeMs : undefined;
  } catch {
    return undefined;
  }
}

function readPlan(path: string): Plan {
  const text = readConfigFile(path, "planFile");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new WattplanError("INVALID_PLAN", `policy config planFile ${path} is not JSON: ${(error as Error).message}`, PLAN_HINT);
  }
  const parsed = planSchema.safeParse(data);
  if (!parsed.success) throw new WattplanError("INVALID_PLAN", `policy config planFile ${path} is not a valid wattplan plan: ${parsed.error.issues[0]?.message}`, PLAN_HINT);
  return parsed.data;
}

function readStack(path: string): { config: StackConfig; handEdit: string | undefined } {
  const document = parse(readConfigFile(path, "stackFile")) as { config?: Record<string, unknown> } | null;
  const all = document?.config ?? {};
  const prefix = `${STACK_CONFIG_NAMESPACE}:`;
  const wattplan = Object.fromEntries(
    Object.entries(all)
      .filter(([key]) => key.startsWith(prefix))
      // Secrets ({ secure: ... }) are opaque here; only the planned keys matter.
      .map(([key, value]) => [key.slice(prefix.length), value && typeof value === "object" && "secure" in value ? "(secret)" : value]),
  );
  const parsed = stackConfigSchema.safeParse(wattplan);
  if (!parsed.success) throw new StackConfigError(`policy config stackFile ${path}: ${describeStackConfigIssues(parsed.error)}`, "point stackFile at a stack file wattplan emit wrote");
  return { config: parsed.data, handEdit: handEditOf(all) };
}

function readConfigFile(path: string, key: "planFile" | "stackFile"): string {
  try {
    return readFileSync(resolve(path), "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new WattplanError("FILE_NOT_FOUND", `policy config ${key} ${path}: ${reason}`, "relative paths resolve against the policy/ directory");
  }
}
