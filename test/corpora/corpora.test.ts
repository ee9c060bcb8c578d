/**
 * The real-repository regression suite: for each public runbook corpus in
 * ../shared/corpora that has an expectations file (test/corpora/expectations/),
 * audits it with the built CLI and with the engine in-process, and compares
 * the audit with labels written by reading the files: which documents are
 * procedures, which sections they have, which links work and which are
 * broken, and the level range an operations lead expects. Skipped cleanly
 * when the corpora are absent.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadBuiltinRubric, type Report, type SopDocument } from '../../src/core';
import type { WorkspaceFacts } from '../../src/core/checks/check';
import { documentSections } from '../../src/core/parse/sections';
import { linkCandidates } from '../../src/core/audit/links';
import { linkProblem } from '../../src/core/checks/links';
import { CORPORA, AS_OF, openWorkspace, unpackCorpus } from './open';

interface Expectations {
  corpus: string;
  sample: string;
  levels: Record<'overall' | 'documentation' | 'process', [number, number]> & { why: string };
  documents: { path: string; procedure: boolean; stub?: boolean; sections?: string[]; why: string }[];
  links: {
    working?: { from: string; url: string }[];
    broken?: { from: string; url: string; reason: 'file' | 'anchor' }[];
    template?: { from: string; url: string }[];
  };
}

const EXPECTATIONS = resolve('test', 'corpora', 'expectations');
const labelled = existsSync(EXPECTATIONS) ? readdirSync(EXPECTATIONS).filter((n) => n.endsWith('.yaml')) : [];
const available = labelled.filter((n) => existsSync(join(CORPORA, n.replace(/\.yaml$/, '.tar.gz'))));

/**
 * The targets of issue 13 are 90% agreement and 90% procedure recall. All
 * corpora together meet them, and so does each corpus but the PUL IT
 * handbook, which writes many procedures as prose that no rule of RUBRIC.md
 * sees (see the disagreements printed). The test prints each target's state
 * and fails below these floors, so that no change of the rules makes the
 * reading of a corpus worse than it is now.
 */
const TARGET = 0.9;
const MIN_AGREEMENT = 0.8;
const MIN_RECALL = 0.75;
const MIN_POOLED_AGREEMENT = 0.9;
const MIN_POOLED_RECALL = 0.9;
const pooled = { labelled: 0, agree: 0, procedures: 0, found: 0 };

function cliReport(root: string): Report {
  const out = execFileSync(
    process.execPath,
    ['dist/cli.js', 'audit', root, '--format', 'json', '--as-of', AS_OF, '--quiet', '--no-cache'],
    { encoding: 'utf8', maxBuffer: 256 << 20 },
  );
  return JSON.parse(out) as Report;
}

