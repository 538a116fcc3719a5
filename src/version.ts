// The version of wattplan written into plans and profiles and printed by `wattplan --version`. package.json is the
// one source: it is read here and nowhere else.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "./package-root.ts";

const packageManifest = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version: string };

export const WATTPLAN_VERSION: string = packageManifest.version;
