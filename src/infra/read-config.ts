// Stack config -> a validated StackConfig. Pulumi hands every value over as a string (objects and lists as JSON);
// this turns them back into what emit wrote and checks them with the schema emit used. No @pulumi import.
import {
  describeStackConfigIssues,
  isStringValuedKey,
  STACK_CONFIG_NAMESPACE,
  stackConfigSchema,
  type StackConfig,
} from "../domain/stack-config.ts";
import { StackConfigError } from "../errors.ts";
import { servingDeviceOf, servingPath } from "../domain/serving.ts";

const HINT = "run `wattplan emit PLAN.json --stack <stack>` to write it (or fix the keys named above)";

/** `values` maps keys without the namespace ("instances") to the raw strings Pulumi gives. */
export function parseStackConfig(values: Record<string, string | undefined>): StackConfig {
  const decoded: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, raw] of Object.entries(values)) {
    if (raw === undefined) continue;
    if (isStringValuedKey(key)) {
      decoded[key] = raw;
      continue;
    }
    try {
      decoded[key] = JSON.parse(raw);
    } catch {
      problems.push(`${STACK_CONFIG_NAMESPACE}:${key}: expected a number, list or object, got '${raw}'`);
    }
  }
  if (Object.keys(decoded).length === 0 && problems.length === 0) {
    throw new StackConfigError("this stack has no wattplan: config", HINT);
  }
  const parsed = stackConfigSchema.safeParse(decoded);
  if (!parsed.success) problems.push(describeStackConfigIssues(parsed.error));
  if (problems.length > 0 || !parsed.success) {
    throw new StackConfigError(`invalid wattplan stack config: ${problems.join("; ")}`, HINT);
  }
  const config = parsed.data;
  const device = servingDeviceOf(config.accelerator);
  if (!device) {
    throw new StackConfigError(
      `wattplan:accelerator: ${config.accelerator?.model} needs a Neuron-compiled model and the Neuron runtime, which this program does not deploy`,
      "emit another candidate (wattplan emit --candidate N)",
    );
  }
  if (!servingPath(device, config.precision)) {
    throw new StackConfigError(
      `wattplan:precision: ${config.precision} is not served on ${config.accelerator ? `${config.accelerator.model} GPUs` : "CPUs"} (see the precision table in the README)`,
      "emit another candidate (wattplan emit --candidate N)",
    );
  }
  return config;
}
