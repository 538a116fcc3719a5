// The CLI's start (src/cli/bundle.ts): the bundle runs with its code cache only when the cache was made from these
// exact bytes by this Node.js; any other cache is ignored or refused, and the bundle still runs.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { codeCachePathOf, commandOf, loadBundle, saveUserCodeCache, userCodeCachePath, writeCodeCache } from "../../src/cli/bundle.ts";
import { assertBuilt, repositoryRoot } from "../compiled.ts";

const folder = mkdtempSync(join(tmpdir(), "wattplan-bundle-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A stand-in bundle: CommonJS exporting what src/cli/main.ts exports, answering `code`. */
function writeBundle(name: string, code: number): string {
  const path = join(folder, name);
  writeFileSync(path, `exports.main = async () => {};\nexports.runCli = async () => ${code};\n`);
  return path;
}

const quiet = { write: () => true };
const context = { stdout: quiet, stderr: quiet, env: {} };

describe("the CLI bundle's code cache", () => {
  it("is made after a run and used by the next start of the same bytes", async () => {
    const bundle = writeBundle("used.cjs", 7);
    const first = loadBundle(bundle);
    expect(first.codeCache).toBe("absent");
    expect(await first.cli.runCli([], context)).toBe(7);
    writeCodeCache(first, codeCachePathOf(bundle));
    const second = loadBundle(bundle);
    expect(second.codeCache).toBe("used");
    expect(await second.cli.runCli([], context)).toBe(7);
  });

  it("is ignored once the bundle changes, even to bytes of the same length (V8 checks only the length)", async () => {
    const bundle = writeBundle("edited.cjs", 7);
    writeCodeCache(loadBundle(bundle), codeCachePathOf(bundle));
    writeBundle("edited.cjs", 8);
    const edited = loadBundle(bundle);
    expect(edited.codeCache).toBe("stale");
    expect(await edited.cli.runCli([], context)).toBe(8);
  });

  it("is ignored when another Node.js made it", async () => {
    const bundle = writeBundle("other-node.cjs", 7);
    const cachePath = codeCachePathOf(bundle);
    writeCodeCache(loadBundle(bundle), cachePath);
    writeFileSync(cachePath, readFileSync(cachePath, "latin1").replace(`node-${process.version}`, "node-v0.0.0"), "latin1");
    expect(loadBundle(bundle).codeCache).toBe("stale");
  });

  it("is not given to V8 when its data is damaged, which V8 itself may not notice (and crash on)", async () => {
    const bundle = writeBundle("damaged.cjs", 7);
    const cachePath = codeCachePathOf(bundle);
    writeCodeCache(loadBundle(bundle), cachePath);
    const file = readFileSync(cachePath);
    file[file.length - 3] ^= 0xff;
    writeFileSync(cachePath, file);
    const damaged = loadBundle(bundle);
    expect(damaged.codeCache).toBe("damaged");
    expect(await damaged.cli.runCli([], context)).toBe(7);
  });

  it("is used by the built CLI under plain node (the build made it from a run of the CLI)", () => {
    assertBuilt();
    const script = 'import { loadBundle, useCliV8Flags } from "./dist/cli/bundle.js"; useCliV8Flags(); process.stdout.write(loadBundle().codeCache);';
    const use = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repositoryRoot, encoding: "utf8" });
    expect(use, "the code cache was made by another Node.js or for other bytes: run npm run build").toBe("used");
  });
});

