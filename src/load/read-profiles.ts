import { PARSE_ONCE } from "../domain/parse-once.ts";
import { modelProfileSchema, type ModelProfile } from "../domain/profile.ts";
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
  const result = modelProfileSchema.safeParse(data, PARSE_ONCE);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
    throw new WattplanError("INVALID_PROFILE", `${path}: ${where}: ${issue.message}`, "re-create it with: wattplan bench MODEL.onnx (saving its profile), or bench() from the library");
  }
  return result.data;
}
