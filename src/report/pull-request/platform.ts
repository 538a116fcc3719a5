// What the report-comment logic needs from a code-review platform. GitHub is the one implementation today; GitLab
// merge-request notes and Azure DevOps pull-request threads offer the same operations, so their clients can follow
// without touching the find-or-update logic (infracost's comment handler is split the same way).

/** One comment on a pull (merge) request, as the platform reports it. */
export interface PullRequestComment {
  /** The platform's comment id (a client that needs more, such as a thread id, extends this type). */
  id: number;
  body: string;
  /** The author's platform user id, in the form `currentUserId` returns; null where the platform does not say. */
  authorId: string | null;
  /** Where a reader sees the comment, when the platform says. */
  url: string | null;
}

export interface PullRequestPlatform<Comment extends PullRequestComment = PullRequestComment> {
  /** The platform's name as messages show it: "GitHub". */
  readonly name: string;
  /** The longest comment body the platform accepts, in characters. */
  readonly mostBodyCharacters: number;
  /** The pull request's comments, oldest first, a page at a time, so a search can stop at the page it needs. */
  listComments(): AsyncIterable<Comment[]>;
  createComment(body: string): Promise<Comment>;
  updateComment(comment: Comment, body: string): Promise<Comment>;
  /** The user id the token acts as: a comment is ours when its `authorId` equals it. */
  currentUserId(): Promise<string>;
}
