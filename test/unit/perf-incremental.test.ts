/**
 * The incremental report (verdicts kept per document, the one-version index
 * kept up to date, workspace-check results reused) must equal, byte for
 * byte, a report built from scratch over the same files after every kind of
 * change: edits, additions, removals, owner files, headings that links
 * point at, files appearing on disk, and one-version clashes that come and go
 * (also through a shingle posting crossing the candidate limit).
 */
import { describe, expect, it } from 'vitest';
import { Workspace, defaultConfig, loadBuiltinRubric } from '../../src/core';

const rubric = loadBuiltinRubric();
const config = defaultConfig();
const asOf = '2026-11-23';

function sop(title: string, opts: { owner?: string; body?: string; links?: string[]; heading?: string; reviewed?: string } = {}): string {
  const fm = ['---', `title: ${title}`, ...(opts.owner ? [`owner: ${opts.owner}`] : []), ...(opts.reviewed ? [`reviewed: ${opts.reviewed}`] : []), 'type: sop', '---', ''];
  return [
    ...fm,
    `# ${title}`,
    '',
    opts.body ?? `How to ${title.toLowerCase()} safely and the same way every time.`,
    '',
    '## Prerequisites',
    '',
    ...(opts.links ?? []).map((l) => `- [link](${l})`),
    '',
    `## ${opts.heading ?? 'Procedure'}`,
    '',
    '1. Open the console.',
    '2. Run the job.',
    '',
    '- [ ] Check the result',
    '',
    '## Verification',
    '',
    'Confirm the job finished.',
    '',
  ].join('\n');
}

/** A workspace under test and the files it should hold. */
class Harness {
  readonly files = new Map<string, string>();
  readonly owners = new Map<string, string>();
  readonly disk = new Set<string>();
  readonly ws = this.make();

  private make(): Workspace {
    return new Workspace({ root: '/repo', config, rubric, asOf, fileExists: (p) => this.exists(p) });
  }

  private exists(p: string): boolean {
    if (this.disk.has(p) || this.files.has(p)) return true;
    const prefix = p === '' ? '' : `${p}/`;
    return [...this.files.keys(), ...this.disk].some((f) => f.startsWith(prefix));
  }

  set(path: string, text: string): void {
    this.files.set(path, text);
    this.ws.setFile(path, text);
  }

  remove(path: string): void {
    this.files.delete(path);
    this.ws.removeFile(path);
  }

  owner(path: string, text: string | undefined): void {
    if (text === undefined) this.owners.delete(path);
    else this.owners.set(path, text);
    this.ws.setOwnerFile(path, text);
  }

  /** The incremental report and one from scratch, as JSON. */
  both(): { incremental: string; scratch: string } {
    const fresh = this.make();
    for (const [p, t] of this.owners) fresh.setOwnerFile(p, t);
    // A different insertion order than the incremental workspace's.
    for (const p of [...this.files.keys()].reverse()) fresh.setFile(p, this.files.get(p) as string);
    return { incremental: JSON.stringify(this.ws.report()), scratch: JSON.stringify(fresh.report()) };
  }

  check(): string {
    const { incremental, scratch } = this.both();
    expect(incremental).toBe(scratch);
    return incremental;
  }
}

function words(seed: number, n: number): string {
  const vocab = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima', 'mike', 'november', 'oscar', 'papa', 'quebec', 'romeo', 'sierra', 'tango', 'uniform', 'victor', 'whiskey', 'xray', 'yankee', 'zulu'];
  let a = seed >>> 0;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    a = (Math.imul(a ^ (a >>> 15), 2246822507) + 0x9e3779b9 + i) >>> 0;
    out.push(`${vocab[a % vocab.length]}${a % 97}`);
  }
  return out.join(' ');
}

