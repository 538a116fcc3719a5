import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogDirectory, referenceDirectory } from "./helpers.ts";

const haveReference = existsSync(referenceDirectory);
const title = haveReference
  ? "rebuilds byte-for-byte from ../shared/reference"
  : "rebuild from ../shared/reference (SKIPPED: the reference folder is absent here; CI has it)";

describe("catalog build", () => {
  it.skipIf(!haveReference)(title, async () => {
    const { buildCatalog } = await import("../../scripts/build-catalog.ts");
    const outputDirectory = mkdtempSync(join(tmpdir(), "wattplan-rebuild-"));
    try {
      await buildCatalog({ referenceDirectory, outputDirectory });
      const committed = readdirSync(catalogDirectory).sort();
      expect(readdirSync(outputDirectory).sort()).toEqual(committed);
      for (const fileName of committed) {
        const rebuilt = readFileSync(join(outputDirectory, fileName), "utf8");
        expect(rebuilt === readFileSync(join(catalogDirectory, fileName), "utf8"), `${fileName} differs from the rebuild: run npm run build:catalog`).toBe(true);
      }
    } finally {
      rmSync(outputDirectory, { recursive: true, force: true });
    }
  });
});
