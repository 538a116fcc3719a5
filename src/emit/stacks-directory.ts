import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";

/**
 * Where `pulumi` looks for Pulumi.<stack>.yaml: the `stackConfigDir` of the nearest Pulumi.yaml above the working
 * directory (the project root otherwise); `stacks/` of the working directory when there is no project yet.
 */
export function defaultStacksDirectory(workingDirectory = process.cwd()): string {
  let directory = resolve(workingDirectory);
  for (;;) {
    const projectFile = join(directory, "Pulumi.yaml");
    if (existsSync(projectFile)) {
      const project = safeParse(readFileSync(projectFile, "utf8"));
      const configured = project && typeof project.stackConfigDir === "string" ? project.stackConfigDir : undefined;
      return configured ? resolve(directory, configured) : directory;
    }
    const parent = dirname(directory);
    if (parent === directory) return join(resolve(workingDirectory), "stacks");
    directory = parent;
  }
}

/** The Pulumi project a stacks directory belongs to: the nearest folder at or above it holding Pulumi.yaml. */
export function projectRootOf(stacksDirectory: string): string | undefined {
  let directory = resolve(stacksDirectory);
  for (;;) {
    if (existsSync(join(directory, "Pulumi.yaml"))) return directory;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

function safeParse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
