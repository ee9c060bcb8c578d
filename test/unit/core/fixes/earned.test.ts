/**
 * A level is earned, never clicked (RUBRIC.md, issue 15, item 7): applying
 * every safe fix to every document, generated or real, never turns a check
 * that needs a person's content from failing to passing; an editing aid
 * inserted as it is (its placeholders left in) turns no check at all from
 * failing to passing. The checklist fix is tested on every real corpus: each
 * task item is its step's first sentence, whole or cut at a word boundary,
 * with its code spans and links intact.
 *
 * The corpora (../shared/corpora) are optional: without them those parts
 * are skipped. Opening one parses it on the engine's worker threads, so
 * dist/worker.js is built first when it is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { markdownProcessor } from '../../../../src/core/parse/parse';
import type { List, Nodes, Paragraph, Root } from 'mdast';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyEdits,
  audit,
  computeFix,
  defaultConfig,
  FIX_CLASS,
  FIX_IDS,
  loadBuiltinRubric,
  SAFE_FIXES,
  Workspace,
} from '../../../../src/core';
import type { FixContext, Report, SopDocument } from '../../../../src/core';
import { stepLists } from '../../../../src/core/fixes/checklist';
import { readTextFile } from '../../../../src/node/discover';
import { CORPORA, openWorkspace, unpackCorpus } from '../../../corpora/open';
import { document } from '../../helpers/fuzz-docs';

const rubric = loadBuiltinRubric();
const AS_OF = '2026-11-01';
const PATH = 'docs/sops/gen.md';

/** Checks that pass only on what a person wrote (RUBRIC.md); `checklist` may pass after add-checklist, which derives it from the steps. */
const HUMAN = [
  'owner',
  'category',
  'review-date',
  'required-sections',
  'verification',
  'prerequisites',
  'metrics',
  'automation',
  'procedure',
  'exemption',
];

/** Safe fixes in the order `--fix` applies them (front matter first). */
const SAFE = FIX_IDS.filter((id) => SAFE_FIXES.has(id));

it('the safe fixes are exactly the fixes of the safe class', () => {
  expect([...SAFE_FIXES].sort()).toEqual(FIX_IDS.filter((id) => FIX_CLASS[id] === 'safe').sort());
  expect(SAFE_FIXES.has('mark-reviewed')).toBe(false);
  expect(SAFE_FIXES.has('add-sections')).toBe(false);
});

/** Checks that fail on a document of a report (procedures only: other documents are not checked). */
function failing(report: Report, path: string): Set<string> | undefined {
  const d = report.documents.find((x) => x.path === path);
  if (!d || d.kind !== 'procedure') return undefined;
  return new Set(d.findings.map((f) => f.check));
}

/** The checks of `among` that failed before and pass after, for one document. */
function newlyPassing(before: Report, after: Report, path: string, among: readonly string[] | undefined): string[] {
  const was = failing(before, path);
  const now = failing(after, path);
  if (!was) return [];
  // A fix that made a procedure something else would drop its findings without earning anything.
  expect(now, `${path} is no longer a procedure`).toBeDefined();
  return [...was].filter((c) => (among === undefined || among.includes(c)) && !now!.has(c));
}

/** Applies every safe fix in turn (each on the text the previous one left, re-read); returns the text and the fixes that changed it. */
function applySafe(text: string, read: (text: string) => SopDocument): { text: string; applied: string[] } {
  const applied: string[] = [];
  for (const fixId of SAFE) {
    const doc = read(text);
    const edits = computeFix(fixId, { text, doc, rubric, asOf: AS_OF });
    if (edits.length === 0) continue;
    text = applyEdits(text, edits);
    applied.push(fixId);
  }
  return { text, applied };
}

function auditOne(text: string): Report {
  return audit({ root: '/r', config: defaultConfig(), rubric, asOf: AS_OF, files: [{ path: PATH, text }] });
}

function readOne(text: string): SopDocument {
  return new Workspace({ root: '/r', config: defaultConfig(), rubric, asOf: AS_OF }).setFile(PATH, text);
}

