/** Levenshtein distance, case-insensitive: how many single-character edits turn one name into the other. */
export function editDistance(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= right.length; column += 1) {
      const substitution = previous[column - 1] + (left[row - 1] === right[column - 1] ? 0 : 1);
      current[column] = Math.min(previous[column] + 1, current[column - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[right.length];
}

/**
 * The closest known names to an unknown one, for "did you mean ...?" hints: within a third of its length in
 * edits (at least 2), or a prefix either way; nearest first, ties in alphabetical order, at most `limit`.
 */
export function suggestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const maximumDistance = Math.max(2, Math.floor(name.length / 3));
  const scored: { candidate: string; distance: number }[] = [];
  const lowered = name.toLowerCase();
  for (const candidate of new Set(candidates)) {
    const loweredCandidate = candidate.toLowerCase();
    // A truncated or over-long name ("g5", "europe-north1-a") is still a good hint for the name it starts.
    const isPrefix = loweredCandidate.startsWith(lowered) || lowered.startsWith(loweredCandidate);
    const distance = isPrefix ? Math.min(editDistance(name, candidate), maximumDistance) : editDistance(name, candidate);
    if (distance <= maximumDistance) scored.push({ candidate, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0));
  return scored.slice(0, limit).map((entry) => entry.candidate);
}
