/**
 * Keys and passwords must never reach output, errors or cache files. Every message a client builds from
 * a remote answer passes through here, with every secret it holds (and their encoded forms) masked.
 */
export function redactSecrets(text: string, secrets: Array<string | undefined>): string {
  let redacted = text;
  for (const secret of expandSecrets(secrets)) redacted = redacted.split(secret).join("[redacted]");
  return redacted;
}

/** A copy of `value` with every string in it (object keys included) redacted. */
export function redactStrings<T>(value: T, secrets: Array<string | undefined>): T {
  if (expandSecrets(secrets).length === 0) return value;
  const visit = (node: unknown): unknown => {
    if (typeof node === "string") return redactSecrets(node, secrets);
    if (Array.isArray(node)) return node.map(visit);
    if (node !== null && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([key, child]) => [redactSecrets(key, secrets), visit(child)]));
    return node;
  };
  return visit(value) as T;
}

function expandSecrets(secrets: Array<string | undefined>): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    // Short strings would mask ordinary words; real keys and passwords are longer.
    if (secret === undefined || secret.length < 4) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(Buffer.from(secret).toString("base64"));
  }
  // Longest first, so a secret that contains another is masked whole.
  return [...forms].sort((a, b) => b.length - a.length);
}
