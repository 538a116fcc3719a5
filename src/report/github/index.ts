export { postReportComment, DEFAULT_GITHUB_API_URL, DEFAULT_TIMEOUT_MS, type PostCommentOptions, type PostCommentResult } from "./post-comment.ts";
export { redactToken } from "./redact.ts";
