import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addHours, historyProfilePoints, toHourlyPoints } from "../../src/intensity/hourly.ts";
import { redactSecrets } from "../../src/intensity/redact.ts";
import { backoffDelayMs, parseRetryAfterMs } from "../../src/intensity/retry-after.ts";

describe("Retry-After", () => {
  const now = Date.parse("2026-06-01T00:00:00Z");
  it("reads seconds and HTTP dates, and ignores what it cannot read", () => {
    expect(parseRetryAfterMs("120", now)).toBe(120_000);
    expect(parseRetryAfterMs("Mon, 01 Jun 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfterMs("Sun, 31 May 2026 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
  });

  it("backs off exponentially up to the cap", () => {
    expect([0, 1, 2, 3, 10].map((attempt) => backoffDelayMs(attempt, 100, 1000))).toEqual([100, 200, 400, 800, 1000]);
  });
});

describe("redaction", () => {
  it("masks a secret in plain, URL-encoded and base64 forms", () => {
    const secret = "s3cr3t/key+1";
    const text = `a ${secret} b ${encodeURIComponent(secret)} c ${Buffer.from(secret).toString("base64")}`;
    const redacted = redactSecrets(text, [secret, undefined]);
    expect(redacted).not.toContain(secret);
    expect(redacted).not.toContain(encodeURIComponent(secret));
    expect(redacted).not.toContain(Buffer.from(secret).toString("base64"));
  });

  it("never leaves any secret of four or more characters in any text", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4, maxLength: 20 }), fc.string(), fc.string(), (secret, before, after) => {
        expect(redactSecrets(`${before}${secret}${after}`, [secret])).not.toContain(secret);
      }),
    );
  });
});

describe("hourly helpers", () => {
  it("averages samples per hour and sorts them", () => {
    expect(toHourlyPoints([
      { startsAt: "2026-06-01T01:05:00Z", gCo2ePerKwh: 10 },
      { startsAt: "2026-06-01T00:30:00Z", gCo2ePerKwh: 4 },
      { startsAt: "2026-06-01T00:00:00Z", gCo2ePerKwh: 2 },
    ])).toEqual([
      { startsAt: "2026-06-01T00:00:00.000Z", gCo2ePerKwh: 3 },
      { startsAt: "2026-06-01T01:00:00.000Z", gCo2ePerKwh: 10 },
    ]);
  });

  it("profiles history by hour of the day", () => {
    const start = new Date("2026-05-30T00:00:00Z");
    const history = Array.from({ length: 48 }, (_, index) => ({ startsAt: addHours(start, index).toISOString(), gCo2ePerKwh: index < 24 ? index : index + 10 }));
    const profile = historyProfilePoints(history, new Date("2026-06-01T05:20:00Z"), 3);
    expect(profile).toEqual([
      // Hour 5: (5 + 39) / 2, and so on: the same hour of both days averaged.
      { startsAt: "2026-06-01T05:00:00.000Z", gCo2ePerKwh: 22 },
      { startsAt: "2026-06-01T06:00:00.000Z", gCo2ePerKwh: 23 },
      { startsAt: "2026-06-01T07:00:00.000Z", gCo2ePerKwh: 24 },
    ]);
  });
});
