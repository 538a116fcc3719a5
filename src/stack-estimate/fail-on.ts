// `--fail-on carbon:+10%,cost:+100USD,carbon:500kg`: thresholds that turn an estimate into a failed check.
// "+" rules limit the increase over --base (in %, USD or kgCO2e); rules without "+" cap the head's monthly total.
import { WattplanError } from "../errors.ts";
import type { StackEstimate } from "./contract.ts";
import type { StackEstimateDiff } from "./diff.ts";

export interface FailOnRule {
  text: string;
  metric: "carbon" | "cost";
  increase: boolean;
  amount: number;
  unit: "%" | "USD" | "kgCO2e";
}

const RULE = /^(carbon|cost):(\+)?(\d+(?:\.\d+)?)\s*(%|usd|\$|kg|kgco2e)$/i;

export function parseFailOn(text: string): FailOnRule[] {
  return text.split(",").map((part) => part.trim()).filter(Boolean).map((part) => {
    const match = RULE.exec(part);
    if (!match) throw new WattplanError("INVALID_INPUT", `cannot read the fail-on rule '${part}'`, undefined, { option: "failOn" });
    const unitText = match[4].toLowerCase();
    const unit = unitText === "%" ? "%" : unitText === "usd" || unitText === "$" ? "USD" : "kgCO2e";
    const metric = match[1].toLowerCase() as FailOnRule["metric"];
    if (metric === "cost" && unit === "kgCO2e") throw new WattplanError("INVALID_INPUT", `the fail-on rule '${part}' limits cost in kgCO2e`, undefined, { option: "failOn" });
    if (metric === "carbon" && unit === "USD") throw new WattplanError("INVALID_INPUT", `the fail-on rule '${part}' limits carbon in USD`, undefined, { option: "failOn" });
    if (unit === "%" && !match[2]) throw new WattplanError("INVALID_INPUT", `the fail-on rule '${part}' is a percentage of nothing: write ${metric}:+${match[3]}% and give a base document`, undefined, { option: "failOn" });
    return { text: part, metric, increase: Boolean(match[2]), amount: Number(match[3]), unit };
  });
}

const show = (value: number, unit: FailOnRule["unit"]) => (unit === "USD" ? `$${value.toFixed(2)}` : unit === "%" ? `${value.toFixed(1)} %` : `${value.toFixed(1)} kgCO2e`);

/** The first rule the change breaks, as one line, or null when it passes. */
export function failOnBreach(rules: FailOnRule[], head: StackEstimate, diff: StackEstimateDiff | undefined): string | null {
  for (const rule of rules) {
    const total = rule.metric === "cost" ? head.totals.monthlyCostUsd : head.totals.monthlyKgCo2e;
    if (!rule.increase) {
      if (total > rule.amount) return `fail-on rule ${rule.text}: the monthly ${rule.metric} is ${show(total, rule.unit)}, above ${show(rule.amount, rule.unit)}`;
      continue;
    }
    if (!diff) throw new WattplanError("INVALID_INPUT", `the fail-on rule ${rule.text} limits an increase, and no base document was given`, undefined, { option: "baseDocument" });
    const change = rule.metric === "cost" ? diff.totals.costUsd : diff.totals.kgCo2e;
    const rise = rule.unit === "%" ? change.percent ?? (change.delta > 0 ? Infinity : 0) : change.delta;
    if (rise > rule.amount) {
      const risen = rule.unit === "%" ? (Number.isFinite(rise) ? show(rise, "%") : "from nothing") : show(rise, rule.unit);
      return `fail-on rule ${rule.text}: the monthly ${rule.metric} rose ${risen} (${show(change.base, rule.metric === "cost" ? "USD" : "kgCO2e")} → ${show(change.head, rule.metric === "cost" ? "USD" : "kgCO2e")})`;
    }
  }
  return null;
}
