// Reads a Pulumi document (text) into a StackDocument, or fails with one line naming what the text is instead.
import type { z } from "zod";
import { WattplanError } from "../errors.ts";
import { splitJsonValues } from "./json-values.ts";
import { engineEventSchema, previewDigestSchema, stackExportSchema, type EngineEvent, type ResourceV3 } from "./schemas.ts";
import { OPERATIONS_THAT_KEEP_A_RESOURCE, type StackDocument, type StackResource } from "./stack-document.ts";

const EXPECTED = "expected `pulumi preview --json`, `pulumi stack export` or a `--event-log` engine event stream";

function invalid(label: string, message: string, hint = EXPECTED): WattplanError {
  return new WattplanError("INVALID_INPUT", `${label}: ${message}`, hint);
}

/** "steps[3].newState.urn: expected string" from zod's first issue. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.reduce<string>((text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), "");
  return `${path || "(document)"}: ${issue.message}`;
}

export function readStackDocument(text: string, label: string): StackDocument {
  if (text.trim() === "") throw invalid(label, "the file is empty");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return readEventStream(text, label, (error as Error).message);
  }
  if (Array.isArray(data)) return fromEvents(data, label);
  if (data === null || typeof data !== "object") throw invalid(label, `a JSON ${typeof data}, not a Pulumi document`);
  const record = data as Record<string, unknown>;
  if ("deployment" in record || "checkpoint" in record) return fromExport(record, label);
  if ("sequence" in record && "timestamp" in record) return fromEvents([record], label);
  if ("resource_changes" in record || "terraform_version" in record) throw invalid(label, "a Terraform plan, not a Pulumi document");
  if ("resourcePlans" in record) throw invalid(label, "a Pulumi update plan (`pulumi preview --save-plan`), not the preview digest", "run `pulumi preview --json` instead");
  if ("steps" in record || "changeSummary" in record) return fromPreview(record, label);
  const keys = Object.keys(record).slice(0, 5).join(", ") || "none";
  throw invalid(label, `not a Pulumi preview digest, stack export or engine event stream (top-level keys: ${keys})`);
}

function fromPreview(record: Record<string, unknown>, label: string): StackDocument {
  const steps = Array.isArray(record.steps) ? record.steps : [];
  const foreign = steps.find((step) => step && typeof step === "object" && "resource" in step && !("newState" in step) && !("oldState" in step));
  if (foreign) {
    throw invalid(label, "its steps carry `resource`, not `newState`/`oldState`: this is another tool's preview format, not Pulumi's preview digest", "run `pulumi preview --json` and pass its output");
  }
  const parsed = previewDigestSchema.safeParse(record);
  if (!parsed.success) throw invalid(label, `not a valid \`pulumi preview --json\` digest at ${firstIssue(parsed.error)}`);
  const byUrn = new Map<string, StackResource>();
  const removedUrns: string[] = [];
  for (const step of parsed.data.steps ?? []) {
    if (!OPERATIONS_THAT_KEEP_A_RESOURCE.has(step.op)) {
      if (step.op.startsWith("delete") || step.op.startsWith("discard")) removedUrns.push(step.urn);
      continue;
    }
    const state = step.newState ?? step.oldState;
    if (!state) continue;
    byUrn.set(step.urn, toResource(state, step.op, step.provider));
  }
  return {
    kind: "preview",
    config: parsed.data.config ?? {},
    resources: [...byUrn.values()],
    changeSummary: parsed.data.changeSummary ?? undefined,
    removedUrns: removedUrns.filter((urn) => !byUrn.has(urn)),
  };
}

function fromExport(record: Record<string, unknown>, label: string): StackDocument {
  // A local backend's stack file wraps the same deployment as { version, checkpoint: { latest } }.
  const checkpoint = record.checkpoint as Record<string, unknown> | undefined;
  const candidate = "checkpoint" in record ? { version: record.version, deployment: checkpoint?.latest } : record;
  if (candidate.version !== 3) {
    throw invalid(label, `stack export version ${JSON.stringify(candidate.version)} is not supported (wattplan reads version 3)`, "export it with a current Pulumi CLI: `pulumi stack export`");
  }
  const parsed = stackExportSchema.safeParse(candidate);
  if (!parsed.success) throw invalid(label, `not a valid \`pulumi stack export\` (version 3) at ${firstIssue(parsed.error)}`);
  const resources = (parsed.data.deployment.resources ?? []).filter((resource) => !resource.delete).map((resource) => toResource(resource));
  return { kind: "stack-export", config: {}, resources, removedUrns: [] };
}

function readEventStream(text: string, label: string, jsonError: string): StackDocument {
  let values: string[];
  try {
    values = splitJsonValues(text);
  } catch (error) {
    throw invalid(label, `not valid JSON (${jsonError}); as an event stream: ${(error as Error).message} - is the file truncated?`);
  }
  if (values.length < 2) throw invalid(label, `not valid JSON (${jsonError})`);
  const events: unknown[] = [];
  for (const [index, value] of values.entries()) {
    try {
      events.push(JSON.parse(value));
    } catch (error) {
      throw invalid(label, `value ${index + 1} of the event stream is not valid JSON (${(error as Error).message})`);
    }
  }
  return fromEvents(events, label);
}

function fromEvents(items: unknown[], label: string): StackDocument {
  const events: EngineEvent[] = [];
  for (const [index, item] of items.entries()) {
    const parsed = engineEventSchema.safeParse(item);
    if (!parsed.success) throw invalid(label, `event ${index + 1} is not a Pulumi engine event at ${firstIssue(parsed.error)}`);
    events.push(parsed.data);
  }
  events.sort((left, right) => left.sequence - right.sequence);
  let config: Record<string, string> = {};
  let changeSummary: Record<string, number> | undefined;
  const byUrn = new Map<string, StackResource>();
  const removed = new Set<string>();
  for (const event of events) {
    if (event.preludeEvent) config = event.preludeEvent.config ?? {};
    if (event.summaryEvent?.resourceChanges) changeSummary = event.summaryEvent.resourceChanges;
    const metadata = event.resOutputsEvent?.metadata ?? event.resourcePreEvent?.metadata;
    if (!metadata) continue;
    if (!OPERATIONS_THAT_KEEP_A_RESOURCE.has(metadata.op)) {
      if (metadata.op.startsWith("delete") || metadata.op.startsWith("discard")) removed.add(metadata.urn);
      continue;
    }
    const state = metadata.new ?? metadata.old;
    if (!state) continue;
    byUrn.set(metadata.urn, toResource({ ...state, urn: metadata.urn, type: state.type || metadata.type }, metadata.op, metadata.provider));
  }
  return { kind: "engine-events", config, resources: [...byUrn.values()], changeSummary, removedUrns: [...removed].filter((urn) => !byUrn.has(urn)) };
}

type StateLike = Pick<ResourceV3, "urn" | "type" | "custom" | "inputs" | "outputs" | "parent" | "provider" | "dependencies" | "propertyDependencies">;

function toResource(state: StateLike, op?: string, stepProvider?: string): StackResource {
  const propertyDependencies: Record<string, string[]> = {};
  for (const [key, urns] of Object.entries(state.propertyDependencies ?? {})) if (urns) propertyDependencies[key] = urns;
  return {
    urn: state.urn,
    type: state.type ?? "",
    custom: state.custom ?? state.type?.startsWith("pulumi:providers:") ?? false,
    ...(op ? { op } : {}),
    inputs: state.inputs ?? {},
    outputs: state.outputs ?? {},
    ...(state.parent ? { parent: state.parent } : {}),
    ...(state.provider || stepProvider ? { provider: state.provider || stepProvider } : {}),
    dependencies: state.dependencies ?? [],
    propertyDependencies,
  };
}
