/**
 * Reading and writing a document in its own encoding. A file is UTF-8
 * (with or without a byte-order mark) or UTF-16 (little or big endian) with
 * a byte-order mark; it is decoded strictly, so that writing the text back
 * in the same encoding gives the same bytes. A file that is not valid in its
 * encoding (Latin-1 bytes in a file without a byte-order mark, a cut UTF-16
 * file) is still audited, with U+FFFD for each bad sequence, but it is never
 * written: a fix would replace the bytes it could not read.
 */
import type { DocumentError, SopDocument } from './facts';
import type { Range } from '../position';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Where the first byte that is not valid in the file's encoding stands. */
export interface InvalidByte {
  /** Offset of the byte in the file (byte-order mark included). */
  byteOffset: number;
  /** The byte's value. */
  byte: number;
  /** 1-based line and column (UTF-16 code units) of the place in the decoded text, and its 0-based offset there. */
  line: number;
  column: number;
  offset: number;
}

export interface DecodedText {
  /** The text without its byte-order mark. */
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
  /**
   * Set when the bytes are not valid in `encoding`: `text` then has U+FFFD for each bad sequence and must never be
   * written back.
   */
  invalid?: InvalidByte;
}

/** The name of an encoding as people know it. */
export function encodingLabel(encoding: TextEncodingName, bom: boolean): string {
  const name = encoding === 'utf-8' ? 'UTF-8' : encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
  return bom && encoding === 'utf-8' ? 'UTF-8 with a byte-order mark' : name;
}

/** Decodes a file's bytes by its byte-order mark (none: UTF-8), strictly. */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  let encoding: TextEncodingName = 'utf-8';
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, start] = ['utf-16le', 2];
  else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, start] = ['utf-16be', 2];
  const body = bytes.subarray(start);
  const bom = start > 0;
  // Little-endian bytes for the UTF-16 decoder, which every Node build has (not every build has a UTF-16 BE decoder).
  const units = encoding === 'utf-16be' ? swapPairs(body) : body;
  const decoderName = encoding === 'utf-8' ? 'utf-8' : 'utf-16le';
  try {
    return { text: new TextDecoder(decoderName, { fatal: true, ignoreBOM: true }).decode(units), encoding, bom };
  } catch {
    // Not valid: find the first bad byte, and read the rest as well as it goes.
  }
  const bad = encoding === 'utf-8' ? firstInvalidUtf8(units) : firstInvalidUtf16(units);
  const text = new TextDecoder(decoderName, { ignoreBOM: true }).decode(units);
  // The bytes before the bad one are valid, so they decode to exactly the start of the text.
  const prefix = new TextDecoder(decoderName, { ignoreBOM: true }).decode(units.subarray(0, bad));
  const lineStart = prefix.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = prefix.indexOf('\n'); i >= 0; i = prefix.indexOf('\n', i + 1)) line++;
  // A UTF-16 unit's first byte stands at the same offset in either byte order.
  const byteOffset = start + bad;
  return {
    text,
    encoding,
    bom,
    invalid: {
      byteOffset,
      byte: bytes[byteOffset] ?? 0,
      line,
      column: prefix.length - lineStart + 1,
      offset: prefix.length,
    },
  };
}

/**
 * The bytes of `text` in `encoding`, with a byte-order mark when `bom`: the inverse of `decodeBytes` for valid files.
 */
export function encodeText(text: string, encoding: TextEncodingName, bom: boolean): Uint8Array {
  if (encoding === 'utf-8') {
    const body = Buffer.from(text, 'utf8');
    return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
  }
  const le = Buffer.from(text, 'utf16le');
  const body = encoding === 'utf-16be' ? swapPairs(le) : le;
  return bom ? Buffer.concat([Buffer.from(encoding === 'utf-16be' ? [0xfe, 0xff] : [0xff, 0xfe]), body]) : body;
}

