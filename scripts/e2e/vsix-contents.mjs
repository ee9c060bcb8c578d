// What a VSIX holds, read from the package itself (a zip): the file list, and what must never
// ship in it: source maps, sources, tests, and absolute paths of the machine that built it
// (a map or a bundle that names /home/someone/... leaks the build machine and the sources).
// Only the Node standard library: the zip's central directory, entries inflated with zlib.
import { inflateRawSync } from 'node:zlib';

/**
 * The entries of a zip archive, each with its name and (uncompressed) bytes.
 * @param {Buffer} zip
 * @returns {{ name: string, data: Buffer }[]}
 */
export function listZip(zip) {
  // The end-of-central-directory record is the last 22 bytes, or more with an archive comment.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip archive (no end of central directory)');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let k = 0; k < count; k++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`damaged zip: central directory entry ${k}`);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataStart, dataStart + compressed);
    const data = method === 0 ? raw : method === 8 ? inflateRawSync(raw) : undefined;
    if (!data) throw new Error(`${name}: unsupported zip compression method ${method}`);
    entries.push({ name, data });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Why a package's contents must not ship, one line per problem: source maps, `src/` or `test/`
 * folders, and any of `machinePaths` (absolute paths of the build machine: the repository, the
 * home folder) inside a bundle or manifest.
 * @param {{ name: string, data: Buffer }[]} entries
 * @param {string[]} machinePaths
 * @returns {string[]}
 */
export function vsixProblems(entries, machinePaths) {
  const problems = [];
  // Paths too short to mean a machine ("/", "/root" is fine to look for, "" is not).
  const needles = [...new Set(machinePaths.filter((p) => p && p.length > 1))];
  for (const { name, data } of entries) {
    const inside = name.replace(/^extension\//, '');
    if (/\.map$/i.test(name)) problems.push(`${name}: a source map`);
    if (/^(src|test|tests)\//.test(inside)) problems.push(`${name}: ${inside.split('/')[0]}/ does not ship`);
    if (!/\.(js|cjs|mjs|json|css|html|md|xml|vsixmanifest|yaml|txt)$/i.test(name) && !name.endsWith('.vsixmanifest'))
      continue;
    const text = data.toString('utf8');
    for (const needle of needles)
      if (text.includes(needle)) problems.push(`${name}: holds the build machine's path ${needle}`);
  }
  return problems;
}
