// `wattplan plan --record [DIR]`: the plan's record, with the commit of the repository holding the spec, kept in DIR.
import { dirname, resolve } from "node:path";
import type { Plan } from "../domain/plan.ts";
import { gitCommitOf } from "./git-commit.ts";
import { recordFromPlan, type RecordContext } from "./record-from-plan.ts";
import { writeRecord, type WrittenRecord } from "./write-record.ts";

export async function recordPlan(plan: Plan, specPath: string, directory: string, dateSource: RecordContext["dateSource"]): Promise<WrittenRecord> {
  const gitCommit = await gitCommitOf(dirname(resolve(specPath)));
  return writeRecord(directory, recordFromPlan(plan, { gitCommit, dateSource }));
}
