// The public library API of wattplan. Nothing but exports lives here.
export { WattplanError, UnknownNameError } from "./errors.ts";
