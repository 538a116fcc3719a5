// The commit a plan was made at, so a record can be traced to the change that produced it.
import { execFile } from "node:child_process";

const GIT_TIMEOUT_MS = 5_000;

/**
 * HEAD of the git repository that holds `directory`, or null: not a repository, no commit yet, git not installed
 * or too slow. Run without a shell; a record without a commit is still a record.
 */
export function gitCommitOf(directory: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile("git", ["rev-parse", "--verify", "--quiet", "HEAD"], { cwd: directory, timeout: GIT_TIMEOUT_MS, windowsHide: true }, (error, stdout) => {
      const commit = stdout.trim();
      resolve(!error && /^[0-9a-f]{40,64}$/.test(commit) ? commit : null);
    });
  });
}