/** The `file` finding's message for a file that is not valid in its encoding. */
export function invalidEncodingMessage(decoded: DecodedText & { invalid: InvalidByte }): string {
  const { invalid } = decoded;
  const byte = `0x${invalid.byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return (
    `the file is not valid ${encodingLabel(decoded.encoding, decoded.bom)}: the first bad byte (${byte}) is at line ${invalid.line}, column ${invalid.column}; ` +
    'it is audited as read, with U+FFFD for each bad sequence, and never written by a fix (save it as UTF-8 to have it fixed)'
  );
}

/** Why a fix never writes a file that is not valid in its encoding (`SopDocument.readOnly`). */
export function invalidEncodingReason(decoded: DecodedText): string {
  return `the file is not valid ${encodingLabel(decoded.encoding, decoded.bom)}, so it is never written`;
}

/**
 * A document's facts with a `file` finding added and fixes turned off
 * (`readOnly`): a file that is not valid in its encoding, or one that
 * changed on disk while `--fix` ran. The facts themselves are not changed.
 */
export function withFileProblem(
  doc: SopDocument,
  problem: { message: string; readOnly: string; range?: Range },
): SopDocument {
  const error: DocumentError = {
    message: problem.message,
    check: 'file',
    ...(problem.range ? { range: problem.range } : {}),
  };
  return { ...doc, readOnly: problem.readOnly, errors: [...doc.errors, error] };
}

/** The problem of a file that is not valid in its encoding, for `withFileProblem`. */
export function invalidEncodingProblem(decoded: DecodedText & { invalid: InvalidByte }): {
  message: string;
  readOnly: string;
  range: Range;
} {
  const { line, column, offset } = decoded.invalid;
  const point = { line, column, offset };
  return {
    message: invalidEncodingMessage(decoded),
    readOnly: invalidEncodingReason(decoded),
    range: { start: point, end: { ...point, column: column + 1, offset: offset + 1 } },
  };
}

/**
 * Offset of the first byte of the first invalid UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, nothing
 * above U+10FFFF).
 */
function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < n && b[i] >= lo && b[i] <= hi;
  for (let i = 0; i < n;) {
    const c = b[i];
    if (c < 0x80) i++;
    else if (c >= 0xc2 && c <= 0xdf && cont(i + 1)) i += 2;
    else if (c === 0xe0 && cont(i + 1, 0xa0) && cont(i + 2)) i += 3;
    else if (((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) && cont(i + 1) && cont(i + 2)) i += 3;
    else if (c === 0xed && cont(i + 1, 0x80, 0x9f) && cont(i + 2)) i += 3;
    else if (c === 0xf0 && cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3)) i += 4;
    else if (c >= 0xf1 && c <= 0xf3 && cont(i + 1) && cont(i + 2) && cont(i + 3)) i += 4;
    else if (c === 0xf4 && cont(i + 1, 0x80, 0x8f) && cont(i + 2) && cont(i + 3)) i += 4;
    else return i;
  }
  return n;
}

/** Offset (in little-endian bytes) of the first unpaired surrogate, or of a last odd byte. */
function firstInvalidUtf16(b: Uint8Array): number {
  const units = Math.floor(b.length / 2);
  const unit = (k: number) => b[2 * k] | (b[2 * k + 1] << 8);
  for (let k = 0; k < units; k++) {
    const u = unit(k);
    if (u >= 0xd800 && u <= 0xdbff) {
      if (k + 1 < units && unit(k + 1) >= 0xdc00 && unit(k + 1) <= 0xdfff) k++;
      else return 2 * k;
    } else if (u >= 0xdc00 && u <= 0xdfff) return 2 * k;
  }
  return 2 * units;
}

/** A copy with each pair of bytes swapped (UTF-16 BE <-> LE); a last odd byte stays. */
function swapPairs(b: Uint8Array): Uint8Array {
  const out = Buffer.from(b);
  for (let i = 0; i + 1 < out.length; i += 2) {
    const t = out[i];
    out[i] = out[i + 1];
    out[i + 1] = t;
  }
  return out;
}
