// Engine event logs are one JSON object per line (`--event-log`), or concatenated pretty-printed objects: both
// are a sequence of top-level JSON values. This splits them without a streaming parser.

/** The top-level JSON texts in `text`, in order; throws with the offset where a value is cut off. */
export function splitJsonValues(text: string): string[] {
  const values: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (escaped) escaped = false;
      else if (character === "\\") escaped = true;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') {
      inString = true;
    } else if (character === "{" || character === "[") {
      if (depth === 0) start = index;
      depth += 1;
    } else if (character === "}" || character === "]") {
      depth -= 1;
      if (depth < 0) throw new Error(`unexpected '${character}' at character ${index}`);
      if (depth === 0) values.push(text.slice(start, index + 1));
    } else if (depth === 0 && !/\s/.test(character)) {
      throw new Error(`unexpected '${character}' between values at character ${index}`);
    }
  }
  if (depth !== 0 || inString) throw new Error(`the last value is cut off (it starts at character ${start})`);
  return values;
}
