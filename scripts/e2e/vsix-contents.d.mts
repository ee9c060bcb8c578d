/** The entries of a zip archive, each with its name and (uncompressed) bytes. */
export function listZip(zip: Buffer): { name: string; data: Buffer }[];
/** Why a package's contents must not ship, one line per problem. */
export function vsixProblems(entries: { name: string; data: Buffer }[], machinePaths: string[]): string[];
