// What `bench --on` asks of a cloud: read one object a bench machine wrote.
import type { ResultsLocation } from "../infra/bench-fleet/results-layout.ts";

/** Reads one object under the results prefix; null while it does not exist yet. */
export interface ResultsReader {
  read(location: ResultsLocation, key: string): Promise<string | null>;
}
