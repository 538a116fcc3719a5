// The version of wattplan written into plans and profiles and printed by `wattplan --version`. package.json is the
// one source: it is read here and nowhere else (from src/ and from the compiled dist/ alike, both one level down).
import { createRequire } from "node:module";

const packageManifest = createRequire(import.meta.url)("../package.json") as { version: string };

export const WATTPLAN_VERSION: string = packageManifest.version;
