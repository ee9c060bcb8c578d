/**
 * The fix registry: one file per fix, each registered under its own id, with
 * a class and a title; every fix id a check's verdict names is registered.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXES, FIX_CLASS, FIX_IDS, SAFE_FIXES, computeFix, fixClass, fixTitle } from '../../../../src/core/fixes';
import { AS_OF, rubric, workspaceOf } from '../../helpers/audit';

describe('fix registry', () => {
  it('holds every fix id once, under its own id, with its class and title', () => {
    expect(new Set(FIX_IDS).size).toBe(FIX_IDS.length);
    for (const id of FIX_IDS) {
      expect(FIXES[id].id).toBe(id);
      expect(FIX_CLASS[id]).toBe(FIXES[id].class);
      expect(fixClass(id)).toBe(FIXES[id].class);
      expect(fixTitle(id)).toBe(FIXES[id].title);
    }
    expect([...SAFE_FIXES].sort()).toEqual(['add-checklist', 'add-front-matter']);
    // Ids from outside the engine (a command's arguments) are strings: an unknown one is nothing.
    expect(fixClass('no-such-fix')).toBeUndefined();
    expect(fixTitle('no-such-fix')).toBe('no-such-fix');
  });

  it('every fix id a check names is registered', () => {
    const named = readdirSync('src/core/checks')
      .map((f) => readFileSync(`src/core/checks/${f}`, 'utf8'))
      .flatMap((text) => [...text.matchAll(/fixes(?:: FixId\[\])? = \[([^\]]*)\]|fixes: \[([^\]]*)\]/g)])
      .flatMap((m) => (m[1] ?? m[2]).split(',').map((s) => s.trim().replace(/^'|'$/g, '')))
      .filter(Boolean);
    expect(named.length).toBeGreaterThan(5);
    for (const id of named) expect(FIX_IDS as readonly string[]).toContain(id);
  });

  it('the move has no edits of its own, and an unknown fix changes nothing', () => {
    const text = '---\ntitle: A\n---\n\n# A\n\n1. one\n2. two\n';
    const doc = workspaceOf({ 'notes/a.md': text }).document('notes/a.md')!;
    expect(computeFix('move-to-central', { text, doc, rubric: rubric(), asOf: AS_OF })).toEqual([]);
    expect(computeFix('no-such-fix', { text, doc, rubric: rubric(), asOf: AS_OF })).toEqual([]);
  });
});
