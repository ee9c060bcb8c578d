/**
 * The central folder kept procedure by procedure (`CentralFolderCounts`) is
 * the folder `defaultCentralFolder` finds over all procedures, after every
 * procedure added or removed: highest count, ties to the shallowest then
 * alphabetical, and only with at least half of all procedures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CentralFolderCounts, defaultCentralFolder } from '../../../../src/core/audit/central';
import type { SopDocument } from '../../../../src/core';

const NAMES = ['docs', 'sops', 'runbooks', 'kb', 'Wiki'];

/** Just what the default rule reads of a procedure: its path. */
function procedures(paths: Iterable<string>): SopDocument[] {
  return [...paths].map((path) => ({ path }) as SopDocument);
}

const FOLDERS = ['', 'docs/', 'sops/', 'docs/sops/', 'sops/docs/', 'DOCS/', 'a/docs/', 'b/sops/', 'kb/', 'wiki/x/'];
const FILES = ['a.md', 'b.md', 'c.md', 'd.md'];

describe('central folder by the default rule', () => {
  it('picks the folder with most procedures, the shallowest and first on ties, and none below half', () => {
    const rule = (paths: string[]) => defaultCentralFolder(procedures(paths), NAMES);
    expect(rule([])).toBe('');
    expect(rule(['docs/a.md', 'sops/b.md'])).toBe('docs');
    expect(rule(['sops/a.md', 'docs/b.md', 'sops/c.md'])).toBe('sops');
    expect(rule(['docs/sops/a.md', 'docs/sops/b.md'])).toBe('docs');
    expect(rule(['docs/a.md', 'sops/b.md', 'kb/c.md', 'wiki/x/d.md', 'e.md'])).toBe('');
    expect(rule(['docs/a.md', 'sops/b.md', 'e.md', 'f.md'])).toBe('');
    expect(rule(['docs/a.md', 'docs/b.md', 'e.md', 'f.md'])).toBe('docs');
    expect(rule(['DOCS/a.md', 'docs/b.md'])).toBe('DOCS');
  });

  it('kept procedure by procedure, it is the folder a pass over every procedure finds', () => {
    const path = fc.tuple(fc.constantFrom(...FOLDERS), fc.constantFrom(...FILES)).map(([f, n]) => f + n);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), path), { maxLength: 60 }), (steps) => {
        const counts = new CentralFolderCounts(NAMES);
        const held = new Set<string>();
        for (const [add, p] of steps) {
          if (add && !held.has(p)) {
            held.add(p);
            counts.add(p, 1);
          } else if (!add && held.has(p)) {
            held.delete(p);
            counts.add(p, -1);
          } else continue;
          expect(counts.folder).toBe(defaultCentralFolder(procedures(held), NAMES));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('asked only now and then, it still follows every change', () => {
    const counts = new CentralFolderCounts(NAMES);
    for (const f of ['docs/a.md', 'docs/b.md', 'sops/a.md']) counts.add(f, 1);
    expect(counts.folder).toBe('docs');
    counts.add('docs/a.md', -1);
    counts.add('docs/b.md', -1);
    counts.add('sops/b.md', 1);
    expect(counts.folder).toBe('sops');
    counts.add('x.md', 1);
    counts.add('y.md', 1);
    counts.add('z.md', 1);
    expect(counts.folder).toBe('');
    counts.add('z.md', -1);
    expect(counts.folder).toBe('sops');
  });
});
