/**
 * The shingle postings of `one-version`: the same answers as a map of arrays, through growth, removals and reuse of
 * removed places.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Postings } from '../../../../src/core/checks/postings';

/** The reference: what `one-version` kept before, a map from hash to the slots in the order added. */
class Reference {
  readonly map = new Map<number, number[]>();
  add(h: number, s: number): void {
    const p = this.map.get(h);
    if (p) p.push(s);
    else this.map.set(h, [s]);
  }
  remove(h: number, s: number): void {
    const p = this.map.get(h);
    if (!p) return;
    const i = p.indexOf(s);
    if (i >= 0) p.splice(i, 1);
    if (p.length === 0) this.map.delete(h);
  }
}

const asList = (v: number | readonly number[] | undefined): number[] =>
  v === undefined ? [] : typeof v === 'number' ? [v] : [...v];

describe('Postings', () => {
  it('answers like a map of arrays after any sequence of adds and removes', () => {
    // Few distinct hashes (so that lists form and empty again) and many (so that the table grows past its start).
    const op = fc.record({
      add: fc.boolean(),
      hash: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 0xffffffff })),
      slot: fc.integer({ min: 0, max: 6 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
        const table = new Postings();
        const ref = new Reference();
        const seen = new Set<number>();
        for (const o of ops) {
          seen.add(o.hash);
          if (o.add) {
            // A document holds a hash once: add only what it does not hold yet, as one-version does.
            if (ref.map.get(o.hash)?.includes(o.slot)) continue;
            table.add(o.hash, o.slot);
            ref.add(o.hash, o.slot);
          } else {
            table.remove(o.hash, o.slot);
            ref.remove(o.hash, o.slot);
          }
        }
        for (const h of seen) {
          expect(table.count(h)).toBe(ref.map.get(h)?.length ?? 0);
          expect(asList(table.slots(h))).toEqual(ref.map.get(h) ?? []);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('holds a hundred thousand hashes, one slot each, and forgets them on clear', () => {
    const table = new Postings();
    for (let h = 0; h < 100_000; h++) table.add((h * 2654435761) >>> 0, h);
    for (let h = 0; h < 100_000; h += 997) expect(table.slots((h * 2654435761) >>> 0)).toBe(h);
    expect(table.count(12345)).toBe(0);
    table.clear();
    expect(table.count((5 * 2654435761) >>> 0)).toBe(0);
    table.add(7, 1);
    expect(table.slots(7)).toBe(1);
  });
});
