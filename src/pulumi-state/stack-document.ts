// One shape for the three documents wattplan reads: a preview digest, a stack export, an engine event log.

export type StackDocumentKind = "preview" | "stack-export" | "engine-events";

export interface StackResource {
  urn: string;
  type: string;
  /** True for resources a provider manages; components and the stack are false. */
  custom: boolean;
  /** The preview step's operation ("create", "update", "same", ...); absent in a stack export (all live). */
  op?: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  parent?: string;
  /** "PROVIDER_URN::PROVIDER_ID", when the resource names its provider. */
  provider?: string;
  dependencies: string[];
  /** Input property → the URNs its value came from. */
  propertyDependencies: Record<string, string[]>;
}

export interface StackDocument {
  kind: StackDocumentKind;
  /** Stack config as the preview saw it ("aws:region" → "eu-west-1"); secrets blinded; empty for exports. */
  config: Record<string, string>;
  /** The resources the stack has after the change (a preview) or now (an export). */
  resources: StackResource[];
  /** Operation counts from the preview summary (e.g. { create: 3, same: 12 }), where the document has them. */
  changeSummary?: Record<string, number>;
  /** Resources that the change removes (preview deletes), for the record. */
  removedUrns: string[];
}

/** Step operations after which the resource exists; deletes, discards and reads (not managed) do not count. */
export const OPERATIONS_THAT_KEEP_A_RESOURCE: ReadonlySet<string> = new Set([
  "same",
  "create",
  "update",
  "replace",
  "create-replacement",
  "import",
  "import-replacement",
  "refresh",
]);
