import { WattplanError } from "../errors.ts";

/** Pulumi's rule for a stack name: letters, digits, '-', '_' and '.', at most 100 characters. */
const STACK_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;

/** Refuses a name `pulumi stack init` would reject (or one that would escape the stacks directory). */
export function checkStackName(name: string): string {
  if (!STACK_NAME_PATTERN.test(name) || name === "." || name === "..") {
    throw new WattplanError(
      "INVALID_INPUT",
      `invalid stack name '${name}': Pulumi allows letters, digits, '-', '_' and '.' (at most 100 characters)`,
      'for example stackName: "prod"',
      { option: "stackName", example: "prod" },
    );
  }
  return name;
}

export function stackFileName(stackName: string): string {
  return `Pulumi.${stackName}.yaml`;
}
