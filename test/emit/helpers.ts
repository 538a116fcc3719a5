import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Plan } from "../../src/domain/plan.ts";
import { writeFileAtomic } from "../../src/io/atomic-write.ts";

export const FIXTURE_PLAN_PATH = new URL("../fixtures/plan.example.json", import.meta.url).pathname;

export async function fixturePlan(): Promise<Plan> {
  return JSON.parse(await readFile(FIXTURE_PLAN_PATH, "utf8")) as Plan;
}

export async function temporaryDirectory(): Promise<{ path: string; cleanUp: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), "wattplan-emit-"));
  return { path, cleanUp: () => rm(path, { recursive: true, force: true }) };
}

export async function writePlan(directory: string, plan: unknown, name = "plan.json"): Promise<string> {
  const path = join(directory, name);
  await writeFileAtomic(path, JSON.stringify(plan));
  return path;
}
