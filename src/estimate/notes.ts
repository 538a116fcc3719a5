// The sentences a projection rests on (its `assumptions`). A plan makes ~1,500 projections and shows a handful: a
// sentence with rounded figures in it costs more to write than much of the projection's arithmetic, so such a
// sentence is kept as a function that writes it, and written only when read.

/** A sentence, or a function that writes it. Its figures must be bound to constants: it may run long after. */
export type Note = string | (() => string);

/** The sentences written out, in order. */
export function noteTexts(notes: readonly Note[]): string[] {
  return notes.map((note) => (typeof note === "string" ? note : note()));
}
