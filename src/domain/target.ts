// A measurable target in the workload spec ("30 % less carbon per inference by the end of the year"), tracked
// against the plans recorded in the history (src/targets, `wattplan history`, `wattplan check`).
import { z } from "zod";

/** The figures a target can be set on: each is a chosen-deployment figure of the plan, lower is better. */
export const targetMetricSchema = z.enum(["sciGCo2ePerInference", "monthlyKgCo2e", "monthlyCostUsd", "energyPerInferenceJ"]);
export type TargetMetric = z.infer<typeof targetMetricSchema>;

/** A calendar date, YYYY-MM-DD; read as midnight UTC. */
export const calendarDateSchema = z.iso.date({ error: "expected a date as YYYY-MM-DD" });

/** A plan id or its first 12+ hex digits, as `wattplan plan` and `wattplan history` print it. */
export const planIdReferenceSchema = z.string().regex(/^[0-9a-f]{12,64}$/);

const PERCENT_TEXT = /^\d+(\.\d+)?\s?%$/;

/**
 * How much lower than the start: "30%" (a string with the sign) or 30 (a number, in percent). A number below 1 is
 * refused: 0.3 is almost always a fraction meant as 30 %, and "0.3%" says the other thing unambiguously. No
 * transform, so the spec stays representable in the Plan's JSON Schema; src/targets reads the number.
 */
export const reductionPercentSchema = z
  .union([z.string().regex(PERCENT_TEXT, "write the reduction as a percentage, e.g. 30% (or the number 30)"), z.number()], {
    error: "expected a percentage such as 30% (or the number 30)",
  })
  .superRefine((value, context) => {
    // Text that is no percentage at all has its message already.
    if (typeof value === "string" && !PERCENT_TEXT.test(value)) return;
    const percent = typeof value === "number" ? value : Number.parseFloat(value);
    if (typeof value === "number" && percent > 0 && percent < 1) {
      context.addIssue({ code: "custom", message: `reduceBy is in percent: write 30% for thirty percent (or ${value}% if you mean ${value} %)` });
    } else if (!(percent > 0 && percent < 100)) {
      context.addIssue({ code: "custom", message: "the reduction must be above 0 % and below 100 %" });
    }
  });

/** The percentage a reduceBy value stands for: "30%" → 30, 30 → 30. */
export function reductionPercentOf(reduceBy: string | number): number {
  return typeof reduceBy === "number" ? reduceBy : Number.parseFloat(reduceBy);
}

export const targetSpecSchema = z
  .strictObject({
    metric: targetMetricSchema,
    /** Relative target: this much below the figure at `from`. */
    reduceBy: reductionPercentSchema.optional(),
    /** Absolute target, in the metric's unit (gCO2e, kgCO2e per month, USD per month, J). */
    atMost: z.number().nonnegative().optional(),
    /** Where the trajectory starts: a date (the figure in force then) or a recorded plan's id; default: the first record. */
    from: z
      .union([calendarDateSchema, planIdReferenceSchema], {
        error: (issue) =>
          typeof issue.input === "number"
            ? "expected a date (YYYY-MM-DD) or a plan id; quote a plan id that YAML reads as a number"
            : "expected a date (YYYY-MM-DD) or a plan id (12 to 64 hex digits)",
      })
      .optional(),
    /** When the target must be met; required with reduceBy, optional with atMost (a ceiling from now on). */
    by: calendarDateSchema.optional(),
  })
  .superRefine((target, context) => {
    if ((target.reduceBy === undefined) === (target.atMost === undefined)) {
      context.addIssue({ code: "custom", path: ["reduceBy"], message: "give either reduceBy (e.g. 30%) or atMost (a value in the metric's unit)" });
    }
    if (target.reduceBy !== undefined && target.by === undefined) {
      context.addIssue({ code: "custom", path: ["by"], message: "required with reduceBy: the date the reduction is due (YYYY-MM-DD)" });
    }
    const fromIsDate = target.from !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(target.from);
    if (fromIsDate && target.by !== undefined && target.by <= target.from!) {
      context.addIssue({ code: "custom", path: ["by"], message: `must be after from (${target.from})` });
    }
  });
export type TargetSpec = z.infer<typeof targetSpecSchema>;
