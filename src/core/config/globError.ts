/**
 * The limits a glob must keep within, and the error that refuses one with
 * its column (see glob.ts for why globs are limited at all).
 */

/** Longest glob accepted, in characters (Linux paths stop at 4096 bytes; real globs are far shorter). */
export const MAX_GLOB_LENGTH = 1024;
/** Most alternatives one glob may expand to through braces (`{a,b}{c,d}` is 4). */
export const MAX_GLOB_ALTERNATIVES = 256;

/** A glob that was refused, with the 1-based column in the pattern where the problem is. */
export class GlobError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}
