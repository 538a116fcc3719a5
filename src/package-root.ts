// The folder wattplan is installed in: the nearest one above this file that holds a package.json. Found by walking
// up rather than by a fixed "../..", because the same source runs from src/ (tsx), from the compiled dist/ and
// inside the CLI bundle (dist/cli/wattplan.cjs), where every module shares the bundle's location.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const packageRoot: string = nearestPackageFolder(dirname(fileURLToPath(import.meta.url)));

function nearestPackageFolder(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, "package.json"))) return folder;
    if (dirname(folder) === folder) throw new Error(`wattplan's package.json is not in ${start} or any folder above it`);
  }
}
