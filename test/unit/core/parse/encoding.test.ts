/**
 * Every encoding read right or refused. UTF-8 (with or without a
 * byte-order mark) and UTF-16 LE/BE with one decode strictly and encode back
 * to the same bytes; `--fix` writes a document in its own encoding, and the
 * bytes outside the change are the original's. A file that is not valid in
 * its encoding (Latin-1 bytes, a cut sequence, a lone surrogate, an odd
 * UTF-16 length) is audited as read with a `file` finding at the first bad
 * byte's line and column, offers no fix and is never written.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeBytes, encodeText, type TextEncodingName } from '../../../../src/core/parse/encoding';
import { runCli } from '../../helpers/cli';
import type { Report } from '../../../../src/core/report/types';

const BOM: Record<TextEncodingName, number[]> = {
  'utf-8': [0xef, 0xbb, 0xbf],
  'utf-16le': [0xff, 0xfe],
  'utf-16be': [0xfe, 0xff],
};

/** Bytes of `text` in an encoding, the way an editor saves them (Node's own encoders, not ours). */
function bytesOf(text: string, encoding: TextEncodingName | 'latin1', bom: boolean): Buffer {
  if (encoding === 'latin1') return Buffer.from(text, 'latin1');
  let body = Buffer.from(text, encoding === 'utf-8' ? 'utf8' : 'utf16le');
  if (encoding === 'utf-16be') body = Buffer.from(body).swap16();
  return Buffer.concat([Buffer.from(bom ? BOM[encoding] : []), body]);
}

describe('decodeBytes and encodeText', () => {
  const TEXTS = [
    '',
    '# Café ☕\n',
    'line one\r\nline two 😀\r\n',
    '\uFEFF# a second byte-order mark is content\n',
    'ends without a line break ü',
  ];
  const FORMS: [TextEncodingName, boolean][] = [
    ['utf-8', false],
    ['utf-8', true],
    ['utf-16le', true],
    ['utf-16be', true],
  ];

  for (const [encoding, bom] of FORMS) {
    it(`${encoding}${bom ? ' with' : ' without'} a byte-order mark: decodes, and encodes back to the same bytes`, () => {
      for (const text of TEXTS) {
        // A text that starts with U+FEFF cannot be told from a mark in a file without one.
        if (!bom && text.startsWith('\uFEFF')) continue;
        const bytes = bytesOf(text, encoding, bom);
        const decoded = decodeBytes(bytes);
        expect(decoded).toEqual({ text, encoding, bom });
        expect(Buffer.from(encodeText(decoded.text, decoded.encoding, decoded.bom)).equals(bytes)).toBe(true);
      }
    });
  }

  it.each([
    [
      'Latin-1 é in a file without a byte-order mark',
      bytesOf('---\ntitle: Café\n---\n', 'latin1', false),
      2,
      11,
      0xe9,
      'UTF-8',
    ],
    [
      'Windows-1252 quotes',
      Buffer.concat([Buffer.from('# Title\n\nHe said '), Buffer.from([0x93]), Buffer.from('hi')]),
      3,
      9,
      0x93,
      'UTF-8',
    ],
    [
      'a multi-byte sequence cut at the end',
      Buffer.concat([Buffer.from('ab\n'), Buffer.from([0xe2, 0x82])]),
      2,
      1,
      0xe2,
      'UTF-8',
    ],
    ['an overlong form', Buffer.concat([Buffer.from('x'), Buffer.from([0xc0, 0xaf])]), 1, 2, 0xc0, 'UTF-8'],
    [
      'a surrogate written in UTF-8',
      Buffer.concat([Buffer.from('ok\nok '), Buffer.from([0xed, 0xa0, 0x80])]),
      2,
      4,
      0xed,
      'UTF-8',
    ],
    [
      'bad bytes after a valid byte-order mark',
      Buffer.concat([Buffer.from(BOM['utf-8']), Buffer.from('é\n'), Buffer.from([0xff])]),
      2,
      1,
      0xff,
      'UTF-8 with a byte-order mark',
    ],
    [
      'UTF-16 LE with an odd number of bytes',
      Buffer.concat([bytesOf('ab\ncd', 'utf-16le', true), Buffer.from([0x41])]),
      2,
      3,
      0x41,
      'UTF-16 LE',
    ],
    [
      'UTF-16 BE with a lone surrogate',
      Buffer.concat([bytesOf('a\n', 'utf-16be', true), Buffer.from([0xd8, 0x00, 0x00, 0x41])]),
      2,
      1,
      0xd8,
      'UTF-16 BE',
    ],
  ])('%s: the first bad byte is found at its line and column', (_name, bytes, line, column, byte) => {
    const decoded = decodeBytes(bytes);
    expect(decoded.invalid).toMatchObject({ line, column, byte });
    expect(bytes[decoded.invalid!.byteOffset]).toBe(byte);
    // The text is still there to audit, with U+FFFD for what could not be read.
    expect(decoded.text).toContain('\uFFFD');
  });
});

