// `wattplan comment github --repo OWNER/NAME --pr N --report FILE`: create or update the pull request's wattplan
// comment. The token comes only from GITHUB_TOKEN, never from a flag (flags end up in shell history and logs).
import { Command, InvalidArgumentError } from "commander";
import { readUserText } from "../../io/read-file.ts";
import { addOutputOptions, commandOutput, type CliContext, type OutputOptions } from "../output.ts";

interface CommentGitHubOptions extends OutputOptions {
  repo: string;
  pr: number;
  report: string;
  timeout: number;
}

export function registerCommentCommand(program: Command, context: CliContext): void {
  const output = commandOutput(context);
  const comment = program.command("comment").description("post a rendered report where reviewers see it");
  addOutputOptions(
    comment
      .command("github")
      .description("create or update the wattplan comment on a GitHub pull request (token from GITHUB_TOKEN, API from GITHUB_API_URL)")
      .requiredOption("--repo <owner/name>", "the repository, e.g. acme/inference")
      .requiredOption("--pr <number>", "the pull request number", parsePositiveInteger)
      .requiredOption("--report <file>", "the Markdown from `wattplan report --format md`")
      .option("--timeout <seconds>", "give up on a GitHub request after this many seconds", parsePositiveInteger, 30),
  ).action(async (options: CommentGitHubOptions) => {
    // A comment holds at most 65,536 characters: a report of megabytes is the wrong file.
    const body = await readUserText(options.report, "report", 1024 * 1024);
    const { postReportComment } = await import("../../report/github/index.ts");
    // The token never reaches the terminal: every line the CLI prints masks it (see ../output.ts).
    const result = await postReportComment({
      repo: options.repo,
      pullRequest: options.pr,
      body,
      token: context.env.GITHUB_TOKEN,
      apiBaseUrl: context.env.GITHUB_API_URL,
      timeoutMs: options.timeout * 1000,
    });
    const comment = `comment ${result.commentId} on ${options.repo}#${options.pr}`;
    const link = result.url ? `: ${result.url}` : "";
    if (!options.json) output.print(result.action === "unchanged" ? `${comment} already holds this report, nothing sent${link}` : `${result.action} ${comment}${link}`);
    await output.machine(options, result);
  });
}

function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number <= 0) throw new InvalidArgumentError("expected a positive whole number");
  return number;
}
