/**
 * "Treat as SOP" and "Not an SOP" (fix ids `treat-as-sop`, `not-an-sop`):
 * each case applies the core's edit, parses and audits the result again, and
 * shows the new kind; the edit is minimal (only the type changes, line
 * endings and a byte-order mark stay) and is refused where it would not
 * change the kind. Reasons are the engine's wording and are never compared
 * here: only kinds and the front-matter type.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyEdits,
  audit,
  CHECK_IDS,
  computeFix,
  defaultConfig,
  FIX_IDS,
  fixTitle,
  loadRubricText,
  parseDocument,
  SAFE_FIXES,
} from '../../../../src/core';
import type { DocumentKind, Rubric, TextEdit } from '../../../../src/core';
import { AS_OF, rubric } from '../../helpers/audit';

type KindFix = 'treat-as-sop' | 'not-an-sop';

/** The fix's edits on `text` at `path`, the fixed text and the kinds before and after (parse, then a full audit). */
function run(fix: KindFix, path: string, text: string, r: Rubric = rubric()) {
  const before = parseDocument(path, text, r);
  const edits = computeFix(fix, { text, doc: before, rubric: r, asOf: AS_OF });
  const after = applyEdits(text, edits);
  const parsed = parseDocument(path, after, r);
  const report = audit({
    root: '/repo',
    config: defaultConfig(),
    rubric: r,
    asOf: AS_OF,
    files: [{ path, text: after }],
  });
  return {
    edits,
    after,
    kindBefore: before.kind,
    kindAfter: parsed.kind,
    audited: report.documents[0].kind as DocumentKind,
    type: parsed.meta.type,
  };
}

/** Asserts that `after` is `before` with text only inserted at one place (nothing removed or moved). */
function insertedOnly(before: string, after: string, edits: readonly TextEdit[]): string {
  expect(edits).toHaveLength(1);
  const [e] = edits;
  expect(e.end).toBe(e.start);
  expect(after.slice(0, e.start)).toBe(before.slice(0, e.start));
  expect(after.slice(e.start + e.newText.length)).toBe(before.slice(e.start));
  return e.newText;
}

const TEAM_RUBRIC = 'extends: oml\naliases:\n  frontMatter:\n    type: [page_kind]\n';

/** One correction on one file: the text before and after, and the kind the audit then gives. */
interface Case {
  name: string;
  fix: KindFix;
  path: string;
  text: string;
  after: string;
  /** True when the fix must only insert (no byte of the original replaced). */
  insertOnly?: boolean;
  /** A user rubric over the default one. */
  rubric?: string;
}

