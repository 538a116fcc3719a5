// Where `bench --on` keeps its Pulumi state and the passphrase that encrypts it.
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareFleetState } from "../../src/bench-fleet/state.ts";
import { wattplanHome } from "../../src/wattplan-home.ts";

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "wattplan-home-"));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe("prepareFleetState", () => {
  it("keeps a local backend and a passphrase (readable by the user only) under the wattplan folder, and reuses them", async () => {
    const first = await prepareFleetState({ home });
    expect(fileURLToPath(first.backendUrl)).toBe(join(home, "bench-fleet", "state"));
    expect((await stat(fileURLToPath(first.backendUrl))).isDirectory()).toBe(true);
    // The folders it makes (the state holds the stacks' encrypted secrets) are the user's only, whatever the umask.
    for (const folder of [join(home, "bench-fleet"), join(home, "bench-fleet", "state")]) expect((await stat(folder)).mode & 0o777, folder).toBe(0o700);
    const passphraseFile = join(home, "bench-fleet", "passphrase");
    expect((await stat(passphraseFile)).mode & 0o777).toBe(0o600);
    expect(first.passphrase).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await readFile(passphraseFile, "utf8")).trim()).toBe(first.passphrase);
    expect(first.workRoot).toBe(join(home, "bench-fleet", "workspaces"));
    const again = await prepareFleetState({ home });
    expect(again.passphrase).toBe(first.passphrase);
  });

  it("takes the user's backend, and refuses what is not a backend URL in one line", async () => {
    expect((await prepareFleetState({ home, backendUrl: "s3://my-state-bucket" })).backendUrl).toBe("s3://my-state-bucket");
    await expect(prepareFleetState({ home, backendUrl: "my-state-bucket" })).rejects.toMatchObject({ code: "INVALID_INPUT", message: "'my-state-bucket' is not a Pulumi state backend URL", detail: { option: "backend" } });
  });

  it("lives in $WATTPLAN_HOME when set, else in ~/.wattplan", () => {
    expect(wattplanHome({ WATTPLAN_HOME: "/somewhere" })).toBe("/somewhere");
    expect(wattplanHome({})).toMatch(/\.wattplan$/);
  });
});
