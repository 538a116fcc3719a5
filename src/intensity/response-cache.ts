import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { redactSecrets } from "./redact.ts";

export const defaultCacheDirectoryName = ".wattplan-cache";
export const defaultCacheTtlMs = 60 * 60 * 1000;

interface CacheEntry {
  storedAt: string;
  label: string;
  body: unknown;
}

export interface CachedBody {
  body: unknown;
  storedAt: Date;
}

/**
 * Remote answers on disk, one JSON file per request, keyed by a hash of the request (never containing
 * credentials: keys travel in headers). A file older than the TTL is ignored; a broken file is a miss.
 */
export class ResponseCache {
  private readonly directory: string | false;
  private readonly ttlMs: number;
  private readonly now: () => Date;

  constructor(directory: string | false | undefined, ttlMs: number | undefined, now: () => Date) {
    this.directory = directory === false ? false : resolve(directory ?? defaultCacheDirectoryName);
    this.ttlMs = ttlMs ?? defaultCacheTtlMs;
    this.now = now;
  }

  async get(namespace: string, key: string): Promise<CachedBody | undefined> {
    if (this.directory === false) return undefined;
    let entry: CacheEntry;
    try {
      entry = JSON.parse(await readFile(this.pathFor(namespace, key), "utf8")) as CacheEntry;
    } catch {
      return undefined;
    }
    const storedAt = new Date(entry.storedAt);
    const ageMs = this.now().getTime() - storedAt.getTime();
    if (Number.isNaN(ageMs) || ageMs < 0 || ageMs >= this.ttlMs) return undefined;
    return { body: entry.body, storedAt };
  }

  /** Stores the body; `secrets` are masked in the file as a last line of defence. Failures to write are ignored. */
  async set(namespace: string, key: string, label: string, body: unknown, secrets: Array<string | undefined>): Promise<void> {
    if (this.directory === false) return;
    const entry: CacheEntry = { storedAt: this.now().toISOString(), label, body };
    try {
      await writeFileAtomic(this.pathFor(namespace, key), `${redactSecrets(JSON.stringify(entry), secrets)}\n`);
    } catch {
      // A read-only working directory should cost a refetch next time, not the plan.
    }
  }

  private pathFor(namespace: string, key: string): string {
    const digest = createHash("sha256").update(key).digest("hex").slice(0, 32);
    return join(this.directory as string, "intensity", namespace, `${digest}.json`);
  }
}