/** Steps as real documents write them: code spans, links, emphasis, abbreviations, long sentences, questions, lines that wrap. */
const step = fc.constantFrom(
  'Restart the spooler with `net stop spooler && net start spooler`. Wait a minute.',
  'Open [the print console](https://print.example.com/queues?x=1.2). It lists the queues.',
  'Check the **service. Status** and e.g. the event log. Then go on.',
  'Is the queue empty? If not, clear it.',
  'Clear every file in the spool folder and in the folder of the second printer queue, which is where Windows keeps the shadow files of jobs',
  'Copy the new key from `vault kv get secret/billing. key` into the service configuration file on every node of the cluster, then reload the service and watch the error rate for ten minutes.',
  'Run\n   `kubectl get pods -n monitoring`\n   and look for restarts.',
  'Escalate to the on-call engineer (see [the rota][rota]). Note the time.',
  'Confirm with the user.',
  '(to be completed)',
  'First step.',
  'Log in as `admin\\` and open *Settings > Users*.',
);
const stepsDocument = fc
  .tuple(
    fc.constantFrom('', '---\ntitle: Reset\n---\n', '---\nowner: <owner>\ncategory: Printing\n---\n'),
    fc.constantFrom('## Procedure', '## Steps', '## Notes', ''),
    fc.boolean(),
    fc.array(step, { minLength: 1, maxLength: 6 }),
    fc.constantFrom('\n', '\r\n'),
    fc.constantFrom('', '\n## Verification\n\n(to be completed)\n', '\n[rota]: https://oncall.example.com\n'),
  )
  .map(([fm, heading, ordered, steps, eol, tail]) => {
    const intro =
      'When a print queue hangs on the office server, the technician on duty follows these steps and writes in the ticket which queue it was and what was found.';
    const list = steps.map((s, i) => `${ordered ? `${i + 1}.` : '-'} ${s}`).join('\n');
    return `${fm}# Reset a print queue\n\n${intro}\n\n${heading ? `${heading}\n\n` : ''}${list}\n${tail}`.replace(
      /\r?\n/g,
      eol,
    );
  });

/**
 * Generated documents as the engine receives them: without a leading
 * byte-order mark (the readers strip it; parseDocument's contract).
 */
const generated = fc.oneof(document, stepsDocument).filter((t) => !t.startsWith('\uFEFF'));

describe('safe fixes on generated documents', () => {
  it('applying every safe fix turns no check that needs a person from failing to passing (1,000 documents)', () => {
    const counts = new Map<string, number>();
    fc.assert(
      fc.property(generated, (text) => {
        const { text: fixed, applied } = applySafe(text, readOne);
        for (const id of applied) counts.set(id, (counts.get(id) ?? 0) + 1);
        if (applied.length === 0) return;
        expect(
          newlyPassing(auditOne(text), auditOne(fixed), PATH, HUMAN),
          `after ${applied.join(', ')}:\n${fixed}`,
        ).toEqual([]);
      }),
      { numRuns: 1000 },
    );
    // The property saw both fixes at work, not only documents where nothing applies.
    for (const id of SAFE) expect(counts.get(id) ?? 0, `${id} applied`).toBeGreaterThan(20);
  }, 300_000);
});

/** Editing aids with nothing stated: what the quick fix inserts when the author has not typed yet. */
const AIDS: { fixId: string; ctx: Partial<FixContext> }[] = [
  { fixId: 'add-owner', ctx: {} },
  { fixId: 'add-category', ctx: {} },
  { fixId: 'add-exemption', ctx: {} },
  { fixId: 'add-exemption', ctx: { check: 'checklist' } },
  { fixId: 'add-exemption', ctx: { check: 'owner' } },
  ...['required-sections', 'procedure', 'verification', 'prerequisites', 'metrics', 'automation'].map((check) => ({
    fixId: 'add-sections',
    ctx: { sectionsFor: check },
  })),
  { fixId: 'add-sections', ctx: {} },
];

/**
 * Every check that reads what a document says. An aid's heading may make an
 * anchor link to it resolve (`links`): that is structure, not content.
 */
const CONTENT = [...HUMAN, 'checklist'];

