import type { SopDocument } from '../types';
import type { WorkspaceCheck, WorkspaceDocFinding } from './check';
import { docRange, param } from './check';
import { SKETCH_SIZE } from '../parse';

/** Postings longer than this (boilerplate shingles shared by many documents) do not propose candidates. */
const MAX_POSTING = 200;

/** Title normalised for clashes: lower case, no punctuation, without the words sop/runbook/procedure. */
export function normalizedTitle(title: string, ignore: readonly string[]): string {
  const words = title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').split(' ').filter((w) => w && !ignore.includes(w));
  return words.join(' ');
}

/** Jaccard similarity estimated from two sorted bottom-k sketches (exact when both are shorter than k). */
export function sketchSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let union = 0;
  let both = 0;
  while (union < SKETCH_SIZE && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) i++;
    else if (i >= a.length || b[j] < a[i]) j++;
    else {
      both++;
      i++;
      j++;
    }
    union++;
  }
  return union === 0 ? 0 : both / union;
}

/** `one-version`: no two procedures share a title or most of their body. */
export const oneVersion: WorkspaceCheck = {
  id: 'one-version',
  scope: 'workspace',
  run(ctx) {
    const docs = ctx.ws.procedures;
    const ignore = param(ctx.params, 'ignoreTitleWords', ['sop', 'runbook', 'procedure']);
    const threshold = param(ctx.params, 'similarity', 0.9);
    const twins = new Map<string, Map<string, string>>();
    const addTwin = (a: SopDocument, b: SopDocument, why: string) => {
      if (!twins.has(a.path)) twins.set(a.path, new Map());
      if (!twins.get(a.path)?.has(b.path)) twins.get(a.path)?.set(b.path, why);
    };

    const byTitle = new Map<string, SopDocument[]>();
    for (const d of docs) {
      const t = d.title ? normalizedTitle(d.title, ignore) : '';
      if (t) byTitle.set(t, [...(byTitle.get(t) ?? []), d]);
    }
    for (const group of byTitle.values()) {
      for (const a of group) for (const b of group) if (a !== b) addTwin(a, b, 'same title');
    }

    const postings = new Map<number, number[]>();
    docs.forEach((d, i) => {
      for (const h of d.shingles) {
        const p = postings.get(h);
        if (p) p.push(i);
        else postings.set(h, [i]);
      }
    });
    docs.forEach((a, i) => {
      const shared = new Map<number, number>();
      for (const h of a.shingles) {
        const p = postings.get(h) as number[];
        if (p.length > MAX_POSTING) continue;
        for (const j of p) if (j > i) shared.set(j, (shared.get(j) ?? 0) + 1);
      }
      for (const [j, n] of shared) {
        const b = docs[j];
        if (n < threshold * 0.5 * Math.min(a.shingles.length, b.shingles.length)) continue;
        const sim = sketchSimilarity(a.shingles, b.shingles);
        if (sim >= threshold) {
          const why = `${Math.round(sim * 100)}% the same text`;
          addTwin(a, b, why);
          addTwin(b, a, why);
        }
      }
    });

    const findings: WorkspaceDocFinding[] = [];
    for (const [path, others] of twins) {
      const doc = ctx.ws.docs.get(path) as SopDocument;
      const list = [...others.entries()];
      findings.push({
        path,
        message: `Competing version of ${list.map(([p, why]) => `${p} (${why})`).join(', ')}: keep one procedure and merge or remove the other`,
        range: docRange(doc),
        related: list.map(([p, why]) => {
          const other = ctx.ws.docs.get(p);
          return { path: p, range: other ? docRange(other) : undefined, message: `other version (${why})` };
        }),
      });
    }
    findings.sort((a, b) => (a.path < b.path ? -1 : 1));
    const clashes = findings.length;
    return {
      pass: clashes === 0,
      detail: clashes === 0 ? 'No competing versions of a procedure' : `${clashes} procedures have a competing version`,
      documentsToFix: Math.ceil(clashes / 2),
      paths: findings.map((f) => f.path),
      findings,
    };
  },
};
