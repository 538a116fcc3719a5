// Stand-ins for every command with a side effect that a bench machine's boot script runs (package managers, curl,
// npm, the clouds' CLIs, shutdown and poweroff): each records its call; aws and curl move files between the script's
// folder and a local folder standing in for the cloud's storage, and hand out a fixed token for the metadata servers.
import { chmod, mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const STAND_IN_COMMANDS = ["aws", "curl", "shutdown", "poweroff", "reboot", "apt-get", "dnf", "yum", "npm", "gcloud", "az", "gsutil", "sudo", "systemctl", "dpkg", "nvidia-smi"];
export const TEST_TOKEN = "test-token";

const script = String.raw`#!/usr/bin/env node
const fs = require("node:fs");
const path = require("node:path");
const name = path.basename(process.argv[1]);
const args = process.argv.slice(2);
const folder = process.env.WATTPLAN_TEST_STAND_INS;
const cloud = path.join(folder, "cloud");
fs.appendFileSync(path.join(folder, "calls.jsonl"), JSON.stringify({ name, args }) + "\n");
const copy = (from, to) => { fs.mkdirSync(path.dirname(to), { recursive: true }); fs.copyFileSync(from, to); };
const fail = (text, code) => { process.stderr.write(text + "\n"); process.exit(code); };

if (name === "aws") {
  const rest = args.filter((arg, index) => !arg.startsWith("--") && !(args[index - 1] === "--region"));
  if (rest[0] !== "s3" || rest[1] !== "cp") fail("aws stand-in: unexpected " + args.join(" "), 1);
  const local = (place) => place.startsWith("s3://") ? path.join(cloud, place.slice(5)) : place;
  const [from, to] = [local(rest[2]), local(rest[3])];
  if (!fs.existsSync(from)) fail("fatal error: An error occurred (404) when calling the HeadObject operation: Key not found", 1);
  copy(from, to);
  process.exit(0);
}

if (name === "curl") {
  let output, data, method = "GET";
  const headers = [];
  const urls = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === "-o") output = args[++index];
    else if (arg === "-H") headers.push(args[++index]);
    else if (arg === "-X") method = args[++index];
    else if (arg === "--data-binary") data = args[++index].replace(/^@/, "");
    else if (!arg.startsWith("-")) urls.push(arg);
  }
  const url = new URL(urls[0]);
  if (url.hostname === "metadata.google.internal" || url.hostname === "169.254.169.254") {
    process.stdout.write(JSON.stringify({ access_token: "${TEST_TOKEN}", expires_in: 3599, token_type: "Bearer" }));
    process.exit(0);
  }
  if (!headers.includes("Authorization: Bearer ${TEST_TOKEN}")) fail("curl: (22) The requested URL returned error: 401", 22);
  let place;
  if (url.hostname === "storage.googleapis.com") {
    const upload = url.pathname.match(/^\/upload\/storage\/v1\/b\/([^/]+)\/o$/);
    const download = url.pathname.match(/^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/);
    if (upload) place = path.join(cloud, upload[1], url.searchParams.get("name"));
    else if (download && url.searchParams.get("alt") === "media") place = path.join(cloud, download[1], decodeURIComponent(download[2]));
  } else if (url.hostname.endsWith(".blob.core.windows.net")) {
    if (!headers.some((header) => header.startsWith("x-ms-version: "))) fail("curl: (22) The requested URL returned error: 400", 22);
    place = path.join(cloud, url.hostname.split(".")[0], decodeURIComponent(url.pathname));
  }
  if (!place) fail("curl stand-in: no network here (" + url.href + ")", 6);
  if (data !== undefined) { copy(data, place); process.exit(0); }
  if (!fs.existsSync(place)) fail("curl: (22) The requested URL returned error: 404", 22);
  if (output) copy(place, output); else process.stdout.write(fs.readFileSync(place));
  process.exit(0);
}
process.exit(0);
`;

/** Writes the stand-ins into `<folder>/bin` (one script, linked under every name) and returns that folder. */
export async function writeStandIns(folder: string): Promise<string> {
  const bin = join(folder, "bin");
  await mkdir(join(folder, "cloud"), { recursive: true });
  await mkdir(bin, { recursive: true });
  const path = join(folder, "stand-in.cjs");
  await writeFile(path, script);
  await chmod(path, 0o755);
  for (const command of STAND_IN_COMMANDS) await symlink(path, join(bin, command));
  return bin;
}
