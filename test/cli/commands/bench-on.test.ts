// `wattplan bench --on` and `--cleanup` as a user meets them, without a cloud: what runs where and what it costs,
// the refusals (one line, exit 1, nothing started), and the cleanup of leftovers through a stand-in Pulumi CLI.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writePulumiStandIn } from "../../infra/bench-fleet/pulumi-stand-in.ts";
import { runCli } from "../run-cli.ts";

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "wattplan-bench-on-"));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

const model = "examples/model.onnx";
const withHome = (extra: Record<string, string | undefined> = {}) => ({ env: { WATTPLAN_HOME: home, ...extra } });

function expectOneLineRefusal(result: { code: number; stdout: string; stderr: string }, message: RegExp, hint: RegExp) {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe("");
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines.at(-2)).toMatch(message);
  expect(lines.at(-1)).toMatch(hint);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe("wattplan bench --on", () => {
  it("prints the machines, their regions and the cost, then refuses without --yes and starts nothing", { timeout: 60_000 }, async () => {
    const result = await runCli(["bench", model, "--on", "aws:c7i.large", "--on", "gcp:g2-standard-4", "--budget-seconds", "60"], withHome());
    expectOneLineRefusal(result, /^wattplan: not starting 2 cloud machines \(expected \$[\d.]+, at most \$[\d.]+\) without a go-ahead$/, /^ {2}hint: check the machines and the cost above, then rerun with --yes to start them$/);
    expect(result.stderr).toMatch(/^Benchmark model\.onnx \(sha256 [0-9a-f]{12}\) on 2 machine\(s\), at most 2 at a time \(run [0-9a-f]{8}\):$/m);
    expect(result.stderr).toMatch(/^aws:c7i\.large +eu-north-1 \(cleanest offering it: \d+ gCO2e\/kWh lifecycle\) +cpu \(x86_64\) +\$0\.\d+ +\d+ min \$[\d.]+ +\d+ min \$[\d.]+$/m);
    expect(result.stderr).toMatch(/^gcp:g2-standard-4 .* cuda \(1× L4\) /m);
    expect(existsSync(join(home, "bench-fleet")), "nothing prepared before the go-ahead").toBe(false);
  });

  it("shows the projection the run will check when given a profile measured elsewhere", { timeout: 60_000 }, async () => {
    const result = await runCli(["bench", model, "--on", "aws:c7i.large", "--profile", "examples/profile.json", "--batch", "1,8"], withHome());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Calibration: measured / projected (× = measured ÷ projected); projected from examples/profile.json");
    expect(result.stderr).toMatch(/^c7i\.large +fp32\/b1\/2t +— \/ [\d.,]+ +— \/ [\d.,]+ +— \/ [\d.]+ +CPU packages \(RAPL\) vs the model's CPU power$/m);
    expect(result.stderr).toMatch(/^c7i\.large +fp32\/b8\/2t /m);
  });

  it("refuses, even with --yes, when the expected cost is above --max-usd", { timeout: 60_000 }, async () => {
    const result = await runCli(["bench", model, "--on", "aws:g6.xlarge", "--yes", "--max-usd", "0.01"], withHome());
    expectOneLineRefusal(result, /^wattplan: the 1 cloud machine is expected to cost \$[\d.]+, more than the \$0\.01 allowed; nothing was started$/, /^ {2}hint: raise --max-usd \(for example --max-usd [\d.]+\), shorten --budget-seconds, or name fewer machines$/);
    expect(existsSync(join(home, "bench-fleet"))).toBe(false);
  });

  it("refuses bad targets and flags that do not go with --on in one line", { timeout: 60_000 }, async () => {
    const typo = await runCli(["bench", model, "--on", "aws:g6.xlarj"], withHome());
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/^wattplan: unknown instance type 'g6\.xlarj'; did you mean g6\.xlarge/m);
    const notPair = await runCli(["bench", model, "--on", "g6.xlarge"], withHome());
    expect(notPair.stderr).toMatch(/^wattplan: target 'g6\.xlarge' is not cloud:type\n {2}hint: name a machine as cloud:type, for example --on aws:c7i\.large/);
    const out = await runCli(["bench", model, "--on", "aws:c7i.large", "--out", "p.json"], withHome());
    expect(out.stderr).toBe("wattplan: --out does not go with --on\n  hint: the machines' profiles are written to --out-dir (default profiles/)\n");
    const neither = await runCli(["bench"], withHome());
    expect(neither.stderr).toBe("wattplan: no model given\n  hint: for example: wattplan bench model.onnx (or wattplan bench --cleanup)\n");
  });

  it("with --yes but no Pulumi CLI: one line before anything is written, packed or started", { timeout: 60_000 }, async () => {
    const outDir = join(home, "no-pulumi-profiles");
    const result = await runCli(["bench", model, "--on", "aws:c7i.large", "--yes", "--out-dir", outDir], withHome({ PATH: dirname(process.execPath) }));
    expectOneLineRefusal(result, /^wattplan: the Pulumi CLI is not installed \(no pulumi on PATH\): benchmarking on cloud machines drives it$/, /^ {2}hint: install it/);
    expect(existsSync(outDir)).toBe(false);
    expect(existsSync(join(home, "bench-fleet"))).toBe(false);
    expect(result.stderr).not.toContain("packing this wattplan");
  });

  it("masks the clouds' credentials in what it prints", { timeout: 60_000 }, async () => {
    const secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
    const privateKey = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";
    const env = { AWS_SECRET_ACCESS_KEY: secret, GOOGLE_CREDENTIALS: JSON.stringify({ type: "service_account", private_key: privateKey }) };
    const result = await runCli(["bench", "--cleanup", "--backend", `sftp://deploy:${secret}@state.example/${encodeURIComponent(privateKey)}`], withHome(env));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^wattplan: 'sftp:\/\/deploy:\[redacted\]@state\.example\/\[redacted\]' is not a Pulumi state backend URL$/m);
    expect(result.stderr).not.toContain(secret);
    expect(existsSync(join(home, "bench-fleet"))).toBe(false);
  });

  it("documents the fleet options in --help", async () => {
    const help = await runCli(["bench", "--help"]);
    expect(help.code).toBe(0);
    for (const flag of ["--on <cloud:type>", "--region <region>", "--max-usd <usd>", "--yes", "--out-dir <dir>", "--parallel <n>", "--profile <file>", "--backend <url>", "--cleanup"]) expect(help.stdout).toContain(flag);
    expect(help.stdout).toMatch(/"cpu", "webgpu", "cuda"/);
  });
});