const CASES: Case[] = [
  {
    name: 'YAML with a type key: only the value changes, its comment and every other byte stay',
    fix: 'treat-as-sop',
    path: 'docs/glossary.md',
    text: '---\ntitle: Glossary of terms\ntype: reference # set by the docs team\nowner: Dana\n---\n\n# Glossary of terms\n\nWords we use.\n',
    after:
      '---\ntitle: Glossary of terms\ntype: sop # set by the docs team\nowner: Dana\n---\n\n# Glossary of terms\n\nWords we use.\n',
  },
  {
    name: 'YAML without a type key: one line before the closing fence',
    fix: 'treat-as-sop',
    path: 'docs/printer.md',
    text: '---\ntitle: Printer notes\nowner: Dana\n---\n# Printer notes\n\nThe printer is on floor 2.\n',
    after: '---\ntitle: Printer notes\nowner: Dana\ntype: sop\n---\n# Printer notes\n\nThe printer is on floor 2.\n',
    insertOnly: true,
  },
  {
    name: 'an empty type value is filled',
    fix: 'treat-as-sop',
    path: 'docs/notes.md',
    text: '---\ntype:\ntitle: Notes\n---\nSome notes.\n',
    after: '---\ntype: sop\ntitle: Notes\n---\nSome notes.\n',
  },
  {
    name: 'a block-scalar value is replaced without the line break after it',
    fix: 'treat-as-sop',
    path: 'docs/notes.md',
    text: '---\ntype: >\n  reference\ntitle: Notes\n---\nSome notes.\n',
    after: '---\ntype: sop\ntitle: Notes\n---\nSome notes.\n',
  },
  {
    name: 'TOML with a quoted type: the string is replaced, its comment stays',
    fix: 'treat-as-sop',
    path: 'content/notes.md',
    text: '+++\ntitle = "Notes"\ntype = "reference" # docs team\n+++\nSome notes.\n',
    after: '+++\ntitle = "Notes"\ntype = "sop" # docs team\n+++\nSome notes.\n',
  },
  {
    name: 'TOML without a type: a top-level line before the first table',
    fix: 'treat-as-sop',
    path: 'content/notes.md',
    text: '+++\ntitle = "Notes"\n[params]\nweight = 3\n+++\nSome notes.\n',
    after: '+++\ntitle = "Notes"\ntype = "sop"\n[params]\nweight = 3\n+++\nSome notes.\n',
    insertOnly: true,
  },
  {
    name: 'no front matter, a first heading: a block at the very top',
    fix: 'treat-as-sop',
    path: 'notes/vpn.md',
    text: '# VPN appliance notes\n\nWhen users cannot connect.\n',
    after: '---\ntype: sop\n---\n# VPN appliance notes\n\nWhen users cannot connect.\n',
    insertOnly: true,
  },
  {
    name: 'an empty file gets front matter',
    fix: 'treat-as-sop',
    path: 'notes/empty.md',
    text: '',
    after: '---\ntype: sop\n---\n',
    insertOnly: true,
  },
  {
    name: 'CRLF without front matter: the new block has CRLF',
    fix: 'treat-as-sop',
    path: 'notes/vpn.md',
    text: '# VPN appliance notes\r\n\r\nWhen users cannot connect.\r\n',
    after: '---\r\ntype: sop\r\n---\r\n# VPN appliance notes\r\n\r\nWhen users cannot connect.\r\n',
    insertOnly: true,
  },
  {
    name: 'CRLF front matter: the inserted line has CRLF',
    fix: 'treat-as-sop',
    path: 'notes/vpn.md',
    text: '---\r\ntitle: VPN\r\n---\r\nWhen users cannot connect.\r\n',
    after: '---\r\ntitle: VPN\r\ntype: sop\r\n---\r\nWhen users cannot connect.\r\n',
    insertOnly: true,
  },
  {
    name: 'a byte-order mark stays first: new front matter goes after it',
    fix: 'treat-as-sop',
    path: 'notes/vpn.md',
    text: '\uFEFF# VPN appliance notes\n\nWhen users cannot connect.\n',
    after: '\uFEFF---\ntype: sop\n---\n# VPN appliance notes\n\nWhen users cannot connect.\n',
    insertOnly: true,
  },
  {
    name: 'a byte-order mark before front matter stays',
    fix: 'treat-as-sop',
    path: 'notes/t.md',
    text: '\uFEFF---\ntype: note\n---\nText.\n',
    after: '\uFEFF---\ntype: sop\n---\nText.\n',
  },
  ...['kind', 'doc_type', 'Doc-Type'].map((key): Case => ({
    name: `the alias key ${key} keeps its name`,
    fix: 'not-an-sop',
    path: 'docs/firewall.md',
    text: `---\ntitle: Firewall failover\n${key}: "runbook"\n---\n# Firewall failover\n`,
    after: `---\ntitle: Firewall failover\n${key}: reference\n---\n# Firewall failover\n`,
  })),
  {
    name: 'a type alias a user rubric adds is replaced too',
    fix: 'not-an-sop',
    path: 'docs/ransomware.md',
    text: '---\npage_kind: playbook\n---\n# Ransomware response\n',
    after: '---\npage_kind: reference\n---\n# Ransomware response\n',
    rubric: TEAM_RUBRIC,
  },
  {
    name: 'a folder rule is overridden by new front matter',
    fix: 'not-an-sop',
    path: 'docs/sops/vendor-contacts.md',
    text: '# Vendor contacts\n\n| Vendor | Phone |\n| --- | --- |\n| Acme | 555 |\n',
    after: '---\ntype: reference\n---\n# Vendor contacts\n\n| Vendor | Phone |\n| --- | --- |\n| Acme | 555 |\n',
    insertOnly: true,
  },
  {
    name: 'TOML front matter of a procedure gets type = "reference"',
    fix: 'not-an-sop',
    path: 'content/rotate.md',
    text: '+++\ntitle = "How to rotate the backup key"\n+++\nSteps follow.\n',
    after: '+++\ntitle = "How to rotate the backup key"\ntype = "reference"\n+++\nSteps follow.\n',
    insertOnly: true,
  },
];

