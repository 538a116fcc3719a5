/** The rel="next" URL of an RFC 8288 Link header (how the GitHub REST API pages lists), or null on the last page. */
export function nextPageUrl(linkHeader: string | null): string | null {
  if (!linkHeader) return null;
  for (const link of linkHeader.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(link);
    if (!match) continue;
    const relations = match[2]
      .split(";")
      .map((parameter) => /^\s*rel\s*=\s*"?([^"]*)"?\s*$/i.exec(parameter)?.[1])
      .filter((value): value is string => value !== undefined)
      .flatMap((value) => value.trim().toLowerCase().split(/\s+/));
    if (relations.includes("next")) return match[1];
  }
  return null;
}
