import { WattplanError } from "../errors.ts";
import { checkTimeZone } from "./local-time.ts";
import { windowsTimeZoneFor } from "./windows-time-zones.ts";

/** A run of consecutive hours of the day (may cross midnight: 22 for 4 h is 22:00–02:00). */
export interface HourBlock {
  startHour: number;
  durationHours: number;
}

export interface FleetSizes {
  /** Instances while the batch runs. */
  activeInstances: number;
  /** Instances outside the scheduled hours (0 = scale to nothing). */
  idleInstances: number;
  /** Upper bound while active; defaults to activeInstances. */
  maxInstances?: number;
}

/** Arguments for aws.autoscaling.Schedule (less autoscalingGroupName, which the infra program knows). */
export interface AwsScheduledAction {
  scheduledActionName: string;
  /** Unix cron, minute hour day month weekday, read in `timeZone`. */
  recurrence: string;
  timeZone: string;
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
}

/** An entry of gcp.compute.Autoscaler autoscalingPolicy.scalingSchedules. */
export interface GcpScalingSchedule {
  name: string;
  schedule: string;
  timeZone: string;
  durationSec: number;
  minRequiredReplicas: number;
  description: string;
}

/** An Azure autoscale profile with a weekly recurrence (azure-native monitor AutoscaleSetting profiles). */
export interface AzureAutoscaleProfile {
  name: string;
  /** Azure wants strings here. */
  capacity: { minimum: string; maximum: string; default: string };
  recurrence: {
    frequency: "Week";
    schedule: { timeZone: string; days: string[]; hours: number[]; minutes: number[] };
  };
  rules: never[];
}

export interface ScheduledScaling {
  blocks: HourBlock[];
  ianaTimeZone: string;
  aws: AwsScheduledAction[];
  gcp: GcpScalingSchedule[];
  azure: AzureAutoscaleProfile[];
}

const everyDay = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** Consecutive hours merged into blocks, including a block that wraps past midnight (23, 0, 1 → 23 for 3 h). */
export function contiguousHourBlocks(hoursOfDay: number[]): HourBlock[] {
  const hours = [...new Set(hoursOfDay)].sort((a, b) => a - b);
  for (const hour of hours) {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new WattplanError("INVALID_INPUT", `hour of day ${hour} is not an integer from 0 to 23`);
  }
  if (hours.length === 0) return [];
  if (hours.length === 24) return [{ startHour: 0, durationHours: 24 }];
  const blocks: HourBlock[] = [];
  for (const hour of hours) {
    const last = blocks[blocks.length - 1];
    if (last && last.startHour + last.durationHours === hour) last.durationHours += 1;
    else blocks.push({ startHour: hour, durationHours: 1 });
  }
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  if (blocks.length > 1 && first.startHour === 0 && last.startHour + last.durationHours === 24) {
    last.durationHours += first.durationHours;
    blocks.shift();
  }
  return blocks;
}

/**
 * A daily schedule as each cloud's scheduled scaling: AWS scheduled actions (a scale-out and a scale-in per
 * block, cron in an IANA zone), GCP scaling schedules (cron + duration, IANA zone) and Azure autoscale
 * profiles (weekly recurrence every day, Windows zone name; a profile lasts until the next one starts, so
 * each block gets an "active" and an "idle" profile).
 */
export function scheduledScaling(hoursOfDay: number[], ianaTimeZone: string, sizes: FleetSizes, namePrefix = "wattplan-batch"): ScheduledScaling {
  checkTimeZone(ianaTimeZone);
  checkSizes(sizes);
  const blocks = contiguousHourBlocks(hoursOfDay);
  const maxInstances = sizes.maxInstances ?? sizes.activeInstances;
  const pad = (hour: number) => String(hour).padStart(2, "0");
  const aws: AwsScheduledAction[] = [];
  const gcp: GcpScalingSchedule[] = [];
  const azure: AzureAutoscaleProfile[] = [];
  let windowsTimeZone: string | undefined;
  for (const block of blocks) {
    const endHour = (block.startHour + block.durationHours) % 24;
    const label = `${pad(block.startHour)}00-${pad(endHour)}00`;
    if (block.durationHours === 24) {
      aws.push({ scheduledActionName: `${namePrefix}-always`, recurrence: "0 0 * * *", timeZone: ianaTimeZone, minSize: sizes.activeInstances, maxSize: maxInstances, desiredCapacity: sizes.activeInstances });
    } else {
      aws.push({ scheduledActionName: `${namePrefix}-start-${label}`, recurrence: cronAt(block.startHour), timeZone: ianaTimeZone, minSize: sizes.activeInstances, maxSize: maxInstances, desiredCapacity: sizes.activeInstances });
      aws.push({ scheduledActionName: `${namePrefix}-stop-${label}`, recurrence: cronAt(endHour), timeZone: ianaTimeZone, minSize: sizes.idleInstances, maxSize: Math.max(sizes.idleInstances, maxInstances), desiredCapacity: sizes.idleInstances });
    }
    gcp.push({
      name: `${namePrefix}-${label}`,
      schedule: cronAt(block.startHour),
      timeZone: ianaTimeZone,
      durationSec: block.durationHours * 3600,
      minRequiredReplicas: sizes.activeInstances,
      description: `wattplan: batch hours ${pad(block.startHour)}:00-${pad(endHour)}:00 ${ianaTimeZone}, the cleanest in the forecast`,
    });
    windowsTimeZone ??= windowsTimeZoneFor(ianaTimeZone);
    azure.push(azureProfile(`${namePrefix}-active-${label}`, block.startHour, windowsTimeZone, sizes.activeInstances, sizes.activeInstances, maxInstances));
    if (block.durationHours < 24) azure.push(azureProfile(`${namePrefix}-idle-${label}`, endHour, windowsTimeZone, sizes.idleInstances, sizes.idleInstances, Math.max(sizes.idleInstances, maxInstances)));
  }
  return { blocks, ianaTimeZone, aws, gcp, azure };
}

/** "0 H * * *": every day at H:00. */
export function cronAt(hour: number): string {
  return `0 ${hour} * * *`;
}

function azureProfile(name: string, hour: number, timeZone: string, minimum: number, defaultCount: number, maximum: number): AzureAutoscaleProfile {
  return {
    name,
    capacity: { minimum: String(minimum), maximum: String(maximum), default: String(defaultCount) },
    recurrence: { frequency: "Week", schedule: { timeZone, days: [...everyDay], hours: [hour], minutes: [0] } },
    rules: [],
  };
}

function checkSizes(sizes: FleetSizes): void {
  const entries: Array<[string, number | undefined]> = [["activeInstances", sizes.activeInstances], ["idleInstances", sizes.idleInstances], ["maxInstances", sizes.maxInstances]];
  for (const [name, value] of entries) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) throw new WattplanError("INVALID_INPUT", `${name} must be a whole number ≥ 0, got ${value}`);
  }
  if (sizes.activeInstances < 1) throw new WattplanError("INVALID_INPUT", "activeInstances must be at least 1 while the batch runs");
  if (sizes.maxInstances !== undefined && sizes.maxInstances < sizes.activeInstances) {
    throw new WattplanError("INVALID_INPUT", `maxInstances (${sizes.maxInstances}) is below activeInstances (${sizes.activeInstances})`);
  }
}
