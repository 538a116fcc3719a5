// The frame every wattplan HTML page shares: one self-contained document whose Content-Security-Policy lets
// nothing load (no script, font or image) but its own inline stylesheet, allowed by that stylesheet's hash.
import { createHash } from "node:crypto";
import { escapeHtml } from "./escape.ts";

export interface PageParts {
  title: string;
  /** The page's one stylesheet (REPORT_CSS, plus any rules of its own). */
  css: string;
  wattplanVersion: string;
  /** The content of <main>. */
  body: string;
}

export function contentSecurityPolicy(css: string): string {
  const styleHash = createHash("sha256").update(css).digest("base64");
  return `default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'`;
}

export function renderPage(parts: PageParts): string {
  return [
    `<!doctype html>`,
    `<html lang="en">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(parts.css)}">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="color-scheme" content="light dark">`,
    `<meta name="generator" content="wattplan ${escapeHtml(parts.wattplanVersion)}">`,
    `<title>${escapeHtml(parts.title)}</title>`,
    `<style>${parts.css}</style>`,
    `</head>`,
    `<body>`,
    `<main>`,
    parts.body,
    `</main>`,
    `</body>`,
    `</html>`,
    ``,
  ].join("\n");
}
