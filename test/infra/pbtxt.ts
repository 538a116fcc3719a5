// A small reader for protobuf text format (what Triton's config.pbtxt is), enough to check generated configs:
// fields, nested messages, lists, strings, numbers, enums and # comments. Repeated fields collect into arrays.
export type TextValue = string | number | TextMessage | TextValue[];
export interface TextMessage {
  [field: string]: TextValue;
}

export function parseTextProto(source: string): TextMessage {
  const tokens = tokenize(source);
  let position = 0;
  const peek = () => tokens[position];
  const next = () => {
    const token = tokens[position++];
    if (token === undefined) throw new Error("unexpected end of input");
    return token;
  };
  const expect = (text: string) => {
    const token = next();
    if (token !== text) throw new Error(`expected '${text}', got '${token}'`);
  };

  function parseValue(): TextValue {
    const token = next();
    if (token === "{") return parseMessage("}");
    if (token === "[") {
      const items: TextValue[] = [];
      while (peek() !== "]") {
        items.push(parseValue());
        if (peek() === ",") next();
      }
      expect("]");
      return items;
    }
    if (token.startsWith('"')) return JSON.parse(token) as string;
    if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(token)) return Number(token);
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(token)) return token;
    throw new Error(`unexpected token '${token}'`);
  }

  function parseMessage(end: string | undefined): TextMessage {
    const message: TextMessage = {};
    while (peek() !== end) {
      const field = next();
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) throw new Error(`expected a field name, got '${field}'`);
      if (peek() === ":") next();
      else if (peek() !== "{" && peek() !== "[") throw new Error(`expected ":", "{" or "[" after ${field}`);
      const value = parseValue();
      const existing = message[field];
      message[field] = existing === undefined ? value : Array.isArray(existing) && !Array.isArray(value) ? [...existing, value] : [existing, value];
    }
    if (end !== undefined) expect(end);
    return message;
  }

  const result = parseMessage(undefined);
  return result;
}

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s+|#[^\n]*|("(?:[^"\\]|\\.)*")|([{}[\]:,])|([^\s{}[\]:,"#]+)/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(source)) !== null) {
    const token = match[1] ?? match[2] ?? match[3];
    if (token !== undefined) tokens.push(token);
    if (pattern.lastIndex === source.length) break;
  }
  if (pattern.lastIndex !== source.length && tokens.length > 0 && pattern.lastIndex !== 0) throw new Error(`cannot read past offset ${pattern.lastIndex}`);
  return tokens;
}