describe('the CLI reads and fixes every encoding', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-encoding-'));
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** A procedure that --fix changes (a checklist from its steps), with non-ASCII text. */
  const sop = (eol: string) =>
    [
      '---',
      'title: Sauvegarde du café',
      'type: sop',
      'owner: équipe-ops',
      '---',
      '# Sauvegarde du café',
      '',
      'Chaque matin, le technicien de garde vérifie que la sauvegarde nocturne du serveur de la caisse du café a réussi, et ouvre un ticket pour chaque tâche en échec avant neuf heures.',
      '',
      '## Procedure',
      '',
      '1. Ouvrir la console « Veeam ».',
      '2. Vérifier les tâches — toutes.',
      '',
    ].join(eol);

  const FORMS: [string, TextEncodingName, boolean, string][] = [
    ['utf8', 'utf-8', false, '\n'],
    ['utf8-bom', 'utf-8', true, '\n'],
    ['utf16le', 'utf-16le', true, '\r\n'],
    ['utf16be', 'utf-16be', true, '\n'],
    ['utf8-crlf', 'utf-8', false, '\r\n'],
  ];

  const audit = (...args: string[]) => runCli(['audit', '.', '--as-of', '2026-11-23', '--no-cache', ...args], root);

  it('audits UTF-8 and UTF-16 files alike, and --fix writes each back in its own encoding, byte for byte outside the change', () => {
    // The same text in each form, in its own folder (same name): the fixes are the same text edits.
    for (const [folder, encoding, bom, eol] of FORMS) {
      fs.mkdirSync(path.join(root, folder));
      fs.writeFileSync(path.join(root, folder, 'backup.md'), bytesOf(sop(eol), encoding, bom));
    }
    const before = JSON.parse(audit('--format', 'json').stdout) as Report;
    const titles = before.documents.map((d) => [d.path, d.title, d.kind]);
    expect(titles).toEqual(
      FORMS.map(([folder]) => [`${folder}/backup.md`, 'Sauvegarde du café', 'procedure']).sort((a, b) =>
        a[0] < b[0] ? -1 : 1,
      ),
    );
    expect(before.errors).toEqual([]);

    const fixed = audit('--fix', '--quiet');
    expect(fixed.code).toBe(0);
    for (const [folder] of FORMS) expect(fixed.stderr).toContain(`  ${folder}/backup.md: add-checklist\n`);

    const plainLf = fs.readFileSync(path.join(root, 'utf8', 'backup.md'), 'utf8');
    const plainCrlf = fs.readFileSync(path.join(root, 'utf8-crlf', 'backup.md'), 'utf8');
    expect(plainLf).toContain('## Checklist');
    for (const [folder, encoding, bom, eol] of FORMS) {
      const bytes = fs.readFileSync(path.join(root, folder, 'backup.md'));
      // Exactly the bytes of the fixed text in the file's own encoding and byte-order mark.
      expect(bytes.equals(bytesOf(eol === '\n' ? plainLf : plainCrlf, encoding, bom)), folder).toBe(true);
      // And the original bytes are all still there, in order, around the insertions.
      const original = bytesOf(sop(eol), encoding, bom);
      expect(isSubsequenceOfRuns(original, bytes), folder).toBe(true);
    }
  });

  it('a Latin-1 file is audited as read, with a file finding at the bad byte, offers no fix and is never written', () => {
    const latin1 = bytesOf(sop('\n'), 'latin1', false);
    fs.mkdirSync(path.join(root, 'docs'));
    fs.writeFileSync(path.join(root, 'docs', 'latin1.md'), latin1);
    const report = JSON.parse(audit('--format', 'json').stdout) as Report;
    const doc = report.documents.find((d) => d.path === 'docs/latin1.md')!;
    expect(doc.kind).toBe('procedure');
    const file = doc.findings.find((f) => f.check === 'file')!;
    expect(file.range.start).toMatchObject({ line: 2, column: 25 });
    expect(file.message).toBe(
      'the file is not valid UTF-8: the first bad byte (0xE9) is at line 2, column 25; it is audited as read, with U+FFFD for each bad sequence, and never written by a fix (save it as UTF-8 to have it fixed)',
    );
    expect(doc.findings.flatMap((f) => f.fixes)).toEqual([]);
    expect(doc.findings.map((f) => f.check)).toEqual(expect.arrayContaining(['checklist', 'review-date']));

    const fixed = audit('--fix', '--quiet');
    expect(fixed.stderr).toContain('No safe fixes applied.');
    expect(fs.readFileSync(path.join(root, 'docs', 'latin1.md')).equals(latin1)).toBe(true);
  });

  it('an invalid file among valid ones: the valid ones are fixed, the invalid one is left byte for byte', () => {
    fs.writeFileSync(path.join(root, 'good.md'), sop('\n'));
    const cut = Buffer.concat([bytesOf(sop('\n'), 'utf-16le', true), Buffer.from([0x0a])]);
    fs.writeFileSync(path.join(root, 'cut.md'), cut);
    const fixed = audit('--fix', '--format', 'json');
    const report = JSON.parse(fixed.stdout) as Report;
    expect(
      report.documents.find((d) => d.path === 'cut.md')!.findings.find((f) => f.check === 'file')!.message,
    ).toMatch(/^the file is not valid UTF-16 LE: the first bad byte \(0x0A\) is at line 14, column 1;/);
    expect(fs.readFileSync(path.join(root, 'cut.md')).equals(cut)).toBe(true);
    expect(fs.readFileSync(path.join(root, 'good.md'), 'utf8')).toContain('## Checklist');
  });
});

/** True when `small` can be cut into runs that appear in `big` in order (what was there is still there; only insertions). */
function isSubsequenceOfRuns(small: Buffer, big: Buffer): boolean {
  let i = 0;
  for (let j = 0; j < big.length && i < small.length; j++) if (big[j] === small[i]) i++;
  return i === small.length;
}