describe('incremental report', () => {
  it('equals a report from scratch after edits, additions, removals and owner changes', () => {
    const h = new Harness();
    const dir = 'docs/sops';
    h.disk.add('.git');
    for (let i = 1; i <= 6; i++) {
      h.set(`${dir}/sop-${i}.md`, sop(`Task ${i} ${words(i, 3)}`, { owner: i % 2 ? 'Dana' : undefined, reviewed: i % 3 ? '2026-06-01' : undefined, body: words(100 + i, 60), links: [`sop-${(i % 6) + 1}.md#procedure`, 'img/diagram.png'] }));
    }
    h.set(`${dir}/README.md`, ['# Procedures', '', ...[1, 2, 3, 4, 5].map((i) => `- [SOP ${i}](sop-${i}.md)`), ''].join('\n'));
    h.owner('CODEOWNERS', 'docs/ @ops-team\n');
    const first = h.check();
    expect(first).toContain('sop-6.md');

    // A body edit, then an edit back.
    h.set(`${dir}/sop-1.md`, sop('Task 1 edited', { body: words(999, 60), links: ['sop-2.md#procedure'] }));
    h.check();
    // A heading other documents link to goes away (their anchors break), then comes back.
    h.set(`${dir}/sop-3.md`, sop(`Task 3 ${words(3, 3)}`, { body: words(103, 60), heading: 'Steps', links: ['sop-4.md#procedure'] }));
    h.check();
    h.set(`${dir}/sop-3.md`, sop(`Task 3 ${words(3, 3)}`, { body: words(103, 60), links: ['sop-4.md#procedure'] }));
    h.check();
    // The image appears on disk: only a fresh probe sees it.
    h.disk.add(`${dir}/img/diagram.png`);
    h.check();
    h.disk.delete(`${dir}/img/diagram.png`);
    h.check();
    // Additions and removals (a link target disappears).
    h.set(`${dir}/sop-7.md`, sop('Task seven', { body: words(107, 60), links: ['sop-1.md'] }));
    h.check();
    h.remove(`${dir}/sop-2.md`);
    h.check();
    h.set(`${dir}/sop-2.md`, sop('Task two again', { body: words(102, 60) }));
    h.check();
    // Owner files change and go.
    h.owner('CODEOWNERS', 'docs/sops/sop-2.md @other\n');
    h.check();
    h.owner('docs/sops/OWNERS', 'ops-lead\n');
    h.check();
    h.owner('CODEOWNERS', undefined);
    h.remove('docs/sops/OWNERS');
    h.owners.delete('docs/sops/OWNERS');
    h.check();
    // The index loses and regains links (kb-index reachability).
    h.set(`${dir}/README.md`, '# Procedures\n\n- [SOP 1](sop-1.md)\n');
    h.check();
    h.set(`${dir}/README.md`, ['# Procedures', '', ...[1, 2, 3, 4, 5, 6, 7].map((i) => `- [SOP ${i}](sop-${i}.md)`), ''].join('\n'));
    h.check();

    // one-version: a copy of sop-5's text clashes, an edit ends the clash; a same-title twin clashes too.
    const five = h.files.get(`${dir}/sop-5.md`) as string;
    h.set(`${dir}/copy/sop-5-copy.md`, five.replace(/^title: .*$/m, 'title: Another title').replace(/^# .*$/m, '# Another title'));
    const clash = h.check();
    expect(clash).toContain('Competing version of docs/sops/copy/sop-5-copy.md');
    expect(clash).toContain('% the same text');
    h.set(`${dir}/copy/sop-5-copy.md`, sop('Another title', { body: words(555, 60) }));
    expect(h.check()).not.toContain('Competing version');
    h.set(`${dir}/copy/sop-1-twin.md`, sop('Task 1 edited', { body: words(1234, 60) }));
    expect(h.check()).toContain('same title');
    // An exact copy: the same title wins over the same text.
    h.set(`${dir}/copy/sop-5-copy.md`, five);
    expect(h.check()).toContain('docs/sops/copy/sop-5-copy.md (same title)');
    h.remove(`${dir}/sop-5.md`);
    h.remove(`${dir}/copy/sop-1-twin.md`);
    expect(h.check()).not.toContain('Competing version');
    // A document that stops being a readable procedure (too large is skipped) and comes back.
    h.set(`${dir}/sop-6.md`, 'x'.repeat(config.maxFileBytes + 10));
    h.check();
    h.set(`${dir}/sop-6.md`, sop('Task 6 back', { body: words(106, 60) }));
    h.check();
  });

  it('follows a shingle posting across the candidate limit', () => {
    const h = new Harness();
    const boiler = words(7, 200);
    const dir = 'docs/sops';
    // Two near-copies that share only the boilerplate, and others with the same boilerplate and their own text.
    h.set(`${dir}/x.md`, `# X\n\n${boiler} xone xtwo\n`);
    h.set(`${dir}/y.md`, `# Y\n\n${boiler} yone ytwo\n`);
    for (let i = 0; i < 198; i++) h.set(`${dir}/o-${String(i).padStart(3, '0')}.md`, `# O ${i}\n\n${boiler} ${words(1000 + i, 50)}\n`);
    const short = h.check();
    h.set(`${dir}/o-new.md`, `# O new\n\n${boiler} ${words(5000, 50)}\n`);
    const long = h.check();
    h.remove(`${dir}/o-new.md`);
    expect(h.check()).toBe(short);
    // The clash of x and y depends on whether the boilerplate postings count.
    expect(short.includes('docs/sops/y.md (') !== long.includes('docs/sops/y.md (')).toBe(true);
  });
});
