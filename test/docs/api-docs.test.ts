// docs/API.md is generated from src/index.ts; a change to the public API or its doc comments must regenerate it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { apiDocsPath, renderApiDocs } from "../../scripts/build-api-docs.ts";

describe("docs/API.md", () => {
  it("is what `npm run build:api-docs` writes from src/index.ts today", () => {
    const rendered = renderApiDocs();
    expect(rendered, "docs/API.md is stale: run npm run build:api-docs and commit it").toBe(readFileSync(apiDocsPath, "utf8"));
    expect(rendered).toContain("### plan\n");
    expect(rendered).toContain("### renderHtml\n");
  });
});
