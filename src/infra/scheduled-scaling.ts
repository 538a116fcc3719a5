// The batch schedule of the stack config as each cloud's scheduled scaling (built by src/schedule, which knows
// the cron strings, block merging and Windows time-zone names). Errors become RunErrors: Pulumi prints those as
// one line, without a stack trace.
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../domain/stack-config.ts";
import { WattplanError } from "../errors.ts";
import { scheduledScaling, type ScheduledScaling } from "../schedule/scaling-recurrences.ts";

/** Azure allows at most 20 profiles in one autoscale setting (the default one included). */
export const AZURE_MOST_PROFILES = 20;

export function scheduledScalingOf(config: StackConfig, namePrefix = "wattplan-batch"): ScheduledScaling | null {
  const schedule = config.schedule;
  if (!schedule) return null;
  try {
    return scheduledScaling(schedule.hoursOfDay, schedule.timeZone, {
      activeInstances: schedule.activeInstances,
      idleInstances: schedule.idleInstances,
      maxInstances: Math.max(schedule.activeInstances, config.instances.max),
    }, namePrefix);
  } catch (error) {
    if (error instanceof WattplanError) throw new pulumi.RunError(`wattplan:schedule: ${error.message}${error.hint ? ` (${error.hint})` : ""}`);
    throw error;
  }
}
