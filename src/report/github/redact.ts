/** Removes the token (and anything shaped like a GitHub token) from text that may reach a terminal or a log. */
export function redactToken(text: string, token: string | undefined): string {
  let redacted = token && token.length >= 4 ? text.split(token).join("***") : text;
  redacted = redacted.replace(/\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g, "***");
  return redacted;
}
