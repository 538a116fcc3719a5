// Every string that comes from a plan (region names, spec names, warnings) passes through here before it
// reaches the page: a plan is a file anyone can edit, and the report is opened in a browser.

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (character) => HTML_ENTITIES[character]);
}

/** Builds an attribute list from a record; undefined and false values are left out, true gives a bare name. */
export function attributes(values: Record<string, string | number | boolean | undefined>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === false) continue;
    parts.push(value === true ? name : `${name}="${escapeHtml(value)}"`);
  }
  return parts.join(" ");
}