function rubricOf(text: string | undefined): Rubric {
  if (!text) return rubric();
  const loaded = loadRubricText(text, 'team.sopmaturity-rubric.yaml', { knownChecks: CHECK_IDS });
  expect(loaded.errors).toEqual([]);
  return loaded.rubric!;
}

describe('Treat as SOP and Not an SOP, applied and audited again', () => {
  it.each(CASES)('$fix: $name', (c) => {
    const r = run(c.fix, c.path, c.text, rubricOf(c.rubric));
    const kind = c.fix === 'treat-as-sop' ? 'procedure' : 'other';
    expect(r.kindBefore).not.toBe(kind);
    expect(r.after).toBe(c.after);
    if (c.insertOnly) insertedOnly(c.text, r.after, r.edits);
    expect({ parsed: r.kindAfter, audited: r.audited, type: r.type }).toEqual({
      parsed: kind,
      audited: kind,
      type: c.fix === 'treat-as-sop' ? 'sop' : 'reference',
    });
    if (c.text.includes('\r\n')) expect(/[^\r]\n/.test(r.after)).toBe(false);
  });

  it('are empty where they would not change the kind', () => {
    expect(run('treat-as-sop', 'docs/sops/patch.md', '# Patching\n\nText.\n').edits).toEqual([]);
    expect(run('not-an-sop', 'docs/glossary.md', '# Glossary\n').edits).toEqual([]);
    // A CHANGELOG is never a procedure (RUBRIC.md): the fix would change the text and nothing else.
    const changelog = run('treat-as-sop', 'CHANGELOG.md', '# Changelog\n\n- 1.0\n');
    expect(changelog.kindBefore).toBe('other');
    expect(changelog.edits).toEqual([]);
  });

  it('are empty when the front matter cannot be read (editing it could break it further)', () => {
    expect(run('treat-as-sop', 'docs/broken.md', '---\ntitle: [unclosed\n---\nText.\n').edits).toEqual([]);
  });

  it('undo each other down to the type value', () => {
    const text = '---\r\ntitle: Server reboot\r\ntype: runbook\r\n---\r\n# Server reboot\r\n';
    const off = run('not-an-sop', 'ops/reboot.md', text);
    const on = run('treat-as-sop', 'ops/reboot.md', off.after);
    expect([off.kindAfter, on.kindAfter]).toEqual(['other', 'procedure']);
    expect(on.after).toBe(text.replace('type: runbook', 'type: sop'));
  });
});

describe('the two corrections as fixes', () => {
  it('have ids and titles, and are never safe (no fix-all, no --fix)', () => {
    expect(FIX_IDS).toEqual(expect.arrayContaining(['treat-as-sop', 'not-an-sop']));
    expect(fixTitle('treat-as-sop')).toBe('Treat as SOP (front matter type: sop)');
    expect(fixTitle('not-an-sop')).toBe('Not an SOP (front matter type: reference)');
    expect(SAFE_FIXES.has('treat-as-sop')).toBe(false);
    expect(SAFE_FIXES.has('not-an-sop')).toBe(false);
  });

  it('on every file of examples/: flip the kind and change nothing after the front matter', () => {
    const root = 'examples';
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(md|markdown)$/.test(name)) files.push(relative(root, full).split('\\').join('/'));
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(20);
    let flipped = 0;
    for (const path of files) {
      const text = readFileSync(join(root, path), 'utf8');
      const doc = parseDocument(path, text, rubric());
      const fix: KindFix = doc.kind === 'procedure' ? 'not-an-sop' : 'treat-as-sop';
      const r = run(fix, path, text);
      if (r.edits.length === 0) continue;
      flipped++;
      expect(r.kindAfter === 'procedure', path).toBe(fix === 'treat-as-sop');
      // Only the front matter changed: the body is byte for byte the same.
      const fmEnd = (t: string) => {
        const end = parseDocument(path, t, rubric()).frontMatter?.range.end.offset;
        return end === undefined ? 0 : end + (/^\r?\n/.exec(t.slice(end))?.[0].length ?? 0);
      };
      expect(r.after.slice(fmEnd(r.after)), path).toBe(text.slice(fmEnd(text)));
      expect(
        r.edits.every((e) => e.end <= fmEnd(text) || e.start === 0),
        path,
      ).toBe(true);
    }
    expect(flipped).toBeGreaterThan(files.length / 2);
  });
});
