// Names visible to a graph's nodes: its own tensors, then (for If/Loop/Scan bodies) those of the enclosing graphs.
import type { TensorProto } from "../proto.ts";
import type { TensorValue } from "./tensor-value.ts";

export interface ScopeEntry {
  value: TensorValue;
  /** Set for weights (initializers, Constant tensors): reading them counts toward the model's weight bytes. */
  weight?: TensorProto;
}

export class Scope {
  private readonly entries = new Map<string, ScopeEntry>();

  constructor(private readonly parent?: Scope) {}

  get(name: string): ScopeEntry | undefined {
    return this.entries.get(name) ?? this.parent?.get(name);
  }

  set(name: string, entry: ScopeEntry): void {
    this.entries.set(name, entry);
  }

  /** This graph's own names (not the enclosing graphs'), in the order they were set. */
  ownNames(): IterableIterator<string> {
    return this.entries.keys();
  }

  child(): Scope {
    return new Scope(this);
  }
}
