// Time-shifted batch work: pick the cleanest hours of a window, and express them as each cloud's scheduled scaling.
export { scheduleBatchWork } from "./batch-schedule.ts";
export type { BatchSchedule, BatchScheduleInput, BatchWindow, ScheduledHour } from "./types.ts";
export {
  scheduledScaling,
  contiguousHourBlocks,
  cronAt,
  type HourBlock,
  type FleetSizes,
  type ScheduledScaling,
  type AwsScheduledAction,
  type GcpScalingSchedule,
  type AzureAutoscaleProfile,
} from "./scaling-recurrences.ts";
export { windowsTimeZoneFor, windowsTimeZoneByIana } from "./windows-time-zones.ts";
export { windowHoursOfDay, localParts } from "./local-time.ts";
