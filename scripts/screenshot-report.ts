// Renders the bundled example's HTML report and saves a screenshot for the README (docs/report-screenshot.png):
//   npm run docs:screenshot                  plan examples/spec.yaml (or the test fixture while there is none)
//   npm run docs:screenshot -- plan.json     a saved plan instead
// Environment: WATTPLAN_SCREENSHOT_SCHEME=dark, WATTPLAN_SCREENSHOT_FULL=1 (the whole page), WATTPLAN_SCREENSHOT_OUT=FILE.
// The browser is Debian's chromium driven by playwright-core (its own browser downloads are not used).
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { loadCatalog } from "../src/catalog/load.ts";
import { planSchema, type Plan } from "../src/domain/plan.ts";
import { writeFileAtomic } from "../src/io/atomic-write.ts";
import { regionLocationsFromCatalog, renderHtml } from "../src/report/html/index.ts";

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Debian's chromium; WATTPLAN_CHROMIUM points elsewhere (another distribution, a local build). */
export const chromiumPath = process.env.WATTPLAN_CHROMIUM ?? "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface ChromiumSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts chromium with a fresh profile directory (removed on close); fails with what to install when it is missing. */
export async function launchChromium(options: { colorScheme?: "light" | "dark" } = {}): Promise<ChromiumSession> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `chromium not found at ${chromiumPath}: the HTML report's browser test needs Debian's chromium ` +
        "(apt-get install -y chromium; .ci/run installs it), or set WATTPLAN_CHROMIUM to a Chromium binary",
    );
  }
  const userDataDirectory = mkdtempSync(join(tmpdir(), "wattplan-chromium-"));
  try {
    const context = await chromium.launchPersistentContext(userDataDirectory, {
      executablePath: chromiumPath,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
      colorScheme: options.colorScheme ?? "light",
      offline: true,
    });
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(userDataDirectory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(userDataDirectory, { recursive: true, force: true });
    throw error;
  }
}

/** The example's plan: planned from examples/spec.yaml when the example exists, else the test fixture. */
async function examplePlan(planPath: string | undefined): Promise<{ plan: Plan; from: string }> {
  if (planPath) return { plan: planSchema.parse(JSON.parse(readFileSync(planPath, "utf8"))), from: planPath };
  const specPath = join(repositoryRoot, "examples", "spec.yaml");
  if (existsSync(specPath)) {
    const { planFromFiles } = await import("../src/load/plan-from-files.ts");
    return { plan: await planFromFiles(specPath), from: "examples/spec.yaml" };
  }
  const fixturePath = join(repositoryRoot, "test", "fixtures", "plan.example.json");
  return { plan: planSchema.parse(JSON.parse(readFileSync(fixturePath, "utf8"))), from: "test/fixtures/plan.example.json" };
}

async function main(): Promise<void> {
  const { plan, from } = await examplePlan(process.argv[2]);
  const html = renderHtml(plan, { regions: regionLocationsFromCatalog(loadCatalog(), plan) });
  const workDirectory = mkdtempSync(join(tmpdir(), "wattplan-report-"));
  const htmlPath = join(workDirectory, "report.html");
  await writeFileAtomic(htmlPath, html);
  const session = await launchChromium({ colorScheme: process.env.WATTPLAN_SCREENSHOT_SCHEME === "dark" ? "dark" : "light" });
  try {
    const page = await session.context.newPage();
    await page.goto(pathToFileURL(htmlPath).href);
    const outputPath = process.env.WATTPLAN_SCREENSHOT_OUT ?? join(repositoryRoot, "docs", "report-screenshot.png");
    // The README shows the top of the report (headline, figures, the three charts); WATTPLAN_SCREENSHOT_FULL=1 takes it all.
    const mapCard = await page.locator('section[aria-labelledby="map-heading"]').boundingBox();
    const clip = process.env.WATTPLAN_SCREENSHOT_FULL === "1" || !mapCard ? undefined : { x: 0, y: 0, width: 1280, height: Math.ceil(mapCard.y + mapCard.height + 16) };
    await page.screenshot({ path: outputPath, fullPage: true, clip });
    process.stderr.write(`report of ${from} (${html.length} bytes of HTML) -> ${outputPath}\n`);
  } finally {
    await session.close();
    rmSync(workDirectory, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
