import { z } from "zod";

/** A dated figure: `asOf` is an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) of the data, not of our build. */
export const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "expected an ISO date: YYYY, YYYY-MM or YYYY-MM-DD");

/**
 * Every number in the catalog carries where it came from (`source`, an id in catalog/sources.json) and when.
 * A figure we derived (summed, scaled, modelled) also says how (`method`) and is marked `estimated`.
 */
export const figureSchema = z.strictObject({
  value: z.number().finite(),
  source: z.string().min(1),
  asOf: isoDate,
  method: z.string().min(1).optional(),
  estimated: z.boolean().optional(),
});
export type Figure = z.infer<typeof figureSchema>;

/** Where a non-numeric fact (a location, a mapping) came from: a figure without the value. */
export const provenanceSchema = figureSchema.omit({ value: true });
export type Provenance = z.infer<typeof provenanceSchema>;

export const sourceSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  publisher: z.string().min(1),
  url: z.string().optional(),
  licence: z.string().min(1),
  commit: z.string().optional(),
  retrieved: isoDate,
  notes: z.string().optional(),
});
export type Source = z.infer<typeof sourceSchema>;
