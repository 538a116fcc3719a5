// A pull request held in memory behind the PullRequestPlatform interface: the find-or-update logic's tests run
// against it without HTTP, and it records every call so a test can say what was (not) sent.
import type { PullRequestComment, PullRequestPlatform } from "../../../src/report/pull-request/platform.ts";

export interface InMemoryPullRequest extends PullRequestPlatform {
  comments: PullRequestComment[];
  /** "list page N", "create", "update ID", "who am I", in order. */
  calls: string[];
}

export function inMemoryPullRequest(options: { ownUserId: string; pageSize?: number; mostBodyCharacters?: number }): InMemoryPullRequest {
  const pageSize = options.pageSize ?? 3;
  const comments: PullRequestComment[] = [];
  const calls: string[] = [];
  let nextId = 100;
  return {
    name: "the platform",
    mostBodyCharacters: options.mostBodyCharacters ?? 65_536,
    comments,
    calls,
    async *listComments() {
      for (let start = 0; start < comments.length; start += pageSize) {
        calls.push(`list page ${start / pageSize + 1}`);
        yield comments.slice(start, start + pageSize).map((comment) => ({ ...comment }));
      }
    },
    async createComment(body) {
      calls.push("create");
      const comment = { id: nextId++, body, authorId: options.ownUserId, url: `memory://comment/${nextId - 1}` };
      comments.push(comment);
      return { ...comment };
    },
    async updateComment(comment, body) {
      calls.push(`update ${comment.id}`);
      const stored = comments.find((candidate) => candidate.id === comment.id);
      if (!stored) throw new Error(`no comment ${comment.id}`);
      stored.body = body;
      return { ...stored };
    },
    async currentUserId() {
      calls.push("who am I");
      return options.ownUserId;
    },
  };
}
