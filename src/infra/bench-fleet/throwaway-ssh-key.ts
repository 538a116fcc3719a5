// Azure wants an administrator key on every Linux VM; a bench machine needs no login. The key is generated here and
// its private half is never kept, so nobody can log in with it.
import { generateKeyPairSync } from "node:crypto";

/** An OpenSSH "ssh-rsa AAAA…" public key whose private key is discarded. */
export function throwawaySshPublicKey(comment = "wattplan-bench-no-login"): string {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 3072 });
  const jwk = publicKey.export({ format: "jwk" });
  const field = (bytes: Buffer) => Buffer.concat([uint32(bytes.length), bytes]);
  // RFC 4253: string "ssh-rsa", mpint e, mpint n (an mpint with its high bit set gets a leading zero byte).
  const mpint = (base64url: string) => {
    const bytes = Buffer.from(base64url, "base64url");
    return field(bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
  };
  const blob = Buffer.concat([field(Buffer.from("ssh-rsa")), mpint(jwk.e!), mpint(jwk.n!)]);
  return `ssh-rsa ${blob.toString("base64")} ${comment}`;
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}
