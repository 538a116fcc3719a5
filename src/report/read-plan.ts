import { PARSE_ONCE } from "../domain/parse-once.ts";
import { planSchema, type Plan } from "../domain/plan.ts";
import { WattplanError } from "../errors.ts";
import { readUserText } from "../io/read-file.ts";

const SAVED_PLAN_HINT = "pass a plan saved by `wattplan plan` (or written from plan())";

/** Reads and validates a saved Plan JSON; a problem is one line naming the file and the field. */
export async function readPlanFile(path: string, what = "plan"): Promise<Plan> {
  return parsePlanText(await readUserText(path, what), path);
}

export function parsePlanText(text: string, label: string): Plan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new WattplanError("INVALID_PLAN", `${label}: not valid JSON (${(error as Error).message.split("\n")[0]})`, SAVED_PLAN_HINT);
  }
  if (typeof data !== "object" || data === null || (data as { kind?: unknown }).kind !== "wattplan.plan") {
    throw new WattplanError("INVALID_PLAN", `${label}: not a wattplan plan (kind is not "wattplan.plan")`, SAVED_PLAN_HINT);
  }
  const result = planSchema.safeParse(data, PARSE_ONCE);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]] : issue.path;
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : "";
  throw new WattplanError(
    "INVALID_PLAN",
    `${label}: ${formatFieldPath(field)}: ${issue.code === "unrecognized_keys" ? "unknown field" : issue.message}${more}`,
    "plan again with this wattplan version and save the plan",
  );
}

function formatFieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return path.map((segment, index) => (typeof segment === "number" ? `[${segment}]` : `${index === 0 ? "" : "."}${String(segment)}`)).join("");
}
