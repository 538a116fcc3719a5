/** Up to `limit` known names closest to `name` (edit distance), for "did you mean ...?" hints. */
export function closeMatches(name: string, known: Iterable<string>, limit = 3): string[] {
  const target = name.toLowerCase();
  const threshold = Math.max(2, Math.floor(target.length / 3));
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of new Set(known)) {
    const lowered = candidate.toLowerCase();
    const distance = lowered.startsWith(target) || target.startsWith(lowered) ? Math.min(editDistance(target, lowered), threshold) : editDistance(target, lowered);
    if (distance <= threshold) scored.push({ candidate, distance });
  }
  scored.sort((first, second) => first.distance - second.distance || first.candidate.localeCompare(second.candidate));
  return scored.slice(0, limit).map((entry) => entry.candidate);
}

function editDistance(first: string, second: string): number {
  let previous = Array.from({ length: second.length + 1 }, (_, index) => index);
  for (let row = 1; row <= first.length; row++) {
    const current = [row];
    for (let column = 1; column <= second.length; column++) {
      const substitution = previous[column - 1] + (first[row - 1] === second[column - 1] ? 0 : 1);
      current.push(Math.min(previous[column] + 1, current[column - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[second.length];
}
