// The samples static INT8 calibrates on: the user's own (a calibration file) or synthesized ones, never the inputs
// drift is measured on. A calibration file is a JSON array of samples, each an object of input name → values for
// ONE sample, in the form of an inputs file: [{"input": [[...]]}, {"input": [[...]]}, ...].
import { createHash } from "node:crypto";
import { WattplanError } from "../errors.ts";
import { readUserFile } from "../io/read-file.ts";
import { parseInputsFile } from "./inputs-file.ts";

/** Synthesized samples when no file is given: enough to see each tensor's range, few enough to stay quick. */
export const defaultCalibrationSamples = 16;

export interface CalibrationFile {
  samples: Record<string, number[]>[];
  sha256: string;
}

const hint = 'write it as a JSON array of samples: [{"input": [[...]]}, {"input": [[...]]}]';

export async function readCalibrationFile(path: string): Promise<CalibrationFile> {
  const bytes = await readUserFile(path, "calibration inputs file");
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    const reason = (error as Error).message.replace(/\s+/g, " ").trim();
    throw new WattplanError("INVALID_INPUT", `calibration inputs file ${path} is not JSON: ${reason}`, hint);
  }
  if (!Array.isArray(data) || data.length === 0) {
    throw new WattplanError("INVALID_INPUT", `calibration inputs file ${path} must hold a non-empty JSON array of samples`, hint);
  }
  const samples = data.map((sample, index) => parseInputsFile(sample, `${path} (sample ${index})`));
  return { samples, sha256: createHash("sha256").update(bytes).digest("hex") };
}
