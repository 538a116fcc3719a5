/** Shortens text to at most `mostCharacters`, ending in "…" where it cut, so one runaway string cannot swamp a table or a comment. */
export function clip(text: string, mostCharacters: number): string {
  return text.length <= mostCharacters ? text : `${text.slice(0, mostCharacters - 1)}…`;
}
