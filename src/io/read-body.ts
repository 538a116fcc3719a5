// An HTTP answer's body read with a ceiling: a server that sends 150 MB (or never stops) costs at most `mostBytes`
// of memory, and one that stalls mid-body ends with the request's own timeout. Failures come back as one
// BodyReadError kind, which each client turns into its own message.

export type BodyReadFailure = "too-large" | "timeout" | "broken";

export class BodyReadError extends Error {
  readonly kind: BodyReadFailure;

  constructor(kind: BodyReadFailure, message: string) {
    super(message);
    this.name = "BodyReadError";
    this.kind = kind;
  }
}

export async function readBodyText(response: Response, mostBytes: number): Promise<string> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > mostBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(mostBytes);
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > mostBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(mostBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof BodyReadError) throw error;
    const name = (error as { name?: string } | null)?.name;
    // DOMException's message cannot be changed (or trusted to say much): a fresh error of our own says what happened.
    if (name === "TimeoutError" || name === "AbortError") throw new BodyReadError("timeout", "the answer did not finish in time");
    throw new BodyReadError("broken", "the connection broke off during the answer");
  }
  return new TextDecoder().decode(concat(chunks, received));
}

function tooLarge(mostBytes: number): BodyReadError {
  return new BodyReadError("too-large", `the answer is larger than ${Math.round(mostBytes / 1024 / 1024)} MiB`);
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}
