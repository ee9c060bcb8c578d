// The built-in rubric is read without the schema validator (it is our own file): these tests
// are what keeps that safe, by reading it the way a user's rubric is read and comparing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS, loadBuiltinRubric, loadRubricText } from '../../../../src/core';
import { loadValidatedBuiltinRubric } from '../../../../src/core/rubric/load';

describe('the built-in rubric', () => {
  it('is valid against the rubric schema and names only checks the engine implements', () => {
    const text = readFileSync(new URL('../../../../rubrics/oml.yaml', import.meta.url), 'utf8');
    const { rubric, errors } = loadRubricText(text, 'rubrics/oml.yaml', { knownChecks: CHECK_IDS });
    expect(errors).toEqual([]);
    expect(rubric?.checks.length).toBeGreaterThan(10);
  });

  it('read quickly is the same rubric, fingerprint included, as read with validation', () => {
    const fast = loadBuiltinRubric();
    const validated = loadValidatedBuiltinRubric();
    expect(fast).toEqual(validated);
    expect(fast.fingerprint).toBe(validated.fingerprint);
    expect(fast.source).toBe('builtin');
  });
});
