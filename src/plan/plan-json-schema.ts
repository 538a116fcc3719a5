import { z } from "zod";
import { planSchema } from "../domain/plan.ts";

/** The Plan JSON's JSON Schema (draft 2020-12), generated from the zod schema so the two cannot drift. */
export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(planSchema, { target: "draft-2020-12", io: "output" }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: "wattplan Plan",
    description: "The output of `wattplan plan`: the chosen deployment, the baseline, the Pareto front of cost vs carbon, alternatives, savings, assumptions and warnings.",
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== "$schema")),
  };
}

export function planJsonSchemaText(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}