describe("the user's own code cache (a package built on another Node.js)", () => {
  const firstLine = (path: string) => readFileSync(path, "latin1").split("\n")[0];

  it("is saved after a run that had no cache, used by the next start, and extended once per new command", async () => {
    const bundle = writeBundle("user.cjs", 0);
    const userCache = userCodeCachePath({ WATTPLAN_HOME: join(folder, "home") });
    const caches = [userCache, codeCachePathOf(bundle)];
    const first = loadBundle(bundle, caches);
    expect(first.codeCache).toBe("absent");
    await first.cli.main([]);
    saveUserCodeCache(first, userCache, "plan");
    expect(firstLine(userCache)).toMatch(/ after plan$/);

    const second = loadBundle(bundle, caches);
    expect([second.codeCache, second.cachePath, second.cachedAfter]).toEqual(["used", userCache, ["plan"]]);
    const bytes = readFileSync(userCache);
    saveUserCodeCache(second, userCache, "plan");
    expect(readFileSync(userCache).equals(bytes), "a command the cache has seen does not write it again").toBe(true);
    saveUserCodeCache(second, userCache, "report");
    expect(firstLine(userCache)).toMatch(/ after plan,report$/);
    expect(loadBundle(bundle, caches).cachedAfter).toEqual(["plan", "report"]);
  });

  it("is not written where the build's cache served, and one left from another version is removed", () => {
    const bundle = writeBundle("shipped.cjs", 0);
    writeCodeCache(loadBundle(bundle), codeCachePathOf(bundle));
    const home = join(folder, "home-shipped");
    const userCache = userCodeCachePath({ WATTPLAN_HOME: home });
    const loaded = loadBundle(bundle, [userCache, codeCachePathOf(bundle)]);
    expect([loaded.codeCache, loaded.cachePath]).toEqual(["used", codeCachePathOf(bundle)]);
    saveUserCodeCache(loaded, userCache, "plan");
    expect(existsSync(home)).toBe(false);

    const older = writeBundle("older.cjs", 1);
    saveUserCodeCache(loadBundle(older, userCache), userCache, "plan");
    expect(existsSync(userCache)).toBe(true);
    saveUserCodeCache(loadBundle(bundle, [userCache, codeCachePathOf(bundle)]), userCache, "plan");
    expect(existsSync(userCache), "the other bundle's cache is gone").toBe(false);
  });

  it("is saved where V8 refused the build's cache (Node.js run with flags the build did not use) and then read first", () => {
    const bundle = writeBundle("flags.cjs", 0);
    writeCodeCache(loadBundle(bundle), codeCachePathOf(bundle));
    const userCache = userCodeCachePath({ WATTPLAN_HOME: join(folder, "home-flags") });
    const refused = { ...loadBundle(bundle, [userCache, codeCachePathOf(bundle)]), codeCache: "rejected" as const };
    saveUserCodeCache(refused, userCache, "plan");
    expect(loadBundle(bundle, [userCache, codeCachePathOf(bundle)])).toMatchObject({ codeCache: "used", cachePath: userCache, cachedAfter: ["plan"] });
  });

  it("is taken as absent where it cannot be read, and its saving then fails without a word", async () => {
    const bundle = writeBundle("unreadable.cjs", 5);
    const home = join(folder, "home-unreadable");
    const userCache = userCodeCachePath({ WATTPLAN_HOME: home });
    mkdirSync(userCache, { recursive: true });
    const loaded = loadBundle(bundle, [userCache, codeCachePathOf(bundle)]);
    expect(loaded.codeCache).toBe("absent");
    expect(await loaded.cli.runCli([], context)).toBe(5);
    expect(() => saveUserCodeCache(loaded, userCache, "plan")).not.toThrow();
    expect(readdirSync(home)).toEqual(["cli.v8cache"]);
  });

  it("is replaced when another Node.js made it, and skipped without a word where its folder cannot be made", () => {
    const bundle = writeBundle("replaced.cjs", 0);
    const userCache = userCodeCachePath({ WATTPLAN_HOME: join(folder, "home-other-node") });
    saveUserCodeCache(loadBundle(bundle, userCache), userCache, "plan");
    writeFileSync(userCache, readFileSync(userCache, "latin1").replace(`node-${process.version}`, "node-v0.0.0"), "latin1");
    const stale = loadBundle(bundle, userCache);
    expect(stale.codeCache).toBe("stale");
    saveUserCodeCache(stale, userCache, "estimate");
    expect(loadBundle(bundle, userCache)).toMatchObject({ codeCache: "used", cachedAfter: ["estimate"] });

    const unreachable = userCodeCachePath({ WATTPLAN_HOME: join(folder, "missing-parent", "home") });
    expect(() => saveUserCodeCache(loadBundle(bundle, unreachable), unreachable, "plan")).not.toThrow();
    expect(existsSync(join(folder, "missing-parent"))).toBe(false);
  });

  it("names a run by its command, every option-only run alike", () => {
    expect(commandOf(["plan", "examples/spec.yaml", "--json"])).toBe("plan");
    expect(commandOf(["--json", "catalog", "instances"])).toBe("catalog");
    expect([commandOf(["--help"]), commandOf([])]).toEqual(["(options)", "(options)"]);
    expect(commandOf(["pl an,x"])).toBe("(other)");
  });
});
