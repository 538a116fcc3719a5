/**
 * Keys and passwords must never reach output, errors or cache files. Every message a client builds from
 * a remote answer passes through here, with every secret it holds (and their encoded forms) masked.
 */
export function redactSecrets(text: string, secrets: Array<string | undefined>): string {
  let redacted = text;
  for (const secret of expandSecrets(secrets)) redacted = redacted.split(secret).join("[redacted]");
  return redacted;
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