describe.skipIf(available.length === 0)('real corpora against labels (../shared/corpora)', () => {
  for (const file of available) {
    const expect_ = parse(readFileSync(join(EXPECTATIONS, file), 'utf8')) as Expectations;
    describe(expect_.corpus, () => {
      let root = '';
      let report: Report;
      let docs: ReadonlyMap<string, SopDocument>;
      let ws: WorkspaceFacts;

      it('audits with the CLI and in-process alike, without an engine error', () => {
        root = unpackCorpus(`${expect_.corpus}.tar.gz`);
        report = cliReport(root);
        const opened = openWorkspace(root);
        const inProcess = opened.report();
        ws = opened.facts();
        docs = ws.docs;
        expect(inProcess.levels).toEqual(report.levels);
        expect(inProcess.summary).toEqual(report.summary);
        const engine = report.errors.filter((e) => /could not be parsed|internal/i.test(e.message));
        expect(engine).toEqual([]);
        const sideSteps = (side: string) =>
          report.nextSteps
            .filter((s) => (s as { side?: string }).side === side)
            .slice(0, 3)
            .map((s) => `[${s.level}] ${s.id} (${s.documentsToFix})`);
        console.log(
          `${expect_.corpus}: ${report.summary.documents} documents, ${report.summary.procedures} procedures, ${report.summary.stubs} stubs; ` +
            `overall ${report.levels.overall}, documentation ${report.levels.documentation}, process ${report.levels.process}\n` +
            `  documentation steps: ${sideSteps('documentation').join('; ') || '-'}\n  process steps: ${sideSteps('process').join('; ') || '-'}`,
        );
      }, 900_000);

      it('classifies documents as the labels do (agreement and procedure recall at least 90%)', () => {
        const byPath = new Map(report.documents.map((d) => [d.path, d]));
        const wrong: string[] = [];
        let agree = 0;
        let procedures = 0;
        let found = 0;
        let stubsAgree = 0;
        for (const d of expect_.documents) {
          // A file the audit does not read (in a hidden folder such as .github/) is not a procedure to it.
          const got = byPath.get(d.path);
          const isProcedure = got?.kind === 'procedure';
          if (isProcedure === d.procedure) agree++;
          else
            wrong.push(
              `  ${d.procedure ? 'missed procedure' : 'false procedure'}: ${d.path} — engine: ${got?.kindReason ?? 'not audited'}; label: ${d.why}`,
            );
          if (d.procedure) {
            procedures++;
            if (isProcedure) found++;
          }
          if (Boolean(got?.stub) === Boolean(d.stub)) stubsAgree++;
        }
        const agreement = agree / expect_.documents.length;
        const recall = procedures === 0 ? 1 : found / procedures;
        pooled.labelled += expect_.documents.length;
        pooled.agree += agree;
        pooled.procedures += procedures;
        pooled.found += found;
        const met = agreement >= TARGET && recall >= TARGET ? 'target met' : 'target of 90% not met';
        console.log(
          `${expect_.corpus}: classification ${agree}/${expect_.documents.length} (${Math.round(agreement * 100)}%), procedure recall ${found}/${procedures} (${Math.round(recall * 100)}%), stubs ${stubsAgree}/${expect_.documents.length}; ${met}` +
            (wrong.length > 0 ? `\n${wrong.join('\n')}` : ''),
        );
        expect(agreement).toBeGreaterThanOrEqual(MIN_AGREEMENT);
        expect(recall).toBeGreaterThanOrEqual(MIN_RECALL);
      });

      it('recognises every labelled section', () => {
        const missing: string[] = [];
        let total = 0;
        for (const d of expect_.documents) {
          if (!d.sections) continue;
          const doc = docs.get(d.path);
          expect(doc, d.path).toBeDefined();
          const have = documentSections(doc as SopDocument, loadBuiltinRubric());
          for (const s of d.sections) {
            total++;
            if (!have.includes(s))
              missing.push(
                `  ${d.path}: ${s} (headings: ${(doc as SopDocument).headings
                  .filter((h) => h.depth <= 6)
                  .map((h) => h.text)
                  .join(' | ')})`,
              );
          }
        }
        console.log(
          `${expect_.corpus}: sections ${total - missing.length}/${total} recognised${missing.length > 0 ? `\n${missing.join('\n')}` : ''}`,
        );
        expect(missing).toEqual([]);
      });

      it('finds no problem with a working link, every broken link with its reason, and leaves template links alone', () => {
        const wrong: string[] = [];
        const linkOf = (from: string, url: string) => {
          const doc = docs.get(from);
          const link = doc?.links.find((l) => l.url === url);
          if (!doc || !link)
            wrong.push(`  label not found: ${from} ${url} (links: ${doc?.links.map((l) => l.url).join(', ')})`);
          return doc && link ? { doc, link } : undefined;
        };
        const { working = [], broken = [], template = [] } = expect_.links;
        for (const l of working) {
          const found = linkOf(l.from, l.url);
          const problem = found && linkProblem(found.doc, found.link, ws);
          if (problem) wrong.push(`  reported but works: ${l.from} ${l.url} (${problem.why})`);
        }
        for (const l of broken) {
          const found = linkOf(l.from, l.url);
          const problem = found && linkProblem(found.doc, found.link, ws);
          if (found && !problem) wrong.push(`  broken but not reported: ${l.from} ${l.url} (${l.reason})`);
          else if (problem && problem.reason !== l.reason)
            wrong.push(`  wrong reason: ${l.from} ${l.url}: ${problem.reason} (${problem.why}), label ${l.reason}`);
        }
        for (const l of template) {
          const found = linkOf(l.from, l.url);
          if (found && linkCandidates(found.doc.path, found.link, ws.site) !== 'template')
            wrong.push(`  template link checked: ${l.from} ${l.url}`);
        }
        console.log(
          `${expect_.corpus}: links ${working.length} working, ${broken.length} broken, ${template.length} template labelled; ${wrong.length} disagreements${wrong.length > 0 ? `\n${wrong.join('\n')}` : ''}`,
        );
        expect(wrong).toEqual([]);
      });

      it('lands in the level range an operations lead expects', () => {
        const { levels } = report;
        const out = (['overall', 'documentation', 'process'] as const).filter(
          (k) => levels[k] < expect_.levels[k][0] || levels[k] > expect_.levels[k][1],
        );
        console.log(
          `${expect_.corpus}: levels ${levels.overall}/${levels.documentation}/${levels.process}, expected ${JSON.stringify([expect_.levels.overall, expect_.levels.documentation, expect_.levels.process])}: ${expect_.levels.why}`,
        );
        expect(out).toEqual([]);
      });
    });
  }

  it('agrees with the labels of all corpora together', () => {
    const agreement = pooled.agree / pooled.labelled;
    const recall = pooled.found / pooled.procedures;
    console.log(
      `all corpora: classification ${pooled.agree}/${pooled.labelled} (${(agreement * 100).toFixed(1)}%), procedure recall ${pooled.found}/${pooled.procedures} (${(recall * 100).toFixed(1)}%)`,
    );
    expect(pooled.labelled).toBeGreaterThan(0);
    expect(agreement).toBeGreaterThanOrEqual(MIN_POOLED_AGREEMENT);
    expect(recall).toBeGreaterThanOrEqual(MIN_POOLED_RECALL);
  });
});
