import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { historyRecordSchema } from "../../src/domain/history.ts";
import { planSchema } from "../../src/domain/plan.ts";
import { gitCommitOf } from "../../src/history/git-commit.ts";
import { readHistory } from "../../src/history/read-history.ts";
import { recordFileName, recordFromPlan } from "../../src/history/record-from-plan.ts";
import { writeRecord } from "../../src/history/write-record.ts";
import { recordAt } from "../targets/records.ts";

const fixturePlan = planSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "plan.example.json"), "utf8")));
const scratch = mkdtempSync(join(tmpdir(), "wattplan-history-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let folders = 0;
function freshFolder(): string {
  folders += 1;
  return join(scratch, `history-${folders}`);
}

describe("a plan's record", () => {
  it("keeps the chosen deployment, the figures, their methods, the data versions and the targets", () => {
    const plan = { ...fixturePlan, spec: { ...fixturePlan.spec, targets: [{ metric: "monthlyCostUsd" as const, atMost: 900 }] } };
    const record = recordFromPlan(plan, { gitCommit: "0123456789abcdef0123456789abcdef01234567", dateSource: "clock" });
    expect(historyRecordSchema.parse(record)).toEqual(record);
    expect(record).toMatchObject({
      planId: plan.id,
      createdAt: "2026-11-28T18:00:00.000Z",
      specName: "image-classifier",
      chosen: { key: plan.chosen.key, instanceType: plan.chosen.instanceType, precision: plan.chosen.precision },
      metrics: {
        sciGCo2ePerInference: plan.chosen.sciGCo2ePerInference,
        operationalGCo2ePerInference: plan.chosen.gCo2ePerInference,
        embodiedGCo2ePerInference: plan.chosen.embodiedGCo2ePerInference,
        pue: plan.chosen.pue,
        flopsPerInference: plan.chosen.flopsPerInference,
        gridIntensityGCo2ePerKwh: plan.chosen.gridIntensityGCo2ePerKwh,
        monthlyCostUsd: plan.chosen.monthlyCostUsd,
        monthlyKgCo2e: plan.chosen.monthlyKgCo2e,
      },
      methods: { sciGCo2ePerInference: plan.chosen.estimate.method },
      catalog: { version: plan.catalog.version },
      intensity: { basis: plan.intensity.basis, source: plan.intensity.source, zone: plan.chosen.gridIntensity.zone },
      targets: [{ metric: "monthlyCostUsd", atMost: 900 }],
    });
  });

  it("is named by its creation time and plan id, in an order that sorts by time", () => {
    expect(recordFileName({ createdAt: "2025-03-01T09:30:00.000Z", planId: "551ea965e808ac0ffee" })).toBe("2025-03-01T09-30-00.000Z-551ea965e808.json");
  });

  it("is written once: the same record again leaves the file as it was", async () => {
    const directory = freshFolder();
    const record = recordAt({ createdAt: "2025-01-01", value: 1 });
    const first = await writeRecord(directory, record);
    expect(first.written).toBe(true);
    const text = readFileSync(first.path, "utf8");
    const again = await writeRecord(directory, { ...record, gitCommit: null });
    expect(again).toEqual({ path: first.path, written: false });
    expect(readFileSync(first.path, "utf8")).toBe(text);
    expect(readdirSync(directory)).toEqual([recordFileName(record)]);
  });

  it("loses no record when many writers record at once", async () => {
    const directory = freshFolder();
    const records = Array.from({ length: 24 }, (_, index) => recordAt({ createdAt: `2025-01-01T00:00:00.${String(index).padStart(3, "0")}Z`, value: index }));
    const results = await Promise.all(records.map((record) => writeRecord(directory, record)));
    expect(results.every((result) => result.written)).toBe(true);
    const history = await readHistory(directory);
    expect(history.warnings).toEqual([]);
    expect(history.records.map((record) => record.planId)).toEqual(records.map((record) => record.planId));
    // Nothing but the records: no temporary file left behind.
    expect(readdirSync(directory).filter((name) => !name.endsWith(".json"))).toEqual([]);
  });

  it("records no commit outside a git repository", async () => {
    expect(await gitCommitOf(scratch)).toBeNull();
  });
});

describe("reading a history folder", () => {
  it("skips a corrupt record, an older-schema one, a newer-schema one and a foreign JSON file, naming each, and keeps the rest", async () => {
    const directory = freshFolder();
    const good = recordAt({ createdAt: "2025-02-01", value: 2 });
    await writeRecord(directory, good);
    const older = { ...recordAt({ createdAt: "2025-01-01", value: 1 }), schemaVersion: 0 };
    const newer = { ...recordAt({ createdAt: "2025-03-01", value: 3 }), schemaVersion: 2 };
    const files: Record<string, string> = {
      "2025-01-01T00-00-00.000Z-older.json": JSON.stringify(older),
      "2025-03-01T00-00-00.000Z-newer.json": JSON.stringify(newer),
      "2025-04-01T00-00-00.000Z-corrupt.json": JSON.stringify(good).slice(0, 200),
      "2025-05-01T00-00-00.000Z-missing-field.json": JSON.stringify({ ...good, metrics: { ...good.metrics, monthlyCostUsd: "cheap" } }),
      "package.json": JSON.stringify({ name: "not-a-record" }),
      "README.md": "# not a record\n",
      ".2025-06-01T00-00-00.000Z-x.json.1a2b3c.tmp": "{",
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
    const history = await readHistory(directory);
    expect(history.records.map((record) => record.planId)).toEqual([good.planId]);
    expect(history.warnings).toEqual([
      `skipped ${join(directory, "2025-01-01T00-00-00.000Z-older.json")}: written in an older record format (schemaVersion 0; this wattplan reads 1)`,
      `skipped ${join(directory, "2025-03-01T00-00-00.000Z-newer.json")}: written in a newer record format (schemaVersion 2; this wattplan reads 1)`,
      `skipped ${join(directory, "2025-04-01T00-00-00.000Z-corrupt.json")}: not valid JSON (a corrupt or truncated record)`,
      `skipped ${join(directory, "2025-05-01T00-00-00.000Z-missing-field.json")}: metrics.monthlyCostUsd: Invalid input: expected number, received string`,
      `skipped ${join(directory, "package.json")}: not a wattplan history record (kind is not "wattplan.history-record")`,
    ]);
    // Skipped files stay exactly as they were.
    for (const [name, text] of Object.entries(files)) expect(readFileSync(join(directory, name), "utf8")).toBe(text);
  });

  it("says where to record when the folder is missing, and that a file is not a folder", async () => {
    await expect(readHistory(join(scratch, "nowhere"))).rejects.toThrow(`no history at ${join(scratch, "nowhere")}`);
    const file = join(scratch, "a-file");
    writeFileSync(file, "");
    await expect(readHistory(file)).rejects.toThrow(`${file} is a file, not a history folder`);
  });
});