describe("wattplan bench --cleanup", () => {
  it("says plainly that the Pulumi CLI is needed when it is not installed", { timeout: 60_000 }, async () => {
    const result = await runCli(["bench", "--cleanup"], withHome({ PATH: dirname(process.execPath) }));
    expectOneLineRefusal(result, /^wattplan: the Pulumi CLI is not installed \(no pulumi on PATH\): benchmarking on cloud machines drives it$/, /^ {2}hint: install it \(https:\/\/www\.pulumi\.com\/docs\/install\/\) and try again$/);
  });

  it("destroys every bench stack a killed run left, through the Pulumi CLI, and nothing else", { timeout: 120_000 }, async () => {
    const pulumiFolder = await mkdtemp(join(home, "pulumi-"));
    const bin = await writePulumiStandIn(pulumiFolder);
    await writeFile(join(pulumiFolder, "stacks.json"), JSON.stringify({ "bench-0123abcd-aws-c7i-large": { outputs: {} }, "bench-89abcdef-gcp-g2-standard-4": { outputs: {} }, production: { outputs: {} } }));
    const result = await runCli(["bench", "--cleanup"], withHome({ PATH: `${bin}${delimiter}${process.env.PATH}`, WATTPLAN_TEST_PULUMI_FOLDER: pulumiFolder }));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("destroying bench-0123abcd-aws-c7i-large\ndestroying bench-89abcdef-gcp-g2-standard-4\n");
    expect(result.stdout).toBe("destroyed bench-0123abcd-aws-c7i-large\ndestroyed bench-89abcdef-gcp-g2-standard-4\n");
    expect(Object.keys(JSON.parse(await readFile(join(pulumiFolder, "stacks.json"), "utf8")))).toEqual(["production"]);
    const commands = (await readFile(join(pulumiFolder, "calls.jsonl"), "utf8")).trim().split("\n").map((line) => JSON.parse(line) as { args: string[]; env: Record<string, string> });
    expect(commands.filter((call) => call.args[0] === "destroy").map((call) => call.args[call.args.indexOf("--stack") + 1])).toEqual(["bench-0123abcd-aws-c7i-large", "bench-89abcdef-gcp-g2-standard-4"]);
    // The local backend and the passphrase under the user's wattplan folder.
    expect(commands[1].env.PULUMI_BACKEND_URL).toBe(`file://${join(home, "bench-fleet", "state")}`);
    expect(commands[1].env.PULUMI_CONFIG_PASSPHRASE).toBe((await readFile(join(home, "bench-fleet", "passphrase"), "utf8")).trim());
  });
});
