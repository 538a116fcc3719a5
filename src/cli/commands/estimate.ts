// `wattplan estimate FILE [--base BASE]`: monthly cost and carbon of any Pulumi program, from `pulumi preview --json`,
// `pulumi stack export` or an engine event log; with --base, the change; --fail-on turns it into a check.
import { Command, InvalidArgumentError, Option } from "commander";
import { WattplanError } from "../../errors.ts";
import type { EstimateOptions } from "../../stack-estimate/contract.ts";
import { commandOutput, type CliContext } from "../output.ts";

interface EstimateCommandOptions {
  base?: string;
  utilization: number;
  basis: "lifecycle" | "operational";
  format: "text" | "md" | "html" | "json";
  out?: string;
  json?: boolean;
  failOn?: string;
  regions?: string;
  residency?: "EU";
}

function parseUtilization(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || number > 1) throw new InvalidArgumentError("expected a share of capacity between 0 (exclusive) and 1, e.g. 0.5");
  return number;
}

export function registerEstimateCommand(program: Command, context: CliContext): void {
  const output = commandOutput(context);
  program
    .command("estimate")
    .description("monthly cost, energy and carbon of a Pulumi stack's compute, with a greener alternative per resource; with --base, the change")
    .argument("<file>", "`pulumi preview --json` output, `pulumi stack export` output, or a `--event-log` file")
    .option("--base <file>", "the same document from the base branch: report the change base → file")
    .option("--utilization <share>", "CPU utilisation the estimate assumes, 0–1 (burstable types are capped at their baseline)", parseUtilization, 0.5)
    .addOption(new Option("--basis <basis>", "grid-intensity basis for operational carbon").choices(["lifecycle", "operational"]).default("lifecycle"))
    .addOption(new Option("--format <format>", "text, md (pull request comment), html or json").choices(["text", "md", "html", "json"]).default("text"))
    .option("--out <file>", "write the output to FILE (atomically) instead of stdout")
    .option("--json", "print JSON on stdout (same as --format json)")
    .option("--fail-on <rules>", "exit 1 when a threshold is crossed: carbon:+10%, cost:+100USD (vs --base) or carbon:500kg, cost:2000USD (totals), comma-separated")
    .option("--regions <globs>", "where greener alternatives may go: region globs, comma-separated (e.g. 'eu-*,europe-*')")
    .addOption(new Option("--residency <area>", "keep greener alternatives inside this area").choices(["EU"]))
    .action(async (file: string, options: EstimateCommandOptions) => {
      const { parseFailOn, failOnBreach } = await import("../../stack-estimate/fail-on.ts");
      const rules = options.failOn ? parseFailOn(options.failOn) : [];
      if (rules.some((rule) => rule.increase) && !options.base) throw new WattplanError("INVALID_INPUT", "--fail-on with a + rule limits an increase: give the base branch's document with --base");
      const estimateOptions: EstimateOptions = {
        utilization: options.utilization,
        intensityBasis: options.basis,
        ...(options.regions || options.residency
          ? { regions: { ...(options.regions ? { allow: options.regions.split(",").map((glob) => glob.trim()).filter(Boolean) } : {}), ...(options.residency ? { residency: options.residency } : {}) } }
          : {}),
      };
      const { estimateFiles } = await import("../../load/estimate-files.ts");
      if (estimateOptions.regions?.allow) await checkRegionGlobs(estimateOptions.regions.allow);
      const { head, diff } = await estimateFiles(file, options.base, estimateOptions);
      const format = options.json ? "json" : options.format;
      const text = await render(format, head, diff);
      if (options.out) {
        await output.writeFile(options.out, text);
        output.note(`estimate written to ${options.out}`);
      } else {
        output.write(text);
      }
      const breach = failOnBreach(rules, head, diff);
      if (breach) throw new WattplanError("REFUSED", breach);
    });
}

async function render(format: EstimateCommandOptions["format"], head: import("../../stack-estimate/contract.ts").StackEstimate, diff: import("../../stack-estimate/diff.ts").StackEstimateDiff | undefined): Promise<string> {
  if (format === "json") {
    const data = diff ? { schemaVersion: head.schemaVersion, head, base: diff.base, totals: diff.totals, resources: diff.resources.map(({ base: _base, head: _head, ...change }) => change) } : head;
    return `${JSON.stringify(data, null, 2)}\n`;
  }
  if (format === "md") return (await import("../../report/stack-estimate/markdown.ts")).renderEstimateMarkdown(head, diff);
  if (format === "html") return (await import("../../report/stack-estimate/html.ts")).renderEstimateHtml(head, diff);
  return (await import("../../report/stack-estimate/text.ts")).renderEstimateText(head, diff);
}

/** A glob that matches no region of any cloud is a typo, not "no cleaner region". */
async function checkRegionGlobs(globs: string[]): Promise<void> {
  const [{ loadCatalog }, { globToRegExp }, { suggestNames }] = await Promise.all([import("../../catalog/load.ts"), import("../../plan/region-filter.ts"), import("../../text/suggest-names.ts")]);
  const codes = loadCatalog().regions.map((region) => region.code);
  for (const glob of globs) {
    if (codes.some((code) => globToRegExp(glob).test(code))) continue;
    const suggestions = suggestNames(glob.replace(/\*/g, ""), codes);
    throw new WattplanError("UNKNOWN_NAME", `--regions: '${glob}' matches no region${suggestions.length ? `; did you mean ${suggestions.join(" or ")}?` : ""}`, "list them with: wattplan catalog regions");
  }
}