describe('editing aids inserted as they are', () => {
  it('turn no check that reads content from failing to passing (300 documents × every aid)', () => {
    let changed = 0;
    fc.assert(
      fc.property(generated, (text) => {
        const before = auditOne(text);
        for (const aid of AIDS) {
          const edits = computeFix(aid.fixId, {
            text,
            doc: readOne(text),
            rubric,
            asOf: AS_OF,
            today: AS_OF,
            ...aid.ctx,
          });
          if (edits.length === 0) continue;
          changed++;
          const fixed = applyEdits(text, edits);
          expect(
            newlyPassing(before, auditOne(fixed), PATH, CONTENT),
            `${aid.fixId} ${JSON.stringify(aid.ctx)}:\n${fixed}`,
          ).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
    expect(changed).toBeGreaterThan(300);
  }, 300_000);
});

// ---------------------------------------------------------------------------
// Real corpora and examples/

/**
 * The PowerShell reference (14,000 files, "a scale corpus, not runbooks")
 * takes minutes to open on a shared machine and holds no procedure a safe
 * fix changes: it runs with SOP_SCALE_CORPORA=1.
 */
const SCALE = /windows-powershell-docs/;
const archives = existsSync(CORPORA)
  ? readdirSync(CORPORA).filter(
      (n) => n.endsWith('.tar.gz') && (process.env.SOP_SCALE_CORPORA === '1' || !SCALE.test(n)),
    )
  : [];

/** A folder audited, every safe fix applied to every document, and audited again. */
interface Applied {
  name: string;
  before: Report;
  after: Report;
  /** Documents each fix changed. */
  counts: Map<string, number>;
  /** Per document changed: its text before and after. */
  changed: Map<string, { before: string; after: string; applied: string[]; doc: SopDocument }>;
}

function applyToFolder(name: string, root: string): Applied {
  const ws = openWorkspace(root);
  const before = ws.report();
  const counts = new Map<string, number>();
  const changed = new Map<string, { before: string; after: string; applied: string[]; doc: SopDocument }>();
  for (const d of before.documents) {
    if (d.kind !== 'procedure') continue;
    const read = readTextFile(root, d.path);
    if (!read.ok) continue;
    const doc = ws.document(d.path)!;
    const { text, applied } = applySafe(read.text, (t) => ws.setFile(d.path, t));
    ws.setFile(d.path, text);
    if (applied.length === 0) continue;
    for (const id of applied) counts.set(id, (counts.get(id) ?? 0) + 1);
    changed.set(d.path, { before: read.text, after: text, applied, doc });
  }
  return { name, before, after: ws.report(), counts, changed };
}

const levels = (r: Report) =>
  `overall ${r.levels.overall}, documentation ${r.levels.documentation}, process ${r.levels.process}`;

function note(a: Applied): string {
  const counts = [...a.counts].map(([id, n]) => `${id}: ${n} document${n === 1 ? '' : 's'}`).join(', ') || 'no change';
  return `${a.name}: levels before ${levels(a.before)}; after every safe fix ${levels(a.after)}; ${counts}`;
}

/** The earned-level assertions for one folder. */
function assertEarned(a: Applied): void {
  for (const path of a.changed.keys()) {
    expect(newlyPassing(a.before, a.after, path, HUMAN), `${a.name}: ${path}`).toEqual([]);
  }
  // Every changed byte is a safe fix's: nothing is replaced, only inserted.
  for (const [path, c] of a.changed) {
    expect(c.after.length, path).toBeGreaterThan(c.before.length);
    expect(c.after).not.toMatch(/\(to be completed\)|<owner>|<category>|<reason>/);
    expect(c.after.match(/last_reviewed|reviewed:/gi)?.length ?? 0, path).toBe(
      c.before.match(/last_reviewed|reviewed:/gi)?.length ?? 0,
    );
  }
}

describe('safe fixes on examples/', () => {
  it('raise no check that needs a person in the sample repository', () => {
    beforeAllWorker();
    const a = applyToFolder('examples', resolve('examples'));
    console.log(note(a));
    assertEarned(a);
    expect(a.changed.size).toBeGreaterThan(0);
  }, 120_000);
});

describe('editing aids on examples/', () => {
  it('inserted as they are, turn no check that reads content from failing to passing in any procedure', () => {
    beforeAllWorker();
    const root = resolve('examples');
    const ws = openWorkspace(root);
    const before = ws.report();
    let tried = 0;
    for (const d of before.documents) {
      if (d.kind !== 'procedure') continue;
      const read = readTextFile(root, d.path);
      if (!read.ok) continue;
      for (const aid of AIDS) {
        const edits = computeFix(aid.fixId, {
          text: read.text,
          doc: ws.setFile(d.path, read.text),
          rubric,
          asOf: AS_OF,
          today: AS_OF,
          ...aid.ctx,
        });
        if (edits.length === 0) continue;
        tried++;
        ws.setFile(d.path, applyEdits(read.text, edits));
        expect(
          newlyPassing(before, ws.report(), d.path, CONTENT),
          `${d.path}: ${aid.fixId} ${JSON.stringify(aid.ctx)}`,
        ).toEqual([]);
      }
      ws.setFile(d.path, read.text);
    }
    expect(tried).toBeGreaterThan(30);
  }, 300_000);
});

/** dist/worker.js, which openWorkspace parses with, built when missing. */
function beforeAllWorker(): void {
  if (!existsSync(resolve('dist', 'worker.js'))) execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'pipe' });
}

// ---------------------------------------------------------------------------
// The checklist's items, checked against the steps by a reading of their own

/** A character of a paragraph as read, and whether it lies inside a code span, link, emphasis or other inline construct. */
interface Char {
  c: string;
  inside: boolean;
}

function readChars(node: Nodes, inside: boolean, out: Char[]): void {
  if (node.type === 'text') for (const c of node.value) out.push({ c: /\s/.test(c) ? ' ' : c, inside });
  else if (node.type === 'inlineCode')
    for (const c of node.value) out.push({ c: /\s/.test(c) ? ' ' : c, inside: true });
  else if (node.type === 'break') out.push({ c: ' ', inside });
  else if (node.type === 'image') for (const c of node.alt ?? '') out.push({ c, inside: true });
  else if ('children' in node) for (const child of node.children as Nodes[]) readChars(child, true, out);
}

/** A paragraph's characters as read, spaces folded to one, trimmed. */
function charsOf(p: Paragraph): Char[] {
  const raw: Char[] = [];
  for (const child of p.children) readChars(child, false, raw);
  const out: Char[] = [];
  for (const ch of raw) if (!(ch.c === ' ' && (out.length === 0 || out[out.length - 1].c === ' '))) out.push(ch);
  while (out.length > 0 && out[out.length - 1].c === ' ') out.pop();
  return out;
}

/**
 * What a step's task item reads as, by the rule of issue 15 (item 4): the
 * first sentence, ended by `.`, `!` or `?` (and closing quotes or brackets)
 * in running text before a space and a word that does not start lower
 * case (a code span, link or emphasis starts with its marker), not after a short abbreviation or an initial; a first sentence
 * longer than 120 characters is cut at the first space of running text at
 * or past 100 characters, with an ellipsis.
 */
function expectedItem(chars: Char[]): string {
  const s = chars.map((x) => x.c).join('');
  let end = s.length;
  for (let i = 0; i < s.length; i++) {
    if (chars[i].inside || !'.!?'.includes(s[i])) continue;
    let j = i;
    while (j + 1 < s.length && '.!?'.includes(s[j + 1]) && !chars[j + 1].inside) j++;
    while (j + 1 < s.length && `"'’”)]`.includes(s[j + 1]) && !chars[j + 1].inside) j++;
    if (s[j + 1] !== ' ') {
      i = j;
      continue;
    }
    // A code span, link or emphasis that follows starts with its marker (`, [, *), which is no lower-case word.
    const next = chars[j + 2]?.inside ? 'X' : s[j + 2];
    const word = s.slice(0, i).split(/[\s(]/).pop() ?? '';
    const abbreviation =
      i === j && s[i] === '.' && /^(?:e\.g|i\.e|vs|cf|approx|incl|fig|no|nr|ca|resp|[A-Za-z])$/i.test(word);
    if (next !== undefined && !/\p{Ll}/u.test(next) && !abbreviation) {
      end = j + 1;
      break;
    }
    i = j;
  }
  const sentence = s.slice(0, end).trim();
  if (sentence.length <= 120) return sentence;
  for (let i = 100; i < end; i++)
    if (s[i] === ' ' && !chars[i].inside)
      return `${s
        .slice(0, i)
        .trimEnd()
        .replace(/[,;:]+$/, '')}…`;
  return sentence;
}

/** Each item's first paragraph of the list that starts at `offset` in a parsed tree (searched through the whole tree). */
function paragraphsOfList(tree: Root, offset: number): Paragraph[] {
  let found: List | undefined;
  const walk = (n: Nodes) => {
    if (found) return;
    if (n.type === 'list' && n.position?.start.offset === offset) found = n;
    else if ('children' in n) for (const c of n.children as Nodes[]) walk(c);
  };
  walk(tree);
  return (found?.children ?? []).flatMap((item) =>
    item.children.filter((c): c is Paragraph => c.type === 'paragraph').slice(0, 1),
  );
}

/** Inline code values and link destinations of a node, in order. */
function spans(node: Nodes, out: string[] = []): string[] {
  if (node.type === 'inlineCode') out.push(`code:${node.value.replace(/\s+/g, ' ')}`);
  if (node.type === 'link') out.push(`link:${node.url}`);
  if ('children' in node) for (const c of node.children as Nodes[]) spans(c, out);
  return out;
}

const examples: string[] = [];

/** Checks the checklist add-checklist appended to one document against the steps it came from. */
function checkChecklist(corpus: string, path: string, before: string, after: string, doc: SopDocument): number {
  const lists = stepLists(doc, rubric);
  expect(lists.length, `${corpus}: ${path} got a checklist without steps`).toBeGreaterThan(0);
  const original = markdownProcessor.parse(before) as Root;
  const steps = lists.flatMap((l) => paragraphsOfList(original, l.range.start.offset));
  const fixed = markdownProcessor.parse(after) as Root;
  // The checklist is appended: the document's last block.
  const appended = fixed.children[fixed.children.length - 1];
  expect(appended?.type, `${corpus}: ${path}`).toBe('list');
  const items = (appended as List).children;
  expect(items.every((i) => i.checked === false)).toBe(true);
  // Placeholder steps give no item: compare each item with the step whose text it starts.
  let k = 0;
  for (const item of items) {
    const p = item.children[0] as Paragraph;
    expect(p?.type, `${corpus}: ${path} item without text`).toBe('paragraph');
    const got = charsOf(p)
      .map((x) => x.c)
      .join('');
    let stepChars: Char[] | undefined;
    while (k < steps.length) {
      const chars = charsOf(steps[k++]);
      if (expectedItem(chars) === got) {
        stepChars = chars;
        break;
      }
    }
    expect(stepChars, `${corpus}: ${path}: item "${got}" is not the first sentence of a step in order`).toBeDefined();
    const whole = stepChars!.map((x) => x.c).join('');
    const kept = got.endsWith('…') ? got.slice(0, -1) : got;
    // Never mid-word: the item ends where the step's text has a space or ends (punctuation dropped before an ellipsis aside).
    const rest = whole.slice(kept.length);
    expect(whole.startsWith(kept), `${corpus}: ${path}: "${got}"`).toBe(true);
    expect(
      rest === '' || /^[,;:]*\s/.test(rest),
      `${corpus}: ${path}: "${got}" ends mid-word ("${rest.slice(0, 20)}")`,
    ).toBe(true);
    // Markdown intact: the code spans and links of the kept part are the step's, whole and in order.
    const stepSpans = spans(steps[k - 1]);
    const itemSpans = spans(p);
    expect(stepSpans.slice(0, itemSpans.length), `${corpus}: ${path}: "${got}"`).toEqual(itemSpans);
    if (got !== whole && itemSpans.length > 0 && !examples.some((e) => e.startsWith(`${corpus},`))) {
      const source = (text: string, n: Nodes) =>
        text.slice(n.position?.start.offset, n.position?.end.offset).replace(/\s+/g, ' ');
      examples.push(
        `${corpus}, ${path}: "${source(before, steps[k - 1]).slice(0, 240)}" → "- [ ] ${source(after, p)}"`,
      );
    }
  }
  return items.length;
}

describe.skipIf(archives.length === 0)('safe fixes on the real corpora (../shared/corpora)', () => {
  beforeAll(() => beforeAllWorker(), 120_000);
  const totals = { documents: 0, items: 0 };

  for (const archive of archives) {
    it(`${archive.replace(/\.tar\.gz$/, '')}: no check that needs a person goes from failing to passing; every checklist item is its step's first sentence`, () => {
      const a = applyToFolder(archive.replace(/\.tar\.gz$/, ''), unpackCorpus(archive));
      console.log(note(a));
      assertEarned(a);
      for (const [path, c] of a.changed) {
        if (!c.applied.includes('add-checklist')) continue;
        totals.documents++;
        totals.items += checkChecklist(a.name, path, c.before, c.after, c.doc);
      }
    }, 600_000);
  }

  it('prints three real checklist items for the note', () => {
    console.log(`checklist items checked: ${totals.items} in ${totals.documents} documents`);
    // One example a corpus, of a step cut to its first sentence (or at a word) that keeps a code span or a link.
    for (const e of examples) console.log(`  ${e}`);
    expect(totals.items).toBeGreaterThan(0);
  });
});
