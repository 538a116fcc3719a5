// A stand-in for the Pulumi CLI, written into a temporary folder by the automation tests: it records each call (argv,
// working folder, the Pulumi variables of its environment) and answers as the CLI would for a local backend, without
// running any program or touching a cloud.
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

const script = String.raw`#!/usr/bin/env node
const fs = require("node:fs");
const path = require("node:path");
const args = process.argv.slice(2);
const folder = process.env.WATTPLAN_TEST_PULUMI_FOLDER;
const statePath = path.join(folder, "stacks.json");
const stacks = fs.existsSync(statePath) ? JSON.parse(fs.readFileSync(statePath, "utf8")) : {};
const save = () => fs.writeFileSync(statePath, JSON.stringify(stacks));
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith("PULUMI_")));
fs.appendFileSync(path.join(folder, "calls.jsonl"), JSON.stringify({ args, cwd: process.cwd(), env }) + "\n");
const stackArg = () => { const i = args.indexOf("--stack"); return i >= 0 ? args[i + 1] : undefined; };
const fail = (text) => { process.stderr.write(text + "\n"); process.exit(255); };
const [first, second] = args;
if (first === "version") { process.stdout.write("v3.248.0\n"); process.exit(0); }
if (first === "stack" && second === "select") { if (!stacks[stackArg()]) fail("error: no stack named '" + stackArg() + "' found"); process.exit(0); }
if (first === "stack" && second === "init") { stacks[args[2]] = { outputs: {} }; save(); process.exit(0); }
if (first === "up") {
  if (!args.some((arg) => arg.startsWith("--client=127.0.0.1:"))) fail("error: an inline program needs --client");
  const failure = process.env.WATTPLAN_TEST_PULUMI_UP_FAILS;
  if (failure) fail("Updating (" + stackArg() + "):\n  aws:ec2:Instance wb-1-machine creating (0s) error: " + failure + "\n  pulumi:pulumi:Stack wattplan-bench-x **failed** 1 error\nDiagnostics:\n  aws:ec2:Instance (wb-1-machine):\n    error: " + failure + "\n  pulumi:pulumi:Stack (wattplan-bench-x):\n    error: update failed");
  stacks[stackArg()].outputs = JSON.parse(process.env.WATTPLAN_TEST_PULUMI_OUTPUTS || "{}"); save(); process.exit(0);
}
if (first === "stack" && second === "output") { process.stdout.write(JSON.stringify(stacks[stackArg()].outputs)); process.exit(0); }
if (first === "stack" && second === "history") { process.stdout.write("[]"); process.exit(0); }
if (first === "destroy") { process.exit(0); }
if (first === "stack" && second === "rm") { delete stacks[args[args.indexOf("--yes") + 1]]; save(); process.exit(0); }
if (first === "stack" && second === "ls") { process.stdout.write(JSON.stringify(Object.keys(stacks).map((name) => ({ name, current: false })))); process.exit(0); }
fail("error: the stand-in does not know: pulumi " + args.join(" "));
`;

/** Writes `<folder>/bin/pulumi` and returns its folder (to put on PATH). */
export async function writePulumiStandIn(folder: string): Promise<string> {
  const bin = join(folder, "bin");
  await mkdir(bin, { recursive: true });
  await writeFile(join(bin, "pulumi"), script);
  await chmod(join(bin, "pulumi"), 0o755);
  return bin;
}
