// The version of wattplan written into plans and profiles and printed by `wattplan --version`. package.json is the
// one source: it is read here and nowhere else.
import packageManifest from "../package.json" with { type: "json" };

export const WATTPLAN_VERSION: string = packageManifest.version;
