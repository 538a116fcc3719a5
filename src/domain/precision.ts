import { z } from "zod";

/** The numeric precisions a model is measured, planned and served at. */
export const precisionSchema = z.enum(["fp32", "fp16", "int8"]);
export type Precision = z.infer<typeof precisionSchema>;
