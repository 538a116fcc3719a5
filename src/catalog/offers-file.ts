import { z } from "zod";
import { offerSchema, type Offer } from "../domain/catalog.ts";

// offers.json groups the catalog's prices by instance type: provider, instanceType, source and asOf are written once
// per group instead of once per region (12,000 records became 600 groups, a third of the bytes), so parsing it
// builds far fewer strings and objects at every start. In memory the catalog keeps one Offer per type and region,
// in the file's order: only this module knows the file's shape.

/** Per region: its prices alone, or its prices with the fields that vary by region. */
const regionDetailSchema = offerSchema.pick({ usdPerHour: true, method: true, estimated: true, zones: true });
type RegionDetail = z.infer<typeof regionDetailSchema>;
type RegionEntry = Offer["usdPerHour"] | RegionDetail;

/** A detailed entry is told apart by its usdPerHour key, which a price list never has. */
const isDetail = (entry: object): entry is RegionDetail => Object.hasOwn(entry, "usdPerHour");

const regionEntrySchema = z.record(z.string(), z.unknown()).superRefine((entry, context) => {
  const result = (isDetail(entry) ? regionDetailSchema : offerSchema.shape.usdPerHour).safeParse(entry);
  if (!result.success) for (const issue of result.error.issues) context.addIssue(issue as z.core.$ZodRawIssue);
});

/** One group of offers.json: an instance type's prices from one source, region by region. */
export const offerGroupSchema = offerSchema.pick({ provider: true, instanceType: true, source: true, asOf: true }).extend({
  regions: z
    .record(z.string().min(1), regionEntrySchema)
    .refine((regions) => Object.keys(regions).length > 0, "a group lists at least one region"),
});
export interface OfferGroup extends Pick<Offer, "provider" | "instanceType" | "source" | "asOf"> {
  regions: Record<string, RegionEntry>;
}

/** How a load error names a group ("aws/c5.12xlarge"; the path that follows names the region). */
export const offerGroupLabel = (group: Record<string, unknown>) =>
  `${typeof group.provider === "string" ? group.provider : "?"}/${typeof group.instanceType === "string" ? group.instanceType : "?"}`;

/**
 * A region code an object key cannot keep in place: JavaScript puts keys like "7" first whatever order they were
 * added in, and a parser may drop "__proto__". No cloud names a region so; refusing them keeps the round trip exact.
 */
const isUnkeepableKey = (key: string) => key === "__proto__" || (/^(0|[1-9]\d*)$/.test(key) && Number(key) < 2 ** 32 - 1);

/**
 * The groups of offers.json: a new group starts wherever the type, source or date changes, or a region repeats,
 * so expanding the groups gives back the same records in the same order, whatever the order.
 */
export function groupOffers(offers: readonly Offer[]): OfferGroup[] {
  const groups: { group: OfferGroup; entries: [string, RegionEntry][] }[] = [];
  let current: (typeof groups)[number] | undefined;
  for (const offer of offers) {
    if (isUnkeepableKey(offer.region)) {
      throw new Error(`offer ${offer.provider}/${offer.instanceType} in '${offer.region}': offers.json cannot key a region by a number or "__proto__"`);
    }
    const { provider, instanceType, region, usdPerHour, source, asOf, ...varying } = offer;
    const sameGroup =
      current &&
      current.group.provider === provider &&
      current.group.instanceType === instanceType &&
      current.group.source === source &&
      current.group.asOf === asOf &&
      !current.entries.some(([code]) => code === region);
    if (!current || !sameGroup) {
      current = { group: { provider, instanceType, source, asOf, regions: {} }, entries: [] };
      groups.push(current);
    }
    current.entries.push([region, Object.keys(varying).length === 0 ? usdPerHour : { usdPerHour, ...varying }]);
  }
  return groups.map(({ group, entries }) => ({ ...group, regions: Object.fromEntries(entries) }));
}

/** A group as expandOfferGroups reads it: an object with a regions map (a flat offer of older catalogs has none). */
export function isOfferGroupShaped(element: unknown): boolean {
  const regions = (element as { regions?: unknown } | null)?.regions;
  return typeof regions === "object" && regions !== null && !Array.isArray(regions);
}

/** The catalog's offers from the groups of offers.json, one per region, fields in the order of the Offer schema. */
export function expandOfferGroups(groups: readonly OfferGroup[]): Offer[] {
  const offers: Offer[] = [];
  for (const { provider, instanceType, source, asOf, regions } of groups) {
    for (const region of Object.keys(regions)) {
      const entry = regions[region];
      if (!isDetail(entry)) {
        offers.push({ provider, instanceType, region, usdPerHour: entry, source, asOf });
        continue;
      }
      const { usdPerHour, ...varying } = entry;
      offers.push({ provider, instanceType, region, usdPerHour, source, asOf, ...varying });
    }
  }
  return offers;
}

/**
 * offers.json's text: pretty-printed as the other catalog files, except that each region's entry is one line,
 * so a price that changes is a one-line diff.
 */
export function offerGroupsText(groups: readonly OfferGroup[]): string {
  if (groups.length === 0) return "[]\n";
  const lines = ["["];
  groups.forEach(({ regions, ...group }, index) => {
    const head = JSON.stringify(group, null, 2).slice(0, -2);
    const regionLines = Object.entries(regions).map(([code, entry]) => `      ${JSON.stringify(code)}: ${JSON.stringify(entry)}`);
    lines.push(`${indent(head)},\n    "regions": {\n${regionLines.join(",\n")}\n    }\n  }${index < groups.length - 1 ? "," : ""}`);
  });
  lines.push("]");
  return `${lines.join("\n")}\n`;
}

const indent = (text: string) => text.replace(/^/gm, "  ");
