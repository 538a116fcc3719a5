import { PARSE_ONCE } from "../domain/parse-once.ts";
import { modelProfileSchema, PROFILE_SCHEMA_VERSION, type ModelProfile } from "../domain/profile.ts";
import { WattplanError } from "../errors.ts";
import { readUserText } from "../io/read-file.ts";

/** Reads saved ModelProfile files, each validated with a one-line error naming the file and the field. */
export async function readProfiles(paths: string[]): Promise<ModelProfile[]> {
  return Promise.all(paths.map(readProfile));
}

async function readProfile(path: string): Promise<ModelProfile> {
  const text = await readUserText(path, "model profile");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new WattplanError("INVALID_PROFILE", `${path}: not valid JSON (${(error as Error).message})`, "write it with: wattplan bench MODEL.onnx (saving its profile), or bench() from the library");
  }
  // A later wattplan's profile fails on its new fields; the version says why, and what to do, better than they do.
  const { schemaVersion, wattplanVersion } = (data ?? {}) as { schemaVersion?: unknown; wattplanVersion?: unknown };
  if (typeof schemaVersion === "number" && schemaVersion > PROFILE_SCHEMA_VERSION) {
    throw new WattplanError(
      "INVALID_PROFILE",
      `${path}: written by wattplan ${typeof wattplanVersion === "string" ? wattplanVersion : "(unknown version)"} as profile schema ${schemaVersion}, newer than this wattplan reads (up to ${PROFILE_SCHEMA_VERSION})`,
      "upgrade wattplan, or re-create the profile with this one: wattplan bench MODEL.onnx",
    );
  }
  const result = modelProfileSchema.safeParse(data, PARSE_ONCE);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
    throw new WattplanError("INVALID_PROFILE", `${path}: ${where}: ${issue.message}`, "re-create it with: wattplan bench MODEL.onnx (saving its profile), or bench() from the library");
  }
  return result.data;
}
